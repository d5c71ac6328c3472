"""One pass per document that picks, for all boilerplate patterns at once, the few lines worth
checking exactly.

A boilerplate rule flags a unit (a line of a block, stripped, or a whole block) when its text,
normalised (:func:`normal`), fully matches a pattern. Each pattern's :class:`Prefilter` reads it
into alternatives of literal sets and gaps (:mod:`newslint.checks.line_filter`) and takes from
each alternative *needles*: strings that every line it fully matches starts with (a *head*),
ends with (a *tail*) or holds (an *inner* needle).

:class:`LineIndex` looks for them in a *squeezed* copy of a document's units, one a line
(:func:`squeeze`: UTF-8, ASCII letters lowered and ``ODD_CASES`` folded for case-insensitive
patterns, all white space but line breaks dropped, and icon glyphs and, in Markdown, ``*`` and
``_``). Normalising only drops such characters or turns white space into a space, so a unit's
squeezed normal text is its line's squeezed text; and squeezing a needle found in (starting,
ending) the normal text gives one found in (starting, ending) the squeezed line. Three C-level
searches for the needles of all live prefilters (heads after a line break, tails after one in
the reversed copy, inner needles anywhere) name each pattern's candidate lines, and only these
go to the exact, time-limited pattern. A line a pattern fully matches always holds a needle of
it, so no match is lost.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
import weakref
from itertools import accumulate

from newslint.checks.line_filter import (
    ODD_CASES,
    Alternative,
    Gap,
    LineFilter,
    line_filter,
    product_of,
)
from newslint.document import Block, Document

_ICONS = re.compile("[\ue000-\uf8ff]")  # private-use glyphs of icon fonts
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")  # Markdown *, **, _ markers
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
_ANCHORED_BYTES = 8  # of a head or tail looked for (fewer needles: quicker to compile)
_MIN_NEEDLE = 2  # squeezed bytes a needle needs to be worth looking for


def normal(doc: Document, text: str) -> str:
    """``text`` as patterns see it: no icon glyphs or Markdown emphasis, white space collapsed."""
    bare = _EMPHASIS.sub("", text) if doc.markdown else text
    if not bare.isascii():  # icon glyphs are not
        bare = _ICONS.sub("", bare)
    return " ".join(bare.split())


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
            branches = [_trie(tails)] if tails else []
            if lead in _ICON_TAILS:
                branches.append(_ICON_TAILS[lead])
            found[lead] = re.compile(re.escape(lead) + b"(?:" + b"|".join(branches) + b")")
        _WIDE_PATTERNS[ignore_case] = found
    return found


class Prefilter:
    """The needles of one pattern (heads, tails, inner needles); None: every line is a
    candidate."""

    def __init__(self, key: tuple[str, bool], needles: tuple[frozenset, ...] | None) -> None:
        self.key = key
        self.ignore_case = key[1]
        self.needles = needles
        # the pattern's verdicts on texts seen lately: chrome lines repeat across articles
        self.verdicts: dict[str, bool] = {}

    def __reduce__(self) -> tuple:
        # compiled packs are pickled (newslint.cache): a loaded prefilter joins the live ones
        return _restore, (self.key, self.needles)


_LIVE: weakref.WeakValueDictionary[tuple[str, bool], Prefilter] = weakref.WeakValueDictionary()
_LOCK = threading.Lock()


def prefilter(source: str, ignore_case: bool) -> Prefilter:
    """The prefilter of a pattern, shared by all checks using it (kept while one does)."""
    key = (source, ignore_case)
    with _LOCK:
        found = _LIVE.get(key)
    if found is None:
        read = line_filter(source, ignore_case)
        found = _restore(key, None if read is None else _needles(read, ignore_case))
    return found


def _restore(key: tuple[str, bool], needles: tuple[frozenset, ...] | None) -> Prefilter:
    with _LOCK:
        found = _LIVE.get(key)
        if found is None:
            found = _LIVE[key] = Prefilter(key, needles)
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
        if anchored:  # the searches for these are shared by all prefilters: they cost least
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


def _trie(strings: list[bytes]) -> bytes:
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
        branches.append(re.escape(strings[i][:1]) + _trie([s[1:] for s in strings[i:j]]))
        i = j
    if len(branches) == 1:
        return b"(?:" + branches[0] + b")?" if optional else branches[0]
    group = b"(?:" + b"|".join(branches) + b")"
    return group + b"?" if optional else group


class _Search:
    """Needles of one kind (heads or tails) of many prefilters, squeezed: which prefilters each
    serves, and a pattern finding, after a line break, the longest of them there."""

    def __init__(self, serves: dict[bytes, set[tuple[str, bool]]]) -> None:
        # a line starting with a needle starts with the needles it starts with
        self.serves = {
            needle: frozenset().union(
                *(serves.get(needle[:size], ()) for size in range(1, len(needle) + 1))
            )
            for needle in serves
        }
        self.regex = None
        if serves:  # a needle may end at a line break: the pattern only looks at it
            self.regex = re.compile(b"\n(?=(" + _trie(sorted(serves)) + b"))")

    def lines(self, haystack: bytes, reverse: bool, hits: dict[tuple, set[int]]) -> None:
        """Add to ``hits`` the lines (numbered from 0; ``haystack`` starts with a line break)
        that start with each prefilter's needles (end with them, for a reversed haystack)."""
        if self.regex is None:
            return
        last = haystack.count(b"\n") - 2
        line, counted = -1, 0
        for match in self.regex.finditer(haystack):
            at = match.start()
            line += haystack.count(b"\n", counted, at + 1)
            counted = at + 1
            for key in self.serves[match.group(1)]:
                hits.setdefault(key, set()).add(last - line if reverse else line)


def _inner_lines(
    serves: dict[bytes, set[tuple[str, bool]]], haystack: bytes, hits: dict[tuple, set[int]]
) -> None:
    """Add to ``hits`` the lines holding each prefilter's inner needles (``bytes.find`` runs
    far faster than a pattern of many needles that do not share a first byte)."""
    for needle, keys in serves.items():
        line, counted = -1, 0
        at = haystack.find(needle)
        while at != -1:
            line += haystack.count(b"\n", counted, at + 1)
            counted = at + 1
            for key in keys:
                hits.setdefault(key, set()).add(line)
            at = haystack.find(needle, at + 1)


def _fewest(serves: dict[bytes, set[tuple[str, bool]]]) -> dict[bytes, set[tuple[str, bool]]]:
    """The needles holding no other needle, each also serving the prefilters of the needles
    holding it (a line holding those holds it: they stay candidates)."""
    kept = {n: set(keys) for n, keys in serves.items() if not any(m in n for m in serves if m != n)}
    for needle, keys in serves.items():
        for other in kept:
            if other in needle:
                kept[other] |= keys
    return kept


class _Searches:
    """The needles of the live prefilters of one case mode, for texts of one kind (Markdown
    or not): heads, reversed tails and inner needles."""

    def __init__(self, ignore_case: bool, markdown: bool) -> None:
        with _LOCK:
            live = [p for p in list(_LIVE.values()) if p.ignore_case == ignore_case]
        self.keys = {p.key for p in live if p.needles is not None}
        serves: tuple[dict, dict, dict] = ({}, {}, {})
        for found in live:
            for kind, strings in enumerate(found.needles or ()):
                for string in strings:
                    squeezed = squeeze(string, ignore_case, markdown)
                    if kind == 1:
                        squeezed = squeezed[::-1]
                    if kind < 2:  # a line starting with a needle starts with its start
                        squeezed = squeezed[:_ANCHORED_BYTES]
                    serves[kind].setdefault(squeezed, set()).add(found.key)
        self.heads = _Search(serves[0])
        self.tails = _Search(serves[1])
        self.inner = _fewest(serves[2])

    def lines(self, haystack: bytes) -> dict[tuple[str, bool], set[int]]:
        hits: dict[tuple[str, bool], set[int]] = {}
        self.heads.lines(haystack, False, hits)
        self.tails.lines(haystack[::-1], True, hits)
        _inner_lines(self.inner, haystack, hits)
        return hits


_SEARCHES: dict[tuple[bool, bool], _Searches] = {}


def _searches_for(found: Prefilter, markdown: bool) -> _Searches:
    mode = (found.ignore_case, markdown)
    current = _SEARCHES.get(mode)
    if current is None or found.key not in current.keys:
        current = _SEARCHES[mode] = _Searches(*mode)
    return current


class LineIndex:
    """A document's units in the given blocks (lines of them, or whole blocks), shared by all
    boilerplate rules; see the module docstring."""

    @classmethod
    def of(cls, doc: Document, blocks: list[Block], paragraphs: bool) -> LineIndex:
        key = ("line-index", id(blocks), paragraphs)
        cached = doc.memo.get(key)
        if cached is None or cached[0] is not blocks:
            cached = doc.memo[key] = (blocks, cls(doc, blocks, paragraphs))
        return cached[1]

    def __init__(self, doc: Document, blocks: list[Block], paragraphs: bool) -> None:
        self.doc = doc
        self.blocks = blocks
        self.paragraphs = paragraphs
        text = doc.text
        self._pieces = [text[b.start : b.end] for b in blocks]
        self._joined = "\n".join(self._pieces)
        self.lines = self._pieces if paragraphs else self._joined.split("\n")
        self._offsets: tuple[list[int], list[int]] | None = None
        self._scans: dict[bool, tuple[_Searches, dict[tuple[str, bool], set[int]]]] = {}
        self._units: dict[int, tuple[int, int, str] | None] = {}

    def candidates(self, found: Prefilter | None, max_length: int) -> list[int]:
        """Numbers of the lines whose unit, if no longer than ``max_length``, ``found``'s
        pattern may fully match, in order (all lines without a prefilter or needles)."""
        if found is None or found.needles is None:
            return list(range(len(self.lines)))
        scan = self._scans.get(found.ignore_case)
        if scan is None or found.key not in scan[0].keys:
            searches = _searches_for(found, self.doc.markdown)
            scan = self._scans[found.ignore_case] = (
                searches,
                searches.lines(self._haystack(found)),
            )
        lines = self.lines
        return [
            line
            for line in sorted(scan[1].get(found.key, ()))
            if len(lines[line]) <= max_length or len(lines[line].strip()) <= max_length
        ]

    def _haystack(self, found: Prefilter) -> bytes:
        """The lines, squeezed, between line breaks."""
        if self.paragraphs:  # a block's normal text is one line
            joined = "\n".join(normal(self.doc, line) for line in self.lines)
        else:
            joined = self._joined
        return b"\n" + squeeze(joined, found.ignore_case, self.doc.markdown) + b"\n"

    def unit(self, line: int) -> tuple[int, int, str] | None:
        """(start, end, normal text) of the stripped unit of ``line``; None if it is blank."""
        if line in self._units:
            return self._units[line]
        raw = self.lines[line]
        stripped = raw.strip()
        found = None
        if stripped:
            if self._offsets is None:  # where each line and each block starts in _joined
                self._offsets = (
                    list(accumulate(map((1).__add__, map(len, self.lines)), initial=0)),
                    list(accumulate(map((1).__add__, map(len, self._pieces)), initial=0)),
                )
            at = self._offsets[0][line]  # in _joined: in its block, as far from the start
            index = bisect.bisect_right(self._offsets[1], at) - 1
            start = self.blocks[index].start + at - self._offsets[1][index]
            start += len(raw) - len(raw.lstrip())
            found = (start, start + len(stripped), normal(self.doc, stripped))
        self._units[line] = found
        return found
