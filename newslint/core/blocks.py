"""The regions a document is made of, whatever its input format."""

from __future__ import annotations

from typing import NamedTuple

BLOCK_KINDS = ("front-matter", "code", "html-comment", "headline", "heading", "paragraph")
PROSE_KINDS = ("headline", "heading", "paragraph")
Span = tuple[int, int]


class Block(NamedTuple):
    """A region of the document: ``kind`` is one of :data:`BLOCK_KINDS`."""

    kind: str
    start: int
    end: int
