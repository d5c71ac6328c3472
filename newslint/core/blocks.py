"""The regions a document is made of, whatever its input format."""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

BlockKind = Literal[
    "front-matter", "code", "html-comment", "table", "headline", "heading", "paragraph"
]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)
PROSE_KINDS = ("headline", "heading", "paragraph")
Span = tuple[int, int]


class Block(NamedTuple):
    """A region of the document: ``kind`` is one of :data:`BLOCK_KINDS`."""

    kind: str
    start: int
    end: int
