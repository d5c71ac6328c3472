"""Split a document into regions: front matter, code, HTML comments, headline, headings, paragraphs.

Offsets are code points into ``Document.text``. Prose blocks (headline, heading, paragraph) end
before their final line break.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from newslint.core.document import Block

if TYPE_CHECKING:
    from newslint.core.document import Document

BLOCK_KINDS = ("front-matter", "code", "html-comment", "headline", "heading", "paragraph")
PROSE_KINDS = ("headline", "heading", "paragraph")

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A blank line followed by a line with text (the line before is checked apart: starting the
# pattern there would try every character of a text without blank lines)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n(?=[ \t\r]*\S)")
_LINE_TEXT = re.compile(r"[^\S\n]*(\S[^\n]*)")  # a line's text after its indentation
_YAML_TITLE = re.compile(r"""^title:[ \t]*(["']?)(.*?)\1[ \t]*\r?$""", re.M)
_TOML_TITLE = re.compile(r"""^title[ \t]*=[ \t]*(["'])(.*?)\1[ \t]*\r?$""", re.M)

_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'“”‘’)\]]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_MARKDOWN = r"(`+)[^`].*?\1|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<!--.*?-->|</?[A-Za-z][^<>]*>"
# (markdown, block has an "@"): the e-mail alternative is slow, so it runs only where it can match
_MASKS = {
    (False, True): re.compile(f"{_URL}|{_EMAIL}"),
    (False, False): re.compile(_URL),
    (True, True): re.compile(f"{_URL}|{_EMAIL}|{_MARKDOWN}", re.S),
    (True, False): re.compile(f"{_URL}|{_MARKDOWN}", re.S),
}


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line; end excludes the line break."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        spans.append((pos, end))
        pos += len(line)
    if not spans or text.endswith("\n"):
        spans.append((pos, pos))
    return spans


def _front_matter(doc: Document, lines: list[tuple[int, int]]) -> tuple[list[Block], int]:
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


def use_line_paragraphs(doc: Document) -> bool:
    """Whether each line is its own paragraph (scraped text with no blank lines)."""
    if doc.paragraph_breaks == "line":
        return True
    if doc.paragraph_breaks == "blank-line" or doc.markdown:
        return False
    text = doc.text
    for blank in _BLANK_LINE.finditer(text):
        if text[text.rfind("\n", 0, blank.start()) + 1 : blank.start()].strip():
            return False  # a blank line between two lines with text
    return True


def split_blocks(doc: Document) -> list[Block]:
    text = doc.text
    line_mode = use_line_paragraphs(doc)
    md = doc.markdown
    if line_mode and not md and _only_newlines(text) and not text.startswith(("---", "+++")):
        blocks = _line_paragraphs(text)
        return _with_headline(text, blocks)
    lines = _lines(text)
    blocks, i = _front_matter(doc, lines)
    para: list[tuple[int, int]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", para[0][0], para[-1][1]))
            para.clear()

    n = len(lines)
    if line_mode and not md:  # each line with text is a paragraph
        for start, end in lines[i:]:
            line = text[start:end]
            indented = line.lstrip()
            if indented:
                blocks.append(Block("paragraph", start + len(line) - len(indented), end))
        i = n
    while i < n:
        start, end = lines[i]
        line = text[start:end]
        if not line.strip():
            flush()
            i += 1
            continue
        if md:
            fence = _FENCE.match(line)
            if fence:
                flush()
                mark = fence.group(1)
                j = i + 1
                while j < n:
                    closing = text[lines[j][0] : lines[j][1]].strip()
                    if closing.startswith(mark[0] * len(mark)) and not closing.strip(mark[0]):
                        break
                    j += 1
                j = min(j, n - 1)
                blocks.append(Block("code", start, lines[j][1]))
                i = j + 1
                continue
            if line.lstrip().startswith("<!--"):
                flush()
                close = text.find("-->", start)
                stop = len(text) if close == -1 else close + 3
                j = i
                while j + 1 < n and lines[j][1] < stop:
                    j += 1
                blocks.append(Block("html-comment", start + len(line) - len(line.lstrip()), stop))
                rest = text[stop : lines[j][1]]
                if rest.strip():
                    para.append((stop + len(rest) - len(rest.lstrip()), lines[j][1]))
                i = j + 1
                continue
            if not para and (line.startswith("    ") or line.startswith("\t")):
                j = i
                last = i
                while j < n:
                    candidate = text[lines[j][0] : lines[j][1]]
                    if candidate.startswith(("    ", "\t")):
                        last = j
                    elif candidate.strip():
                        break
                    j += 1
                blocks.append(Block("code", start, lines[last][1]))
                i = last + 1
                continue
            atx = _ATX.match(line)
            if atx:
                flush()
                content = line[atx.end() :].rstrip()
                content = re.sub(r"[ \t]+#+$", "", content).rstrip("#").rstrip() or content
                c_start = start + atx.end()
                kind = "heading"
                if len(atx.group(1)) == 1 and not any(b.kind == "headline" for b in blocks):
                    kind = "headline"
                if content:
                    blocks.append(Block(kind, c_start, c_start + len(content)))
                i += 1
                continue
            setext = _SETEXT.match(line)
            if para and setext and not line_mode:
                kind = "heading"
                if setext.group(1)[0] == "=" and not any(b.kind == "headline" for b in blocks):
                    kind = "headline"
                blocks.append(Block(kind, para[0][0], para[-1][1]))
                para.clear()
                i += 1
                continue
            if _THEMATIC.match(line):
                flush()
                i += 1
                continue
        para.append((start + len(line) - len(line.lstrip()), end))
        if line_mode:
            flush()
        i += 1
    flush()
    if md:
        blocks.sort(key=lambda b: b.start)
        return blocks
    return _with_headline(text, blocks)


def _only_newlines(text: str) -> bool:
    """Whether every line break of ``text`` is a lone "\n" (str.splitlines() also breaks at
    "\r", form feeds, "\u2028" and others: then it finds more lines than there are "\n")."""
    return "\r" not in text and len(text.splitlines()) == text.count("\n") + (
        not text.endswith("\n")
    )


def _line_paragraphs(text: str) -> list[Block]:
    """The blocks of a text file whose lines are its paragraphs, with no front matter and no
    line break but "\n": each line with text, from its first non-space character to its end
    (what the line loop of :func:`split_blocks` gives, from one search)."""
    return [Block("paragraph", *m.span(1)) for m in _LINE_TEXT.finditer(text)]


def _with_headline(text: str, blocks: list[Block]) -> list[Block]:
    """A text file's blocks, its first paragraph made the headline if it is one line and
    there is no headline (from front matter) yet; sorted."""
    if not any(b.kind == "headline" for b in blocks):
        for index, block in enumerate(blocks):
            if block.kind == "paragraph":
                if "\n" not in text[block.start : block.end]:
                    blocks[index] = Block("headline", block.start, block.end)
                break
    blocks.sort(key=lambda b: b.start)
    return blocks


def find_masks(doc: Document) -> list[tuple[int, int]]:
    """Spans inside prose blocks that no prose rule should look into."""
    if not doc.markdown:
        return _masks_in_plain_text(doc)
    text = doc.text
    masks: list[tuple[int, int]] = []
    for block in doc.blocks:
        if block.kind in PROSE_KINDS:
            pattern = _MASKS[doc.markdown, text.find("@", block.start, block.end) != -1]
            masks.extend(_mask(text, m) for m in pattern.finditer(text, block.start, block.end))
    return masks


def _masks_in_plain_text(doc: Document) -> list[tuple[int, int]]:
    """:func:`find_masks` for a text file. URLs hold no white space, so no URL runs across the
    line breaks between blocks: one search of the whole text finds them (those outside prose
    blocks, in front matter, are left out). Blocks holding an "@" are searched one by one for
    URLs and e-mail addresses, as :func:`find_masks` does."""
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
    for match in _MASKS[False, False].finditer(text) if has_url else ():
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= prose[index][1] and index not in with_at:
            found.append(match)
    for index in with_at:
        found.extend(_MASKS[False, True].finditer(text, *prose[index]))
    return [_mask(text, match) for match in sorted(found, key=lambda m: m.start())]


def _mask(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The span a mask match covers: a URL does not take the sentence's final punctuation."""
    start, end = match.span()
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end
