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
    i, depth = 0, 0
    star = "[^/]*" if doublestar else ".*"
    one = "[^/]" if doublestar else "."
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if char == "*":
            if doublestar and pattern.startswith("**", i):
                if pattern.startswith("**/", i):
                    out.append("(?:.*/)?")
                    i += 3
                else:
                    out.append(".*")
                    i += 2
                continue
            out.append(star)
        elif char == "?":
            out.append(one)
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : end]
                negate = body.startswith(("!", "^"))
                body = body[1:] if negate else body
                out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
                i = end + 1
                continue
        elif char == "{":
            out.append("(?:")
            depth += 1
        elif char == "}" and depth:
            out.append(")")
            depth -= 1
        elif char == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
