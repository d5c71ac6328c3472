"""Issue 11, Critical: a safe ``fix`` never loses article content, whatever its line breaks.

Lines were found with ``str.splitlines()`` rules and deleted with ``\\n`` rules, so deleting a
chrome line ("Share this article") in a file whose line breaks are ``\\r``, VT, FF, FS/GS/RS,
NEL, U+2028 or U+2029 deleted the whole article. Whatever a fixed newslint decides those
characters are (line breaks or not), a safe fix must keep every content line, keep content
lines apart, introduce no line-break character the file did not use, and be idempotent.

Property tests run NEWSLINT_SECURITY_EXAMPLES examples each (default 40).
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint.config.project import Config
from security.seclib import Sandbox, assert_no_traceback

BREAKS = ["\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
BREAK_IDS = ["LF", "CRLF", "CR", "VT", "FF", "FS", "GS", "RS", "NEL", "LS", "PS"]
BREAK_CHARS = set("".join(BREAKS))
HEADLINES = ["Council meets", "Bridge plan approved", "Storm closes schools"]
CONTENT = [
    "The council met on Tuesday.",
    "It was a long day.",
    "Residents asked for a new bridge over the river.",
    "The mayor said the budget would be published in March.",
    "Officials expect the work to finish next year.",
    "“We will keep going,” she said.",
    "Police closed the road for two hours.",
    "Schools reopen on Monday after the storm.",
]
CHROME = [
    "Share this article",
    "Advertisement",
    "Leave a Comment",
    "Subscribe to our newsletter",
    "Follow us on Twitter",
    "Story continues below advertisement",
]
EXAMPLES = int(os.environ.get("NEWSLINT_SECURITY_EXAMPLES", "40"))
RULES = Config(None)
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def content_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line in CONTENT or line in HEADLINES]


def assert_content_kept(before: str, lines: list[str], after: str) -> None:
    """Every content line of ``lines`` is in ``after``, in order, each apart from the one
    before by a line break; ``after`` uses no line-break character ``before`` did not."""
    position, previous_end = 0, None
    for line in content_lines(lines):
        at = after.find(line, position)
        assert at >= 0, f"content line {line!r} lost: {before!r} -> {after!r}"
        if previous_end is not None:
            between = after[previous_end:at]
            assert BREAK_CHARS & set(between), (
                f"line {line!r} glued to the line before it: {before!r} -> {after!r}"
            )
        position = previous_end = at + len(line)
    new_breaks = {c for c in after if c in BREAK_CHARS} - {c for c in before if c in BREAK_CHARS}
    assert not new_breaks, f"line breaks {sorted(new_breaks)!r} appeared: {before!r} -> {after!r}"


@st.composite
def article_lines(draw: st.DrawFn) -> list[str]:
    """A headline, then content lines (each once) with chrome and blank lines between."""
    body = draw(st.lists(st.sampled_from(CONTENT), min_size=1, max_size=5, unique=True))
    lines = [draw(st.sampled_from(HEADLINES)), ""]
    for sentence in body:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(CHROME)))
        lines.append(sentence)
        lines.extend([""] * draw(st.integers(0, 1)))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(CHROME)))
    return lines


def join(lines: list[str], breaks: list[str], final: bool) -> str:
    text = lines[0]
    for index, line in enumerate(lines[1:]):
        text += breaks[index % len(breaks)] + line
    return text + (breaks[-1] if final else "")


@PROPERTY
@given(
    lines=article_lines(),
    line_break=st.sampled_from(BREAKS),
    final=st.booleans(),
    path=st.sampled_from(["a.txt", "a.md"]),
)
def test_safe_fix_keeps_content_with_one_kind_of_line_break(
    lines: list[str], line_break: str, final: bool, path: str
) -> None:
    """Issue 11, Critical: "a safe fix deletes the whole article when its line breaks are not
    \\n" (one kind of line break throughout the file)."""
    text = join(lines, [line_break], final)
    fixed = newslint.fix_text(text, path=path, config=RULES).text
    assert_content_kept(text, lines, fixed)
    assert newslint.fix_text(fixed, path=path, config=RULES).text == fixed, "not idempotent"


@PROPERTY
@given(
    lines=article_lines(),
    breaks=st.lists(st.sampled_from(BREAKS), min_size=2, max_size=6),
    final=st.booleans(),
    path=st.sampled_from(["a.txt", "a.md"]),
)
def test_safe_fix_keeps_content_with_mixed_line_breaks(
    lines: list[str], breaks: list[str], final: bool, path: str
) -> None:
    """Issue 11, Critical: ``Headline\\r\\nReal one.\\rAdvertisement\\rReal two.\\r\\n`` became
    ``Headline\\r\\n`` (line breaks of several kinds in one file)."""
    text = join(lines, breaks, final)
    fixed = newslint.fix_text(text, path=path, config=RULES).text
    assert_content_kept(text, lines, fixed)
    assert newslint.fix_text(fixed, path=path, config=RULES).text == fixed, "not idempotent"


def _fix_twice_keeps_content(sandbox: Sandbox, line_break: str, suffix: str) -> None:
    lines = ["Council meets", "", "The council met on Tuesday.", "Share this article", ""]
    lines += ["It was a long day."]
    text = join(lines, [line_break], final=True)
    article = sandbox.write(f"article{suffix}", text)

    first = sandbox.run("fix", article.name)
    assert_no_traceback(first)
    fixed = article.read_bytes().decode("utf-8")
    assert_content_kept(text, lines, fixed)
    second = sandbox.run("fix", article.name)
    assert_no_traceback(second)
    assert article.read_bytes().decode("utf-8") == fixed, "a second fix changed the file again"


@pytest.mark.parametrize("line_break", BREAKS, ids=BREAK_IDS)
def test_fix_command_keeps_the_article(sandbox: Sandbox, line_break: str) -> None:
    """Issue 11, Critical: ``printf 'Council meets\\r\\rThe council met on Tuesday.\\rShare this
    article\\r\\rIt was a long day.\\r' > cr.txt; newslint fix cr.txt`` left one ``\\r`` byte;
    the same for VT, FF, NEL, U+2028, U+2029 and RS. The file on disk is checked; LF and CRLF
    are the controls (they pass today)."""
    _fix_twice_keeps_content(sandbox, line_break, ".txt")


def test_fix_command_keeps_nel_line_breaks_in_markdown(sandbox: Sandbox) -> None:
    """Issue 11, Critical, NEL as a line break ("a file's line-break style is kept as it was"):
    in Markdown the mojibake fix turned each NEL line break into "…", gluing the lines."""
    _fix_twice_keeps_content(sandbox, "\x85", ".md")


def test_fix_command_keeps_both_lines_around_chrome_in_mixed_crlf_and_cr(sandbox: Sandbox) -> None:
    """Issue 11, Critical: the issue's example ``Headline\\r\\nReal one.\\rAdvertisement\\r
    Real two.\\r\\n`` became ``Headline\\r\\n``."""
    article = sandbox.write("mixed.txt", "Headline\r\nReal one.\rAdvertisement\rReal two.\r\n")

    run = sandbox.run("fix", "mixed.txt")

    assert_no_traceback(run)
    fixed = article.read_bytes().decode("utf-8")
    assert re.search(r"Real one\.[\r\n]+(?:Advertisement[\r\n]+)?Real two\.", fixed), fixed
