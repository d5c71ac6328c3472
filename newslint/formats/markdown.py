"""Markdown articles: front matter, fenced and indented code, HTML comments, ATX and setext
headings (the first H1 is the headline), tables (data, not prose), paragraphs between blank
lines.

Inline code, link targets, HTML tags and comments, URLs and e-mail addresses are masked;
``*`` and ``_`` emphasis markers are inline markup. Suppression directives stand in HTML comments.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.core.blocks import PROSE_KINDS, Block, Span
from newslint.formats.common import EMAIL, URL, front_matter, indented, split_lines, trim_mask

if TYPE_CHECKING:
    from newslint.core.document import Document

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
# a table's delimiter row (``|---|:--:|``): at least one ``|`` and only dashes, colons, spaces
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_INLINE = r"(`+)[^`].*?\1|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<!--.*?-->|</?[A-Za-z][^<>]*>"
# the e-mail alternative is slow, so it runs only in blocks holding an "@"
_MASKS = {
    True: re.compile(f"{URL}|{EMAIL}|{_INLINE}", re.S),
    False: re.compile(f"{URL}|{_INLINE}", re.S),
}
# *, **, _ markers; a lone * between a space and the line end or a space is text ("Name *")
_EMPHASIS = re.compile(r"(?<!\s)\*{1,3}|\*{1,3}(?![ \t]|$)|(?<!\w)_{1,3}|_{1,3}(?!\w)", re.M)
# what a reader of the prose skips: emphasis markers beside words, and a link's opening bracket
_MARKUP = re.compile(r"\*{1,3}|_{1,3}(?=\S)|(?<=\S)_{1,3}|\[")


class Markdown:
    """The ``markdown`` format (``.md``, ``.markdown``, ``.mdown``, ``.mkd``)."""

    name = "markdown"
    markup_chars = "*_"

    def blocks(self, doc: Document) -> list[Block]:
        return _Splitter(doc).blocks()

    def masks(self, doc: Document) -> list[Span]:
        text = doc.text
        masks: list[Span] = []
        for block in doc.blocks:
            if block.kind in PROSE_KINDS:
                pattern = _MASKS[text.find("@", block.start, block.end) != -1]
                masks.extend(trim_mask(text, m) for m in pattern.finditer(text, *block[1:]))
        return masks

    def comment_spans(self, doc: Document) -> list[Span]:
        comments = [(b.start, b.end) for b in doc.blocks if b.kind == "html-comment"]
        return sorted(comments + doc.masks)

    def markup_spans(self, text: str, start: int, end: int) -> list[Span]:
        return [m.span() for m in _MARKUP.finditer(text, start, end)]

    def strip_markup(self, text: str) -> str:
        return _EMPHASIS.sub("", text)


class _Splitter:
    """One pass over a Markdown document's lines, block by block."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.line_mode = doc.paragraph_breaks == "line"  # each line with text a paragraph
        self.lines = split_lines(self.text)
        self.out, self.i = front_matter(doc, self.lines)
        self.para: list[Span] = []

    def blocks(self) -> list[Block]:
        lines, n = self.lines, len(self.lines)
        while self.i < n:
            start, end = lines[self.i]
            line = self.text[start:end]
            if not line.strip():
                self._flush()
                self.i += 1
            elif not self._construct(line, start, end):
                self.para.append(indented(self.text, start, end))
                if self.line_mode:
                    self._flush()
                self.i += 1
        self._flush()
        self.out.sort(key=lambda b: b.start)
        return self.out

    def _flush(self) -> None:
        if self.para:
            self.out.append(Block("paragraph", self.para[0][0], self.para[-1][1]))
            self.para.clear()

    def _has_headline(self) -> bool:
        return any(b.kind == "headline" for b in self.out)

    def _construct(self, line: str, start: int, end: int) -> bool:
        """Take the Markdown construct opening at this line, if any (advancing ``i``)."""
        fence = _FENCE.match(line)
        if fence:
            self._fenced_code(fence.group(1), start)
        elif line.lstrip().startswith("<!--"):
            self._html_comment(line, start)
        elif not self.para and line.startswith(("    ", "\t")):
            self._indented_code(start)
        elif atx := _ATX.match(line):
            self._flush()
            content = line[atx.end() :].rstrip()
            content = re.sub(r"[ \t]+#+$", "", content).rstrip("#").rstrip() or content
            c_start = start + atx.end()
            top = len(atx.group(1)) == 1 and not self._has_headline()
            if content:
                self.out.append(
                    Block("headline" if top else "heading", c_start, c_start + len(content))
                )
            self.i += 1
        elif self.para and not self.line_mode and (setext := _SETEXT.match(line)):
            top = setext.group(1)[0] == "=" and not self._has_headline()
            self.out.append(
                Block("headline" if top else "heading", self.para[0][0], self.para[-1][1])
            )
            self.para.clear()
            self.i += 1
        elif not self.para and "|" in line and self._opens_table():
            self._table(start)
        elif _THEMATIC.match(line):
            self._flush()
            self.i += 1
        else:
            return False
        return True

    def _fenced_code(self, mark: str, start: int) -> None:
        self._flush()
        lines, n = self.lines, len(self.lines)
        j = self.i + 1
        while j < n:
            closing = self.text[lines[j][0] : lines[j][1]].strip()
            if closing.startswith(mark[0] * len(mark)) and not closing.strip(mark[0]):
                break
            j += 1
        j = min(j, n - 1)
        self.out.append(Block("code", start, lines[j][1]))
        self.i = j + 1

    def _opens_table(self) -> bool:
        """Whether the line at ``i`` is a table's header row: a delimiter row follows it."""
        if self.i + 1 >= len(self.lines):
            return False
        start, end = self.lines[self.i + 1]
        row = self.text[start:end]
        return "|" in row and bool(_TABLE_DELIMITER.match(row))

    def _table(self, start: int) -> None:
        """A table (header, delimiter and body rows, up to a blank line): data, not prose."""
        lines, n = self.lines, len(self.lines)
        j = self.i + 2
        while j < n and "|" in self.text[lines[j][0] : lines[j][1]]:
            j += 1
        self.out.append(Block("table", start, lines[j - 1][1]))
        self.i = j

    def _html_comment(self, line: str, start: int) -> None:
        self._flush()
        text, lines, n = self.text, self.lines, len(self.lines)
        close = text.find("-->", start)
        stop = len(text) if close == -1 else close + 3
        j = self.i
        while j + 1 < n and lines[j][1] < stop:
            j += 1
        self.out.append(Block("html-comment", start + len(line) - len(line.lstrip()), stop))
        rest = text[stop : lines[j][1]]
        if rest.strip():
            self.para.append((stop + len(rest) - len(rest.lstrip()), lines[j][1]))
        self.i = j + 1

    def _indented_code(self, start: int) -> None:
        lines, n = self.lines, len(self.lines)
        j = last = self.i
        while j < n:
            candidate = self.text[lines[j][0] : lines[j][1]]
            if candidate.startswith(("    ", "\t")):
                last = j
            elif candidate.strip():
                break
            j += 1
        self.out.append(Block("code", start, lines[last][1]))
        self.i = last + 1
