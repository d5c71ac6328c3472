"""One search over many lines or blocks finds exactly what a search per line or block finds."""

from __future__ import annotations

import re

import pytest

from newslint import patterns
from newslint.checks.base import blocks_holding
from newslint.document import Block
from newslint.needles import needles, required_chars
from newslint.patterns import compile_pattern
from newslint.relaxed import relax_for_lines, relax_for_search

LINES = [
    "Share this article",
    "Advertisement",
    "ALL RIGHTS RESERVED",
    "© 2024 Example News. All rights reserved.",
    "The council met on Tuesday.",
    "Email",
    "Read more: what the mayor said",
    "Comments (12)",
    "i think so",
    "Leave a reply to Jo",
    "Sign up",
    "\u017fhare this article",  # long s and Kelvin sign: case variants of ASCII letters
    "ADVERTI\u017fEMENT",
    "\u212aeep reading",
]
PATTERNS = [
    r"advertisement",
    r"share (this|the) article",
    r"[^.!?]{0,100}all rights reserved([.,]|$).{0,50}",
    r"([^.!?]|\.(?! )){0,100}(©|\(c\)|copyright) ?\d{4}\b.{0,200}",
    r"comments \(\d+\)",
    r"\w+(?=\s)\s\w+",  # a lookahead that would see the next line
    r"read more\b.*",
    r"\S+\s?",
    r"(?<![\w])i\b.*",
    r"email|sign up$",
    r"leave a reply to \S.*",
    r"(?>sign) up",
    r"[\s\S]*",  # matches line breaks when lines are joined
    r"keep reading|(?:a|b)?dverti(?:s|z)ement",
]


@pytest.mark.parametrize("source", PATTERNS)
@pytest.mark.parametrize("few", [0, 16])
def test_fullmatches_agrees_with_one_fullmatch_per_line(source: str, few: int, monkeypatch) -> None:
    monkeypatch.setattr(patterns, "_FEW", few)  # 0: always the joined search
    pattern = compile_pattern(source, re.I)
    expected = {i for i, line in enumerate(LINES) if pattern.fullmatch(line)}
    assert pattern.fullmatches(LINES) == expected


TEXT = (
    "Headline here\n\nThe vote was on tuesday .\nIt passed , the clerk said.\n\n"
    "Copyright 2024 . All rights reserved\n\nShe said: i am here.\nEnd"
)
SEARCH_PATTERNS = [
    r"(?<=\w)[ \t]+([.,;])(?=[ \t]*$|[ \t]+\w)",
    r"\bi\b(?= am)",
    r"(?<=\S)  +(?=\S)",
    r"reserved$",
    r"here\.?$",
    r"\bEnd\b",
    r"tuesday\s\.",
    r"said\.\n\nCopyright",  # never within one span
]


@pytest.mark.parametrize("source", SEARCH_PATTERNS)
def test_spans_to_search_keeps_every_span_with_a_match(source: str) -> None:
    pattern = compile_pattern(source)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", TEXT)]
    with_match = {i for i, (s, e) in enumerate(spans) if pattern.search(TEXT, s, e)}
    assert with_match <= set(pattern.spans_to_search(TEXT, spans))


def test_loosening_refuses_what_it_cannot_keep_sound() -> None:
    for source in [r"(a)\1", r"a++", r"(?i)a", r"\Aa", r"a\Z", r"(?=a(?!b))", r"[[:alpha:]]"]:
        assert relax_for_lines(source) is None, source
        assert relax_for_search(source) is None, source
    assert relax_for_lines(r"a(?=b)[^.]\s") == r"a(?:)[^.\n][^\S\n]"
    assert relax_for_search(r"\ba(?!b)$") == r"(?:)a(?:)(?:)"


def test_needles_are_literals_that_every_match_holds() -> None:
    assert needles(r"(sponsored|promoted) content", True) == {" content"}  # the longest
    assert needles(r"(sponsored|promoted)  ?ads", True) == {"sponsored", "promoted"}
    assert needles(r"Share (this|the) (article|story)", False) == {"Share "}
    assert needles(r"\d+ comments?", True) == {" comment"}
    assert needles(r"(copyright )?©", True) == {"©"}
    assert needles(r"(a|\w+) b", True) == {" b"}
    assert needles(r"x?|y", True) is None  # may match the empty string
    assert needles(r"[ab]+", True) is None


def test_required_chars_come_from_one_required_element_of_each_branch() -> None:
    assert required_chars(re.compile(r"[ab]c|d[ef]")) == {"c", "d"}
    assert required_chars(re.compile(r"x?[ü€]")) == {"ü", "€"}
    assert required_chars(re.compile(r"\w+|é")) is None  # a branch needs no explicit character


@pytest.mark.parametrize("damaged", ["cafÃ©", "â€œquotedâ€\x9d", "Ã¼ber", "donâ€™t", "Â°C"])
def test_lines_that_ftfy_repairs_hold_a_suspect_character(damaged: str) -> None:
    import ftfy

    from newslint.checks.mojibake import _suspect

    assert ftfy.fix_encoding(damaged) != damaged
    assert _suspect().search(damaged)


def test_blocks_holding_finds_the_blocks_with_a_literal_inside() -> None:
    text = "On monday.\nIt was may\nday again.\nmonday and monday"
    blocks = [Block("paragraph", m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    assert blocks_holding(text, blocks, ["monday"]) == [blocks[0], blocks[3]]
    assert blocks_holding(text, blocks, ["may\nday", "again"]) == [blocks[2]]  # not across
    assert blocks_holding(text, blocks, ["tuesday"]) == []


def test_flag_values_are_the_regex_modules():
    """patterns.py names the regex module's flags without importing it (start-up)."""
    import regex

    assert (patterns.IGNORECASE, patterns.MULTILINE, patterns.DOTALL) == (
        regex.IGNORECASE,
        regex.MULTILINE,
        regex.DOTALL,
    )
    assert (patterns.VERBOSE, patterns.ASCII, patterns.VERSION0) == (
        regex.VERBOSE,
        regex.ASCII,
        regex.VERSION0,
    )
