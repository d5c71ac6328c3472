"""Needles of a pattern: strings of which every line it fully matches holds one.

:func:`line_needles` reads a pattern's tree (:mod:`newslint.accel.regex_syntax`) bottom up.
Each node gets the strings it matches (when they are a small finite set: literals, small
classes, optional parts and alternations of them), the strings each of its matches starts
with and ends with, and needles: strings of which each of its matches holds one. A sequence
takes its needles from its parts, or from the strings that a run of finite parts spells; an
alternation needs them in every branch. Lookarounds and anchors match the empty string (their
conditions are dropped: more texts match, never fewer).

A line the pattern fully matches, between line breaks, holds one of the needles, a line break
and then one of the starts, one of the ends and then a line break, or (for a pattern of few
strings) a line break, one of them and a line break: the best of these (whose shortest string
is longest) is chosen, branch by branch. Under ``caseless`` the strings are lower case, for a text
lowered with ``str.lower``: an ASCII letter matches only its two cases (and the characters of
:data:`~newslint.accel.hyperscan.ODD_CASE_CHARS`, which a text holding one must be searched
without needles for), a character without case (digits, punctuation, symbols, spaces) only
itself; any other character is not read as a literal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import product

from newslint.accel.regex_syntax import (
    Alternation,
    Anchor,
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

MAX_STRINGS = 64  # strings a finite set may hold before it is dropped
MAX_NEEDLES = 4096  # needles a pattern may have (Hyperscan looks for all at once)
_SMALL_CLASS = 8  # characters a class may hold to count as a set of literals
_EMPTY = frozenset({""})
Strings = frozenset[str]


@dataclass(frozen=True)
class _Read:
    strings: Strings | None  # all the strings the node matches, if few
    needles: Strings | None  # one of these is in every match
    starts: Strings | None  # every match starts with one of these
    ends: Strings | None  # every match ends with one of these


def line_needles(source: str, flags: int) -> Strings | None:
    """Strings of which every line that ``source`` fully matches holds one, in a text of lines
    between line breaks (lower case under ``re.IGNORECASE``); None if there are none."""
    try:
        parsed = parse(source, verbose=bool(flags & re.VERBOSE), dotall=bool(flags & re.DOTALL))
    except Unsupported:
        return None
    return _Reader(parsed, bool(flags & re.IGNORECASE)).line(parsed.tree)


def _score(strings: Strings) -> tuple[int, int]:
    """How telling a choice of needles is: its shortest string, then fewer strings."""
    return (min(map(len, strings)), -len(strings))


def _best(*choices: Strings | None) -> Strings | None:
    found = [c for c in choices if c and not c & {"", "\n"}]
    return max(found, key=_score, default=None)


def _product(sets: list[Strings]) -> Strings | None:
    found = _EMPTY
    for strings in sets:
        if len(found) * len(strings) > MAX_STRINGS:
            return None
        found = frozenset(a + b for a, b in product(found, strings))
    return found


def _union(sets: list[Strings | None], limit: int = MAX_STRINGS) -> Strings | None:
    if any(s is None for s in sets):
        return None
    found: Strings = frozenset().union(*sets)  # type: ignore[arg-type]
    return found if len(found) <= limit else None


def _affix(reads: list[_Read], ends: bool) -> Strings | None:
    """The strings every match of a sequence starts with (``ends``: ends with): those of its
    finite parts from that side, then of the first part that is not finite."""
    sets: list[Strings] = []
    for read in reversed(reads) if ends else reads:
        known = read.strings if read.strings is not None else (read.ends if ends else read.starts)
        if known is None:
            break
        joined = _product([known, *sets] if ends else [*sets, known])
        if joined is None:
            break
        sets = [joined]
        if read.strings is None:
            break
    return sets[0] if sets else _EMPTY


class _Reader:
    def __init__(self, parsed: Parsed, caseless: bool) -> None:
        self.groups = parsed.groups
        self.caseless = caseless

    def char(self, code: int) -> str | None:
        """The character ``code`` as it stands in the (lowered) text; None if not one."""
        char = chr(code)
        if not self.caseless:
            return char
        if char.isascii():
            return char.lower()
        uncased = char.lower() == char == char.upper()
        return char if uncased and unicodedata.category(char)[0] in "NPSZ" else None

    def line(self, node: Alternation) -> Strings | None:
        """The needles of lines that ``node`` fully matches: for each branch, the best of its
        needles, its starts after a line break and its ends before one (the branches of a
        group that is the whole branch are read likewise)."""
        chosen = []
        for items in node.branches:
            inner = [item for item in items if not isinstance(item, Anchor)]
            if len(inner) == 1 and isinstance(inner[0], Group):
                chosen.append(self.line(inner[0].body))
                continue
            read = self.sequence(items)
            chosen.append(
                _best(
                    read.needles,
                    None if read.starts is None else frozenset("\n" + s for s in read.starts),
                    None if read.ends is None else frozenset(s + "\n" for s in read.ends),
                    None if read.strings is None else frozenset(f"\n{s}\n" for s in read.strings),
                )
            )
        return _union(chosen, MAX_NEEDLES) if all(chosen) else None

    def chars(self, node: CharSet) -> Strings | None:
        if node.negated or node.escapes or sum(h - lo + 1 for lo, h in node.ranges) > _SMALL_CLASS:
            return None
        found = {self.char(code) for low, high in node.ranges for code in range(low, high + 1)}
        return None if None in found else frozenset(found)  # type: ignore[arg-type]

    def node(self, node: Node) -> _Read:
        if isinstance(node, CharSet):
            chars = self.chars(node)
            return _Read(chars, chars, chars, chars)
        if isinstance(node, (Anchor, Look)):
            return _Read(_EMPTY, None, _EMPTY, _EMPTY)
        if isinstance(node, Alternation):
            return self.alternation(node)
        if isinstance(node, Group):
            return self.node(node.body)
        if isinstance(node, BackRef):
            return self.node(self.groups[node.number])
        if isinstance(node, Repeat):
            return self.repeat(node)
        return _Read(None, None, None, None)  # any character

    def repeat(self, node: Repeat) -> _Read:
        body = self.node(node.body)
        strings = None
        if body.strings is not None and node.high is not None and node.high <= 2:
            strings = _union([_product([body.strings] * n) for n in range(node.low, node.high + 1)])
        if node.low == 0:
            return _Read(strings, None, _EMPTY, _EMPTY)
        return _Read(strings, _best(body.needles, body.strings), body.starts, body.ends)

    def alternation(self, node: Alternation) -> _Read:
        branches = [self.sequence(items) for items in node.branches]
        chosen = [_best(b.needles, b.strings) for b in branches]
        return _Read(
            _union([b.strings for b in branches]),
            _union(chosen, MAX_NEEDLES) if all(chosen) else None,
            _union([b.starts for b in branches]),
            _union([b.ends for b in branches]),
        )

    def sequence(self, items: tuple[Node, ...]) -> _Read:
        reads = [self.node(item) for item in items]
        candidates = [r.needles for r in reads]
        run: Strings | None = None  # what the current run of finite parts spells
        for read in [*reads, _Read(None, None, None, None)]:
            if read.strings is None:
                candidates.append(run)
                run = None
                continue
            joined = read.strings if run is None else _product([run, read.strings])
            if joined is None:  # too many strings: a new run starts here
                candidates.append(run)
                joined = read.strings
            run = joined
        finite = [r.strings for r in reads if r.strings is not None]
        strings = _product(finite) if len(finite) == len(reads) else None
        return _Read(strings, _best(*candidates), _affix(reads, False), _affix(reads, True))
