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


def _tokens(text: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValeError("filter", f"cannot read the filter at {text[pos:]!r}")
        pos = match.end()
        kind = match.lastgroup or ""
        value: Any = match.group(kind)
        if kind == "string":
            value = bytes(value[1:-1], "utf-8").decode("unicode_escape")
        elif kind == "number":
            value = float(value)
        tokens.append((kind, value))  # type: ignore[arg-type]
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, Any]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ValeError("filter", f"expected {value!r} in the filter")
        self.pos += 1
        return token

    def parse(self) -> Callable[[dict[str, Any]], Any]:
        expr = self.disjunction()
        if self.peek() is not None:
            raise ValeError("filter", f"unexpected {self.peek()[1]!r} in the filter")  # type: ignore[index]
        return expr

    def disjunction(self) -> Callable[[dict[str, Any]], Any]:
        left = self.conjunction()
        while self.peek() and self.peek()[1] in ("or", "||"):  # type: ignore[index]
            self.take()
            right = self.conjunction()
            left = (lambda a, b: lambda r: bool(a(r)) or bool(b(r)))(left, right)
        return left

    def conjunction(self) -> Callable[[dict[str, Any]], Any]:
        left = self.negation()
        while self.peek() and self.peek()[1] in ("and", "&&"):  # type: ignore[index]
            self.take()
            right = self.negation()
            left = (lambda a, b: lambda r: bool(a(r)) and bool(b(r)))(left, right)
        return left

    def negation(self) -> Callable[[dict[str, Any]], Any]:
        if self.peek() and self.peek()[1] in ("not", "!"):  # type: ignore[index]
            self.take()
            inner = self.negation()
            return lambda r: not inner(r)
        return self.comparison()

    def comparison(self) -> Callable[[dict[str, Any]], Any]:
        left = self.operand()
        token = self.peek()
        if token is None:
            return left
        op = token[1]
        if op == "not" and self.pos + 1 < len(self.tokens) and self.tokens[self.pos + 1][1] == "in":
            self.take()
            self.take()
            right = self.operand()
            return lambda r: left(r) not in right(r)
        if op in _OPERATORS:
            self.take()
            right = self.operand()
            function = _OPERATORS[op]
            return lambda r: function(left(r), right(r))
        return left

    def operand(self) -> Callable[[dict[str, Any]], Any]:
        kind, value = self.take()
        if kind in ("string", "number"):
            return lambda r: value
        if kind == "field":
            name = value[1:]
            return lambda r: r.get(name)
        if value == "(":
            inner = self.disjunction()
            self.take(")")
            return inner
        if value == "[":
            items = []
            while self.peek() and self.peek()[1] != "]":  # type: ignore[index]
                items.append(self.operand())
                if self.peek() and self.peek()[1] == ",":  # type: ignore[index]
                    self.take()
            self.take("]")
            return lambda r: [item(r) for item in items]
        if value in ("true", "false"):
            return lambda r: value == "true"
        raise ValeError("filter", f"unexpected {value!r} in the filter")


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
