"""Characters of which every match of a pattern holds one: a cheap test before running it.

ftfy's badness heuristic is a regex every match of which holds one of a few hundred characters;
:func:`required_chars` reads such a set off ``re``'s parse tree of a pattern (one required element
of each branch), so that text without any of them can skip the regex.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_LITERAL, _SUBPATTERN, _BRANCH = (
    sre_constants.LITERAL,
    sre_constants.SUBPATTERN,
    sre_constants.BRANCH,
)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_IN, _RANGE = sre_constants.IN, sre_constants.RANGE
_EVERYDAY = frozenset("’‘“”–—…")  # non-ASCII characters common in news text


def required_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` (case-sensitive) holds one, chosen to
    avoid ASCII and everyday punctuation; None if no such set was found."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, OverflowError, RecursionError):
        return None
    found = _chars_of_sequence(list(tree))
    return frozenset(found) if found else None


def _chars_score(chars: set[str]) -> tuple[int, int]:
    return sum(c.isascii() or c in _EVERYDAY for c in chars), len(chars)


def _class_chars(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _LITERAL:
            chars.add(chr(av))
        elif op is _RANGE and av[1] - av[0] < 0x1000:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a category or negated class: no explicit set
    return chars


def _chars_of_sequence(items: list) -> set[str] | None:
    best: set[str] | None = None
    for op, av in items:
        chars: set[str] | None = None
        if op is _LITERAL:
            chars = {chr(av)}
        elif op is _IN:
            chars = _class_chars(list(av))
        elif op is _SUBPATTERN and not (av[1] | av[2]) & re.IGNORECASE:
            chars = _chars_of_sequence(list(av[3]))
        elif op is _BRANCH:
            chars = set()
            for branch in av[1]:
                found = _chars_of_sequence(list(branch))
                if not found:
                    chars = None
                    break
                chars |= found
        elif op in _REPEATS and av[0] >= 1:
            chars = _chars_of_sequence(list(av[2]))
        if chars and (best is None or _chars_score(chars) < _chars_score(best)):
            best = chars
    return best
