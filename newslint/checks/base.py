"""Helpers shared by check kinds: word shapes and the edits they propose."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.model import Edit

if TYPE_CHECKING:
    from newslint.document import Document

_BREAKS = re.compile(r"(?:[ \t]*\r?\n)*")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def content_end(doc: Document, start: int) -> int:
    """End (before its line break, trailing spaces kept) of the last non-blank line before
    ``start``; 0 if there is none."""
    stripped = len(doc.text[:start].rstrip())
    return doc.line_span(stripped - 1)[1] if stripped else 0


def line_deletion(doc: Document, start: int, end: int) -> Edit:
    """An edit deleting the lines ``[start, end)`` without leaving doubled or trailing blank lines.

    ``start`` must be a line start and ``end`` a line end (before its break). The lines go with
    the blank lines after them; if only blank lines follow, the blank lines before them go
    instead, so the file keeps its final newline and gains no trailing blank line.
    """
    text = doc.text
    after = _BREAKS.match(text, end).end()
    if text[after:].strip():
        return Edit(start, after, "")
    before = content_end(doc, start)
    return Edit(before, end if before else after, "")
