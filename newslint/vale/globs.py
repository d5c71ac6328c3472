"""Vale's globs: section names of ``.vale.ini`` and ``--glob`` (``!`` negates the pattern).

Without ``**`` a pattern follows gobwas/glob with no separators: ``*`` and ``?`` also match ``/``,
so ``*.md`` matches ``docs/a.md``; ``{a,b}`` lists alternatives, ``[...]`` and ``[!...]`` are
classes. With ``**`` it follows doublestar: ``*`` stops at ``/`` and ``**/`` spans directories.
The whole path must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Glob:
    pattern: str
    negated: bool = False

    @classmethod
    def parse(cls, text: str) -> Glob:
        negated = text.startswith("!")
        return cls(text.lstrip("!") if negated else text, negated)

    def match(self, path: str) -> bool:
        return bool(_compiled(self.pattern).fullmatch(path.replace("\\", "/"))) != self.negated


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_translate(pattern, "**" in pattern), re.S)


def _translate(pattern: str, doublestar: bool) -> str:
    out: list[str] = []
    i, depth = 0, 0  # depth: of open ``{`` alternatives
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            piece, i = re.escape(pattern[i + 1]), i + 2
        elif char == "*":
            piece, i = _star(pattern, i, doublestar)
        elif char == "[":
            piece, i = _char_class(pattern, i)
        else:
            piece, depth = _character(char, depth, doublestar)
            i += 1
        out.append(piece)
    return "".join(out)


def _star(pattern: str, i: int, doublestar: bool) -> tuple[str, int]:
    """The regex of the ``*`` or ``**`` at ``i`` and the index after it."""
    if not doublestar:
        return ".*", i + 1
    if pattern.startswith("**/", i):
        return "(?:.*/)?", i + 3
    if pattern.startswith("**", i):
        return ".*", i + 2
    return "[^/]*", i + 1


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """The regex of the ``[...]`` class at ``i`` and the index after it."""
    end = pattern.find("]", i + 2)
    if end == -1:
        return re.escape("["), i + 1
    body = pattern[i + 1 : end]
    negate = body.startswith(("!", "^"))
    body = body[1:] if negate else body
    return "[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]", end + 1


def _character(char: str, depth: int, doublestar: bool) -> tuple[str, int]:
    """The regex of one other character and the depth of ``{`` alternatives after it."""
    if char == "?":
        return ("[^/]" if doublestar else "."), depth
    if char == "{":
        return "(?:", depth + 1
    if char == "}" and depth:
        return ")", depth - 1
    if char == "," and depth:
        return "|", depth
    return re.escape(char), depth
