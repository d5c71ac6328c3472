"""One notion of a line (core/lines.py): the lines found are the lines located and deleted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import fix_text
from newslint.core.lines import BREAK_CHARS, dominant_break, line_spans, line_starts
from newslint.formats import open_document

BREAKS = ["\r\n", *BREAK_CHARS]
_TEXT = st.lists(
    st.one_of(st.sampled_from(BREAKS), st.text(alphabet="ab \t\u00e9", max_size=4)), max_size=20
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_lines_are_those_of_str_splitlines(text: str) -> None:
    assert [text[s:e] for s, e in line_spans(text)] == text.splitlines()
    assert line_starts(text) == [0, *(e for _, e in _ends(text))]


def _ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line break."""
    found, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.splitlines()[0] if line.splitlines() else ""
        found.append((pos + len(body), pos + len(line)))
        pos += len(line)
    return [span for span in found if span[0] != span[1]]


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=60))
def test_positions_and_line_spans_agree(text: str, offset: int) -> None:
    doc = open_document(text, "a.txt")
    offset = min(offset, len(text))
    line, column = doc.position(offset)
    start, end = doc.line_span(offset)
    assert doc.offset(line, column) == offset
    assert start <= offset or start == end
    assert not any(char in BREAK_CHARS for char in text[start:end])


def test_dominant_break_is_the_most_used_one() -> None:
    assert dominant_break("a\rb\rc\r\nd") == "\r"
    assert dominant_break("a\r\nb\r\nc\nd") == "\r\n"
    assert dominant_break("a\u2029b\u2029c") == "\u2029"
    assert dominant_break("no breaks") == "\n"


def test_chrome_between_paragraphs_is_deleted_with_its_own_break_only() -> None:
    """A safe deletion of page chrome takes its line and the blank lines after it, in the
    file's break style, for every break kind (it used to take the whole article)."""
    for brk in BREAKS:
        text = brk.join(
            [
                "Council meets",
                "",
                "The council met on Tuesday.",
                "Share this article",
                "",
                "It was a long day.",
                "",
            ]
        )
        fixed = fix_text(text, path="a.txt").text
        assert fixed == brk.join(
            ["Council meets", "", "The council met on Tuesday.", "", "It was a long day.", ""]
        ), repr(brk)
