"""Helpers shared by check kinds: capitals, sentence ends and the edits they propose."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from newslint.core.lines import LINE_BREAK
from newslint.core.model import Edit

if TYPE_CHECKING:
    from newslint.core.document import Document

_BREAKS = re.compile(f"(?:[ \\t]*(?:{LINE_BREAK}))*")  # blank lines, whatever their breaks
_CLOSERS = "\"”’'»)]"  # closing quotes and brackets after a sentence's mark
_MARKS = (".", "!", "?", "…")


def capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def content_end(doc: Document, start: int) -> int:
    """End (before its line break, trailing spaces kept) of the last non-blank line before
    ``start``; 0 if there is none."""
    stripped = len(doc.text[:start].rstrip())
    return doc.line_span(stripped - 1)[1] if stripped else 0


def line_deletion(doc: Document, start: int, end: int, *, in_paragraph: bool = False) -> Edit:
    """An edit deleting the lines ``[start, end)`` without leaving doubled or trailing blank lines.

    ``start`` must be a line start and ``end`` a line end (before its break). The lines go with
    the blank lines after them; if only blank lines follow, the blank lines before them go
    instead, so the file keeps its final line break and gains no trailing blank line. With
    ``in_paragraph`` (the lines end a paragraph), they go with their own line break only: the
    paragraph keeps the blank lines that part it from the next one.
    """
    text = doc.text
    breaks = _BREAKS.match(text, end)
    assert breaks is not None  # it matches the empty string
    after = breaks.end()
    if text[after:].strip():
        if in_paragraph:
            return Edit(start, doc.line_starts[bisect.bisect_right(doc.line_starts, end)], "")
        return Edit(start, after, "")
    before = content_end(doc, start)
    return Edit(before, end if before else after, "")


def follows_text(doc: Document, start: int) -> bool:
    """Whether the line before the line starting at ``start`` holds text."""
    return start > 0 and bool(doc.text[slice(*doc.line_span(start - 1))].strip())


def collapsed(pieces: list[str]) -> list[str]:
    """Each piece with its runs of white space collapsed to one space, stripped (as
    ``" ".join(piece.split())``), all at once: the pieces joined with NUL, which is no white
    space, are split and joined in one pass (unless a piece holds a NUL). Without white space
    but single plain spaces (the only printable white space), stripping is all it takes."""
    joined = "\x00".join(pieces)
    if all(map(str.isprintable, pieces)) and "  " not in joined:
        return list(map(str.strip, pieces))
    if joined.count("\x00") != max(len(pieces) - 1, 0):
        return [" ".join(piece.split()) for piece in pieces]
    return list(map(str.strip, " ".join(joined.split()).split("\x00")))


def ends_with_mark(text: str) -> bool:
    """Whether ``text`` ends with a sentence's mark (``.!?…``), perhaps inside closing quotes
    or brackets."""
    return text.rstrip(_CLOSERS).endswith(_MARKS)
