"""Inputs that once broke newslint, found by benchmarks/fuzz.py and tests/test_fix_properties.py.

Each is fixed to the text an editor would expect, in a fix that settles and is idempotent.
"""

from __future__ import annotations

import pytest

from newslint.app.api import fix_text, lint_text


@pytest.mark.parametrize(
    ("text", "path", "unsafe", "expected"),
    [
        # fuzz: a straight quote then a curly one, both open; closing only the outer one let
        # its mark pair with the inner opener, so every pass added another mark
        ('"“', "a.txt", True, '"“”"'),
        ('"“', "a.md", True, '"“”"'),
        ("A “b “c", "a.txt", True, "A “b “c””"),
        # fuzz: a closing straight mark right after an open single quote reads as an opener,
        # so that fix is not offered (the other one is)
        ('"    "‘', "a.txt", True, '" "‘"'),
        # properties: boilerplate lines ending a file without a final newline, fixed over two
        # passes (another rule's deletion overlapped), gained a final newline
        (
            "Council approves budget\nLeave a Comment\nShare this article\nShare this article",
            "a.txt",
            False,
            "Council approves budget",
        ),
        # deleting a boilerplate line at the end ate the trailing blanks of the line before it
        (
            "Head\n\nThe vote was on Tuesday.  \n\nShare this article\n",
            "a.txt",
            False,
            "Head\n\nThe vote was on Tuesday.  \n",
        ),
        (
            "Head\r\n\r\nThe vote. \r\n\r\nShare this article\r\nLeave a Comment",
            "a.txt",
            False,
            "Head\r\n\r\nThe vote. ",
        ),
    ],
)
def test_fix_settles_on_the_expected_text(
    text: str, path: str, unsafe: bool, expected: str
) -> None:
    result = fix_text(text, path=path, unsafe=unsafe)
    assert result.text == expected
    assert fix_text(result.text, path=path, unsafe=unsafe).fixed == []


def test_mojibake_repaired_by_an_insertion_at_the_line_end_is_reported_inside_the_line() -> None:
    text = "â€œtitle: Ã©“title: "  # fuzz: the finding ended one past the end of the text
    findings = [f for f in lint_text(text, path="a.txt") if f.rule == "NL601"]
    # the repeated "“title: " is not taken for the copy of the other one: each damaged
    # character is reported where it is
    assert [(f.start, f.end) for f in findings] == [(0, 3), (10, 12)]
    assert fix_text(text, path="a.txt").text == "“title: é“title: "


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        "\ufeff\ufeff",
        "\r",
        "\u2028“\u2028",
        "<!--",
        "<!-- newslint-disable-next-line",
        "```\n“",
        "---\ntitle: “\n---",
        "(" * 3 + ")" * 5,
    ],
)
def test_odd_fragments_lint_without_errors(text: str) -> None:
    for path in ("a.txt", "a.md"):
        for finding in lint_text(text, path=path):
            assert 0 <= finding.start <= finding.end <= len(text)
        fixed = fix_text(text, path=path, unsafe=True).text
        assert fix_text(fixed, path=path, unsafe=True).text == fixed
