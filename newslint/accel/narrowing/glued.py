"""Narrowing of kind ``glued``: blocks holding a hump, a lower-case, a capital and a lower-case
ASCII letter in a row.

The check reads only the tokens holding a join (such a hump inside a block): a block without
one adds no token, and no word to the counts of words in such tokens, so leaving it out
changes nothing. Humps are found in the text's ASCII bytes (one a character, "?" for any
other) written as shapes, lower-case letters "a", capitals "B", all else ".": a hump is "aBa",
which a search for the rarer "B" finds far faster than a character-class scan of the text.
"""

from __future__ import annotations

import bisect
import re

from newslint.checks.glued import Check
from newslint.core.blocks import Block
from newslint.core.document import Document

_SHAPE = bytes(66 if 65 <= i <= 90 else 97 if 97 <= i <= 122 else 46 for i in range(256))
_HUMP = re.compile(rb"B(?<=aB)a")


def narrow(check: Check, doc: Document, blocks: list[Block]) -> list[Block]:
    shape = doc.text.encode("ascii", "replace").translate(_SHAPE)
    starts = [block.start for block in blocks]
    kept: set[int] = set()
    for hump in _HUMP.finditer(shape, max(blocks[0].start - 1, 0), blocks[-1].end):
        index = bisect.bisect_right(starts, hump.start() - 1) - 1
        if index >= 0 and hump.end() <= blocks[index].end:
            kept.add(index)
    return [blocks[i] for i in sorted(kept)]
