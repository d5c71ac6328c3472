"""The whole-text prefilters of some checks find exactly what a block-by-block scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import repeated_word
from newslint.document import Document

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
    doc = Document(text, "a.txt", paragraph_breaks="line")
    check = repeated_word.Check(repeated_word.Options(allowed=ALLOWED))
    hits = [(h.start, h.end, h.values["word"]) for h in check.run(doc, doc.blocks)]
    assert hits == _reference(text)
    assert bool(hits) == (text in DOUBLED)


_PIECES = ["the", "The", "it's", "it’s", "naïve", "İt", "it", "a", "3", "x-ray", "café"]
_GAPS = [" ", "  ", "\t", ". ", ", ", "\n", " (", ") ", " “", "” ", "-", "'", "’", "é", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=12))
def test_repeated_word_finds_what_a_full_scan_finds_in_any_mix(parts: list) -> None:
    text = "".join(word + gap for word, gap in parts)
    doc = Document(text, "a.txt", paragraph_breaks="line")
    check = repeated_word.Check(repeated_word.Options(allowed=ALLOWED))
    hits = [(h.start, h.end, h.values["word"]) for h in check.run(doc, doc.blocks)]
    assert hits == _reference(text)
