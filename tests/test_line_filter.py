"""The sketch of a pattern (newslint.accel.line_filter) and the case facts it rests on."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
import regex

from newslint.accel.line_filter import MAX_ALTERNATIVES, ODD_CASES, Gap, line_filter

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
_I = regex.IGNORECASE | regex.VERSION0


def test_an_ascii_letter_matches_only_its_cases_and_the_odd_ones() -> None:
    for char in regex.findall("[a-z]", _ALL, _I):
        if char.isascii():
            assert char.isalpha()
        else:  # lowering and ODD_CASES bring it to the letter it matches
            assert regex.fullmatch(ODD_CASES[char], char, _I)


@pytest.mark.parametrize("char", "’‘“”–—…©®°·•»«›€£§¶\u00a0\u2009")
def test_a_symbol_without_case_matches_only_itself(char: str) -> None:
    assert char.lower() == char == char.upper()
    assert unicodedata.category(char)[0] in "NPSZ"
    assert regex.findall(regex.escape(char), _ALL, _I) == [char]


def _merged(source: str, ignore_case: bool = True) -> list[list]:
    """The sketch's alternatives with each run of sets joined into one set."""
    found = line_filter(source, ignore_case)
    assert found is not None
    merged = []
    for alternative in found.alternatives:
        pieces: list = []
        for piece in alternative:
            if isinstance(piece, frozenset) and pieces and isinstance(pieces[-1], frozenset):
                pieces[-1] = frozenset(a + b for a in pieces[-1] for b in piece)
            else:
                pieces.append(piece)
        merged.append(pieces)
    return merged


def test_literals_and_options_become_sets_and_alternations_split() -> None:
    assert _merged(r"(the )?(story|article) continues\.?") == [
        [frozenset(f"{the}{what} continues{dot}" for the in ("", "the ") for dot in ("", "."))]
        for what in ("story", "article")
    ]
    nested = r"x(?:a|b)?(?:c|d\d)"  # an optional alternation stays a set; a gap splits none
    assert _merged(nested) == [
        [frozenset({"xc", "xac", "xbc"})],
        [frozenset({"xd", "xad", "xbd"}), Gap(1, 1)],
    ]


def test_classes_and_repeats_become_gaps_of_their_lengths() -> None:
    assert _merged(r"\d+ comments?|[^.!?]{2,40} via getty") == [
        [Gap(1, None), frozenset({" comment", " comments"})],
        [Gap(2, 40), frozenset({" via getty"})],
    ]


def test_a_repeat_keeps_its_first_two_copies() -> None:
    words = frozenset({"share", "tweet"})
    assert _merged(r"(?:(?:share|tweet)\b[ |]*){2,}") == [
        [words, Gap(0, None), words, Gap(0, None)]
    ]


def test_case_sensitive_patterns_keep_their_case() -> None:
    assert _merged("Advertisement", ignore_case=False) == [[frozenset({"Advertisement"})]]
    assert _merged("Advertisement") == [[frozenset({"advertisement"})]]


def test_cased_non_ascii_letters_become_gaps_under_ignore_case() -> None:
    assert _merged("café ©") == [[frozenset({"caf"}), Gap(1, 1), frozenset({" ©"})]]


@pytest.mark.parametrize(
    "source",
    [
        r"[[:alpha:]]+ ads",  # a POSIX class to regex, a set of literals to re
        r"[x[:digit:]] ads",
        r"(?x) ads # verbose",  # inline flags
        r"ads(?i)",
        r"\p{Lu}ads",  # regex-only syntax
        r"[0-9]+",  # no literal text at all
        r"ads|\d+",
    ],
)
def test_patterns_read_otherwise_or_without_literals_have_no_sketch(source: str) -> None:
    assert line_filter(source, ignore_case=True) is None


def test_every_builtin_pattern_string_is_accepted_by_its_sketch() -> None:
    """A string a pattern fully matches fits one alternative: its pieces in order."""
    samples = {
        r"(share|tweet|e-?mail)( this)?:?": ["Share", "E-mail this:", "tweet"],
        r"\d+ (comments?|replies)": ["12 comments", "3 replies"],
        r"(?:(?:sponsored|promoted)( (content|links?))?( by( \w+){0,3})? ?){1,2}": [
            "Sponsored Links",
            "promoted content by Outbrain sponsored",
        ],
    }
    for source, strings in samples.items():
        found = line_filter(source, ignore_case=True)
        assert found is not None
        for text in strings:
            assert re.fullmatch(source, text, re.I)
            assert any(_fits(alt, text.lower()) for alt in found.alternatives), (source, text)


def _fits(alternative: tuple, text: str) -> bool:
    """Whether ``text`` is a string of each piece of ``alternative`` in turn."""
    if not alternative:
        return not text
    first, rest = alternative[0], alternative[1:]
    if isinstance(first, Gap):
        high = len(text) if first.high is None else min(first.high, len(text))
        return any(_fits(rest, text[size:]) for size in range(first.low, high + 1))
    return any(text.startswith(s) and _fits(rest, text[len(s) :]) for s in first)


def test_splitting_alternations_stays_within_its_budget() -> None:
    source = "(?:" + "|".join(f"word{i} (?:a|b|c)" for i in range(300)) + ")"
    found = line_filter(source, ignore_case=True)
    assert found is not None
    assert len(found.alternatives) <= MAX_ALTERNATIVES
    assert all(isinstance(alt[0], frozenset) for alt in found.alternatives)
