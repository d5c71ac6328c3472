"""Kind ``sentence_case``: a sentence or paragraph that starts with a lower-case letter.

Abbreviations (U.S., a.m., Dr.), ellipses, attributions after a quoted question and lower-case
brands (eBay, iPhone: any word with a capital inside, plus ``exceptions``) are not sentence starts.
Scraped text needs more care: a paragraph that continues a previous one cut off without terminal
punctuation, a short fragment (a label or list item), a code line or an identifier (``json()``,
``node.js``) is not a sentence, and after ``?`` or ``!`` lower case is often deliberate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, sub

from newslint.config.validation import option
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit
from newslint.core.sentences import sentence_starts

CAN_FIX = True
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLOSING = "\"”’'»)]"
_MARKS = (".", "!", "?", "…")
# A code line: ``[{}]|;[ \t]*$|//|\w\(|\s==?\s``, written to open with one character class
# (the character each alternative needs: the others hold none, so the search skips them in C);
# the look-behinds check what stood before it. A search finds a match exactly when the plain
# alternation finds one (only whether it does is used).
_CODE = re.compile(r"[{};/(=](?:(?<=[{}])|(?<=;)[ \t]*$|(?<=/)/|(?<=\w\()|(?<=\s=)=?\s)")
_IDENTIFIER_NEXT = "([{.:_/@=<>\\"
# What sentences.py lets stand between a sentence end and the next sentence's first letter
# (its _LEAD, A*(?:D)?B* with B inside A, written A*(?:DB*)? for the same strings without
# quadratic backtracking over a long run of brackets), then a letter that may be lower case
# (any letter but A-Z: a superset).
_LEAD = r"[\s\"“‘'«(\[*_>#-]*(?:\d{1,3}[.)]\s+[\s\"“‘'«(\[*_]*)?[^\W\d_A-Z]"
_CLOSERS = r"[\"”’'»)\]]*\s"
# One pattern per opening character, each with a literal prefix (a C-level search far faster
# than one character-class prefix): line start, and each sentence-ending mark of sentences._END.
_CANDIDATES = tuple(
    re.compile(opener + _LEAD)
    for opener in (r"\n", r"\." + _CLOSERS, "!" + _CLOSERS, r"\?" + _CLOSERS, "…" + _CLOSERS)
)


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_words: int = option(4, minimum=0)  # a paragraph start needs a paragraph of this many words


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = set(options.exceptions)
        self.min_words = options.min_words

    def _is_sentence(self, text: str, block: Block, previous: Block | None) -> bool:
        """Whether a paragraph is prose whose lower-case start is an error, not a fragment."""
        # The tests are independent conditions that must all hold; the cheap ones go first,
        # the word count stops splitting at min_words and the code search runs last.
        body = text[block.start : block.end].rstrip()
        if not _terminal(body):
            return False
        if (
            previous is not None
            and previous.kind == "paragraph"
            and not _terminal(text[previous.start : previous.end].rstrip())
        ):
            return False  # it continues the previous paragraph
        if len(body.split(maxsplit=self.min_words - 1)) < self.min_words:
            return False
        return not _CODE.search(body)

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for index in _candidate_blocks(text, blocks):
            block = blocks[index]
            if self._is_sentence(text, block, blocks[index - 1] if index else None):
                yield from self._block_hits(text, block)

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
            before = text[block.start : start].rstrip(" \t\"“‘'«([*_)]”’»")
            if before.endswith(("?", "!")):
                continue  # “What shall I do? what ought I to do?”
            yield Hit(start, end, {"match": word}, (Edit(start, start + 1, text[start].upper()),))


def _terminal(body: str) -> bool:
    """Whether ``body`` (right-stripped) ends with a mark, perhaps inside closing quotes or
    brackets: a mark then only ``_CLOSING`` characters, found without a regex scan of the
    whole body."""
    return body.rstrip(_CLOSING).endswith(_MARKS)


def _off_line_start(text: str, starts: list[int]) -> set[int]:
    """Indexes of the ``starts`` at the text's start or not right after a line break.

    The characters before the starts are gathered by C-level maps into one string; only
    when it holds something other than line breaks are its positions looked at.
    """
    before = "".join(map(text.__getitem__, map(sub, starts, repeat(1))))
    found = {0} if starts and starts[0] == 0 else set()  # text[-1] stands before offset 0
    if before.count("\n") < len(before):
        found.update(i for i, char in enumerate(before) if char != "\n")
    return found


def _candidate_blocks(text: str, blocks: list[Block]) -> list[int]:
    """Indexes (in order) of the blocks that may hold a sentence starting in lower case.

    A finding is a lower-case letter where sentences.py starts a sentence: after the block's
    start and _LEAD, or after a sentence end (a mark of _END, its closers, white space) and
    _LEAD. A block not at a line start (a heading after ``#``, an indented line) or at the
    text's start is always a candidate; otherwise its first sentence follows a line break, and
    every other follows a mark: the ``_CANDIDATES`` patterns match each such context (the
    characters between mark and letter are never letters, so no earlier match can swallow
    the letter). The exact logic then runs on these blocks only.
    """
    if not blocks:
        return []
    starts = list(map(attrgetter("start"), blocks))
    found = _off_line_start(text, starts)
    low, high = max(0, blocks[0].start - 1), blocks[-1].end
    for pattern in _CANDIDATES:
        for match in pattern.finditer(text, low, high):
            letter = match.end() - 1
            index = bisect.bisect_right(starts, letter) - 1
            if index >= 0 and letter < blocks[index].end:
                found.add(index)
    return sorted(found)
