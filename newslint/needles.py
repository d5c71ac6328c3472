"""Literal strings of which a pattern's every match holds at least one: a cheap test first.

A boilerplate pattern such as ``(sponsored|promoted) content`` cannot match a line that holds
neither "sponsored content" nor "promoted content"; looking for those strings with ``str.find`` is
far cheaper than running the pattern. :func:`needles` reads them off ``re``'s parse tree of the
pattern (literal runs that every match must contain, outside lookarounds); :func:`fold` brings a
text into the form needles of a case-insensitive pattern are compared with. :func:`required_chars`
does the same for single characters, for patterns made of character classes.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The only characters that match an ASCII letter case-insensitively without lowering to it.
_ODD_CASES = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}
_FOLD = str.maketrans(_ODD_CASES)
_LITERAL, _SUBPATTERN, _BRANCH = (
    sre_constants.LITERAL,
    sre_constants.SUBPATTERN,
    sre_constants.BRANCH,
)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_IN, _RANGE = sre_constants.IN, sre_constants.RANGE
_EVERYDAY = frozenset("’‘“”–—…")  # non-ASCII characters common in news text


def fold(text: str) -> str:
    """``text`` as the needles of a case-insensitive pattern see it (same length)."""
    if any(char in text for char in _ODD_CASES):  # str.translate is slow; rarely needed
        text = text.translate(_FOLD)
    return text.lower()


def needles(source: str, ignore_case: bool) -> frozenset[str] | None:
    """Strings one of which every match of ``source`` contains (lower case, if ``ignore_case``:
    compare with :func:`fold` of the text), or None if no such set was found."""
    try:
        tree = sre_parse.parse(source, re.IGNORECASE if ignore_case else 0)
    except (re.error, OverflowError, RecursionError):
        return None
    found = _sequence(list(tree), ignore_case)
    if not found or not all(found):
        return None
    # a needle holding another is found whenever that one is: keep the shortest
    return frozenset(n for n in found if not any(m != n and m in n for m in found))


def _literal(code: int, ignore_case: bool) -> str | None:
    char = chr(code)
    if not ignore_case:
        return char
    if char.isascii() or char.lower() == char == char.upper():
        return char.lower()
    return None  # a cased non-ASCII letter: its case variants do not all lower alike


def _sequence(items: list, ignore_case: bool) -> set[str] | None:
    """The best needle set of a sequence: any one required element's set will do."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        char = _literal(av, ignore_case) if op is _LITERAL else None
        if char is not None:
            run.append(char)
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = _element(op, av, ignore_case)
        if found:
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _element(op: object, av: object, ignore_case: bool) -> set[str] | None:
    if op is _SUBPATTERN:
        _, add_flags, del_flags, body = av  # type: ignore[misc]
        if (add_flags | del_flags) & re.IGNORECASE:
            return None
        return _sequence(list(body), ignore_case)
    if op is _BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            found = _sequence(list(branch), ignore_case)
            if not found:
                return None  # this alternative needs nothing
            union |= found
        return union
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _sequence(list(av[2]), ignore_case)  # type: ignore[index]
    return None


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
