"""The one Hyperscan wrapper: compiled databases of rule patterns, and their scans.

:class:`Database` compiles patterns (translated by
:func:`~newslint.accel.hyperscan_syntax.to_hyperscan`, in Hyperscan's prefilter mode over
UTF-8, or literal byte strings) once and keeps them in the user's cache as Hyperscan's own
serialised bytes; a scan tells which patterns match a text, or where their matches end.
Without the ``hyperscan`` package there is no database and every rule simply runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

# Non-ASCII letters that IGNORECASE matches to ASCII ones (İ, ı, long s, Kelvin sign): a text
# holding one must be searched by every case-insensitive pattern (Hyperscan folds ASCII only).
ODD_CASE_CHARS = "\u0130\u0131\u017f\u212a"
Expression = tuple[str, int]  # a pattern and its ``re`` flags
Translate = Callable[[str, int], "list[Expression] | None"]


def translated(source: str, flags: int) -> list[Expression] | None:
    """The Hyperscan pattern of ``source`` (:func:`~newslint.accel.hyperscan_syntax.to_hyperscan`),
    as a list of one."""
    from newslint.accel.hyperscan_syntax import to_hyperscan

    pattern = to_hyperscan(source, flags)
    return None if pattern is None else [(pattern, flags)]


def literal(text: str) -> str:
    """A Hyperscan pattern matching exactly ``text`` (its UTF-8 bytes), for a database of
    literals (``Database.load(..., literals=True)``)."""
    return "".join(f"\\x{byte:02x}" for byte in text.encode("utf-8", "surrogatepass"))


class Database:
    """Compiled Hyperscan patterns, each with an id; a scan of UTF-8 text tells which match
    (``first_only``: each id is reported once) or where their matches end."""

    def __init__(self, hs: Any, database: Any) -> None:
        self._hs = hs
        self._database = database
        self._local = threading.local()  # a scratch serves one scan at a time: one a thread

    @classmethod
    def load(
        cls,
        expressions: Sequence[tuple[int, str, int]],
        *,
        translate: Translate = translated,
        literals: bool = False,
        first_only: bool = False,
        compile: bool = True,
    ) -> tuple[Database | None, set[int]]:
        """The database of ``expressions`` (id, pattern in ``re`` syntax, ``re`` flags), each
        turned into Hyperscan patterns by ``translate`` (in prefilter mode, over UTF-8; with
        ``literals``, byte strings from :func:`literal`, which compile far faster), and the
        ids left out of it: those without a translation or whose translation Hyperscan
        refuses (one that matches an empty string, say). Kept in the user's cache once
        compiled (nothing is translated then); None without Hyperscan, or when not cached
        and not ``compile`` (unless runs before this one asked for it without compiling more
        than ``COMPILE_AFTER_RUNS`` times: the patterns are in regular use)."""
        try:
            import hyperscan as hs
        except ImportError:  # pragma: no cover - hyperscan is a dependency where it builds
            return None, set()
        how = f"{translate.__module__}.{translate.__name__}\0{literals}\0{first_only}"
        key = _key(hs, expressions, how)
        cached = _cached(hs, key)
        if cached is None and not compile:
            compile = _asked_before(key) >= COMPILE_AFTER_RUNS
        if cached is not None or not compile:
            return (cls(hs, cached[0]), cached[1]) if cached else (None, set())
        flags = 0 if literals else hs.HS_FLAG_UTF8 | hs.HS_FLAG_PREFILTER
        if first_only:
            flags |= hs.HS_FLAG_SINGLEMATCH
        items, refused = [], set()
        for index, source, re_flags in expressions:
            patterns = translate(source, re_flags)
            if patterns is None:
                refused.add(index)
            for pattern, pattern_flags in patterns or ():
                items.append((index, pattern.encode(), flags | _flags(hs, pattern_flags)))
        database = _compiled(hs, items)
        if database is None:  # find the patterns Hyperscan refuses, and leave them out
            refused |= {i for i, _, _ in items if _compiled(hs, items, only=i) is None}
            database = _compiled(hs, [item for item in items if item[0] not in refused])
        if database is not None:
            from newslint.storage.cache import store_blob

            head = " ".join(map(str, sorted(refused))).encode()
            store_blob("hyperscan", key, head + b"\n" + hs.dumpb(database))
        return (cls(hs, database) if database is not None else None), refused

    def _scratch(self) -> Any:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._hs.Scratch(self._database)
        return scratch

    def matching(self, data: bytes) -> set[int]:
        """The ids of the patterns that match somewhere in ``data``."""
        found: set[int] = set()
        self._database.scan(data, match_event_handler=_add, context=found, scratch=self._scratch())
        return found

    def ends(self, data: bytes) -> list[tuple[int, int]]:
        """(byte offset, id) of every end of a match in ``data``, in order."""
        found: list[tuple[int, int]] = []
        scratch = self._scratch()
        self._database.scan(data, match_event_handler=_add_end, context=found, scratch=scratch)
        return sorted(found)


def _flags(hs: Any, flags: int) -> int:
    value = 0
    if flags & re.IGNORECASE:
        value |= hs.HS_FLAG_CASELESS
    if flags & re.DOTALL:
        value |= hs.HS_FLAG_DOTALL
    return value


def _key(hs: Any, expressions: Sequence[tuple[int, str, int]], how: str) -> str:
    """A cache key for the database of ``expressions`` compiled ``how`` (with the Hyperscan
    version; the cache keeps one folder per newslint, so a change to a translation is a new
    key too)."""
    digest = hashlib.sha256(f"{getattr(hs, '__version__', '?')}\0{how}\0".encode())
    for index, source, flags in expressions:
        digest.update(f"{index}\0{flags}\0{source}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest() + ".hsdb"


COMPILE_AFTER_RUNS = 3  # short runs that ask for a database before one of them compiles it


def _asked_before(key: str) -> int:
    """How many runs before this one asked for the database ``key`` without compiling it
    (counted in the user's cache; this run is counted too)."""
    from newslint.storage.cache import cached_blob, store_blob

    blob = cached_blob("hyperscan-asked", key) or b"0"
    asked = int(blob) if blob.isdigit() else 0
    store_blob("hyperscan-asked", key, str(asked + 1).encode())
    return asked


def _cached(hs: Any, key: str) -> tuple[Any, set[int]] | None:
    from newslint.storage.cache import cached_blob

    blob = cached_blob("hyperscan", key)
    if blob is not None:
        with contextlib.suppress(hs.error, TypeError, ValueError):
            refused, data = blob.split(b"\n", 1)
            return hs.loadb(data, hs.HS_MODE_BLOCK), {int(i) for i in refused.split()}
    return None


def _compiled(hs: Any, items: list[tuple[int, bytes, int]], only: int | None = None) -> Any:
    """The database of ``items`` (those of id ``only``), or None if Hyperscan refuses it or
    there are none."""
    chosen = [item for item in items if only is None or item[0] == only]
    if not chosen:
        return None
    database = hs.Database()
    try:
        database.compile(
            expressions=[pattern for _, pattern, _ in chosen],
            ids=[index for index, _, _ in chosen],
            flags=[flags for _, _, flags in chosen],
        )
    except hs.error:
        return None
    return database


def char_offsets(data: bytes, byte_offsets: list[int]) -> list[int]:
    """Code-point offsets of sorted byte offsets of UTF-8 ``data`` (decoded once, in pieces)."""
    offsets, position, previous = [], 0, 0
    for offset in byte_offsets:
        position += len(data[previous:offset].decode("utf-8"))
        offsets.append(position)
        previous = offset
    return offsets


def _add(index: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(index)


def _add_end(index: int, _start: int, end: int, _flags: int, found: list[tuple[int, int]]) -> None:
    found.append((end, index))
