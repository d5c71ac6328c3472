"""Edge cases of the fast paths in the casing and long-sentence checks.

Each check looks only where a finding can be (sentence_case: a lower-case letter after a line
break or a sentence end; name_case: a title followed by a lower-case word; metric: a block
whose byte shapes allow more words than the limit). These cases sit on the edges of those
shortcuts and must be found exactly as the plain per-block logic finds them.
"""

from __future__ import annotations

from newslint.checks import metric, name_case, sentence_case, word_case
from newslint.document import Document

PROSE = ("headline", "heading", "paragraph")


def _hits(check, text: str, path: str = "a.txt", kinds: tuple[str, ...] = PROSE) -> list[str]:
    doc = Document(text, path)
    blocks = [b for b in doc.blocks if b.kind in kinds]
    return [text[h.start : h.end] for h in check.run(doc, blocks)]


def test_sentence_case_block_not_at_a_line_start() -> None:
    check = sentence_case.Check(sentence_case.Options())
    text = "Vote held\n\n  the council approved the plan on Monday.\n"
    assert _hits(check, text) == ["the"]


def test_sentence_case_after_a_numbered_lead_and_a_closing_quote() -> None:
    check = sentence_case.Check(sentence_case.Options())
    text = (
        "Vote held\n\nThe council met. (2) the plan passed. "
        "“It is done.” she said. “Yes.” we agreed.\n"
    )
    assert _hits(check, text) == ["the"]


def test_sentence_case_markdown_heading_start() -> None:
    check = sentence_case.Check(sentence_case.Options(min_words=1))
    text = "# Title\n\n## the council approved the plan.\n\nIt met. the end came.\n"
    assert _hits(check, text, "a.md") == ["the", "the"]


def test_name_case_counts_only_mid_sentence_capitals() -> None:
    check = name_case.Check(name_case.Options(titles=["Mayor"], common_words=["said"]))
    at_start = "Budget\n\nMayor jane smith-jones spoke. Smith-Jones left.\n"
    assert _hits(check, at_start) == []
    mid = "Budget\n\nMayor jane smith-jones spoke. Later, Smith-Jones left.\n"
    assert _hits(check, mid) == ["jane smith-jones"]


def test_name_case_a_run_starting_with_a_common_word() -> None:
    check = name_case.Check(name_case.Options(titles=["Mayor"], common_words=["said"]))
    text = "Budget\n\nThe Mayor said austin would stay. Later, Austin left.\n"
    assert _hits(check, text) == []


def _long_sentence(words: int, word: str = "word") -> str:
    return "Headline\n\n" + " ".join([word] * words) + ". Short one.\n"


def test_long_sentence_limits_on_both_sides() -> None:
    check = metric.Check(metric.Options("words_per_sentence", max=50, per="sentence"))
    assert _hits(check, _long_sentence(50), kinds=("paragraph",)) == []
    assert len(_hits(check, _long_sentence(51), kinds=("paragraph",))) == 1
    half = metric.Check(metric.Options("words_per_sentence", max=50.5, per="sentence"))
    assert len(_hits(half, _long_sentence(51, "a"), kinds=("paragraph",))) == 1


def test_long_sentence_of_non_ascii_words() -> None:
    check = metric.Check(metric.Options("words_per_sentence", max=50, per="sentence"))
    assert len(_hits(check, _long_sentence(51, "éé"), kinds=("paragraph",))) == 1
    assert len(_hits(check, _long_sentence(51, "日本"), kinds=("paragraph",))) == 1
    assert _hits(check, _long_sentence(50, "日本"), kinds=("paragraph",)) == []


def test_long_sentence_after_wide_characters() -> None:
    """Word bounds read per-character shapes: characters of two, three and four UTF-8 bytes
    (and an undecodable byte kept as a lone surrogate) before the sentence must not shift them."""
    check = metric.Check(metric.Options("words_per_sentence", max=50, per="sentence"))
    before = "Headline\n\n" + "é “日本” 😀 \udcff. " * 40 + "\n\n"
    text = before + " ".join(["word"] * 51) + ".\n"
    hits = _hits(check, text, kinds=("paragraph",))
    assert hits == [" ".join(["word"] * 51) + "."]
    assert _hits(check, before + " ".join(["word"] * 50) + ".\n", kinds=("paragraph",)) == []


WEEKDAYS = ["monday", "tuesday", "thursday", "sunday", "mondays", "thursdays", "sundays"]


def test_weekdays_found_through_their_shared_ending() -> None:
    check = word_case.Check(word_case.Options(words=WEEKDAYS))
    text = "Sales\n\nToday, as every Monday, sales rose on thursdays and fell on a sunday.\n"
    assert _hits(check, text) == ["thursdays", "sunday"]
    assert _hits(check, "Sales\n\nToday, as every Monday, the day ended early.\n") == []
