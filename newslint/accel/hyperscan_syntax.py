"""Rule patterns in Hyperscan syntax, matching wherever the rule patterns match.

:func:`to_hyperscan` turns a rule pattern (read by :mod:`newslint.accel.regex_syntax`) into a
Hyperscan pattern that matches in every text in which the rule's pattern matches in some stretch
(a search bounded by a block, or of a line on its own). Each step only lets more texts match:
lookbehinds at the start of the whole match and lookaheads at its end are matched as text (they
stand for text that must be there), other lookarounds, anchors and word boundaries are dropped,
back-references match their group's pattern again, class escapes keep their ASCII members and
take every non-ASCII character (so does a cased non-ASCII letter of a case-insensitive pattern),
large bounded repeats become unbounded, and a pattern not understood gives None.
(:class:`~newslint.accel.hyperscan.Database` compiles them.)
"""

from __future__ import annotations

import re

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


def to_hyperscan(source: str, flags: int = 0) -> str | None:
    """A Hyperscan pattern matching in every text in which ``source`` matches; None if unsure."""
    try:
        parsed = parse(source, verbose=bool(flags & re.VERBOSE), dotall=bool(flags & re.DOTALL))
        return _Writer(parsed, bool(flags & re.IGNORECASE)).alternation(parsed.tree, True, True)
    except Unsupported:
        return None


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
