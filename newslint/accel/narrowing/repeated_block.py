"""Narrowing of kind ``repeated_block``: blocks that copy a paragraph or may repeat a sentence.

A paragraph hit is a prose block whose key (its text, white space collapsed) an earlier
paragraph has: its key occurs twice among the blocks' keys. A sentence hit is a sentence
repeated right after itself in its block: such a block has two equal pieces when its key is cut
after every candidate sentence end (:func:`_pieces`), and :func:`_nominate` finds the blocks
that may, from one split of all keys. A blank line in a block can also end a sentence: then
(and for texts holding NUL, which the split uses) every block is kept. The check is
block-local: the earlier paragraphs it compares with are read from the document.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache
from itertools import accumulate, compress, count

from newslint.checks.base import collapsed
from newslint.checks.repeated_block import Check
from newslint.core.blocks import Block
from newslint.core.document import Document

# What may stand between a sentence end and the next sentence's first letter: white space and
# sentences.py's lead characters (quotes, brackets, list markers, numbers like "1)").
_LEADING = " \"“‘'«([*_>#-0123456789)"
# A candidate sentence end in a block key: marks and closers, then a space or a block boundary
# (NUL, see _pieces), and any leading characters; or a block boundary alone.
_CUT = re.compile(  # [.!?…][closers]*[ \x00][lead]*|\x00[lead]*, opening with one class
    rf"[.!?…\x00](?:(?<=[.!?…])[\"”’'»)\]]*[ \x00]|(?<=\x00))[{re.escape(_LEADING)}]*"
)
# a sentence with no letters: min_words tokens of marks, closers and leading characters only
_LETTERLESS = rf"[.!?…\"”’'»\]{re.escape(_LEADING.strip())}]+"
# _CUT in keys joined by ". \x00" with their marks written "." (see _suspects), opening with a
# literal, which ``re`` finds far faster than a class; matches kept by ``split``
_DOT_CUT_KEPT = re.compile(rf"(\.[\"”’'»)\]]*(?:\.(?= \x00))? [{re.escape(_LEADING)}\x00]*)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _pieces(keys: str) -> list[str]:
    """``keys`` (block keys each followed by NUL) cut after every candidate sentence end.

    Why a sentence A repeated right after itself (B, as ``sentence_spans`` cuts them, keys
    equal: ``a``) leaves two equal pieces in its block's key ``K`` (where ``a`` occurs twice):

    - A ends with the _END match (marks, closers, white space) that starts B; its last mark
      is at some index ``t`` of ``a``. In K a space follows its closers after A; after B the
      same closers are followed by a space or by the end of the block (NUL here): both copies
      of ``a[t]`` end a _CUT match. (If A's end is followed by lead characters of B, ``a``
      ends with " " and those characters, and so does B: the space is inside both copies.)
    - A starts after a sentence end (a _CUT match) or at the block start (NUL or the string
      start, stripped), then sentences.py's lead (_LEAD): white space, quotes, brackets, list
      markers, a number ending in "." (itself a cut) or ")" — all in _LEADING. So the last
      _CUT match before the text of ``a`` goes on, over _LEADING characters only, to the same
      place in both copies: the end of ``a``'s own leading run of _LEADING characters (which
      holds no mark, so it stops before ``a[t]``). From there the matches inside ``a`` up to
      its mark ``t`` depend only on ``a``'s text (a match ends before the next mark).
    - Hence the piece that ends at ``a[t]`` is the same text in both copies: equal pieces,
      in the same block. Abbreviations, initials, ellipses and quoted questions inside A only
      add cuts, at the same places in both copies; case is never changed by the rule, and
      white space is collapsed in K as in the rule's comparison.
    """
    return _CUT.split(keys.lstrip(_LEADING))


def _has_repeat(pieces: list[str]) -> bool:
    """Whether a piece other than the empty one occurs twice."""
    filled = list(filter(None, pieces))
    return len(set(filled)) < len(filled)


@cache
def _letterless(min_words: int) -> re.Pattern[str]:
    """Two copies of a letterless sentence (see :func:`_nominate`), one token maybe shared."""
    return re.compile(rf"{_LETTERLESS}(?: {_LETTERLESS}){{{2 * min_words - 2}}}")


def _nominate(keys: list[str], min_words: int) -> list[int]:
    """Indexes of blocks with enough words that may hold a sentence repeated right after itself.

    Such a block has two equal pieces (``_pieces``). The piece ending at the sentence's last
    mark may be empty (“on Oct. 15.”: the cut after “Oct.” takes “15”), but then any other
    piece of the sentence from the same cuts is equal in both copies too; only when all are
    empty has the sentence no letter (nothing but marks, closers and leading characters),
    which ``_letterless`` finds. Both tests run on the blocks that ``_suspects`` picks from one
    split of all keys. A key of ``two_sentences`` words has ``two_sentences - 1`` spaces
    between non-space characters: shorter keys are left out of the split.
    """
    two_sentences = 2 * min_words - 1
    index = list(compress(count(), (len(key) >= 2 * two_sentences - 1 for key in keys)))
    found = []
    for j in _suspects([keys[i] for i in index]):
        key = keys[index[j]]
        if key.count(" ") + 1 < two_sentences:
            continue
        pieces = _pieces(key + "\x00")
        if _has_repeat(pieces) or (pieces.count("") >= 3 and _letterless(min_words).search(key)):
            found.append(index[j])
    return found


_NUL = re.compile("\x00")


def _suspects(keys: list[str]) -> list[int]:
    """Indexes (in order) of the blocks holding a non-empty piece twice or two empty ones.

    All keys joined with NUL would be split once by _CUT: every NUL lies in one cut (a cut
    holds at most one), so each piece belongs to one block, and a block's own pieces
    (``_pieces(key + "\x00")``) are its pieces of this split (the cut before it ends where
    its own leading characters end, as ``lstrip`` has it) plus a last, empty one after its
    NUL. A block with a non-empty piece twice of its own, or three empty ones, thus holds a
    non-empty piece twice, or two empty ones, in this split. Leaving blocks out of ``keys``
    changes no other block's pieces.

    The split made here has the same pieces at the same places, with "!", "?" and "…" written
    "." (so equal pieces stay equal), and opens every cut with ".": marks are written ".",
    each key is followed by ". \x00", and _DOT_CUT_KEPT reads that "." as part of the cut of a
    key that ends with a mark and closers (as _CUT ends it at the NUL) and as the cut of a key
    that does not (as _CUT cuts at the NUL alone); after the space, the NUL and the next key's
    leading characters belong to the cut, as there. Only the pieces that occur twice in the
    document are placed: a piece's block is the number of NULs before its start, and two of
    its occurrences share a block when no NUL lies between them.
    """
    joined = (". \x00".join(keys) + ". \x00").lstrip(_LEADING)
    for mark in "!?…":
        if mark in joined:
            joined = joined.replace(mark, ".")  # same length: cuts stay in place
    parts = _DOT_CUT_KEPT.split(joined)
    pieces = parts[::2]
    repeated = {piece for piece, times in Counter(pieces).items() if times > 1}
    starts = list(accumulate(map(len, parts), initial=0))[::2]
    nuls = [m.start() for m in _NUL.finditer(joined)]  # a block ends at each
    previous: dict[str, int] = {}  # piece -> the block of its last occurrence
    blocks = set()
    for i in compress(count(), map(repeated.__contains__, pieces)):
        block = bisect.bisect_left(nuls, starts[i])  # the NULs before the piece
        if previous.get(pieces[i]) == block:
            blocks.add(block)
        previous[pieces[i]] = block
    return sorted(blocks)


def narrow(check: Check, doc: Document, blocks: list[Block]) -> list[Block]:
    pieces = [doc.text[block.start : block.end] for block in blocks]
    if "\x00" in doc.text or _BLANK_LINE.search("\x00".join(pieces)):
        return blocks
    keys = collapsed(pieces)
    repeated = {key for key, times in Counter(keys).items() if times > 1 and check.is_prose(key)}
    kept = {i for i, key in enumerate(keys) if key in repeated}
    if check.sentences:
        kept.update(_nominate(keys, check.min_words))
    return [blocks[i] for i in sorted(kept)]
