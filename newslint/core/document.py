"""A decoded article: text, BOM, newline style, regions and offset <-> line/column mapping."""

from __future__ import annotations

import bisect
from functools import cached_property
from pathlib import PurePath
from typing import Any, NamedTuple

from newslint.core.errors import NewslintError

BOM = "\ufeff"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


class Block(NamedTuple):
    """A region of the document: ``kind`` is one of the names in ``regions.BLOCK_KINDS``."""

    kind: str
    start: int
    end: int


_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff_encoding(data: bytes, encoding: str = "utf-8") -> str:
    """``encoding``; but a UTF-16/32 byte-order mark wins over the default UTF-8."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        for mark, name in _UNICODE_BOMS:
            if data.startswith(mark):
                return name
    return encoding


def decode(data: bytes, path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """Decode file bytes; return the text without BOM and whether a BOM was present."""
    if b"\x00" in data and encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        raise NewslintError("binary file (contains NUL bytes), not an article", path=path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise NewslintError(
            f"not valid {encoding}: byte 0x{bad} at offset {exc.start}"
            " (use --encoding for legacy files)",
            path=path,
        ) from None
    except LookupError:
        raise NewslintError(f"unknown encoding {encoding!r}", path=path) from None
    if "\x00" in text:
        raise NewslintError("binary file (contains NUL characters), not an article", path=path)
    if text.startswith(BOM):
        return text[1:], True
    return text, False


class Document:
    """An article's text with everything rules need to know about its structure."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        bom: bool = False,
        encoding: str = "utf-8",
        markdown: bool | None = None,
        paragraph_breaks: str = "auto",
    ) -> None:
        self.text = text
        self.path = path
        self.bom = bom
        self.encoding = encoding
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.markdown = (
            PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES if markdown is None else markdown
        )
        self.paragraph_breaks = paragraph_breaks
        self.memo: dict[tuple, Any] = {}  # data several checks derive alike (e.g. line units)

    @classmethod
    def from_bytes(cls, data: bytes, path: str, encoding: str = "utf-8", **kw: object) -> Document:
        encoding = sniff_encoding(data, encoding)
        text, bom = decode(data, path, encoding)
        return cls(text, path, bom=bom, encoding=encoding, **kw)  # type: ignore[arg-type]

    def with_text(self, text: str) -> Document:
        """A document like this one (path, encoding, BOM, Markdown handling) holding ``text``."""
        return Document(
            text,
            self.path,
            bom=self.bom,
            encoding=self.encoding,
            markdown=self.markdown,
            paragraph_breaks=self.paragraph_breaks,
        )

    def to_bytes(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this document's) as the file was: same encoding and BOM."""
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode(self.encoding)

    # -- lines -------------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end (before the line break) of the line holding ``offset``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        end = (
            self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        )
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    # -- structure ---------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        from newslint.formats.regions import split_blocks

        return split_blocks(self)

    @cached_property
    def masks(self) -> list[tuple[int, int]]:
        """Spans inside prose that are not prose: inline code, URLs, e-mail addresses, tags."""
        from newslint.formats.regions import find_masks

        return find_masks(self)

    @cached_property
    def quotes(self):  # -> newslint.core.quotes.QuoteScan
        from newslint.core.quotes import scan_document

        return scan_document(self)

    def blocks_of(self, kinds: tuple[str, ...]) -> list[Block]:
        """The blocks of these kinds; the same list object for the same kinds (do not mutate)."""
        key = ("blocks_of", kinds)
        if key not in self.memo:
            self.memo[key] = [b for b in self.blocks if b.kind in kinds]
        return self.memo[key]
