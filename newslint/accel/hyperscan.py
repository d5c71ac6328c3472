"""The one Hyperscan wrapper: rule patterns translated for it, and compiled databases.

:func:`to_hyperscan` turns a rule pattern (read by :mod:`newslint.accel.regex_syntax`) into a
Hyperscan pattern that matches in every text in which the rule's pattern matches in some stretch
(a search bounded by a block, or of a line on its own). Each step only lets more texts match:
lookbehinds at the start of the whole match and lookaheads at its end are matched as text (they
stand for text that must be there), other lookarounds, anchors and word boundaries are dropped,
back-references match their group's pattern again, class escapes keep their ASCII members and
take every non-ASCII character (so does a cased non-ASCII letter of a case-insensitive pattern),
large bounded repeats become unbounded, and a pattern not understood gives None.

:class:`Database` compiles such patterns (in Hyperscan's prefilter mode, UTF-8) once and keeps
them in the user's cache as Hyperscan's own serialised bytes; a scan tells which patterns match
a text, or where their matches end.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from newslint.accel.regex_syntax import (
    Alternation,
    Anchor,
    AnyChar,
    BackRef,
    CharSet,
    Group,
    Look,
    Node,
    Parsed,
    Repeat,
    Unsupported,
    parse,
)

_NON_ASCII = r"\x{80}-\x{10ffff}"
# The ASCII members of each class escape, as the ``regex`` module has them, in class syntax.
# Outside ASCII a class escape is widened to every character (Unicode versions differ).
_ASCII_MEMBERS = {
    "w": "0-9A-Za-z_",
    "d": "0-9",
    "s": r"\t\n\x0b\f\r ",
    "W": r"\x00-/:-@\[-\^`{-\x7f",
    "D": r"\x00-/:-\x7f",
    "S": r"\x00-\x08\x0e-\x1f!-\x7f",
}
_LARGE_REPEAT = 16
# Non-ASCII letters that IGNORECASE matches to ASCII ones (İ, ı, long s, Kelvin sign): a text
# holding one must be searched by every case-insensitive pattern (Hyperscan folds ASCII only).
ODD_CASE_CHARS = "\u0130\u0131\u017f\u212a"
Expression = tuple[str, int]  # a pattern and its ``re`` flags


def to_hyperscan(source: str, flags: int = 0) -> str | None:
    """A Hyperscan pattern matching in every text in which ``source`` matches; None if unsure."""
    try:
        parsed = parse(source, verbose=bool(flags & re.VERBOSE), dotall=bool(flags & re.DOTALL))
        return _Writer(parsed, bool(flags & re.IGNORECASE)).alternation(parsed.tree, True, True)
    except Unsupported:
        return None


Translate = Callable[[str, int], "list[Expression] | None"]


def translated(source: str, flags: int) -> list[Expression] | None:
    """The Hyperscan pattern of ``source`` (:func:`to_hyperscan`), as a list of one."""
    pattern = to_hyperscan(source, flags)
    return None if pattern is None else [(pattern, flags)]


def literal(text: str) -> str:
    """A Hyperscan pattern matching exactly ``text`` (its UTF-8 bytes), for a database of
    literals (``Database.load(..., literals=True)``)."""
    return "".join(f"\\x{byte:02x}" for byte in text.encode("utf-8", "surrogatepass"))


def _member(code: int, caseless: bool) -> str:
    """One character as a class member; a cased non-ASCII letter under ``caseless`` as every
    non-ASCII character."""
    char = chr(code)
    if caseless and code >= 0x80 and char.lower() != char.upper():
        return _NON_ASCII
    return f"\\x{{{code:x}}}"


def _class(chars: CharSet, caseless: bool) -> str:
    """``chars`` in Hyperscan syntax, matching at least what it does."""
    if not chars.negated and not chars.escapes and len(chars.ranges) == 1:
        low, high = chars.ranges[0]
        if low == high:
            member = _member(low, caseless)
            return chr(low) if chr(low).isascii() and chr(low).isalnum() else f"[{member}]"
    out = []
    for low, high in chars.ranges:
        if caseless and high >= 0x80 and not (low == high and chr(low).lower() == chr(low).upper()):
            if chars.negated:
                raise Unsupported("case variants of non-ASCII letters in a negated class")
            out.append(_NON_ASCII + (f"\\x{{{low:x}}}-\\x7f" if low < 0x80 else ""))
        elif low == high:
            out.append(_member(low, caseless))
        else:
            out.append(f"\\x{{{low:x}}}-\\x{{{high:x}}}")
    for escape in sorted(chars.escapes):  # a negated class keeps the ASCII members only
        out.append(_ASCII_MEMBERS[escape] + ("" if chars.negated else _NON_ASCII))
    return ("[^" if chars.negated else "[") + "".join(out) + "]"


class _Writer:
    """Writes a parsed pattern in Hyperscan syntax (see the module docstring)."""

    def __init__(self, parsed: Parsed, caseless: bool) -> None:
        self.groups = parsed.groups
        self.caseless = caseless

    def node(self, node: Node, at_start: bool, at_end: bool) -> str:
        """Hyperscan text for ``node``; ``at_start``/``at_end``: nothing of the match is
        before/after it. A lookbehind is matched as text only at the start of the whole match,
        a lookahead only at its end: there they stand for text that must be there; elsewhere,
        and negative ones anywhere, they are dropped."""
        if isinstance(node, CharSet):
            return _class(node, self.caseless)
        if isinstance(node, AnyChar):
            return "."
        if isinstance(node, Anchor):
            return ""
        if isinstance(node, BackRef):
            return "(?:" + self.alternation(self.groups[node.number].body, False, False) + ")"
        if isinstance(node, Alternation):
            return "(?:" + self.alternation(node, at_start, at_end) + ")"
        if isinstance(node, Group):
            return "(?:" + self.alternation(node.body, at_start, at_end) + ")"
        if isinstance(node, Repeat):
            return self.node(node.body, False, False) + _quantifier(node)
        if node.negative or not (at_start if node.behind else at_end):
            return ""
        return "(?:" + self.alternation(node.body, node.behind, not node.behind) + ")"

    def alternation(self, node: Alternation, at_start: bool, at_end: bool) -> str:
        return "|".join(self.sequence(items, at_start, at_end) for items in node.branches)

    def sequence(self, items: tuple[Node, ...], at_start: bool, at_end: bool) -> str:
        """Hyperscan text for a sequence. Where the sequence is the whole match, a lookahead
        before its end may stand for the rest: the text it looks at follows what precedes it,
        so what precedes plus that text must be in the document too. That is taken when the
        lookahead needs a longer text than the rest, as in ``^(?=(?:[A-Z]+ ){8})[^a-z]*$``."""
        out: list[str] = []
        for index, node in enumerate(items):
            before = at_start and all(map(_zero_width, items[:index]))
            after = at_end and all(map(_zero_width, items[index + 1 :]))
            if (
                at_start
                and at_end
                and not after
                and isinstance(node, Look)
                and not (node.behind or node.negative)
                and _shortest(node.body, self.groups) >= _shortest(items[index + 1 :], self.groups)
            ):
                return "".join(out) + self.node(node, before, True)
            out.append(self.node(node, before, after))
        return "".join(out)


def _quantifier(node: Repeat) -> str:
    high = node.high
    if high is not None and high > _LARGE_REPEAT:
        high = None  # unbounded: more texts, and far quicker to compile
    if high == node.low:
        return f"{{{node.low}}}"
    return f"{{{node.low},{'' if high is None else high}}}"


def _zero_width(node: Node) -> bool:
    """Whether ``node`` is written as nothing wherever it stands."""
    return isinstance(node, Anchor) or (isinstance(node, Look) and node.negative)


def _shortest(node: Node | tuple[Node, ...], groups: dict[int, Group]) -> int:
    """The length of the shortest text ``node`` (or a sequence) matches (lookarounds and
    anchors match none)."""
    if isinstance(node, tuple):
        return sum(_shortest(item, groups) for item in node)
    if isinstance(node, (CharSet, AnyChar)):
        return 1
    if isinstance(node, BackRef):
        return _shortest(groups[node.number], groups)
    if isinstance(node, Alternation):
        return min(_shortest(items, groups) for items in node.branches)
    if isinstance(node, Group):
        return _shortest(node.body, groups)
    if isinstance(node, Repeat):
        return node.low * _shortest(node.body, groups)
    return 0


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
        and not ``compile``."""
        try:
            import hyperscan as hs
        except ImportError:  # pragma: no cover - hyperscan is a dependency where it builds
            return None, set()
        how = f"{translate.__module__}.{translate.__name__}\0{literals}\0{first_only}"
        key = _key(hs, expressions, how)
        cached = _cached(hs, key)
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
