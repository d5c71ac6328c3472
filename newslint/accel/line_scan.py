"""All line needles of the boilerplate patterns found in one Hyperscan scan of a haystack.

:mod:`newslint.accel.line_index` looks for heads after a line break, tails before one and
inner needles anywhere in a squeezed haystack (one line a line, starting and ending with a line
break). Hyperscan finds every end of every one of these literal strings in one pass (~0.5 GB/s
for all of them, against three passes of ``re`` and ``bytes.find`` per needle), so the lines it
names for a pattern are exactly the lines holding a needle of it, in the place its kind says:
the lines the plain searches name. Without the ``hyperscan`` package (or if it refuses the
needles) :func:`needle_scan` gives None and the plain searches run.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from typing import Any

Key = tuple[str, bool]  # a pattern's source and case mode
Serves = dict[bytes, set[Key]]  # needle -> the patterns it serves


class NeedleScan:
    """A compiled database of heads (``\\n`` + head), tails (tail + ``\\n``) and inner needles;
    :meth:`lines` names each pattern's lines holding its needles."""

    def __init__(self, hs: Any, database: Any, needles: list[tuple[bytes, frozenset]]) -> None:
        self._hs = hs
        self._database = database
        self._local = threading.local()  # a scratch serves one scan at a time: one a thread
        # by expression id: the patterns served, and how far before the match's end its line's
        # last byte lies (a tail, or a whole line, ends with the line break after it)
        self._serves = [keys for _, keys in needles]
        self._back = [2 if needle.endswith(b"\n") else 1 for needle, _ in needles]

    def lines(self, haystack: bytes) -> dict[Key, set[int]]:
        """The lines (numbered from 0; ``haystack`` starts with a line break) holding each
        pattern's needles where their kind says."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._hs.Scratch(self._database)
        ends: list[tuple[int, int]] = []
        self._database.scan(haystack, match_event_handler=_add_end, context=ends, scratch=scratch)
        ends.sort()
        hits: dict[Key, set[int]] = {}
        serves, back = self._serves, self._back
        line, counted = -1, 0
        # ``inside`` never decreases: matches ending at one byte agree on whether it is a line
        # break (it is exactly when the needle ends with one)
        for end, index in ends:
            inside = end - back[index]  # a byte of the match's line (never its line break)
            line += haystack.count(b"\n", counted, inside)
            counted = inside
            for key in serves[index]:
                hits.setdefault(key, set()).add(line)
        return hits


def _add_end(index: int, _start: int, end: int, _flags: int, ends: list) -> None:
    ends.append((end, index))


def needle_scan(heads: Serves, tails: Serves, inner: Serves) -> NeedleScan | None:
    """A scan for squeezed needles (tails as they end a line, not reversed); None without
    Hyperscan. The database is kept in the user's cache (compiling takes ~20 ms)."""
    try:
        import hyperscan as hs
    except ImportError:  # pragma: no cover - hyperscan is a dependency
        return None
    needles = sorted(
        [(b"\n" + h, frozenset(k)) for h, k in heads.items()]
        + [(t + b"\n", frozenset(k)) for t, k in tails.items()]
        + [(n, frozenset(k)) for n, k in inner.items()],
        key=lambda item: (item[0], sorted(item[1])),
    )
    if not needles:
        return None
    expressions = [_escaped(needle) for needle, _ in needles]
    database = _database(hs, expressions)
    return None if database is None else NeedleScan(hs, database, needles)


def _escaped(needle: bytes) -> bytes:
    """``needle`` as a Hyperscan expression matching exactly it: each byte as ``\\xhh`` (one
    ``bytes.hex`` call; a byte at a time cost ~0.5 ms more at start-up)."""
    return b"\\x" + needle.hex(":").replace(":", "\\x").encode() if needle else b""


def _database(hs: Any, expressions: list[bytes]) -> Any:
    """The compiled ``expressions`` (ids in order), from the user's cache when compiled before."""
    from newslint.storage.cache import cached_blob, store_blob

    digest = hashlib.sha256(getattr(hs, "__version__", "?").encode())
    for expression in expressions:
        digest.update(expression + b"\0")
    key = digest.hexdigest() + ".hsdb"
    cached = cached_blob("line-needles", key)
    if cached is not None:
        with contextlib.suppress(hs.error, TypeError, ValueError):
            return hs.loadb(cached, hs.HS_MODE_BLOCK)
    database = hs.Database()
    try:
        database.compile(
            expressions=expressions,
            ids=list(range(len(expressions))),
            flags=[0] * len(expressions),
        )
    except hs.error:
        return None
    store_blob("line-needles", key, hs.dumpb(database))
    return database
