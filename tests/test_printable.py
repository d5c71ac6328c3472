"""Control characters from articles and file names are shown escaped (issue 11)."""

from __future__ import annotations

import pytest

from newslint.report.printable import printable
from newslint.report.text import excerpt


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain “quoted” text\twith a tab", "plain “quoted” text\twith a tab"),
        ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("line\r::error::x", "line\\x0d::error::x"),
        ("name\n::warning::x", "name\\x0a::warning::x"),
        ("del\x7f", "del\\x7f"),
        ("sep\u2028par\u2029", "sep\\u2028par\\u2029"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("lone\ud800", "lone\\ud800"),
    ],
)
def test_printable_escapes_what_a_terminal_or_runner_acts_on(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_excerpt_carets_stay_under_an_escaped_span() -> None:
    line = "The \x1b[2J vote on tuesday"
    start = line.index("tuesday")
    shown, carets = excerpt(line, start, start + len("tuesday"))
    assert shown == "The \\x1b[2J vote on tuesday"
    assert carets == " " * shown.index("tuesday") + "^" * len("tuesday")
    span_start = line.index("\x1b")
    shown, carets = excerpt(line, span_start, span_start + 1)
    assert carets == " " * 4 + "^" * len("\\x1b")
