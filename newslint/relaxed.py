"""Loosen a rule pattern so that one search over many lines or blocks can stand in for a call
per line or block.

:meth:`newslint.patterns.Pattern.fullmatches` looks for whole lines of a multi-line string that
a pattern accepts, then confirms each line it finds with the exact pattern. For that, the
pattern it searches with must accept every line the exact one does, and behave at the ends of a
line as at the ends of a lone string. :func:`relax_for_lines` gives such a pattern: lookarounds
(which would see the neighbouring lines) become empty groups and atomic groups plain ones, both
of which only let more strings match; whatever could match a line break is kept from doing so
(a lone line has none), so that no match runs on into the next line. Patterns with whole-string
anchors, inline flags, possessive quantifiers, back-references, nested lookarounds or POSIX
classes are refused.

:func:`relax_for_search` serves :meth:`~newslint.patterns.Pattern.spans_to_search` likewise: a
search of a whole document for blocks that may hold a match, each then searched exactly. A search
with ``pos`` sees the text before it, one with ``endpos`` nothing after it; so the loosened
pattern also drops what looks ahead (``$``, word boundaries) and it may match line breaks.
"""

from __future__ import annotations

import re

ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[NpP]\{[^}]*\}|.)", re.S)
_ZERO_WIDTH = frozenset([r"\b", r"\B", r"\m", r"\M"])  # word boundaries: see the next character
# escapes never matching a line break
_KEPT = _ZERO_WIDTH | {r"\w", r"\d", r"\S", r"\t", r"\r", r"\f", r"\v", r"\a"}
_NO_BREAK = {r"\s": r"[^\S\n]", r"\W": r"[^\w\n]", r"\D": r"[^\d\n]", r"\n": "(?!)", "\n": "(?!)"}
_CLASS_ESCAPE = re.compile(r"\\(?![wdS])\w")  # a letter or digit escape in a class, but these
_QUANTIFIERS = frozenset("*+?}")
_EMPTY = "(?:)"  # stands for a dropped construct, so that a quantifier after it stays valid


def _class_without_break(token: str) -> str:
    """The character class ``token`` made never to match a line break."""
    if token.startswith("[^"):
        return token[:-1] + r"\n]"
    if _CLASS_ESCAPE.search(token) or any(ord(char) < 0x20 for char in token):
        return rf"(?:(?!\n){token})"
    return token  # literal characters from the space up, and \w, \d, \S


def _without_break(token: str) -> str | None:
    """``token`` (not a group or class) made never to match a line break; None if unsure."""
    if token in _NO_BREAK:
        return _NO_BREAK[token]
    if token == ".":
        return r"[^\n]"
    if token.startswith("\\") and token[1:2].isalnum() and token not in _KEPT:
        return rf"(?:(?!\n){token})" if len(token) > 2 or token[1] in "xuUNpP" else None
    return token


def class_end(source: str, i: int) -> int | None:
    """Index just past the character class opening at ``source[i]``; None for POSIX/nested sets."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source):
        char = source[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            return None
        if char == "]":
            return j + 1
        j += 1
    return None


def group_kind(source: str, i: int) -> str | None:
    """Kind of the group opening at ``source[i]`` ("(" seen): plain, lookaround, atomic, or None
    for constructs that are refused (inline flags, comments, conditionals and the like)."""
    rest = source[i + 1 : i + 4]
    if not rest.startswith("?"):
        return "plain"
    if rest.startswith(("?:", "?P<")) or (rest.startswith("?<") and rest[2:3] not in "=!"):
        return "plain"
    if rest.startswith(("?=", "?!", "?<=", "?<!")):
        return "lookaround"
    if rest.startswith("?>"):
        return "atomic"
    return None


def relax_for_lines(source: str) -> str | None:
    """A pattern accepting every line (string without a line break) that ``source`` accepts, with
    no construct that looks past the ends of the matched text or matches a line break; None if
    ``source`` cannot be relaxed this way."""
    return _relax(source, lines=True)


def relax_for_search(source: str) -> str | None:
    """A pattern matching wherever ``source`` matches in a stretch of text, with no construct
    that looks at the text after the match; None if ``source`` cannot be relaxed this way."""
    return _relax(source, lines=False)


def _relax(source: str, *, lines: bool) -> str | None:
    """See :func:`relax_for_lines` and :func:`relax_for_search`."""
    out: list[str] = []
    stack: list[str] = []  # kinds of the open groups
    dropping = 0  # depth at which a dropped lookaround opened (0: not dropping)
    quantified = False  # the last token was a quantifier
    i = 0
    while i < len(source):
        char = source[i]
        token: str | None = char
        if char == "\\":
            escape = ESCAPE.match(source, i)
            token = escape.group() if escape else char
            i += len(token)
            if token[1:2].isdigit() or token[1:2] in ("A", "Z", "z", "G", "K", "g", "k"):
                return None  # whole-string anchors, back-references
            if not lines and token in _ZERO_WIDTH:
                token = _EMPTY
            elif lines:
                token = _without_break(token)
                if token is None:
                    return None
            if not dropping:
                out.append(token)
            quantified = False
            continue
        if char == "[":
            end = class_end(source, i)
            if end is None:
                return None
            token = source[i:end]
            i = end
            if not dropping:
                out.append(_class_without_break(token) if lines else token)
            quantified = False
            continue
        if char == "(":
            kind = group_kind(source, i)
            if kind is None or (kind == "lookaround" and dropping):
                return None
            stack.append(kind)
            if kind == "lookaround":
                dropping = len(stack)
            elif kind == "atomic":
                out.append("(?:")
                i += 3
                quantified = False
                continue
        elif char == ")":
            if not stack:
                return None
            stack.pop()
            if dropping == len(stack) + 1:
                dropping = 0
                out.append(_EMPTY)
                i += 1
                quantified = False
                continue
        elif char == "+" and quantified:
            return None  # possessive
        elif char == "$" and not lines:
            token = _EMPTY
        elif lines:
            token = _without_break(char)
        if not dropping:
            out.append(token)  # type: ignore[arg-type]
        quantified = char in _QUANTIFIERS
        i += 1
    return "".join(out) if not stack else None
