"""What the text formats share: lines, front matter, paragraphs, a headline, URL masks.

Offsets are code points into ``Document.text``. Prose blocks (headline, heading, paragraph) end
before their final line break.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.core import lines
from newslint.core.blocks import Block, Span

if TYPE_CHECKING:
    from newslint.core.document import Document

# A blank line followed by a line with text (the line before is checked apart: starting the
# pattern there would try every character of a text without blank lines)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n(?=[ \t\r]*\S)")
_YAML_TITLE = re.compile(r"""^title:[ \t]*(["']?)(.*?)\1[ \t]*\r?$""", re.M)
_TOML_TITLE = re.compile(r"""^title[ \t]*=[ \t]*(["'])(.*?)\1[ \t]*\r?$""", re.M)
URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'“”‘’)\]]+"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


def split_lines(text: str) -> list[Span]:
    """(start, end) of each line; end excludes the line break."""
    spans = lines.line_spans(text)
    if not spans or lines.break_length(text, len(text)):
        spans.append((len(text), len(text)))  # the empty line after a final line break
    return spans


def front_matter(doc: Document, lines: list[Span]) -> tuple[list[Block], int]:
    """Front matter blocks (and a headline from its title) and the index of the next line."""
    text = doc.text
    first = text[lines[0][0] : lines[0][1]]
    if first not in ("---", "+++"):
        return [], 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, len(lines)):
        if text[lines[i][0] : lines[i][1]] in closers:
            end = lines[i][1]
            blocks = [Block("front-matter", 0, end)]
            title = (_YAML_TITLE if first == "---" else _TOML_TITLE).search(text, 0, lines[i][0])
            if title and title.group(2).strip():
                blocks.append(Block("headline", title.start(2), title.end(2)))
            return blocks, i + 1
    return [], 0


def has_blank_line_paragraphs(text: str) -> bool:
    """Whether a blank line stands between two lines with text."""
    if not lines.only_newlines(text):
        empty = [not text[s:e].strip() for s, e in split_lines(text)]
        return any(
            b and not a and not c for a, b, c in zip(empty, empty[1:], empty[2:], strict=False)
        )
    for blank in _BLANK_LINE.finditer(text):
        if text[text.rfind("\n", 0, blank.start()) + 1 : blank.start()].strip():
            return True
    return False


def indented(text: str, start: int, end: int) -> Span:
    """The span of the line ``text[start:end]`` after its indentation."""
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), end


def trim_mask(text: str, match: re.Match[str]) -> Span:
    """The span a mask match covers: a URL does not take the sentence's final punctuation."""
    start, end = match.span()
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end
