"""Rule patterns: compiled by the ``regex`` module, with ``re`` flags and a time limit."""

from __future__ import annotations

import re

import pytest

from newslint.core import patterns
from newslint.core.patterns import PatternTimeout, compile_pattern, time_limit


def test_flag_values_are_the_regex_modules() -> None:
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


def test_a_pattern_keeps_its_source_and_re_flags() -> None:
    pattern = compile_pattern(r"leave a (comment|reply)", re.I)
    assert (pattern.source, pattern.flags, pattern.groups) == (
        r"leave a (comment|reply)",
        re.I,
        1,
    )
    assert pattern.fullmatch("Leave a Reply")


def test_catastrophic_backtracking_runs_out_of_time() -> None:
    pattern = compile_pattern(r"(a|aa)+$")
    with time_limit(0.05), pytest.raises(PatternTimeout):
        pattern.search("a" * 60 + "b")
