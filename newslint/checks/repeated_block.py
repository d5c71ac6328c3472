"""Kind ``repeated_block``: a paragraph or sentence that a scraper copied twice.

A prose paragraph (``min_words`` words or more, ending with terminal punctuation) whose text,
spaces collapsed, equals an earlier paragraph's is reported, with the deletion of the later copy
as its fix. With ``sentences``, a sentence of at least ``min_words`` words repeated right after
itself in one paragraph is reported too, its fix deleting the second copy.

Only a few blocks can hold either: the keys of all blocks are built in one pass, and the exact
logic (``_exact``) runs only on blocks whose key occurs twice or that ``_nominate`` picks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, compress, count, repeat
from operator import ge

from newslint.checks.base import line_deletion
from newslint.config.validation import option
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit
from newslint.core.sentences import sentence_spans

CAN_FIX = True
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")
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
# _CUT in keys joined by ". \x00" with their marks written "." (see Check._suspects), opening
# with a literal, which ``re`` finds far faster than a class; matches kept by ``split``
_DOT_CUT_KEPT = re.compile(rf"(\.[\"”’'»)\]]*(?:\.(?= \x00))? [{re.escape(_LEADING)}\x00]*)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# White space (str.isspace, which is str.split's and re's \s) other than the plain space
_ODD_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


MESSAGE_VALUES = ("what", "line")  # for messages, besides {match}


@dataclass
class Options:
    min_words: int = option(8, minimum=1)
    sentences: bool = True


def _key(text: str) -> str:
    """``text`` with runs of white space collapsed to one space, stripped."""
    return " ".join(text.split())  # str.split's white space is re's \s


def _keys(parts: list[str], joined: str, *, plain: bool) -> list[str]:
    """``_key`` of each of the ``parts`` (``joined``: them joined with NUL).

    With no white space but the plain space (``plain``, from one C-level search) and no two
    spaces in a row, collapsing changes nothing: a part's key is the part, stripped. Else
    all keys are made at once (NUL is no white space, so it stays between them).
    """
    if plain and "  " not in joined:
        return list(map(str.strip, parts))
    return [key.strip() for key in _key(joined).split("\x00")]


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

    A blank line inside a block can also end a sentence; ``Check.run`` keeps such documents
    (and texts holding NUL) on the exact path.
    """
    return _CUT.split(keys.lstrip(_LEADING))


def _has_repeat(pieces: list[str]) -> bool:
    """Whether a piece other than the empty one occurs twice."""
    filled = list(filter(None, pieces))
    return len(set(filled)) < len(filled)


def _blocks_repeating(joined: str, parts: list[str], pieces: list[str]) -> list[int]:
    """Indexes (in order) of the blocks of ``joined`` holding one of the ``pieces`` twice.

    ``parts``: ``joined`` split by ``_DOT_CUT_KEPT`` (``pieces`` at even indexes). Only the pieces
    that occur twice in the document are placed: a piece's block is the number of NULs before
    its start, and two of its occurrences share a block when no NUL lies between them (blocks
    are contiguous, so two in one block make two consecutive ones in one block).
    """
    repeated = {piece for piece, times in Counter(pieces).items() if times > 1}
    starts = list(accumulate(map(len, parts), initial=0))[::2]
    previous: dict[str, int] = {}
    blocks = set()
    for i in compress(count(), map(repeated.__contains__, pieces)):
        start, piece = starts[i], pieces[i]
        before = previous.get(piece)
        if before is not None and joined.find("\x00", before, start) < 0:
            blocks.add(joined.count("\x00", 0, start))
        previous[piece] = start
    return sorted(blocks)


class Check:
    def __init__(self, options: Options) -> None:
        self.min_words = options.min_words
        self.sentences = options.sentences
        # two copies of a letterless sentence (see _nominate), one token maybe shared
        self._letterless = re.compile(
            rf"{_LETTERLESS}(?: {_LETTERLESS}){{{2 * self.min_words - 2}}}"
        )

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        parts = [text[block.start : block.end] for block in blocks]
        joined = "\x00".join(parts)
        # The fast path reads only the blocks' text. Printable parts hold no NUL and no white
        # space but the plain space (any other is unprintable): its conditions all hold.
        plain = all(map(str.isprintable, parts))
        if not plain:
            odd_space = _ODD_SPACE.search(joined)  # a blank line needs a line break, one of them
            if "\x00" in text or (odd_space and _BLANK_LINE.search(joined)):
                yield from self._exact(doc, blocks, range(len(blocks)))
                return
            plain = odd_space is None
        keys = _keys(parts, joined, plain=plain)
        chosen = set(self._repeated_paragraphs(keys))
        nominated = set(self._nominate(keys)) if self.sentences else set()
        yield from self._exact(doc, blocks, sorted(chosen | nominated), nominated)

    def _repeated_paragraphs(self, keys: list[str]) -> Iterator[int]:
        """Indexes of blocks whose key, long enough and ending a sentence, occurs twice."""
        if len(set(keys)) == len(keys):
            return
        least = self.min_words - 1  # spaces in a key of min_words words
        repeated = {
            key
            for key, count in Counter(keys).items()
            if count > 1 and key.count(" ") >= least and _TERMINAL.search(key)
        }
        yield from (i for i, key in enumerate(keys) if key in repeated)

    def _nominate(self, keys: list[str]) -> Iterator[int]:
        """Indexes of blocks with enough words that may hold a sentence repeated right after itself.

        Such a block has two equal pieces (``_pieces``). The piece ending at the sentence's
        last mark may be empty (“on Oct. 15.”: the cut after “Oct.” takes “15”), but then any
        other piece of the sentence from the same cuts is equal in both copies too; only when
        all are empty has the sentence no letter (nothing but marks, closers and leading
        characters), which ``_letterless`` finds. Both tests run on the blocks that
        ``_suspects`` picks from one split of all keys.
        """
        two_sentences = 2 * self.min_words - 1
        # a key of two_sentences words has two_sentences - 1 spaces between non-space
        # characters: shorter keys are left out of the split (their blocks are skipped below)
        least = 2 * two_sentences - 1
        index = list(compress(count(), map(ge, map(len, keys), repeat(least))))
        for j in self._suspects([keys[i] for i in index]):
            i = index[j]
            key = keys[i]
            if key.count(" ") + 1 < two_sentences:
                continue
            pieces = _pieces(key + "\x00")
            if _has_repeat(pieces) or (pieces.count("") >= 3 and self._letterless.search(key)):
                yield i

    @staticmethod
    def _suspects(keys: list[str]) -> list[int]:
        """Indexes (in order) of the blocks holding a non-empty piece twice or two empty ones.

        All keys joined with NUL would be split once by _CUT: every NUL lies in one cut (a cut
        holds at most one), so each piece belongs to one block, and a block's own pieces
        (``_pieces(key + "\x00")``) are its pieces of this split (the cut before it ends
        where its own leading characters end, as ``lstrip`` has it) plus a last, empty one
        after its NUL. A block with a non-empty piece twice of its own, or three empty ones,
        thus holds a non-empty piece twice, or two empty ones, in this split. Leaving blocks
        out of ``keys`` changes no other block's pieces.

        The split made here has the same pieces at the same places, with "!", "?" and "…"
        written "." (so equal pieces stay equal), and opens every cut with ".": marks are
        written ".", each key is followed by ". \x00", and _DOT_CUT_KEPT reads that "." as
        part of the cut of a key that ends with a mark and closers (as _CUT ends it at the
        NUL) and as the cut of a key that does not (as _CUT cuts at the NUL alone); after
        the space, the NUL and the next key's leading characters belong to the cut, as there.
        """
        joined = (". \x00".join(keys) + ". \x00").lstrip(_LEADING)
        for mark in "!?…":
            if mark in joined:
                joined = joined.replace(mark, ".")  # same length: cuts stay in place
        parts = _DOT_CUT_KEPT.split(joined)
        pieces = parts[::2]
        empties = pieces.count("")
        distinct = set(pieces)
        distinct.discard("")
        if len(distinct) == len(pieces) - empties and empties < 2:
            return []  # no piece occurs twice in the document, so none in one block
        return _blocks_repeating(joined, parts, pieces)

    def _exact(
        self,
        doc: Document,
        blocks: list[Block],
        chosen: Iterable[int],
        split: Collection[int] | None = None,
    ) -> Iterator[Hit]:
        """The rule on the ``chosen`` blocks, in order (blocks left out give no hit).

        Only blocks in ``split`` (all when None) are split into sentences.
        """
        text = doc.text
        seen: dict[str, int] = {}
        # two sentences of min_words words each share at most one token (when nothing parts
        # them): a block with fewer tokens holds no repeated sentence
        two_sentences = 2 * self.min_words - 1
        for i in chosen:
            block = blocks[i]
            words = text[block.start : block.end].split()
            key = " ".join(words)  # runs of white space collapsed (str.split's is re's \s)
            prose = len(words) >= self.min_words and bool(_TERMINAL.search(key))
            if prose and block.kind == "paragraph":
                if key in seen:
                    line_start, _ = doc.line_span(block.start)
                    _, line_end = doc.line_span(block.end)
                    where = doc.position(seen[key])[0]
                    edit = line_deletion(doc, line_start, line_end)
                    yield Hit(block.start, block.end, {"what": "paragraph", "line": where}, (edit,))
                    continue
                seen[key] = block.start
            if self.sentences and len(words) >= two_sentences and (split is None or i in split):
                yield from self._sentences(doc, block)

    def _sentences(self, doc: Document, block: Block) -> Iterator[Hit]:
        text = doc.text
        spans = sentence_spans(text, block.start, block.end)
        for (a_start, a_end), (b_start, b_end) in zip(spans, spans[1:], strict=False):
            sentence = _key(text[a_start:a_end])
            if len(sentence.split()) < self.min_words or sentence != _key(text[b_start:b_end]):
                continue
            where = doc.position(a_start)[0]
            yield Hit(
                b_start, b_end, {"what": "sentence", "line": where}, (Edit(a_end, b_end, ""),)
            )
