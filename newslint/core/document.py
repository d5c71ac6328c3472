"""A decoded article: its text, how it is stored (encoding, BOM, line breaks), its regions.

The regions come from the document's :class:`DocumentFormat` (``newslint.formats``): the core
knows what a block is, each format knows how to find them in its syntax.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import pairwise
from typing import Any, Protocol

from newslint.core import lines
from newslint.core.blocks import Block, Span
from newslint.core.lexicon import Lexicon, build_lexicon
from newslint.core.quotes import QuoteScan, scan_document
from newslint.core.site_evidence import SiteEvidence


class DocumentFormat(Protocol):
    """What an input format tells the core about a document in its syntax."""

    name: str  # "text", "markdown", ...
    markup_chars: str  # characters of inline markup that prose rules read past ("" if none)

    def blocks(self, doc: Document) -> list[Block]:
        """The document's regions, sorted by start."""
        ...

    def masks(self, doc: Document) -> list[Span]:
        """Spans inside prose that are not prose (inline code, URLs, e-mail addresses, tags)."""
        ...

    def comment_spans(self, doc: Document) -> list[Span]:
        """Sorted spans of the comments in which suppression directives may stand."""
        ...

    def markup_spans(self, text: str, start: int, end: int) -> list[Span]:
        """Inline markup in ``text[start:end]`` that a reader of the prose skips (emphasis
        markers, a link's opening bracket); link targets are masks."""
        ...

    def strip_markup(self, text: str) -> str:
        """``text`` without its emphasis markers (how chrome patterns read a line)."""
        ...


class Document:
    """An article's text with everything rules need to know about its structure."""

    def __init__(
        self,
        text: str,
        path: str,
        doc_format: DocumentFormat,
        *,
        bom: bool = False,
        encoding: str = "utf-8",
        paragraph_breaks: str = "auto",
    ) -> None:
        self.text = text
        self.path = path
        self.format = doc_format
        self.bom = bom
        self.encoding = encoding
        self.paragraph_breaks = paragraph_breaks
        self.memo: dict[tuple[Any, ...], Any] = {}  # data several checks derive alike
        self.corpus: SiteEvidence | None = None  # what the site's other pages say

    def with_text(self, text: str) -> Document:
        """A document like this one (path, format, encoding, BOM, corpus) holding ``text``."""
        doc = Document(
            text,
            self.path,
            self.format,
            bom=self.bom,
            encoding=self.encoding,
            paragraph_breaks=self.paragraph_breaks,
        )
        doc.corpus = self.corpus
        return doc

    def to_bytes(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this document's) as the file was: same encoding and BOM."""
        body = self.text if text is None else text
        return (("\ufeff" if self.bom else "") + body).encode(self.encoding)

    # -- lines (see :mod:`newslint.core.lines`) -----------------------------------------------
    @cached_property
    def newline(self) -> str:
        """The line break the file uses most: what edits that add a line break write."""
        return lines.dominant_break(self.text)

    @cached_property
    def line_starts(self) -> list[int]:
        return lines.line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, offset: int) -> Span:
        """Start and end (before the line break) of the line holding ``offset``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        if index + 1 == len(self.line_starts):
            return start, len(self.text)
        end = self.line_starts[index + 1]
        return start, end - lines.break_length(self.text, end)

    # -- structure ---------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        return self.format.blocks(self)

    @cached_property
    def masks(self) -> list[Span]:
        """Spans inside prose that are not prose: inline code, URLs, e-mail addresses, tags."""
        return self.format.masks(self)

    @cached_property
    def quotes(self) -> QuoteScan:
        return scan_document(self)

    @cached_property
    def paragraph_break(self) -> str:
        """What an edit starting a new paragraph inserts: the document's own separator, a line
        break where each line is a paragraph (two paragraphs one line break apart), else a
        blank line."""
        paragraphs = self.blocks_of(("paragraph",))
        text = self.text
        for before, after in pairwise(paragraphs):
            if text.count("\n", before.end, after.start) == 1:
                return self.newline
        return self.newline * 2

    @cached_property
    def lexicon(self) -> Lexicon:
        """The forms in which the article writes each word (names, brands, acronyms)."""
        return build_lexicon(self)

    def blocks_of(self, kinds: tuple[str, ...]) -> list[Block]:
        """The blocks of these kinds; the same list object for the same kinds (do not mutate)."""
        key = ("blocks_of", kinds)
        if key not in self.memo:
            self.memo[key] = [b for b in self.blocks if b.kind in kinds]
        blocks: list[Block] = self.memo[key]
        return blocks
