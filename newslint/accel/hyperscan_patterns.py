"""Turn a rule pattern (``re`` syntax) into a Hyperscan pattern that matches wherever it does.

:func:`to_hyperscan` serves :mod:`newslint.accel.prefilter`: the pattern it gives must match
in every text in which the rule's pattern matches in some stretch (a search bounded by a block).
Each step only lets more texts match: lookbehinds at the start of the whole match and lookaheads at
its end are matched as text (they stand for text that must be there), other lookarounds,
anchors and word boundaries are dropped, back-references match their group's pattern again,
class escapes keep their ASCII members and take every non-ASCII character, large bounded
repeats become unbounded, and a pattern not understood gives None.
"""

from __future__ import annotations

import re

from newslint.accel.relaxed import ESCAPE, class_end, group_kind

_NON_ASCII = r"\x{80}-\x{10ffff}"
# The ASCII members of each class escape, as the ``regex`` module has them, in class syntax.
# Outside ASCII a class escape is widened to every character (Unicode versions differ).
_ASCII_MEMBERS = {
    r"\w": "0-9A-Za-z_",
    r"\d": "0-9",
    r"\s": r"\t\n\x0b\f\r ",
    r"\W": r"\x00-/:-@\[-\^`{-\x7f",
    r"\D": r"\x00-/:-\x7f",
    r"\S": r"\x00-\x08\x0e-\x1f!-\x7f",
}
_CONTROL_CHARS = {  # \b: a backspace in a class (elsewhere a word boundary, dropped first)
    r"\n": "\n",
    r"\t": "\t",
    r"\r": "\r",
    r"\f": "\f",
    r"\v": "\x0b",
    r"\a": "\x07",
    r"\b": "\b",
}
_DROPPED = frozenset([r"\b", r"\B", r"\A", r"\Z"])
_LARGE_REPEAT = 16
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
# Non-ASCII letters that IGNORECASE matches to ASCII ones (İ, ı, long s, Kelvin sign): a
# document holding one runs every case-insensitive rule (Hyperscan folds ASCII case only).
ODD_CASE_CHARS = "\u0130\u0131\u017f\u212a"


def _escaped_char(token: str) -> str | None:
    """The character an escape such as ``\\n``, ``\\x41``, ``\\u00e9`` or ``\\.`` stands for;
    None for the others (class escapes, ``\\p``, back-references, ...)."""
    if token in _CONTROL_CHARS:
        return _CONTROL_CHARS[token]
    if token[1:2] in ("x", "u", "U") and len(token) > 2:
        return chr(int(token[2:], 16))
    if len(token) == 2 and not token[1].isalnum():
        return token[1]
    return None


def _escape(token: str, *, caseless: bool) -> str | None:
    """An escape outside a class as class members (no brackets) in Hyperscan syntax; None if
    not understood. A class escape keeps its ASCII members exactly and takes every non-ASCII
    character; so does a non-ASCII letter of a case-insensitive pattern."""
    if token in _ASCII_MEMBERS:
        return _ASCII_MEMBERS[token] + _NON_ASCII
    char = _escaped_char(token)
    return None if char is None else _char(char, caseless=caseless)


def _char(char: str, *, caseless: bool, negated: bool = False) -> str:
    """One literal character as a class member."""
    if char.isascii():
        return char if char.isalnum() else f"\\x{ord(char):02x}"
    if caseless and not negated and char.lower() != char.upper():
        return _NON_ASCII
    return f"\\x{{{ord(char):x}}}"


def _class_items(token: str, negated: bool) -> list[str | tuple[str, str]] | None:
    """The members of class ``token``: characters, ``(first, last)`` ranges, or class escapes
    (kept as written); None if not understood."""
    body = token[2:-1] if negated else token[1:-1]
    atoms: list[tuple[str, bool]] = []  # (character or class escape, an unescaped "-")
    i = 0
    while i < len(body):
        if body[i] != "\\":
            atoms.append((body[i], body[i] == "-"))
            i += 1
            continue
        escape = ESCAPE.match(body, i)
        part = escape.group() if escape else body[i]
        i += len(part)
        char = part if part in _ASCII_MEMBERS else _escaped_char(part)
        if char is None:
            return None
        atoms.append((char, False))
    items: list[str | tuple[str, str]] = []
    j = 0
    while j < len(atoms):
        value = atoms[j][0]
        if j + 2 < len(atoms) and atoms[j + 1][1] and len(value) == 1 and len(atoms[j + 2][0]) == 1:
            items.append((value, atoms[j + 2][0]))
            j += 3
        else:
            items.append(value)
            j += 1
    return items


def _convert_class(token: str, *, caseless: bool) -> str | None:
    """The character class ``token`` in Hyperscan syntax, matching at least what it does."""
    negated = token.startswith("[^")
    items = _class_items(token, negated)
    if items is None:
        return None
    out = []
    for item in items:
        if isinstance(item, tuple):
            first, last = item
            if caseless and not last.isascii():
                if negated:
                    return None  # case variants of non-ASCII letters are not known here
                out.append(_NON_ASCII)
                if first.isascii():
                    out.append(f"\\x{ord(first):02x}-\\x7f")
                continue
            out.append(_char(first, caseless=False) + "-" + _char(last, caseless=False))
        elif len(item) > 1:
            out.append(_ASCII_MEMBERS[item] + ("" if negated else _NON_ASCII))
        else:
            if caseless and negated and not item.isascii() and item.lower() != item.upper():
                return None
            out.append(_char(item, caseless=caseless, negated=negated))
    return ("[^" if negated else "[") + "".join(out) + "]"


# A parsed pattern: ("alt", [sequence, ...]) where a sequence is a list of (node, quantifier);
# a node is ("atom", hyperscan text), ("zero",) for anchors and word boundaries,
# ("group", kind, alternation) with kind "plain", "behind", "ahead" or "not" (a negative
# lookaround), or ("ref", group number).
Node = tuple


def _group_opening(source: str, i: int) -> tuple[str, int, bool] | None:
    """(kind, length of the opening, whether it captures) of the group at ``source[i]``."""
    kind = group_kind(source, i)
    if kind is None:
        return None
    if kind == "lookaround":
        if source.startswith(("(?!", "(?<!"), i):
            return "not", 4 if source[i + 2] == "<" else 3, False
        return ("behind", 4, False) if source[i + 2] == "<" else ("ahead", 3, False)
    if kind == "atomic" or source.startswith("(?:", i):
        return "plain", 3, False
    if source.startswith("(?P<", i):
        return "plain", source.index(">", i) + 1 - i, True
    return "plain", 1, True


class _Parser:
    """Parses the ``re`` syntax of rule patterns into the nodes above."""

    def __init__(self, source: str, caseless: bool) -> None:
        self.source = source
        self.caseless = caseless
        self.i = 0
        self.groups: dict[int, Node] = {}
        self.count = 0

    def alternation(self) -> Node:
        sequences = [self.sequence()]
        while self.i < len(self.source) and self.source[self.i] == "|":
            self.i += 1
            sequences.append(self.sequence())
        return ("alt", sequences)

    def sequence(self) -> list[tuple[Node, str]]:
        items: list[tuple[Node, str]] = []
        source = self.source
        while self.i < len(source) and source[self.i] not in "|)":
            node = self.atom()
            items.append((node, self.quantifier()))
        return items

    def quantifier(self) -> str:
        source, i = self.source, self.i
        if i >= len(source) or source[i] not in "*+?{":
            return ""
        if source[i] == "{":
            bounds = _QUANTIFIER.match(source, i)
            if bounds is None:
                return ""  # a literal brace, read as the next atom
            low, comma, high = bounds.groups()
            if high and int(high) > _LARGE_REPEAT:
                high = ""  # unbounded: more texts, and far quicker to compile
            quantifier = "{" + (low or "0") + comma + high + "}"
            i = bounds.end()
        else:
            quantifier = source[i]
            i += 1
        if i < len(source) and source[i] in "?+":  # lazy or possessive: the same texts
            i += 1
        self.i = i
        return quantifier

    def atom(self) -> Node:
        source, i = self.source, self.i
        char = source[i]
        if char == "\\":
            escape = ESCAPE.match(source, i)
            token = escape.group() if escape else char
            self.i += len(token)
            if token[1:2].isdigit():
                if token[1] == "0" or int(token[1:]) not in self.groups:
                    raise ValueError(token)
                return ("ref", int(token[1:]))
            if token in _DROPPED:
                return ("zero",)
            member = _escape(token, caseless=self.caseless)
            if member is None:
                raise ValueError(token)
            return ("atom", f"[{member}]")
        if char == "[":
            end = class_end(source, i)
            converted = (
                None if end is None else _convert_class(source[i:end], caseless=self.caseless)
            )
            if converted is None:
                raise ValueError(char)
            self.i = end  # type: ignore[assignment]
            return ("atom", converted)
        if char == "(":
            opening = _group_opening(source, i)
            if opening is None:
                raise ValueError(char)
            kind, length, capturing = opening
            number = None
            if capturing:
                self.count += 1
                number = self.count
            self.i += length
            inner = self.alternation()
            if self.i >= len(source) or source[self.i] != ")":
                raise ValueError("(")
            self.i += 1
            node = ("group", kind, inner)
            if number is not None:
                self.groups[number] = node
            return node
        self.i += 1
        if char in "^$":
            return ("zero",)
        if char == ".":
            return ("atom", ".")
        if char in "*+?":
            raise ValueError(char)  # a quantifier with nothing to repeat
        return ("atom", "[" + _char(char, caseless=self.caseless) + "]")


def _emit(node: Node, groups: dict[int, Node], at_start: bool, at_end: bool) -> str:
    """Hyperscan text for ``node``. A lookbehind is matched as text only at the start of the
    whole match (nothing was matched before it), a lookahead only at the end: there they
    stand for text that must be there; elsewhere, and negative ones anywhere, they are dropped."""
    kind = node[0]
    if kind == "atom":
        return node[1]
    if kind == "zero":
        return ""
    if kind == "ref":
        return "(?:" + _emit(groups[node[1]], groups, False, False) + ")"
    if kind == "alt":
        return "|".join(_sequence(items, groups, at_start, at_end) for items in node[1])
    group_kind_, inner = node[1], node[2]
    if group_kind_ == "not" or (group_kind_ == "behind" and not at_start):
        return ""
    if group_kind_ == "ahead" and not at_end:
        return ""
    if group_kind_ == "behind":
        return "(?:" + _emit(inner, groups, True, False) + ")"
    if group_kind_ == "ahead":
        return "(?:" + _emit(inner, groups, False, True) + ")"
    return "(?:" + _emit(inner, groups, at_start, at_end) + ")"


def _zero_width(node: Node) -> bool:
    """Whether ``node`` is written as nothing wherever it stands."""
    return node[0] == "zero" or (node[0] == "group" and node[1] == "not")


def _sequence(
    items: list[tuple[Node, str]], groups: dict[int, Node], at_start: bool, at_end: bool
) -> str:
    """Hyperscan text for a sequence. Where the sequence is the whole match, a lookahead
    before its end may stand for the rest: the text it looks at follows what precedes it, so
    what precedes plus that text must be in the document too. That is taken when the
    lookahead needs a longer text than the rest, as in ``^(?=(?:[A-Z]+ ){8})[^a-z]*$``."""
    out = []
    for index, (node, quantifier) in enumerate(items):
        before = at_start and all(_zero_width(n) for n, _ in items[:index])
        after = at_end and all(_zero_width(n) for n, _ in items[index + 1 :])
        if quantifier:
            before = after = False  # a repeated lookaround is no text at the match's ends
        if (
            at_start
            and at_end
            and not (after or quantifier)
            and node[:2] == ("group", "ahead")
            and _shortest(node[2], groups) >= _shortest(("alt", [items[index + 1 :]]), groups)
        ):
            return "".join(out) + _emit(node, groups, before, True)
        text = _emit(node, groups, before, after)
        if text:
            out.append(text + quantifier)
    return "".join(out)


def _shortest(node: Node, groups: dict[int, Node]) -> int:
    """The length of the shortest text ``node`` matches (lookarounds match none)."""
    kind = node[0]
    if kind == "atom":
        return 1
    if kind == "ref":
        return _shortest(groups[node[1]], groups)
    if kind == "alt":
        return min(sum(_shortest(n, groups) * _least(q) for n, q in items) for items in node[1])
    if kind == "group" and node[1] == "plain":
        return _shortest(node[2], groups)
    return 0


def _least(quantifier: str) -> int:
    """How many times a quantifier repeats at least."""
    if not quantifier or quantifier[0] == "+":
        return 1
    if quantifier[0] == "{":
        return int(quantifier[1:].split(",")[0].rstrip("}") or 0)
    return 0


def to_hyperscan(source: str, *, caseless: bool = False) -> str | None:
    """A Hyperscan pattern matching in every text in which ``source`` matches; None if unsure."""
    parser = _Parser(source, caseless)
    try:
        tree = parser.alternation()
    except ValueError:
        return None
    if parser.i != len(source):
        return None  # an unbalanced ")"
    return _emit(tree, parser.groups, True, True)
