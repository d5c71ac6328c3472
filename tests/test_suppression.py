"""Inline suppression comments, in Markdown and in plain text (a line of its own)."""

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


def _text_rules(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, path="a.txt")]


def test_plain_text_directives_stand_on_lines_of_their_own() -> None:
    """In a .txt article a line holding only a directive suppresses as in Markdown (blank-line
    paragraphs and scraped one-line paragraphs alike), and is not itself linted as prose."""
    blank_lines = (
        "Council meets\n\n<!-- newslint-disable NL302 -->\n\nOn tuesday we met.\n\n"
        "<!-- newslint-enable NL302 -->\n\nOn monday we met.\n"
    )
    assert _text_rules(blank_lines) == [("NL302", 9)]
    scraped = (
        "Council meets\nThe council met on tuesday.\n"
        "<!-- newslint-disable-next-line NL201 -->\nLeave a Comment\nLeave a Reply\n"
    )
    assert _text_rules(scraped) == [("NL302", 2), ("NL201", 5)]
    within = "Council meets\n\nThe council met.\n<!-- newslint-disable-next-line -->\nOn tuesday.\n"
    assert _text_rules(within) == []


def test_a_comment_inside_a_text_line_is_not_a_directive() -> None:
    text = "Title\n\nWe met <!-- newslint-disable --> on tuesday.\n"
    assert "NL302" in {rule for rule, _ in _text_rules(text)}
