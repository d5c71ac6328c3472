"""Kind ``sentence_case``: a sentence or paragraph that starts with a lower-case letter.

Abbreviations (U.S., a.m., Dr.), ellipses, attributions after a quoted question and lower-case
brands (eBay, iPhone: any word with a capital inside, plus ``exceptions``) are not sentence starts.
Scraped text needs more care: a paragraph that continues the document's previous prose block
(a paragraph cut off without terminal punctuation), a short fragment (a label or list item, fewer
than ``min_words`` words), a code line or an identifier (``json()``, ``node.js``) is not a
sentence, and after ``?`` or ``!`` lower case is often deliberate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import ends_with_mark
from newslint.config.validation import option
from newslint.core.blocks import PROSE_KINDS, Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit
from newslint.core.sentences import sentence_starts

CAN_FIX = True
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CODE = re.compile(r"[{}]|;[ \t]*$|//|\w\(|\s==?\s")
_IDENTIFIER_NEXT = "([{.:_/@=<>\\"


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_words: int = option(4, minimum=0)  # a paragraph start needs a paragraph of this many words


def previous_prose(doc: Document, block: Block) -> Block | None:
    """The prose block before ``block`` in the document, if any."""
    prose = doc.blocks_of(PROSE_KINDS)
    index = bisect.bisect_left(prose, block.start, key=lambda b: b.start) - 1
    return prose[index] if index >= 0 else None


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = set(options.exceptions)
        self.min_words = options.min_words

    def _is_sentence(self, doc: Document, block: Block) -> bool:
        """Whether a paragraph is prose whose lower-case start is an error, not a fragment."""
        text = doc.text
        body = text[block.start : block.end].rstrip()
        if not ends_with_mark(body):
            return False
        previous = previous_prose(doc, block)
        if (
            previous is not None
            and previous.kind == "paragraph"
            and not ends_with_mark(text[previous.start : previous.end].rstrip())
        ):
            return False  # it continues the previous paragraph
        if len(body.split()) < self.min_words:
            return False
        return not _CODE.search(body)

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        for block in blocks:
            if self._is_sentence(doc, block):
                yield from self._block_hits(doc.text, block)

    def _block_hits(self, text: str, block: Block) -> Iterator[Hit]:
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
            if _after_question(text, block.start, start):
                continue  # “What shall I do? what ought I to do?”
            yield Hit(start, end, {"match": word}, (Edit(start, start + 1, text[start].upper()),))


_BETWEEN = frozenset(" \t\"“‘'«([*_)]”’»")  # what may stand between a ? or ! and the next word


def _after_question(text: str, block_start: int, start: int) -> bool:
    """Whether the word at ``start`` follows a ``?`` or ``!`` (looking back over spaces, quotes
    and brackets only: linear in a long paragraph, where copying what came before was not)."""
    i = start
    while i > block_start and text[i - 1] in _BETWEEN:
        i -= 1
    return i > block_start and text[i - 1] in "?!"
