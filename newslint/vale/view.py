"""Text with a source offset for every character: what Vale's rules see, mapped to the file.

A :class:`Span` is built from pieces of the source (each character keeps its offset) and from
characters Vale adds itself (a space before inline markup, a masking ``*``), which take the offset
of the source character they stand before.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


@dataclass
class Span:
    """``text`` and, for each of its characters, the offset in the source it came from."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def add(self, text: str, offsets: list[int]) -> None:
        self.text += text
        self.offsets.extend(offsets)

    def add_source(self, text: str, start: int) -> None:
        """Characters copied from the source starting at ``start``."""
        self.text += text
        self.offsets.extend(range(start, start + len(text)))

    def add_synthetic(self, text: str, at: int) -> None:
        self.text += text
        self.offsets.extend([at] * len(text))

    def slice(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], self.offsets[start:end])

    def strip(self, chars: str | None = None) -> Span:
        stripped = self.text.lstrip(chars)
        start = len(self.text) - len(stripped)
        end = len(stripped.rstrip(chars)) + start
        return self.slice(start, end)

    def lstrip(self, chars: str | None = None) -> Span:
        return self.slice(len(self.text) - len(self.text.lstrip(chars)), len(self.text))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of ``text[start:end]`` (``end`` after its last character)."""
        if not self.offsets:
            return 0, 0
        begin = self.offsets[min(start, len(self.offsets) - 1)]
        last = self.offsets[min(max(end - 1, start), len(self.offsets) - 1)]
        return begin, max(last + 1, begin)


def decoded_offsets(raw: str, text: str, start: int) -> list[int]:
    """Offsets of the characters of ``text``, the decoded form of ``raw`` (backslash escapes
    and character references), which starts at ``start`` in the source."""
    if raw == text:
        return list(range(start, start + len(text)))
    offsets: list[int] = []
    i = j = 0
    while i < len(text):
        if j < len(raw) and raw[j] == text[i]:
            offsets.append(start + j)
            i += 1
            j += 1
            continue
        if j < len(raw) and raw[j] == "\\" and j + 1 < len(raw) and raw[j + 1] == text[i]:
            offsets.append(start + j + 1)
            i += 1
            j += 2
            continue
        entity = _ENTITY.match(raw, j) if j < len(raw) else None
        if entity:
            decoded = html.unescape(entity.group())
            for _ in decoded:
                if i < len(text):
                    offsets.append(start + j)
                    i += 1
            j = entity.end()
            continue
        offsets.append(start + min(j, max(len(raw) - 1, 0)))
        i += 1
        j += 1
    return offsets
