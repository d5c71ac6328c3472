"""Skip the rules that cannot match a document, after one Hyperscan scan of its text.

Most rules find nothing in most articles, yet each would search every block of each. A check may
therefore name ``prefilter`` patterns (``re`` syntax and flags): it can report a hit only in a
document in which one of them matches somewhere. Each is turned by
:func:`~newslint.accel.hyperscan_patterns.to_hyperscan` into a pattern that matches wherever it
does, and one Hyperscan database of all of them (a multi-pattern automaton, a few hundred MB/s here
for all rules at once) tells which rules may match a document; the others are skipped, and their
findings are the same with or without the scan. In long runs, :meth:`Scan.narrow` also leaves out
the blocks in which no match can end. Without the ``hyperscan`` package, or for a pattern it
cannot take, rules simply run.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newslint.accel.hyperscan_patterns import ODD_CASE_CHARS, to_hyperscan

if TYPE_CHECKING:
    from newslint.core.document import Block


class Prefilter:
    """The rules of a rule set that may match a document, found by one Hyperscan scan."""

    def __init__(
        self, specs: Sequence[tuple[tuple[str, int], ...] | None], *, compile: bool = True
    ) -> None:
        """``specs[i]``: rule i's prefilter patterns (source, ``re`` flags), or None (the rule
        always runs). With ``compile`` false, only a database from the user's cache is used
        (:attr:`ready` tells whether there was one)."""
        import hyperscan

        self._hs = hyperscan
        self.always = {i for i, spec in enumerate(specs) if spec is None}
        self.caseless = {
            i for i, spec in enumerate(specs) if spec and any(f & re.IGNORECASE for _, f in spec)
        }
        expressions: dict[int, list[tuple[bytes, int]]] = {}
        for index, spec in enumerate(specs):
            if spec is None:
                continue
            converted = [
                (to_hyperscan(src, caseless=bool(f & re.IGNORECASE)), f) for src, f in spec
            ]
            if any(pattern is None for pattern, _ in converted):
                self.always.add(index)
            else:
                expressions[index] = [(p.encode(), self._flags(f)) for p, f in converted]  # type: ignore[union-attr]
        self._expressions = expressions
        self._locators: dict[int, Any] = {}
        self._database = self._load(expressions, compile) if expressions else None
        self.ready = self._database is not None or not expressions
        self._local = threading.local()  # a scratch serves one scan at a time: one a thread

    def _flags(self, flags: int) -> int:
        hs = self._hs
        value = hs.HS_FLAG_UTF8 | hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_PREFILTER
        if flags & re.IGNORECASE:
            value |= hs.HS_FLAG_CASELESS
        if flags & re.DOTALL:
            value |= hs.HS_FLAG_DOTALL
        return value

    def _load(self, expressions: dict[int, list[tuple[bytes, int]]], compile: bool) -> Any:
        """The compiled database, from the user's cache when this set was compiled before.

        A rule whose patterns Hyperscan refuses (e.g. one that can match an empty string)
        always runs instead.
        """
        from newslint.storage.cache import cached_blob, store_blob

        key = self._key(expressions) + ".hsdb"
        cached = cached_blob("prefilter", key)
        if cached is not None:
            with contextlib.suppress(self._hs.error, TypeError, ValueError):
                always, blob = cached.split(b"\n", 1)
                database = self._hs.loadb(blob, self._hs.HS_MODE_BLOCK)
                self.always |= {int(i) for i in always.split()}
                return database
        if not compile:
            return None
        database = self._compile(expressions)
        if database is None:
            for index in list(expressions):
                if self._compile({index: expressions[index]}) is None:
                    del expressions[index]
                    self.always.add(index)
            database = self._compile(expressions) if expressions else None
        if database is not None:
            always = " ".join(str(i) for i in sorted(self.always)).encode()
            store_blob("prefilter", key, always + b"\n" + self._hs.dumpb(database))
        return database

    def _compile(self, expressions: dict[int, list[tuple[bytes, int]]]) -> Any:
        pairs = [(index, item) for index, items in expressions.items() for item in items]
        database = self._hs.Database()
        try:
            database.compile(
                expressions=[pattern for _, (pattern, _) in pairs],
                ids=[index for index, _ in pairs],
                flags=[flags for _, (_, flags) in pairs],
            )
        except self._hs.error:
            return None
        return database

    def scan(self, text: str, *, locate: bool = False) -> Scan | None:
        """The rules that may match ``text`` (see :class:`Scan`); None if every rule must run
        on every block. With ``locate``, :meth:`Scan.narrow` also leaves out blocks."""
        if self._database is None:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: not valid UTF-8 for the scan
            return None
        found = set(self.always)
        scratch = self._scratch(self._database)
        self._database.scan(data, match_event_handler=_add, context=found, scratch=scratch)
        forced = self.caseless if any(char in text for char in ODD_CASE_CHARS) else set()
        return Scan(self, text, data, found | forced, forced | self.always, locate)

    def _locator(self, index: int) -> Any:
        """A database reporting where rule ``index``'s patterns end (compiled on first use)."""
        if index not in self._locators:
            from newslint.storage.cache import cached_blob, store_blob

            hs = self._hs
            patterns = [(p, f & ~hs.HS_FLAG_SINGLEMATCH) for p, f in self._expressions[index]]
            key = self._key({index: patterns}) + ".loc"
            database = None
            cached = cached_blob("prefilter", key)
            if cached is not None:
                with contextlib.suppress(hs.error, TypeError, ValueError):
                    database = hs.loadb(cached, hs.HS_MODE_BLOCK)
            if database is None:
                database = hs.Database()
                database.compile(
                    expressions=[pattern for pattern, _ in patterns],
                    flags=[flags for _, flags in patterns],
                )
                store_blob("prefilter", key, hs.dumpb(database))
            self._locators[index] = database
        database = self._locators[index]
        return database, self._scratch(database)

    def _scratch(self, database: Any) -> Any:
        """This thread's scratch space for ``database``."""
        scratches = self._local.__dict__.setdefault("scratches", {})
        if id(database) not in scratches:
            scratches[id(database)] = self._hs.Scratch(database)
        return scratches[id(database)]

    def _key(self, expressions: dict[int, list[tuple[bytes, int]]]) -> str:
        """A cache key for compiled ``expressions`` (with the Hyperscan version)."""
        digest = hashlib.sha256(getattr(self._hs, "__version__", "?").encode())
        for index in sorted(expressions):
            for pattern, flags in expressions[index]:
                digest.update(b"%d\0%d\0%s\0" % (index, flags, pattern))
        return digest.hexdigest()


class Scan:
    """What one scan of a document found: the rules that may match it and, on demand, the
    blocks in which they may."""

    MIN_BLOCKS = 8  # fewer blocks are searched as they are

    def __init__(
        self,
        prefilter: Prefilter,
        text: str,
        data: bytes,
        possible: set[int],
        whole: set[int],
        locate: bool,
    ) -> None:
        self.possible = possible
        self._prefilter = prefilter
        self._text = text
        self._data = data
        self._whole = whole  # rules searched in every block
        self._locate = locate
        self._ascii = len(data) == len(text)
        self._block_starts: dict[int, tuple[list[Block], list[int]]] = {}

    def narrow(self, index: int, blocks: list[Block]) -> list[Block]:
        """The ``blocks`` in which rule ``index`` may match.

        A match of the rule's pattern in a search bounded by a block is found, widened as
        :func:`to_hyperscan` says, in the whole text: widened only by text before it (a
        lookbehind) or by text after it inside the block (a lookahead, which a bounded search
        saw only up to the block's end). So the widened match ends inside the block, and a
        block in which no match of the Hyperscan pattern ends holds no match.
        """
        if not self._locate or index in self._whole or len(blocks) < self.MIN_BLOCKS:
            return blocks
        database, scratch = self._prefilter._locator(index)
        ends: list[int] = []
        database.scan(self._data, match_event_handler=_add_end, context=ends, scratch=scratch)
        if len(ends) > len(blocks):
            return blocks  # matches everywhere: placing them would cost more than it saves
        try:
            offsets = self._char_offsets(sorted(set(ends)))
        except UnicodeDecodeError:  # pragma: no cover - Hyperscan ends matches on characters
            return blocks
        starts = self._starts(blocks)
        kept: dict[int, Block] = {}
        for end in offsets:  # the block whose span [start, end] holds the match's end
            i = bisect.bisect_right(starts, end) - 1
            if i >= 0 and end <= blocks[i].end:
                kept[i] = blocks[i]
        return [kept[i] for i in sorted(kept)]

    def _char_offsets(self, byte_offsets: list[int]) -> list[int]:
        """Code-point offsets of sorted UTF-8 byte offsets (decoding the text once, in pieces)."""
        if self._ascii:
            return byte_offsets
        data = self._data
        offsets, position, previous = [], 0, 0
        for offset in byte_offsets:
            position += len(data[previous:offset].decode("utf-8"))
            offsets.append(position)
            previous = offset
        return offsets

    def _starts(self, blocks: list[Block]) -> list[int]:
        known = self._block_starts.get(id(blocks))
        if known is None or known[0] is not blocks:
            known = self._block_starts[id(blocks)] = (blocks, [block.start for block in blocks])
        return known[1]


def _add(index: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(index)


def _add_end(_index: int, _start: int, end: int, _flags: int, ends: list[int]) -> None:
    ends.append(end)
