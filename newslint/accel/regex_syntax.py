"""The one reader of regular-expression syntax in newslint: rule patterns as a small tree.

:func:`parse` reads the part of ``re``/``regex`` syntax that rule packs use (literals, escapes,
classes, ``.``, groups, alternation, quantifiers, anchors, word boundaries, lookarounds and
back-references, and verbose mode) into the nodes below. Anything else (inline flags,
conditionals, POSIX classes, ``\\p{...}``, unknown escapes) raises :class:`Unsupported`: a
reader then cannot narrow, and the rule simply runs. Nothing here reads ``re``'s own parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Class escapes: the characters of "\w" etc. are taken as Unicode defines them, per reader.
CLASS_ESCAPES = frozenset("wWdDsS")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\x0b", "a": "\x07"}
_ZERO_WIDTH = {"b": r"\b", "B": r"\B", "A": r"\A", "Z": r"\Z"}
_HEX = {"x": 2, "u": 4, "U": 8}
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_VERBOSE_SKIP = re.compile(r"(?:\s+|#[^\n]*)*")


class Unsupported(ValueError):
    """A construct the reader does not know (the pattern cannot be narrowed)."""


@dataclass(frozen=True)
class CharSet:
    """One character from ``ranges`` (inclusive code point pairs) or ``escapes`` (class
    escapes such as ``w``), or any other one when ``negated``."""

    ranges: tuple[tuple[int, int], ...]
    escapes: frozenset[str] = frozenset()
    negated: bool = False


@dataclass(frozen=True)
class AnyChar:
    """``.``: any character (but a line break unless ``dotall``)."""

    dotall: bool


@dataclass(frozen=True)
class Anchor:
    """A zero-width test: ``^``, ``$``, ``\\b``, ``\\B``, ``\\A`` or ``\\Z``."""

    kind: str


@dataclass(frozen=True)
class Look:
    """A lookaround: ``behind`` or ahead, ``negative`` or not."""

    body: Alternation
    behind: bool
    negative: bool


@dataclass(frozen=True)
class Group:
    """A group (capturing ones carry their number; atomic ones read as plain)."""

    body: Alternation
    number: int | None


@dataclass(frozen=True)
class BackRef:
    number: int


@dataclass(frozen=True)
class Repeat:
    """``body`` from ``low`` to ``high`` times (None: no limit); lazy or possessive alike."""

    body: Node
    low: int
    high: int | None


@dataclass(frozen=True)
class Alternation:
    """Branches, each a sequence of nodes."""

    branches: tuple[tuple[Node, ...], ...]


Node = CharSet | AnyChar | Anchor | Look | Group | BackRef | Repeat | Alternation


@dataclass(frozen=True)
class Parsed:
    """A whole pattern: its tree and its capturing groups by number."""

    tree: Alternation
    groups: dict[int, Group]


def parse(source: str, *, verbose: bool = False, dotall: bool = False) -> Parsed:
    """The tree of ``source``; raises :class:`Unsupported` for syntax not read here."""
    reader = _Reader(source, verbose, dotall)
    tree = reader.alternation()
    if reader.i != len(source):
        raise Unsupported("unbalanced ')'")
    return Parsed(tree, reader.groups)


def literal(char: str) -> CharSet:
    return CharSet(((ord(char), ord(char)),))


class _Reader:
    def __init__(self, source: str, verbose: bool, dotall: bool) -> None:
        self.source = source
        self.verbose = verbose
        self.dotall = dotall
        self.i = 0
        self.groups: dict[int, Group] = {}
        self.count = 0

    def _skip(self) -> None:
        if self.verbose:
            self.i = _VERBOSE_SKIP.match(self.source, self.i).end()  # type: ignore[union-attr]

    def _peek(self) -> str:
        self._skip()
        return self.source[self.i : self.i + 1]

    def alternation(self) -> Alternation:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return Alternation(tuple(branches))

    def sequence(self) -> tuple[Node, ...]:
        items: list[Node] = []
        while self._peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return tuple(items)

    def quantified(self, node: Node) -> Node:
        char = self._peek()
        bounds = _QUANTIFIER.match(self.source, self.i) if char == "{" else None
        if bounds is not None and (bounds.group(1) or bounds.group(3)):
            low, comma, high = bounds.groups()
            self.i = bounds.end()
            repeat = Repeat(node, int(low or 0), int(high) if high else None if comma else int(low))
        elif char and char in "*+?":
            self.i += 1
            repeat = Repeat(node, 1 if char == "+" else 0, 1 if char == "?" else None)
        else:
            return node
        if isinstance(node, (Anchor, Look, Repeat)):
            raise Unsupported("a quantifier with nothing to repeat")
        if self.source[self.i : self.i + 1] in ("?", "+"):  # lazy or possessive: same texts
            self.i += 1
        return repeat

    def atom(self) -> Node:
        char = self.source[self.i]
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        self.i += 1
        if char == "\\":
            return self.escape()
        if char == ".":
            return AnyChar(self.dotall)
        if char in "^$":
            return Anchor(char)
        if char in "*+?":
            raise Unsupported("a quantifier with nothing to repeat")
        return literal(char)

    def escape(self) -> Node:
        """The node of the escape after ``\\``."""
        char = self.source[self.i : self.i + 1]
        if char.isdigit() and char != "0":
            digits = re.match(r"\d\d?", self.source[self.i :])
            assert digits is not None
            number = int(digits.group())
            if number not in self.groups:
                raise Unsupported(f"\\{number}")
            self.i += len(digits.group())
            return BackRef(number)
        if char in _ZERO_WIDTH:
            self.i += 1
            return Anchor(_ZERO_WIDTH[char])
        if char in CLASS_ESCAPES:
            self.i += 1
            return CharSet((), frozenset(char))
        return literal(self.escaped_char())

    def escaped_char(self) -> str:
        """The character an escape stands for (``\\n``, ``\\x41``, ``\\.``), ``\\`` read."""
        source, i = self.source, self.i
        char = source[i : i + 1]
        if char in _CONTROL:
            self.i += 1
            return _CONTROL[char]
        if char in _HEX:
            digits = source[i + 1 : i + 1 + _HEX[char]]
            if len(digits) != _HEX[char] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported("\\" + char)
            self.i += 1 + len(digits)
            return chr(int(digits, 16))
        if char == "0":
            octal = re.match(r"0[0-7]{0,2}", source[i:])
            assert octal is not None
            self.i += len(octal.group())
            return chr(int(octal.group(), 8))
        if not char or char.isalnum() or char == "_":
            raise Unsupported("\\" + char)
        self.i += 1
        return char

    def group(self) -> Node:
        source, i = self.source, self.i
        number = None
        if source.startswith(("(?=", "(?!"), i):
            kind, self.i = source[i + 2], i + 3
        elif source.startswith(("(?<=", "(?<!"), i):
            kind, self.i = "<" + source[i + 3], i + 4
        elif source.startswith(("(?:", "(?>"), i):
            kind, self.i = ":", i + 3
        elif source.startswith(("(?P<", "(?<"), i) or not source.startswith("(?", i):
            close = source.find(">", i) if source.startswith("(?", i) else i
            if close < 0:
                raise Unsupported("a group name without '>'")
            kind, self.i = ":", close + 1
            self.count += 1
            number = self.count
        else:
            raise Unsupported(source[i : i + 3])
        body = self.alternation()
        if self._peek() != ")":
            raise Unsupported("unbalanced '('")
        self.i += 1
        if kind == ":":
            found = Group(body, number)
            if number is not None:
                self.groups[number] = found
            return found
        return Look(body, behind=kind.startswith("<"), negative=kind.endswith("!"))

    def char_class(self) -> CharSet:
        source = self.source
        self.i += 1
        negated = source.startswith("^", self.i)
        self.i += negated
        atoms: list[tuple[str, bool]] = []  # (a character or a class escape, an unescaped "-")
        while self.i < len(source) and (source[self.i] != "]" or not atoms):
            char = source[self.i]
            self.i += 1
            if char == "[" or source.startswith(("--", "&&", "||", "~~"), self.i - 1):
                raise Unsupported("a nested set or set operation")  # read otherwise by regex
            if char != "\\":
                atoms.append((char, char == "-"))
            elif source[self.i : self.i + 1] in CLASS_ESCAPES:
                atoms.append(("\\" + source[self.i], False))
                self.i += 1
            elif source[self.i : self.i + 1] == "b":
                atoms.append(("\b", False))
                self.i += 1
            else:
                atoms.append((self.escaped_char(), False))
        if self.i >= len(source):
            raise Unsupported("unbalanced '['")
        self.i += 1
        return _char_set(atoms, negated)


def _char_set(atoms: list[tuple[str, bool]], negated: bool) -> CharSet:
    ranges: list[tuple[int, int]] = []
    escapes: set[str] = set()
    j = 0
    while j < len(atoms):
        value = atoms[j][0]
        if j + 2 < len(atoms) and atoms[j + 1][1] and len(value) == 1 and len(atoms[j + 2][0]) == 1:
            ranges.append((ord(value), ord(atoms[j + 2][0])))
            j += 3
            continue
        if len(value) > 1:
            escapes.add(value[1])
        else:
            ranges.append((ord(value), ord(value)))
        j += 1
    return CharSet(tuple(ranges), frozenset(escapes), negated)


def class_end(source: str, i: int) -> int | None:
    """Index just past the character class opening at ``source[i]``; None if it is not one
    the reader reads (a nested set, a POSIX class, an unknown escape, no closing bracket)."""
    reader = _Reader(source, verbose=False, dotall=False)
    reader.i = i
    try:
        reader.char_class()
    except (Unsupported, IndexError):
        return None
    return reader.i
