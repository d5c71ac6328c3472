"""Check kinds on the edges of their rules: what each finds, and what it leaves alone."""

from __future__ import annotations

import pytest

from newslint.checks import (
    glued,
    metric,
    mojibake,
    name_case,
    repeated_word,
    sentence_case,
    word_case,
)
from newslint.formats import open_document

PROSE = ("headline", "heading", "paragraph")


def _hits(check, text: str, path: str = "a.txt", kinds: tuple[str, ...] = PROSE, **doc) -> list:
    document = open_document(text, path, **doc)
    blocks = [b for b in document.blocks if b.kind in kinds]
    return [text[h.start : h.end] for h in check.run(document, blocks)]


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


def test_sentence_case_code_lines_are_not_sentences() -> None:
    check = sentence_case.Check(sentence_case.Options())
    lines = ["x = run(a) if ok else none.", "then it gave {a: 1} to us.", "a == b is true here."]
    text = "Code\n\n" + "\n\n".join(lines) + "\n\nand then it was done for good.\n"
    assert _hits(check, text) == ["and"]


def test_sentence_case_reads_the_previous_paragraph_from_the_document() -> None:
    """A paragraph continuing the one before it (no terminal mark there) is no sentence, also
    when the check is given the second paragraph alone."""
    check = sentence_case.Check(sentence_case.Options())
    doc = open_document("Vote\n\nThe council met and\n\nthe plan passed on Monday.\n", "a.txt")
    assert list(check.run(doc, doc.blocks[2:])) == []


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


def test_name_case_finds_the_name_in_another_paragraph() -> None:
    """The capitalised name is looked for in the whole document, not only in the blocks the
    check is given."""
    check = name_case.Check(name_case.Options(titles=["Mayor"]))
    doc = open_document("Budget\n\nMayor jane doe spoke.\n\nLater, Doe left.\n", "a.txt")
    hits = list(check.run(doc, doc.blocks[1:2]))
    assert [doc.text[h.start : h.end] for h in hits] == ["jane doe"]


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
    """Characters of two, three and four UTF-8 bytes (and an undecodable byte kept as a lone
    surrogate) before the sentence do not shift it."""
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


DOUBLED = [
    "The mayor said the the budget was ready.",
    "He called it a naïve naïve plan.",
    "Ο δήμαρχος είπε και και έφυγε.",
    "She said it’s it’s fine, and left.",
    "“The the council met,” he said.",
    "The vote was a victory for\tfor the mayor.",
    "It was İt it again, and Kelvin \u212aat kat too.",
    "Café café, naïve NAÏVE and Über über: all doubled.",
    "Duran Duran played; the the. The end.",
    "The draft (the the first one) was late.",
    "It rained. the the next day it snowed.",
    "He waved:  it it  was over, he said.",
    "Who won? Él él ganó, and?? he he did?",
]
NOT_DOUBLED = [
    "Prices rose in Zürich Zürich and São Paulo.",
    "He had had enough; that that was so was clear.",
    "The\nthe line break is no doubling.",
    "one by one, side by side, mp3 mp4, 3 x 4 x 5.",
    "José García met “Ana” “Bea” at the café — café society.",
    "client client.connect() and re-re-run of the-the show.",
    "It rained, rained. Rain. rain, and rain; rain!",
    "The 3d 3d printer and the x2 x2 model: ' ' and '' '' too.",
    "Why? why? ?a ?a, é? é? and a?b a?b: questions, not doubles.",
]


GLUED_OPTIONS = glued.Options(
    exceptions=["easyJet"],
    min_prefix=2,
    sentence_openers=["The", "He", "Speaking"],
    credit_words=["Images", "Reuters"],
    identifier_prefixes=["with", "set"],
)
GLUED = [
    "Defense Secretary lloyd austinSpeaking with Milley, he said.",
    "A firefighter at work. Getty ImagesThe blaze spread.",
    "Photo: ReutersBombs fell. The mayor’s o’neillHe said it.",
    "He sat\u00a0down. ‘lloyd’s austinSpeaking’ was heard\u2009iPhone maker saidHe.",
    "A McDonaldThe menu and a xYz, then businesses saidOpens a window? yes? saidThe end.",
]
NOT_GLUED = [
    "The iPhone, YouTube, McDonald, DeSantis and easyJet made macOS rich.",
    "withCredentials, setUp, showDeathMessages, formData() and @newsDesk or a.b.cDe.",
    "The easyPlan sold. Fans of easyPlan bought two; saidHe, saidHe twice.",
    "if (x == y) { austinSpeaking(); }",
]


MOJIBAKE = [
    "The cafÃ© opened.\nJosé García came.",
    "He said â€œhelloâ€\x9d and left; prices in â‚¬ rose.",
    "Ã¼ber alles, Â°C and donâ€™t, then Ã©tÃ© at the crÃ¨che.",
    "José García, Zoë Ñuñez and Ångström: ÃƒÂ© twice damaged.",
    "Voil\u00c3  the line: Ã  la carte, C\u00c3\u00b4te d'Ivoire.\n\n╔══╗ José",
    "The menu read:\n Ã ",  # ftfy sees the line as its block holds it: "Ã "
]
NOT_MOJIBAKE = [
    "José García, Zoë Ñuñez and Ångström visited Zürich in 2024.",
    "Prices: €5, £4, ¥300, 30°C, ½ cup, “quoted” text — and ‘more’…",
    "╔══╗ box ║ drawing ╚══╝ with Œuvre, œuvre, Šťastný and ﬁne ligatures.",
    "A lone control \x85 character in a line, and at its end: Ã",
]


FLAGGED = [
    (repeated_word.Check(repeated_word.Options(allowed=["had", "that"])), DOUBLED, NOT_DOUBLED),
    (glued.Check(GLUED_OPTIONS), GLUED, NOT_GLUED),
    (mojibake.Check(mojibake.Options()), MOJIBAKE, NOT_MOJIBAKE),
]


@pytest.mark.parametrize(
    ("check", "text", "flagged"),
    [
        (check, text, flagged)
        for check, yes, no in FLAGGED
        for text in yes + no
        for flagged in [text in yes]
    ],
)
def test_texts_flagged_or_left_alone(check, text: str, flagged: bool) -> None:
    """Doubled words, glued captions and mojibake; and texts that only look like them."""
    assert bool(_hits(check, text, paragraph_breaks="line")) == flagged
