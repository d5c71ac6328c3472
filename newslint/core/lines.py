"""One notion of a line, the same for finding lines, locating them and deleting them.

A line ends at any line break ``str.splitlines`` knows: ``\\r\\n``, ``\\n``, ``\\r``, vertical
tab, form feed, the file, group and record separators (FS, GS, RS), NEL, and the Unicode line
and paragraph separators. A file's own break style is kept: edits that add a line break use the
style the file uses most (:func:`dominant_break`).
"""

from __future__ import annotations

import re

from newslint.core.blocks import Span

BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
LINE_BREAK = "\\r\\n|[\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]"  # for patterns
BREAK = re.compile(LINE_BREAK)
_NOT_NEWLINE = re.compile("[\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]")


def only_newlines(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether every line break of ``text[start:end]`` is a lone ``\\n`` (the common case,
    which faster paths may take)."""
    return _NOT_NEWLINE.search(text, start, len(text) if end is None else end) is None


def line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start."""
    if only_newlines(text):
        return newline_starts(text)
    return [0, *(m.end() for m in BREAK.finditer(text))]


def newline_starts(text: str) -> list[int]:
    """Offsets after each ``\n`` (and 0): the lines of tools that know no other break."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def break_length(text: str, end: int) -> int:
    """Length of the line break ending at ``end`` (0 if none ends there)."""
    if end >= 2 and text[end - 2 : end] == "\r\n":
        return 2
    return 1 if end >= 1 and text[end - 1] in BREAK_CHARS else 0


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """(start, end) of each line of ``text[start:end]``, the end before its line break; a
    stretch ending in a break has no empty last line."""
    stop = len(text) if end is None else end
    spans = []
    for match in BREAK.finditer(text, start, stop):
        spans.append((start, match.start()))
        start = match.end()
    if start < stop:
        spans.append((start, stop))
    return spans


def first_line(text: str) -> str:
    """``text`` up to its first line break."""
    match = BREAK.search(text)
    return text if match is None else text[: match.start()]


def dominant_break(text: str) -> str:
    """The line break ``text`` uses most (``\\n`` when it has none)."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    if not only_newlines(text):
        for char in BREAK_CHARS[2:]:
            counts[char] = text.count(char)
    best = max(counts, key=lambda key: counts[key])
    return best if counts[best] else "\n"
