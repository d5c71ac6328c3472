"""Kind ``truncated``: a paragraph of prose that stops mid-sentence before the next paragraph.

A paragraph of at least ``min_words`` words that ends in a letter, a digit or a comma (no full
stop, question or exclamation mark, colon, closing quote or bracket) and is followed by another
paragraph is reported at its last word. Headlines and headings are never candidates, and neither
is a paragraph that the next one continues in lower case (a line broken in two, not cut off).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Hit

CAN_FIX = False
MESSAGE_VALUES = ("word",)  # for messages, besides {match}
_LAST_WORD = re.compile(r"\S+[ \t]*$")
_CUT = re.compile(r"[^\W_],?$")


@dataclass
class Options:
    min_words: int = option(12, minimum=1)


class Check:
    def __init__(self, options: Options) -> None:
        self.min_words = options.min_words

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block, following in zip(blocks, blocks[1:], strict=False):
            if block.kind != "paragraph" or following.kind != "paragraph":
                continue
            body = text[block.start : block.end].rstrip()
            if len(body.split()) < self.min_words or not _CUT.search(body):
                continue
            nxt = text[following.start : following.end].lstrip(" \t\"“‘'«([*_")
            if not nxt[:1].isupper():
                continue
            last = _LAST_WORD.search(text, block.start, block.start + len(body))
            assert last is not None  # the body is not blank
            yield Hit(last.start(), block.start + len(body), {"word": last.group().strip()})
