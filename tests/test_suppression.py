"""Inline suppression comments in Markdown."""

from __future__ import annotations

from newslint import lint_text


def _rules(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, path="a.md")]


def test_disable_and_enable_by_rule() -> None:
    text = (
        "# Title\n\nOn tuesday we met.\n\n<!-- newslint-disable NL302 -->\n\nOn friday we met.\n\n"
        "Leave a Comment\n\n<!-- newslint-enable NL302 -->\n\nOn monday we met.\n"
    )
    assert _rules(text) == [("NL302", 3), ("NL201", 9), ("NL302", 13)]


def test_disable_all_and_by_category() -> None:
    text = "# Title\n\n<!-- newslint-disable -->\n\nOn tuesday we met.\n\nLeave a Comment\n"
    assert _rules(text) == []
    text = "# Title\n\n<!-- newslint-disable casing -->\n\nOn tuesday we met.\n\nLeave a Comment\n"
    assert _rules(text) == [("NL201", 7)]


def test_disable_next_line() -> None:
    text = (
        "# Title\n\n<!-- newslint-disable-next-line NL201 -->\nLeave a Comment\n\nLeave a Reply\n"
    )
    assert _rules(text) == [("NL201", 6)]


def test_directives_are_markdown_only() -> None:
    text = "Title\n\n<!-- newslint-disable -->\n\nOn tuesday we met.\n"
    assert [f.rule for f in lint_text(text, path="a.txt")] == ["NL302"]
