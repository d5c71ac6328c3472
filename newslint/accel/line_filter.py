"""A sketch of a rule pattern: what literal text a string it fully matches must hold.

:func:`line_filter` reads a pattern into *alternatives*, each a sequence of *pieces*: a finite
set of strings (the pattern's literal text, lower-cased under ``ignore_case``), or a *gap* of
so many characters of any kind. Every string the pattern fully matches is, for one alternative,
a string of its first piece, then one of the next, and so on (a gap standing for any
characters); :mod:`newslint.accel.line_index` takes from this the strings a line must start
with, end with or hold. Reading only ever widens what a piece accepts:

* a literal stays itself; a class of literals becomes the set of its characters; any other
  single character (a class with ranges or categories, ``.``, ``\\w``, a cased non-ASCII
  letter under ``ignore_case``) becomes a gap of one;
* groups are read through; an alternation or an optional part made of literal sets becomes
  the set of the strings it matches (while there are at most ``MAX_STRINGS``); ``X{m,n}``
  with ``m >= 1`` keeps the first copy or two of ``X`` and a gap for the rest; anything else
  becomes a gap of the lengths it can match;
* anchors, word boundaries and lookarounds are dropped (dropping a condition only lets more
  strings match);
* patterns ``re`` reads otherwise than ``regex`` or not at all (``regex``-only syntax, POSIX
  classes, nested sets), or with inline flags, give no sketch at all.

Under ``ignore_case``, ``regex`` (without ``FULLCASE``) matches by simple, one-character case
folding: an ASCII letter matches only its two cases and the characters of ``ODD_CASES``, and a
digit, punctuation mark, symbol or space without case only itself (tests/test_line_filter.py
checks both), so lowering the text and mapping ``ODD_CASES`` brings every character a literal
matches to the literal lowered.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from itertools import product

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MAXREPEAT = sre_constants.MAXREPEAT
_LITERAL = sre_constants.LITERAL
_IN = sre_constants.IN
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_DROPPED = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_REPEATS = tuple(
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)
MAX_STRINGS = 256  # strings a literal set may hold, beyond which it becomes a gap
MAX_ALTERNATIVES = 256  # sequences a pattern is split into, beyond which alternations stay
# The only characters that match an ASCII letter case-insensitively without lowering to it.
ODD_CASES = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}


@dataclass(frozen=True)
class Gap:
    """Any characters but a line break, from ``low`` to ``high`` (None: no limit) of them."""

    low: int
    high: int | None

    def __add__(self, other: Gap) -> Gap:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Gap(self.low + other.low, high)


Piece = Gap | frozenset  # a gap or a set of strings
Alternative = tuple[Piece, ...]
_ONE = Gap(1, 1)


@dataclass(frozen=True)
class LineFilter:
    """The alternatives of a pattern (see the module docstring)."""

    alternatives: tuple[Alternative, ...]
    ignore_case: bool


def line_filter(source: str, ignore_case: bool) -> LineFilter | None:
    """The sketch of ``source``; None if there is none (``source`` cannot be read safely, or
    some alternative holds no literal text)."""
    flags = re.IGNORECASE if ignore_case else 0
    if _posix_class(source):
        return None  # a set of literals to re, a class of letters to regex
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # re warns of what it may read otherwise one day
            tree = sre_parse.parse(source, flags)
        if tree.state.flags & ~(re.IGNORECASE | re.UNICODE) or (
            bool(tree.state.flags & re.IGNORECASE) != ignore_case
        ):
            return None  # inline flags change what the pattern means
        reader = _Reader(ignore_case, tree.state)
        alternatives = tuple(reader.sequence(items) for items in _alternatives(list(tree)))
    except (re.error, OverflowError, RecursionError, ValueError, TypeError, Warning):
        return None
    if not all(any(isinstance(p, frozenset) for p in alt) for alt in alternatives):
        return None
    return LineFilter(alternatives, ignore_case)


def _posix_class(source: str) -> bool:
    """Whether ``source`` has a POSIX class (``[:alpha:]``, ``[=a=]``, ``[.a.]``) in a set."""
    in_set = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_set and char == "[" and source[i + 1 : i + 2] in (":", "=", "."):
            return True
        if char == "[" and not in_set:
            in_set = True
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            if source[i : i + 1] == "]":  # a "]" first in a set is a literal
                i += 1
            continue
        if char == "]":
            in_set = False
        i += 1
    return False


def _alternatives(items: list, budget: int = MAX_ALTERNATIVES) -> list[list]:
    """At most ``budget`` sequences of items whose strings together are the strings of
    ``items``: groups read through and alternations split into one sequence per branch while
    the budget allows (so that a gap in one branch does not turn the others into a gap)."""
    sequences: list[list] = [[]]
    for op, av in items:
        room = budget // len(sequences)
        parts = [[(op, av)]]
        if op is _SUBPATTERN and not (av[1] | av[2]):
            parts = _alternatives(list(av[3]), room)
        elif op is _BRANCH and len(av[1]) <= room:
            each = room // len(av[1])
            parts = [seq for branch in av[1] for seq in _alternatives(list(branch), each)]
        sequences = [seq + part for seq in sequences for part in parts]
    return sequences


class _Reader:
    """Reads parsed pattern items into pieces."""

    def __init__(self, ignore_case: bool, state: object) -> None:
        self.ignore_case = ignore_case
        self.state = state
        self._read: dict[int, tuple[object, list[Piece]]] = {}

    def sequence(self, items: list) -> Alternative:
        """Pieces of a sequence, adjacent gaps merged, and adjacent single strings."""
        pieces: list[Piece] = []
        for item in items:
            read = self._read.get(id(item))
            if read is None:  # split alternatives share items: read each once
                read = self._read[id(item)] = (item, self.item(*item))
            for piece in read[1]:
                last = pieces[-1] if pieces else None
                if isinstance(piece, Gap) and isinstance(last, Gap):
                    pieces[-1] = last + piece
                elif (
                    isinstance(last, frozenset)
                    and isinstance(piece, frozenset)
                    and len(last) == len(piece) == 1
                ):
                    pieces[-1] = frozenset({next(iter(last)) + next(iter(piece))})
                elif piece not in (Gap(0, 0), frozenset({""})):
                    pieces.append(piece)
        return tuple(pieces)

    def item(self, op: object, av) -> list[Piece]:  # type: ignore[no-untyped-def]
        """The pieces standing for one parsed item."""
        if op is _LITERAL:
            char = self.char(av)
            return [frozenset({char}) if char is not None else _ONE]
        if op is _IN:
            chars = {self.char(a) if o is _LITERAL else None for o, a in av}
            return [frozenset(chars) if chars and None not in chars else _ONE]  # type: ignore[arg-type]
        if op in _DROPPED:
            return []
        if op is _SUBPATTERN and not (av[1] | av[2]):
            return list(self.sequence(list(av[3])))
        if op is _ATOMIC:
            return list(self.sequence(list(av)))
        if op is _BRANCH:
            return [self.branch([self.sequence(list(b)) for b in av[1]]) or self.width(op, av)]
        if op in _REPEATS:
            return self.repeat(op, av)
        return [self.width(op, av)]

    def repeat(self, op: object, av) -> list[Piece]:  # type: ignore[no-untyped-def]
        """``X{low,high}``: an optional set stays a set; otherwise the first copies of ``X``
        that every match holds (up to two) are kept and the rest becomes a gap."""
        low, high, body = av
        pieces = self.sequence(list(body))
        if high == 0 or not pieces:
            return []
        if low == 0:
            strings = product_of(pieces) if high == 1 else None
            return [strings | {""}] if strings is not None else [self.width(op, av)]
        kept = min(low, 2)
        each = self.width(_SUBPATTERN, (None, 0, 0, body))
        rest_high = None if high >= _MAXREPEAT or each.high is None else (high - kept) * each.high
        return [*pieces] * kept + [Gap((low - kept) * each.low, rest_high)]

    @staticmethod
    def branch(branches: list[Alternative]) -> frozenset | None:
        """An alternation of literal sequences as one set; None if it is not one or too big."""
        strings: set[str] = set()
        for pieces in branches:
            found = product_of(pieces)
            if found is None:
                return None
            strings |= found
        return frozenset(strings) if len(strings) <= MAX_STRINGS else None

    def width(self, op: object, av: object) -> Gap:
        low, high = sre_parse.SubPattern(self.state, [(op, av)]).getwidth()
        return Gap(low, None if high >= _MAXREPEAT else high)

    def char(self, code: int) -> str | None:
        """The character a literal matches in the (folded) text; None where it may be several
        (or a line break, which no line holds)."""
        char = chr(code)
        if char == "\n":
            return None
        if not self.ignore_case or char.isascii():
            return char.lower() if self.ignore_case else char
        if char.lower() == char == char.upper() and unicodedata.category(char)[0] in "NPSZ":
            return char
        return None


def product_of(pieces: Alternative) -> frozenset | None:
    """The strings a sequence of sets matches; None if it holds a gap or too many strings."""
    strings = frozenset({""})
    for piece in pieces:
        if isinstance(piece, Gap) or len(strings) * len(piece) > MAX_STRINGS:
            return None
        strings = frozenset(a + b for a, b in product(strings, piece))
    return strings
