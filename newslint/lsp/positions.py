"""Code-point offsets <-> LSP positions, in the position encoding the client negotiated.

LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (not at the other breaks ``str.splitlines`` knows,
such as U+2028 or a form feed), and a position's ``character`` counts UTF-16 code units by
default, or UTF-8 bytes or code points when the client offers those.
"""

from __future__ import annotations

import bisect
import re

from newslint.core.lines import newline_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


class LineIndex:
    """Where each line of ``text`` starts, for converting offsets and positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        if "\r" in text:
            self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        else:  # the common case, ten times faster than the regex
            self.starts = newline_starts(text)

    def _line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1] - 1
        if end > self.starts[line] and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, max(self._line_end(line), start))  # never inside a CRLF
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """Code-point offset of an LSP position; past a line's end means its end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        content = self.text[start:end]
        if self.encoding == UTF32 or content.isascii():
            return start + max(0, min(character, len(content)))
        count = 0
        for index, char in enumerate(content):
            if count >= character:
                return start + index
            count += units(char, self.encoding)
        return end


def apply_change(
    text: str,
    start: tuple[int, int] | None,
    end: tuple[int, int] | None,
    new: str,
    encoding: str,
) -> str:
    """``text`` with the range ``start``..``end`` (LSP positions) replaced by ``new``; no range
    (``start`` None) replaces the whole text."""
    if start is None or end is None:
        return new
    index = LineIndex(text, encoding)
    first = index.offset(*start)
    last = max(first, index.offset(*end))
    return text[:first] + new + text[last:]
