"""Edge cases of the fast paths in the casing and long-sentence checks.

Each check looks only where a finding can be (sentence_case: a lower-case letter after a line
break or a sentence end; name_case: a title followed by a lower-case word; metric: a block
whose byte shapes allow more words than the limit). These cases sit on the edges of those
shortcuts and must be found exactly as the plain per-block logic finds them.
"""

from __future__ import annotations

import random
import re

from newslint.checks import metric, name_case, sentence_case, word_case
from newslint.core.sentences import sentence_spans
from newslint.formats import open_document
from newslint.integrations import readability

PROSE = ("headline", "heading", "paragraph")


def _hits(check, text: str, path: str = "a.txt", kinds: tuple[str, ...] = PROSE) -> list[str]:
    doc = open_document(text, path)
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


def test_long_sentences_equal_a_plain_count_of_every_sentence() -> None:
    """Word bounds and the reused word count give what counting every sentence gives."""
    rng = random.Random(901)
    words = ["the", "council’s", "U.S.", "Dr.", "well-known", "and/or", "é", "—", "2,5", "x."]
    check = metric.Check(metric.Options("words_per_sentence", max=12, per="sentence"))
    found = 0
    for _ in range(200):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) + rng.choice(".?!")
            for _ in range(rng.randint(1, 4))
        ]
        text = "Title\n\n" + " ".join(sentences) + "\n"
        doc = open_document(text, "a.md")
        blocks = [b for b in doc.blocks if b.kind in PROSE]
        fast = [(h.start, h.end, h.values) for h in check.run(doc, blocks)]
        plain = []
        for block in blocks:
            for start, end in sentence_spans(text, block.start, block.end):
                count = readability.count_words(text, start, end)
                value = readability.measure("words_per_sentence", text, [(start, end)])
                if count > 12:
                    assert value == count
                    values = {"value": f"{value:g}", "limit": "12", "words": count}
                    plain.append((start, end, {**values, "formula": "words per sentence"}))
        assert fast == plain, text
        found += len(plain)
    assert found > 100  # many long sentences: the comparison is not vacuous


def test_sentence_case_code_search_equals_the_plain_alternation() -> None:
    """_CODE opens with one character class; it finds a code line where the plain pattern does."""
    plain = re.compile(r"[{}]|;[ \t]*$|//|\w\(|\s==?\s")
    rng = random.Random(7)
    alphabet = "a{};/(= \t\n=x_.é"
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert bool(sentence_case._CODE.search(line)) == bool(plain.search(line)), line


def test_sentence_case_code_lines_are_not_sentences() -> None:
    check = sentence_case.Check(sentence_case.Options())
    lines = ["x = run(a) if ok else none.", "then it gave {a: 1} to us.", "a == b is true here."]
    text = "Code\n\n" + "\n\n".join(lines) + "\n\nand then it was done for good.\n"
    assert _hits(check, text) == ["and"]


def test_sentence_case_blocks_off_a_line_start() -> None:
    """Blocks at offset 0, after a line break or after other characters, as a plain test has it."""
    text = "ab\ncd ef\n\n gh\nij"
    starts = [0, 3, 6, 11, 14, 15]
    plain = {i for i, s in enumerate(starts) if s == 0 or text[s - 1] != "\n"}
    assert sentence_case._off_line_start(text, starts) == plain == {0, 2, 3, 5}
    assert sentence_case._off_line_start("x\n", [0]) == {0}  # text[-1] is a line break
    assert sentence_case._off_line_start(text, [3, 14]) == set()
