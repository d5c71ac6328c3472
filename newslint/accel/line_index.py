"""One pass per document that picks, for all boilerplate patterns at once, the few lines worth
checking exactly.

A boilerplate rule flags a unit (a line of a block, stripped, or a whole block) when its text,
normalised (:func:`normal`), fully matches a pattern. :class:`LineIndex` squeezes a document's
units, one a line (:func:`~newslint.accel.line_needles.squeeze`), and one Hyperscan scan
(:mod:`newslint.accel.line_scan`) or, without it, three C-level searches for the needles of all
live line needles (:mod:`newslint.accel.line_needles`: heads after a line break, tails after
one in the reversed copy, inner needles anywhere) name each pattern's candidate lines; only
these go to the exact, time-limited pattern. A line a pattern fully matches always holds a
needle of it, so no match is lost.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from newslint.accel.line_needles import LIVE, LOCK, LineNeedles, squeeze, trie
from newslint.accel.line_scan import needle_scan
from newslint.core.document import Block, Document

_ICONS = re.compile("[\ue000-\uf8ff]")  # private-use glyphs of icon fonts
_ANCHORED_BYTES = 8  # of a head or tail looked for (fewer needles: quicker to compile)


def normal(doc: Document, text: str) -> str:
    """``text`` as patterns see it: no icon glyphs or Markdown emphasis, white space collapsed."""
    bare = doc.format.strip_markup(text)
    if not bare.isascii():  # icon glyphs are not
        bare = _ICONS.sub("", bare)
    return " ".join(bare.split())


class _Search:
    """Needles of one kind (heads or tails) of many patterns, squeezed: which patterns each
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
            self.regex = re.compile(b"\n(?=(" + trie(sorted(serves)) + b"))")

    def lines(self, haystack: bytes, reverse: bool, hits: dict[tuple, set[int]]) -> None:
        """Add to ``hits`` the lines (numbered from 0; ``haystack`` starts with a line break)
        that start with each pattern's needles (end with them, for a reversed haystack)."""
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
    """Add to ``hits`` the lines holding each pattern's inner needles (``bytes.find`` runs
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
    """The needles holding no other needle, each also serving the patterns of the needles
    holding it (a line holding those holds it: they stay candidates)."""
    kept = {n: set(keys) for n, keys in serves.items() if not any(m in n for m in serves if m != n)}
    for needle, keys in serves.items():
        for other in kept:
            if other in needle:
                kept[other] |= keys
    return kept


class _Searches:
    """The needles of the live line needles of one case mode, for texts of one kind (Markdown
    or not): heads, reversed tails and inner needles."""

    def __init__(self, ignore_case: bool, markdown: bool, hyperscan: bool = True) -> None:
        with LOCK:
            live = [p for p in list(LIVE.values()) if p.ignore_case == ignore_case]
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
        self.scan = None
        if hyperscan:  # all needles in one scan (see newslint.accel.line_scan)
            tails = {tail[::-1]: keys for tail, keys in serves[1].items()}
            self.scan = needle_scan(serves[0], tails, serves[2])
        if self.scan is None:  # the plain searches
            self.heads = _Search(serves[0])
            self.tails = _Search(serves[1])
            self.inner = _fewest(serves[2])

    def lines(self, haystack: bytes) -> dict[tuple[str, bool], set[int]]:
        if self.scan is not None:
            return self.scan.lines(haystack)
        hits: dict[tuple[str, bool], set[int]] = {}
        self.heads.lines(haystack, False, hits)
        self.tails.lines(haystack[::-1], True, hits)
        _inner_lines(self.inner, haystack, hits)
        return hits


_SEARCHES: dict[tuple[bool, bool], _Searches] = {}


def _searches_for(found: LineNeedles, markdown: bool) -> _Searches:
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

    def candidates(self, found: LineNeedles | None, max_length: int) -> list[int]:
        """Numbers of the lines whose unit, if no longer than ``max_length``, ``found``'s
        pattern may fully match, in order (all lines without line needles)."""
        if found is None or found.needles is None:
            return list(range(len(self.lines)))
        scan = self._scans.get(found.ignore_case)
        if scan is None or found.key not in scan[0].keys:
            searches = _searches_for(found, bool(self.doc.format.markup_chars))
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

    def _haystack(self, found: LineNeedles) -> bytes:
        """The lines, squeezed, between line breaks."""
        if self.paragraphs:  # a block's normal text is one line
            joined = "\n".join(normal(self.doc, line) for line in self.lines)
        else:
            joined = self._joined
        return (
            b"\n" + squeeze(joined, found.ignore_case, bool(self.doc.format.markup_chars)) + b"\n"
        )

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
