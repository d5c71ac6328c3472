"""Narrowing of kind ``repeated_word``: blocks where two neighbouring words are equal.

A hit is a match of the check's pattern: two words of letters (at most one apostrophe) equal in
lower case, which is what a case-insensitive back-reference compares, with only spaces or tabs
between them and no letter, digit, "_", apostrophe or hyphen on their outer sides. They are
found in the text's *word shape*: its ASCII bytes (one a character, "?" for any other) with
capitals lowered; letters, digits, "_", "-" and "'" kept; spaces and tabs " "; "?" (so any
non-ASCII character) "#"; anything else ".". With ’ written ' and İ and the Kelvin sign (lower
case i and k) written I and K, the two words' shapes are equal runs of letters, "'" and "#"
with " ", "." or "#" outside. Made of ASCII characters, the two are neighbouring equal words of
the shape read with "#" and "." as spaces. Holding a non-ASCII letter, they meet as
``_NON_ASCII_JOINT``: the first's last "#" and the second's first "#" stand for letters. The
blocks overlapping such a pair are kept; the check is block-local.
"""

from __future__ import annotations

import bisect
import re

from newslint.checks.repeated_word import Check
from newslint.core.blocks import Block
from newslint.core.document import Document

_SHAPE = bytes(
    i + 32
    if 65 <= i <= 90
    else i
    if 97 <= i <= 122 or 48 <= i <= 57 or i in b"_-'"
    else 32
    if i in b" \t"
    else 35
    if i == 63
    else 46
    for i in range(256)
)
# the shape with "#" and "." read as spaces, made from the ASCII bytes in one pass
_SPACED_SHAPE = _SHAPE.translate(bytes.maketrans(b"#.", b"  "))
# In the spaced shape (" " before the text): a word of letters and apostrophes after a space,
# followed by spaces and the same word ending there. The word after the space is not consumed,
# so it may start the next pair; the leading literal makes ``re`` try only at spaces.
_SPACED_PAIR = re.compile(rb" ([a-z']++)(?= ++\1(?![a-z0-9_'-]))")
_LETTER = re.compile(rb"[a-z]")
_SPACES = re.compile(rb"[ \t]+")  # in the ASCII bytes: the shape's spaces
# Non-ASCII characters whose lower case, which a case-insensitive back-reference compares,
# is an ASCII letter (İ, the Kelvin sign): the shape reads them as that letter.
_ODD_CASES = {"\u0130": "I", "\u212a": "K"}
# a word's last non-ASCII character, ASCII letters, spaces, ASCII letters, the next's first one,
# in the ASCII bytes ("?" for a non-ASCII character): "#", "[a-z']" and " " of the shape
_NON_ASCII_JOINT = re.compile(rb"\?(?=[A-Za-z']*[ \t]+[A-Za-z']*(\?))")


def _candidate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the text where two neighbouring words may be equal (see the module docstring)."""
    for char, ascii_char in (*_ODD_CASES.items(), ("’", "'")):
        if char in text:
            text = text.replace(char, ascii_char)  # same length: offsets stay
    ascii_bytes = text.encode("ascii", "replace")
    spans = [
        (m.start(), m.end(1))
        for m in _NON_ASCII_JOINT.finditer(ascii_bytes)
        if text[m.start()].isalnum() and text[m.start(1)].isalnum()
    ]
    # neighbouring equal words of the spaced shape, kept if only spaces part them in the shape
    for match in _SPACED_PAIR.finditer((b" " + ascii_bytes).translate(_SPACED_SHAPE)):
        word = match.group(1)
        start, end = match.start(1) - 1, match.end(1) - 1  # offsets in the shape
        second = _SPACES.match(ascii_bytes, end)
        if second and _LETTER.search(word):
            after = second.end()
            if ascii_bytes[after : after + len(word)].translate(_SHAPE) == word:
                spans.append((start, after + len(word)))
    return sorted(spans)


def narrow(check: Check, doc: Document, blocks: list[Block]) -> list[Block]:
    starts = [block.start for block in blocks]
    chosen: set[int] = set()
    for start, end in _candidate_spans(doc.text):
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = bisect.bisect_left(starts, end)
        chosen.update(i for i in range(first, last) if blocks[i].end > start)
    return [blocks[i] for i in sorted(chosen)]
