"""Skip the rules that cannot report in a document, after one Hyperscan scan of its text.

Most rules find nothing in most articles, yet each would search every block of each. A rule's
narrowing hook may therefore name *document patterns* (``re`` syntax and flags): its check can
report a hit only in a document in which one of them matches somewhere. Each is translated by
:func:`~newslint.accel.hyperscan_syntax.to_hyperscan` into a pattern matching wherever it does,
and one Hyperscan database of all of them (a few hundred MB/s here for all rules at once) tells
which rules may report in a document; the others are skipped. A hook may also name *block
patterns*, one of which matches, ending inside the block, in every block its check reports in;
in long runs :meth:`Scan.narrow` then leaves out the blocks in which none ends. A rule whose
patterns cannot be translated (or that Hyperscan refuses) always runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newslint.accel.hyperscan import ODD_CASE_CHARS, Database, Expression, char_offsets
from newslint.core.blocks import Block


@dataclass(frozen=True)
class Spec:
    """A rule's patterns: ``document`` (None: the rule always runs) and ``blocks`` (None: all
    its blocks are searched)."""

    document: Sequence[Expression] | None
    blocks: Sequence[Expression] | None = None


class Prefilter:
    """The rules of a rule set that may report in a document, found by one Hyperscan scan."""

    def __init__(self, specs: Sequence[Spec], *, compile: bool = True) -> None:
        """``specs[i]``: rule i's patterns. With ``compile`` false, only a database from the
        user's cache is used (:attr:`ready` tells whether there was one)."""
        self.always = {i for i, spec in enumerate(specs) if spec.document is None}
        self.caseless = {
            i
            for i, spec in enumerate(specs)
            if any(flags & re.IGNORECASE for _, flags in spec.document or ())
        }
        items = [(i, p, f) for i, spec in enumerate(specs) for p, f in spec.document or ()]
        self._database, refused = Database.load(items, first_only=True, compile=compile)
        self.always |= refused
        self.ready = self._database is not None or not items
        self._specs = specs
        self._locators: dict[int, Database | None] = {}

    def scan(self, text: str, *, locate: bool = False) -> Scan | None:
        """The rules that may report in ``text`` (see :class:`Scan`); None if every rule must
        run on every block. With ``locate``, :meth:`Scan.narrow` also leaves out blocks."""
        if self._database is None:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: not valid UTF-8 for the scan
            return None
        found = self._database.matching(data) | self.always
        odd = any(char in text for char in ODD_CASE_CHARS)
        forced = self.caseless if odd else set()
        return Scan(self, data, found | forced, forced if locate else None)

    def locator(self, index: int) -> Database | None:
        """A database telling where rule ``index``'s block patterns end (compiled on first
        use); None if the rule has none."""
        if index not in self._locators:
            patterns = self._specs[index].blocks or ()
            database, refused = Database.load([(0, p, f) for p, f in patterns])
            self._locators[index] = database if patterns and not refused else None
        return self._locators[index]


class Scan:
    """What one scan of a document found: the rules that may report in it and, on demand,
    the blocks in which they may."""

    MIN_BLOCKS = 8  # fewer blocks are searched as they are

    def __init__(
        self, prefilter: Prefilter, data: bytes, possible: set[int], unlocated: set[int] | None
    ) -> None:
        self.possible = possible
        self._prefilter = prefilter
        self._data = data
        self._unlocated = unlocated  # rules searched in every block; None: all of them

    def narrow(self, index: int, blocks: list[Block]) -> list[Block]:
        """The ``blocks`` in which rule ``index`` may report.

        A match of a block pattern in a search bounded by a block is found, widened as
        ``to_hyperscan`` says, in the whole text: widened only by text before it (a
        lookbehind) or by text after it inside the block (a lookahead, which a bounded search
        saw only up to the block's end). So the widened match ends inside the block, and a
        block in which no match of the Hyperscan pattern ends holds no hit.
        """
        if self._unlocated is None or index in self._unlocated or len(blocks) < self.MIN_BLOCKS:
            return blocks
        locator = self._prefilter.locator(index)
        if locator is None:
            return blocks
        ends = locator.ends(self._data)
        if len(ends) > len(blocks):
            return blocks  # matches everywhere: placing them would cost more than it saves
        offsets = char_offsets(self._data, sorted({end for end, _ in ends}))
        starts = [block.start for block in blocks]
        kept: dict[int, Block] = {}
        for end in offsets:  # the block whose span [start, end] holds the match's end
            i = bisect.bisect_right(starts, end) - 1
            if i >= 0 and end <= blocks[i].end:
                kept[i] = blocks[i]
        return [kept[i] for i in sorted(kept)]
