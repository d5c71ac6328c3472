"""Kind ``sentence_case``: a sentence or paragraph that starts with a lower-case letter.

Abbreviations (U.S., a.m., Dr.), ellipses, attributions after a quoted question and lower-case
brands (eBay, iPhone: any word with a capital inside, plus ``exceptions``) are not sentence starts.
Scraped text needs more care: a paragraph that continues a previous one cut off without terminal
punctuation, a short fragment (a label or list item), a code line or an identifier (``json()``,
``node.js``) is not a sentence, and after ``?`` or ``!`` lower case is often deliberate.
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
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")
_CODE = re.compile(r"[{}]|;[ \t]*$|//|\w\(|\s==?\s")
_IDENTIFIER_NEXT = "([{.:_/@=<>\\"


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_words: int = 4  # a paragraph start needs a paragraph of this many words


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = set(options.exceptions)
        self.min_words = options.min_words

    def _is_sentence(self, text: str, block: Block, previous: Block | None) -> bool:
        """Whether a paragraph is prose whose lower-case start is an error, not a fragment."""
        body = text[block.start : block.end].rstrip()
        if len(body.split()) < self.min_words or not _TERMINAL.search(body) or _CODE.search(body):
            return False
        if previous is None or previous.kind != "paragraph":
            return True
        ending = text[previous.start : previous.end].rstrip()
        return bool(_TERMINAL.search(ending))  # else it continues the previous paragraph

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        previous: Block | None = None
        for block in blocks:
            prose = self._is_sentence(text, block, previous)
            previous = block
            if not prose:
                continue
            for start in sentence_starts(text, block.start, block.end):
                match = _WORD.match(text, start, block.end)
                if not match or not text[start].islower():
                    continue
                word = match.group()
                end = start + len(word)
                if word in self.exceptions or any(c.isupper() for c in word[1:]):
                    continue
                if end < block.end and text[end] in _IDENTIFIER_NEXT:
                    continue  # json(), node.js, a label before a colon
                if text[start - 1 : start] == "(":
                    continue  # a parenthetical aside
                before = text[block.start : start].rstrip(" \t\"“‘'«([*_)]”’»")
                if before.endswith(("?", "!")):
                    continue  # “What shall I do? what ought I to do?”
                yield Hit(
                    start, end, {"match": word}, (Edit(start, start + 1, text[start].upper()),)
                )
