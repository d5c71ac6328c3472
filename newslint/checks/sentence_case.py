"""Kind ``sentence_case``: a sentence or paragraph that starts with a lower-case letter.

Abbreviations (U.S., a.m., Dr.), ellipses, attributions after a quoted question and lower-case
brands (eBay, iPhone: any word with a capital inside, plus ``exceptions``) are not sentence starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.sentences import sentence_starts

CAN_FIX = True
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = set(options.exceptions)

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            for start in sentence_starts(text, block.start, block.end):
                match = _WORD.match(text, start, block.end)
                if not match or not text[start].islower():
                    continue
                word = match.group()
                if word in self.exceptions or any(c.isupper() for c in word[1:]):
                    continue
                end = start + len(word)
                yield Hit(
                    start, end, {"match": word}, (Edit(start, start + 1, text[start].upper()),)
                )
