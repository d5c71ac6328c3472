"""Helpers shared by check kinds: word shapes and the edits they propose."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newslint.core.model import Edit

if TYPE_CHECKING:
    from newslint.core.document import Block, Document

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


def blocks_holding(text: str, blocks: Sequence[Block], literals: Iterable[str]) -> list[Block]:
    """The ``blocks`` (sorted, disjoint) that hold one of ``literals``, in order: the only ones
    where a pattern whose every match is one of them can match (``str.find`` runs far faster
    than a regex alternation of words)."""
    literals = list(literals)
    if not blocks or not all(literals):
        return list(blocks)
    starts = [block.start for block in blocks]
    found: set[int] = set()
    for literal in literals:
        at = text.find(literal, blocks[0].start, blocks[-1].end)
        while at != -1:
            i = bisect.bisect_right(starts, at) - 1
            resume = at + 1
            if i >= 0 and at + len(literal) <= blocks[i].end:
                found.add(i)
                if i + 1 == len(blocks):
                    break
                resume = blocks[i + 1].start
            at = text.find(literal, resume, blocks[-1].end)
    return [blocks[i] for i in sorted(found)]
