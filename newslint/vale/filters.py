"""Vale's ``--filter`` expressions (expr-lang) over rule definitions.

Supported: ``.Name``, ``.Level``, ``.Extends``, ``.Scope``, ``.Message``, ``.Description``,
``.Link`` and ``.Limit``; string and number literals and lists; ``==``, ``!=``, ``<``, ``>``,
``<=``, ``>=``, ``in``, ``not in``, ``contains``, ``startsWith``, ``endsWith``, ``matches``;
``and``/``&&``, ``or``/``||``, ``not``/``!`` and parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from newslint.vale.errors import ValeError

_TOKEN = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?P<number>\d+(?:\.\d+)?)
    |(?P<field>\.[A-Za-z]+)|(?P<op>==|!=|<=|>=|&&|\|\||[<>!\[\](),])|(?P<word>[A-Za-z_]+))""",
    re.X,
)


Token = tuple[str, "str | float"]  # (kind, value): a string or number literal, a field, ...
Expr = Callable[[dict[str, Any]], Any]  # a parsed expression: a rule's fields -> its value


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValeError("filter", f"cannot read the filter at {text[pos:]!r}")
        pos = match.end()
        kind = match.lastgroup or ""
        written = match.group(kind)
        value: str | float = written
        if kind == "string":
            value = bytes(written[1:-1], "utf-8").decode("unicode_escape")
        elif kind == "number":
            value = float(written)
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next_value(self) -> str | float | None:
        """The value of the next token (None at the end)."""
        token = self.peek()
        return None if token is None else token[1]

    def take(self, value: str | None = None) -> Token:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ValeError("filter", f"expected {value!r} in the filter")
        self.pos += 1
        return token

    def parse(self) -> Expr:
        expr = self.disjunction()
        token = self.peek()
        if token is not None:
            raise ValeError("filter", f"unexpected {token[1]!r} in the filter")
        return expr

    def disjunction(self) -> Expr:
        left = self.conjunction()
        while self.next_value() in ("or", "||"):
            self.take()
            right = self.conjunction()
            left = (lambda a, b: lambda r: bool(a(r)) or bool(b(r)))(left, right)
        return left

    def conjunction(self) -> Expr:
        left = self.negation()
        while self.next_value() in ("and", "&&"):
            self.take()
            right = self.negation()
            left = (lambda a, b: lambda r: bool(a(r)) and bool(b(r)))(left, right)
        return left

    def negation(self) -> Expr:
        if self.next_value() in ("not", "!"):
            self.take()
            inner = self.negation()
            return lambda r: not inner(r)
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.operand()
        op = self.next_value()
        if op is None:
            return left
        if op == "not" and self.pos + 1 < len(self.tokens) and self.tokens[self.pos + 1][1] == "in":
            self.take()
            self.take()
            right = self.operand()
            return lambda r: left(r) not in right(r)
        if isinstance(op, str) and op in _OPERATORS:
            self.take()
            right = self.operand()
            function = _OPERATORS[op]
            return lambda r: function(left(r), right(r))
        return left

    def operand(self) -> Expr:
        kind, value = self.take()
        if kind in ("string", "number"):
            return lambda r: value
        if kind == "field":
            name = str(value)[1:]
            return lambda r: r.get(name)
        if value == "(":
            inner = self.disjunction()
            self.take(")")
            return inner
        if value == "[":
            return self.list_items()
        if value in ("true", "false"):
            return lambda r: value == "true"
        raise ValeError("filter", f"unexpected {value!r} in the filter")

    def list_items(self) -> Expr:
        """The items of a ``[a, b, ...]`` list, up to its ``]``."""
        items: list[Expr] = []
        while self.next_value() not in (None, "]"):
            items.append(self.operand())
            if self.next_value() == ",":
                self.take()
        self.take("]")
        return lambda r: [item(r) for item in items]


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "in": lambda a, b: a in b if b is not None else False,
    "contains": lambda a, b: b in a,
    "startsWith": lambda a, b: str(a).startswith(str(b)),
    "endsWith": lambda a, b: str(a).endswith(str(b)),
    "matches": lambda a, b: re.search(str(b), str(a)) is not None,
}


def compile_filter(text: str) -> Callable[[dict[str, Any]], bool]:
    """A predicate over a rule's fields (``Name``, ``Level``, ``Extends``, ``Scope``, ...)."""
    expr = _Parser(text).parse()
    return lambda fields: bool(expr(fields))
