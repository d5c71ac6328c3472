"""Needles of boilerplate patterns: strings that every line a pattern fully matches starts
with (a *head*), ends with (a *tail*) or holds (an *inner* needle), in squeezed form.

:func:`line_needles` reads a pattern into alternatives of literal sets and gaps
(:mod:`newslint.accel.line_filter`) and takes from each alternative the needles likely to be
rarest: a head or tail where there is one (their searches are shared by all patterns), else the
literal run (or a part common to the runs) an inner needle is taken from.

:func:`squeeze` gives the form needles and lines are compared in: UTF-8, ASCII letters lowered
and ``ODD_CASES`` folded for case-insensitive patterns, all white space but line breaks
dropped, and icon glyphs and, in Markdown, ``*`` and ``_``. Normalising a unit only drops such
characters or turns white space into a space, so a unit's squeezed normal text is its line's
squeezed text; and squeezing a needle found in (starting, ending) the normal text gives one
found in (starting, ending) the squeezed line.
"""

from __future__ import annotations

import functools
import re
import threading
import weakref

from newslint.accel.line_filter import (
    ODD_CASES,
    Alternative,
    Gap,
    LineFilter,
    line_filter,
    product_of,
)

# str.isspace() characters but " " and "\n" (tests/test_line_index.py checks the list)
SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
SPACES += "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_ASCII_DROPPED = b" " + bytes(c for c in SPACES.encode("latin-1", "ignore") if c < 0x80)
# the other characters squeezing drops (and, for folding, changes), in UTF-8, by lead byte
_WIDE = {c.encode(): b"" for c in SPACES if ord(c) >= 0x80}
_FOLDED = {**_WIDE, **{c.encode(): f.encode() for c, f in ODD_CASES.items()}}
_ICON_TAILS = {b"\xee": rb"[\x80-\xbf][\x80-\xbf]", b"\xef": rb"[\x80-\xa3][\x80-\xbf]"}
_LONG_ENOUGH = 8  # characters after which a needle is not made longer
_FEW_NEEDLES = 64  # strings beyond which a needle set is not made longer
_COMMON_ENOUGH = 4  # squeezed bytes a common part of inner needles needs to stand for them
_MIN_NEEDLE = 2  # squeezed bytes a needle needs to be worth looking for


def squeeze(text: str, ignore_case: bool, markdown: bool) -> bytes:
    """``text`` (lines) squeezed as the module docstring says: same lines, fewer characters."""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        table = _FOLDED if ignore_case else _WIDE
        # one search per lead byte present: a pattern starting with a literal runs fast
        for lead, pattern in _wide_patterns(ignore_case).items():
            if lead in data:
                data = pattern.sub(lambda match: table.get(match.group(), b""), data)
    data = data.translate(None, _ASCII_DROPPED + (b"*_" if markdown else b""))
    return data.lower() if ignore_case else data


_WIDE_PATTERNS: dict[bool, dict[bytes, re.Pattern[bytes]]] = {}


def _wide_patterns(ignore_case: bool) -> dict[bytes, re.Pattern[bytes]]:
    """By lead byte: a pattern for the multi-byte characters squeezing drops or folds."""
    found = _WIDE_PATTERNS.get(ignore_case)
    if found is None:
        table = _FOLDED if ignore_case else _WIDE
        found = {}
        for lead in sorted({key[:1] for key in table} | set(_ICON_TAILS)):
            tails = sorted(key[1:] for key in table if key[:1] == lead)
            branches = [trie(tails)] if tails else []
            if lead in _ICON_TAILS:
                branches.append(_ICON_TAILS[lead])
            found[lead] = re.compile(re.escape(lead) + b"(?:" + b"|".join(branches) + b")")
        _WIDE_PATTERNS[ignore_case] = found
    return found


def trie(strings: list[bytes]) -> bytes:
    """A pattern matching exactly ``strings`` (sorted), the longest where several match."""
    if strings == [b""]:
        return b""
    optional = strings[0] == b""
    branches: list[bytes] = []
    i = 1 if optional else 0
    while i < len(strings):
        j = i
        while j < len(strings) and strings[j][:1] == strings[i][:1]:
            j += 1
        branches.append(re.escape(strings[i][:1]) + trie([s[1:] for s in strings[i:j]]))
        i = j
    if len(branches) == 1:
        return b"(?:" + branches[0] + b")?" if optional else branches[0]
    group = b"(?:" + b"|".join(branches) + b")"
    return group + b"?" if optional else group


class LineNeedles:
    """The needles of one pattern (heads, tails, inner needles); None: every line is a
    candidate."""

    def __init__(self, key: tuple[str, bool], needles: tuple[frozenset, ...] | None) -> None:
        self.key = key
        self.ignore_case = key[1]
        self.needles = needles
        # the pattern's verdicts on texts seen lately: chrome lines repeat across articles
        self.verdicts: dict[str, bool] = {}

    def __reduce__(self) -> tuple:
        # compiled packs are pickled (newslint.storage.cache): loaded line needles join the
        # live ones
        return _restore, (self.key, self.needles)


LIVE: weakref.WeakValueDictionary[tuple[str, bool], LineNeedles] = weakref.WeakValueDictionary()
LOCK = threading.Lock()


def line_needles(source: str, ignore_case: bool) -> LineNeedles:
    """The line needles of a pattern, shared by all checks using it (kept while one does)."""
    key = (source, ignore_case)
    with LOCK:
        found = LIVE.get(key)
    if found is None:
        read = line_filter(source, ignore_case)
        found = _restore(key, None if read is None else _needles(read, ignore_case))
    return found


def _restore(key: tuple[str, bool], needles: tuple[frozenset, ...] | None) -> LineNeedles:
    with LOCK:
        found = LIVE.get(key)
        if found is None:
            found = LIVE[key] = LineNeedles(key, needles)
        return found


def _needles(found: LineFilter, ignore_case: bool) -> tuple[frozenset, ...] | None:
    """(heads, tails, inner needles): for each alternative of ``found``, the strings that every
    line it fully matches starts with, ends with (a whole line: both) or holds, whichever are
    longest when squeezed (in either form); None if some alternative has none worth having."""
    kinds: tuple[set[str], set[str]] = (set(), set())
    inner: list[tuple[frozenset, frozenset]] = []  # (needles, strings of the run) each
    for alternative in found.alternatives:
        options: list[tuple[int, int, frozenset]] = []
        whole = product_of(alternative)
        if whole is not None and len(whole) <= _FEW_NEEDLES:  # the line is one of these
            options.append((0, 0, frozenset(s + "\n" for s in whole)))
        head = _joined(alternative)
        if head is not None:
            options.append((0, 1, head))
        end = _joined(alternative[::-1], backwards=True)
        if end is not None:
            options.append((1, 1, end))
        anchored = [
            (min(_shortest(strings, ignore_case), _MIN_NEEDLE + 3), -rank, kind, strings)
            for kind, rank, strings in options
            if _shortest(strings, ignore_case) >= _MIN_NEEDLE
        ]
        if anchored:  # the searches for these are shared by all patterns: they cost least
            best = max(anchored, key=lambda option: option[:2])
            kinds[best[2]].update(best[3])
            continue
        runs = [(_common(strings, ignore_case), strings) for strings in _runs(alternative)]
        runs = [run for run in runs if _shortest(run[0], ignore_case) >= _MIN_NEEDLE]
        if not runs:
            return None
        inner.append(min(runs, key=lambda run: (len(run[0]), -_shortest(run[0], ignore_case))))
    needles: frozenset = frozenset()
    if inner:  # each inner needle costs a search: a part that all the runs hold serves as well
        needles = _common(frozenset().union(*(strings for _, strings in inner)), ignore_case)
        if len(needles) > 1:
            needles = frozenset().union(*(chosen for chosen, _ in inner))
    return frozenset(kinds[0]), frozenset(kinds[1]), needles


def _common(strings: frozenset, ignore_case: bool) -> frozenset:
    """The longest string held by all of ``strings`` (what a line holding one of them holds),
    if it is long enough, else ``strings``: one needle costs one search."""
    shortest = min(strings, key=len)
    for size in range(len(shortest), _COMMON_ENOUGH - 1, -1):
        for start in range(len(shortest) - size + 1):
            part = frozenset({shortest[start : start + size]})
            if all(p in s for p in part for s in strings) and (
                _shortest(part, ignore_case) >= _COMMON_ENOUGH
            ):
                return part
    return strings


def _shortest(strings: frozenset, ignore_case: bool) -> int:
    """The fewest bytes a string of ``strings`` squeezes to (in either form)."""
    return min(_squeezed_size(s, ignore_case) for s in strings)


@functools.lru_cache(maxsize=4096)
def _squeezed_size(string: str, ignore_case: bool) -> int:
    return min(len(squeeze(string, ignore_case, markdown)) for markdown in (False, True))


def _runs(alternative: Alternative) -> list[frozenset]:
    """The strings of each run of sets between gaps (of its start, where too many)."""
    runs: list[frozenset] = []
    start = 0
    for i in range(len(alternative) + 1):
        if i == len(alternative) or isinstance(alternative[i], Gap):
            found = _joined(alternative[start:i], enough=None)
            if found is not None:
                runs.append(found)
            start = i + 1
    return runs


def _joined(
    pieces: Alternative, backwards: bool = False, enough: int | None = _LONG_ENOUGH
) -> frozenset | None:
    """The strings of the longest run of sets starting ``pieces`` that stays few enough (the
    run ending them, for ``backwards`` with the pieces reversed), made no longer once all are
    ``enough`` long; None if the first piece is a gap."""
    strings: frozenset | None = None
    for piece in pieces:
        if isinstance(piece, Gap) or (
            strings and enough is not None and min(map(len, strings)) >= enough
        ):
            break
        pairs = (piece, strings) if backwards else (strings, piece)
        found = product_of(tuple(p for p in pairs if p is not None))
        if found is None or (strings and len(found) > _FEW_NEEDLES):
            break
        strings = found
    return strings
