"""One search over many blocks finds the blocks a search per block would; pattern helpers."""

from __future__ import annotations

import re

import pytest

from newslint.accel.needles import required_chars
from newslint.accel.relaxed import relax_for_search
from newslint.checks.base import blocks_holding
from newslint.core import patterns
from newslint.core.document import Block
from newslint.core.patterns import compile_pattern

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
        assert relax_for_search(source) is None, source
    assert relax_for_search(r"\ba(?!b)$") == r"(?:)a(?:)(?:)"


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
