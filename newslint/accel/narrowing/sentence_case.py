"""Narrowing of kind ``sentence_case``: blocks with a lower-case letter where a sentence starts.

A hit is a lower-case letter where :mod:`newslint.core.sentences` starts a sentence: after the
block's start and its lead (white space, quotes, brackets, list markers: ``_LEAD``), or after a
sentence end (a mark of its ``_END``, closing quotes, brackets or citations, white space) and
the lead. A block not at a line start (a heading after ``#``, an indented line) or at the text's
start is always kept; otherwise its first sentence follows a line break, and every other follows
a mark: the ``_CANDIDATES`` patterns match each such context (the characters between mark and
letter are never letters, so no earlier match can swallow the letter). The check is block-local:
the paragraph before a block is read from the document.
"""

from __future__ import annotations

import bisect
import re

from newslint.checks.sentence_case import Check
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import only_newlines

# sentences.py's _LEAD, A*(?:D)?B* with B inside A, written A*(?:DB*)? for the same strings
# without quadratic backtracking over a long run of brackets, then a letter that may be lower
# case (any letter but A-Z: a superset)
_LEAD = r"[\s\"“‘'«(\[*_>#-]*(?:\d{1,3}[.)]\s+[\s\"“‘'«(\[*_]*)?[^\W\d_A-Z]"
_CLOSERS = r"[\"”’'»)\]]*(?:\[\d{1,4}\][\"”’'»)\]]*)*\s"  # closers and citations, as _END
# One pattern per opening character, each with a literal prefix (a C-level search far faster
# than one character-class prefix): line start, and each sentence-ending mark of sentences._END.
_CANDIDATES = tuple(
    re.compile(opener + _LEAD)
    for opener in (r"\n", r"\." + _CLOSERS, "!" + _CLOSERS, r"\?" + _CLOSERS, "…" + _CLOSERS)
)


def narrow(check: Check, doc: Document, blocks: list[Block]) -> list[Block]:
    text = doc.text
    if not only_newlines(text):
        return blocks  # the candidates are found after "\n"
    starts = [block.start for block in blocks]
    found = {i for i, start in enumerate(starts) if start == 0 or text[start - 1] != "\n"}
    low, high = max(0, blocks[0].start - 1), blocks[-1].end
    for pattern in _CANDIDATES:
        for match in pattern.finditer(text, low, high):
            letter = match.end() - 1
            index = bisect.bisect_right(starts, letter) - 1
            if index >= 0 and letter < blocks[index].end:
                found.add(index)
    return [blocks[i] for i in sorted(found)]
