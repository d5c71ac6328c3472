"""Kind ``sentence_case``: a sentence or paragraph that starts with a lower-case letter.

Abbreviations (U.S., a.m., Dr., Ph.D., ID.), ellipses and attributions after a quoted question
are no sentence ends (:mod:`newslint.core.sentences`). Brands are written as their owners write
them: a word with a capital inside (eBay, iPhone), one marked as a trade mark (``ebb ℠``), one
that the article itself always writes in lower case, also at other sentence starts, or with a
digit inside (``ecobee``, ``my6sense``: :class:`~newslint.core.lexicon.Lexicon`), and
``exceptions``. Scraped text needs more care: the first sentence of a paragraph that continues
the document's previous prose block (a paragraph cut off without terminal punctuation), a short
fragment (a label or list item, fewer than ``min_words`` words), a code line (URLs do not make
one) or an identifier (``json()``, ``node.js``) and a clitic left by a dropped name (``'s
route``) are not sentences, nor is a quotation of a title or a term (``"nscp dorm".``);
after ``?`` or ``!`` lower case is often deliberate (``What shall I
do? what ought I to do?``).
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
_TRADE_MARK = re.compile(r"[ \t]?[™®℠]")
_LAST_WORD = re.compile(r"[^\W_][\w'’-]*$")
_LEADING_ON = (",", ";", ":", "-", "–", "—", "(", "/", "&")
_OPENING = re.compile(r"[\"“‘'«]*")  # what may stand between a quotation's mark and its word
_CLITICS = frozenset(["s", "t", "d", "ll", "re", "ve", "m"])  # what follows an apostrophe


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_words: int = option(4, minimum=0)  # a paragraph start needs a paragraph of this many words


def previous_prose(doc: Document, block: Block) -> Block | None:
    """The prose block before ``block`` in the document, if any."""
    prose = doc.blocks_of(PROSE_KINDS)
    index = bisect.bisect_left(prose, block.start, key=lambda b: b.start) - 1
    return prose[index] if index >= 0 else None


def _unmasked(doc: Document, block: Block) -> str:
    """The block's text with its masks (URLs, e-mail addresses, inline code) blanked out."""
    text = doc.text
    masks = [m for m in doc.masks if m[0] < block.end and m[1] > block.start]
    if not masks:
        return text[block.start : block.end]
    parts, at = [], block.start
    for start, end in masks:
        start, end = max(start, block.start), min(end, block.end)
        parts += [text[at:start], " " * (end - start)]
        at = end
    return "".join(parts) + text[at : block.end]


def _quotes_a_title(doc: Document, start: int, end: int) -> bool:
    """Whether the word opens a quotation that ends without a mark of its own: a title or a
    term quoted as written (``"nscp dorm".``, ``“request”: guard``), not speech."""
    span = doc.quotes.span_around(start, end)
    if span is None or not _OPENING.fullmatch(doc.text, span[0] + 1, start):
        return False
    last = doc.text[span[1] - 2 : span[1] - 1]
    return last.isalnum()


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = set(options.exceptions)
        self.min_words = options.min_words

    def _is_prose(self, doc: Document, block: Block) -> bool:
        """Whether a paragraph is prose whose lower-case sentence starts are errors, not a
        fragment or code."""
        body = _unmasked(doc, block).rstrip()
        if not ends_with_mark(body) or len(body.split()) < self.min_words:
            return False
        return not _CODE.search(body)

    def _continues(self, doc: Document, block: Block) -> bool:
        """Whether the paragraph may continue the previous one, cut off without a mark: that
        one ends with a lower-case word or a mark that leads on (a comma, a colon, a dash).
        One ending with a capitalised word, a number or a bracket is a heading or a label
        (``Black-Box Versus White-Box``, ``Step 2``)."""
        previous = previous_prose(doc, block)
        if previous is None or previous.kind != "paragraph":
            return False
        body = doc.text[previous.start : previous.end].rstrip()
        if ends_with_mark(body):
            return False
        if body.endswith(_LEADING_ON):
            return True
        last = _LAST_WORD.search(body)
        return last is not None and last.group()[0].islower()

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        for block in blocks:
            if self._is_prose(doc, block):
                yield from self._block_hits(doc, block, self._continues(doc, block))

    def _block_hits(self, doc: Document, block: Block, continues: bool) -> Iterator[Hit]:
        text = doc.text
        for index, start in enumerate(sentence_starts(text, block.start, block.end)):
            if index == 0 and continues:
                continue  # it may continue the previous paragraph
            match = _WORD.match(text, start, block.end)
            if not match or not text[start].islower():
                continue
            word = match.group()
            if not self._may_start(doc, block, start, word):
                continue
            if _after_question(text, block.start, start):
                continue  # “What shall I do? what ought I to do?”
            yield Hit(
                start,
                start + len(word),
                {"match": word},
                (Edit(start, start + 1, text[start].upper()),),
            )

    def _may_start(self, doc: Document, block: Block, start: int, word: str) -> bool:
        """Whether ``word`` at ``start`` is a word that must take a capital there."""
        text = doc.text
        end = start + len(word)
        if word in self.exceptions or any(c.isupper() for c in word[1:]):
            return False
        if end < block.end and text[end] in _IDENTIFIER_NEXT:
            return False  # json(), node.js, a label before a colon
        if text[start - 1 : start] in ("(", "["):
            return False  # a parenthetical aside, a name in brackets ([harry])
        if text[start - 1 : start] == "_" and text[end : end + 1] != "_":
            return False  # _start: an identifier (not _emphasis_)
        if text[start - 1 : start] in ("'", "’") and word in _CLITICS:
            return False  # 's route: a possessive whose name was dropped
        if _TRADE_MARK.match(text, end):
            return False  # ebb ℠: written as its owner writes it
        if _quotes_a_title(doc, start, end):
            return False
        return not doc.lexicon.is_lower_case_brand(word)


_BETWEEN = frozenset(" \t\"“‘'«([*_)]”’»")  # what may stand between a ? or ! and the next word


def _after_question(text: str, block_start: int, start: int) -> bool:
    """Whether the word at ``start`` follows a ``?`` or ``!`` (looking back over spaces, quotes
    and brackets only: linear in a long paragraph, where copying what came before was not)."""
    i = start
    while i > block_start and text[i - 1] in _BETWEEN:
        i -= 1
    return i > block_start and text[i - 1] in "?!"
