"""Plain-text articles: paragraphs between blank lines, or one a line in scraped text.

The first paragraph is the headline when it is one line; front matter is read as in Markdown.
URLs and e-mail addresses are masked. A line holding only a suppression directive
(``<!-- newslint-disable-next-line NL201 -->``) is a comment, not prose.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from newslint.core import lines
from newslint.core.blocks import PROSE_KINDS, Block, Span
from newslint.core.suppression import DIRECTIVE
from newslint.formats.common import (
    EMAIL,
    URL,
    front_matter,
    has_blank_line_paragraphs,
    indented,
    split_lines,
    trim_mask,
)

if TYPE_CHECKING:
    from newslint.core.document import Document

_LINE_TEXT = re.compile(r"\S[^\n]*")  # a line's text after its indentation
_URL = re.compile(URL)
_URL_OR_EMAIL = re.compile(f"{URL}|{EMAIL}")  # the e-mail part is slow: only where an "@" is


class PlainText:
    """The ``text`` format (``.txt`` and anything not claimed by another format)."""

    name = "text"
    markup_chars = ""

    def blocks(self, doc: Document) -> list[Block]:
        text = doc.text
        line_mode = uses_line_paragraphs(doc)
        if line_mode and _only_newlines(text) and not text.startswith(("---", "+++")):
            blocks = _line_paragraphs(text)
            if "newslint-" in text:
                blocks = [_directive_or(text, block) for block in blocks]
            return _with_headline(text, blocks)
        spans = split_lines(text)
        blocks, first = front_matter(doc, spans)
        para: list[Span] = []
        for start, end in spans[first:]:
            line = indented(text, start, end)
            if line[0] == end:  # a blank line
                para = _flush(blocks, para)
            elif DIRECTIVE.fullmatch(text, *line):
                para = _flush(blocks, para)
                blocks.append(Block("html-comment", *line))
            else:
                para.append(line)
                if line_mode:  # each line with text is a paragraph
                    para = _flush(blocks, para)
        _flush(blocks, para)
        return _with_headline(text, blocks)

    def masks(self, doc: Document) -> list[Span]:
        """URLs and e-mail addresses in prose. URLs hold no white space, so no URL runs across
        the line breaks between blocks: one search of the whole text finds them (those outside
        prose blocks, in front matter, are left out). Blocks holding an "@" are searched one by
        one for URLs and e-mail addresses."""
        text = doc.text
        prose = [(b.start, b.end) for b in doc.blocks if b.kind in PROSE_KINDS]
        starts = [start for start, _ in prose]
        with_at = set()
        at = text.find("@")
        while at != -1:
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at < prose[index][1]:
                with_at.add(index)
            at = text.find("@", at + 1)
        found = []
        has_url = "http" in text or "ftp://" in text or "www." in text  # what every URL starts with
        for match in _URL.finditer(text) if has_url else ():
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= prose[index][1] and index not in with_at:
                found.append(match)
        for index in with_at:
            found.extend(_URL_OR_EMAIL.finditer(text, *prose[index]))
        return [trim_mask(text, match) for match in sorted(found, key=lambda m: m.start())]

    def comment_spans(self, doc: Document) -> list[Span]:
        """Suppression directives stand on lines of their own (:mod:`newslint.core.suppression`)."""
        return [(b.start, b.end) for b in doc.blocks if b.kind == "html-comment"]

    def markup_spans(self, text: str, start: int, end: int) -> list[Span]:
        return []

    def strip_markup(self, text: str) -> str:
        return text


def uses_line_paragraphs(doc: Document) -> bool:
    """Whether each line is its own paragraph (scraped text with no blank lines)."""
    if doc.paragraph_breaks != "auto":
        return doc.paragraph_breaks == "line"
    return not has_blank_line_paragraphs(doc.text)


def _only_newlines(text: str) -> bool:
    """Whether every line break of ``text`` is a lone "\n" (then one search finds its lines)."""
    return lines.only_newlines(text)


def _flush(blocks: list[Block], para: list[Span]) -> list[Span]:
    """Close the paragraph of the lines ``para`` (if any) into ``blocks``; a new, empty one."""
    if para:
        blocks.append(Block("paragraph", para[0][0], para[-1][1]))
    return []


def _directive_or(text: str, block: Block) -> Block:
    """A one-line block as a suppression directive, if it is one."""
    if DIRECTIVE.fullmatch(text, block.start, block.end):
        return Block("html-comment", block.start, block.end)
    return block


def _line_paragraphs(text: str) -> list[Block]:
    """The blocks of a text whose lines are its paragraphs, with no front matter and no line
    break but "\n": each line with text, from its first non-space character to its end (what
    the line loop of :meth:`PlainText.blocks` gives, from one search)."""
    return [Block("paragraph", *m.span()) for m in _LINE_TEXT.finditer(text)]


def _with_headline(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks, the first paragraph made the headline if it is one line and there is no
    headline (from front matter) yet; sorted."""
    if not any(b.kind == "headline" for b in blocks):
        for index, block in enumerate(blocks):
            if block.kind == "paragraph":
                if not lines.BREAK.search(text, block.start, block.end):
                    blocks[index] = Block("headline", block.start, block.end)
                break
    blocks.sort(key=lambda b: b.start)
    return blocks
