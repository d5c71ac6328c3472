"""The whole-text prefilters of some checks find exactly what a block-by-block scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import glued, mojibake, repeated_word
from newslint.core.document import Document
from newslint.formats import open_document

ALLOWED = ["had", "that"]

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


def _reference(text: str) -> list[tuple[int, int, str]]:
    """The check as it ran before its prefilter: the pattern over every line."""
    found = []
    start = 0
    for line in text.split("\n"):
        for match in repeated_word._REPEAT.finditer(text, start, start + len(line)):
            first, second = match.group(1), match.group(3)
            if first.lower() not in ALLOWED and not second[0].isupper():
                found.append((match.start(), match.end(), second))
        start += len(line) + 1
    return found


@pytest.mark.parametrize("text", DOUBLED + NOT_DOUBLED)
def test_repeated_word_finds_what_a_full_scan_finds(text: str) -> None:
    doc = open_document(text, "a.txt", paragraph_breaks="line")
    check = repeated_word.Check(repeated_word.Options(allowed=ALLOWED))
    hits = [(h.start, h.end, h.values["word"]) for h in check.run(doc, doc.blocks)]
    assert hits == _reference(text)
    assert bool(hits) == (text in DOUBLED)


_PIECES = ["the", "The", "it's", "it’s", "naïve", "İt", "it", "a", "3", "x-ray", "café", "él"]
_GAPS = [" ", "  ", "\t", ". ", ", ", "\n", " (", ") ", " “", "” ", "-", "'", "’", "é", "?", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=12))
def test_repeated_word_finds_what_a_full_scan_finds_in_any_mix(parts: list) -> None:
    text = "".join(word + gap for word, gap in parts)
    doc = open_document(text, "a.txt", paragraph_breaks="line")
    check = repeated_word.Check(repeated_word.Options(allowed=ALLOWED))
    hits = [(h.start, h.end, h.values["word"]) for h in check.run(doc, doc.blocks)]
    assert hits == _reference(text)


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


def _glued_reference(doc: Document) -> list:
    """The check as it ran before its token filter: every token of every block with a join."""
    check = glued.Check(GLUED_OPTIONS)
    check.possible_join = re.compile(r"(?s).")  # every token may hold a join
    tokens = [
        token
        for block in doc.blocks
        for token in glued._TOKEN.finditer(doc.text, block.start, block.end)
        if glued._JOIN.search(token.group())
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glued, "_humped_tokens", lambda doc, blocks: tokens)
        return list(check.run(doc, doc.blocks))


@pytest.mark.parametrize("text", GLUED + NOT_GLUED)
def test_glued_finds_what_a_scan_of_every_token_finds(text: str) -> None:
    doc = open_document(text, "a.txt", paragraph_breaks="line")
    hits = list(glued.Check(GLUED_OPTIONS).run(doc, doc.blocks))
    assert hits == _glued_reference(doc)
    assert bool(hits) == (text in GLUED)


_GLUED_PIECES = ["said", "The", "He", "Reuters", "Images", "Getty", "iPhone", "o’neill", "x", "Mc"]
_GLUED_GAPS = ["", "", " ", "\u00a0", "\n", ".", "’", "(", "?", "é", "_"]
_GLUED_MIX = st.lists(st.tuples(st.sampled_from(_GLUED_PIECES), st.sampled_from(_GLUED_GAPS)))


@settings(max_examples=300, deadline=None)
@given(_GLUED_MIX)
def test_glued_finds_what_a_scan_of_every_token_finds_in_any_mix(parts: list) -> None:
    doc = open_document(
        "".join(word + gap for word, gap in parts), "a.txt", paragraph_breaks="line"
    )
    assert list(glued.Check(GLUED_OPTIONS).run(doc, doc.blocks)) == _glued_reference(doc)


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


def _mojibake_reference(doc: Document) -> list:
    """The check as it ran before its prefilters: ftfy over every line of every block."""
    import ftfy

    check = mojibake.Check(mojibake.Options())
    hits = []
    for block in doc.blocks:
        start = block.start
        for line in doc.text[block.start : block.end].split("\n"):
            hits += check._line(ftfy.fix_encoding, doc.text, start, start + len(line))
            start += len(line) + 1
    return hits


@pytest.mark.parametrize("text", MOJIBAKE + NOT_MOJIBAKE)
def test_mojibake_finds_what_ftfy_over_every_line_finds(text: str) -> None:
    doc = open_document(text, "a.txt", paragraph_breaks="line")
    hits = list(mojibake.Check(mojibake.Options()).run(doc, doc.blocks))
    assert hits == _mojibake_reference(doc)
    assert bool(hits) == (text in MOJIBAKE)


_MOJIBAKE_PIECES = ["cafÃ©", "José", "â€œ", "â€\x9d", "Â°", "€", "═", "Ã", " ", "\n", "word", "©"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MOJIBAKE_PIECES)))
def test_mojibake_finds_what_ftfy_over_every_line_finds_in_any_mix(pieces: list) -> None:
    doc = open_document("".join(pieces), "a.txt", paragraph_breaks="blank")
    hits = list(mojibake.Check(mojibake.Options()).run(doc, doc.blocks))
    assert hits == _mojibake_reference(doc)


def test_mojibake_reads_ftfys_own_badness_regex() -> None:
    """The badness module loaded without the rest of ftfy holds ftfy's regex and verdicts."""
    from ftfy import badness

    loaded = mojibake._badness()
    assert (loaded.BADNESS_RE.pattern, loaded.BADNESS_RE.flags) == (
        badness.BADNESS_RE.pattern,
        badness.BADNESS_RE.flags,
    )
    for line in MOJIBAKE + NOT_MOJIBAKE:
        assert loaded.is_bad(line) == badness.is_bad(line)
