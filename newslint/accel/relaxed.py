"""Loosen a rule pattern so that one search over many blocks can stand in for a call per block.

:func:`relax_for_search` serves :meth:`~newslint.core.patterns.Pattern.spans_to_search`: a search
of a whole document for blocks that may hold a match, each then searched exactly. A search with
``pos`` sees the text before it, one with ``endpos`` nothing after it; so the loosened pattern
drops lookarounds and what looks ahead (``$``, word boundaries), each becoming an empty group,
and makes atomic groups plain ones: every change only lets more strings match. Patterns with
whole-string anchors, inline flags, possessive quantifiers, back-references, nested lookarounds
or POSIX classes are refused. The tokenizer (:data:`ESCAPE`, :func:`class_end`,
:func:`group_kind`) also serves :mod:`newslint.accel.prefilter`.
"""

from __future__ import annotations

import re

ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[NpP]\{[^}]*\}|.)", re.S)
_ZERO_WIDTH = frozenset([r"\b", r"\B", r"\m", r"\M"])  # word boundaries: see the next character
_QUANTIFIERS = frozenset("*+?}")
_EMPTY = "(?:)"  # stands for a dropped construct, so that a quantifier after it stays valid


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


def relax_for_search(source: str) -> str | None:
    """A pattern matching wherever ``source`` matches in a stretch of text, with no construct
    that looks at the text after the match; None if ``source`` cannot be relaxed this way."""
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
            if token in _ZERO_WIDTH:
                token = _EMPTY
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
                out.append(token)
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
        elif char == "$":
            token = _EMPTY
        if not dropping:
            out.append(token)  # type: ignore[arg-type]
        quantified = char in _QUANTIFIERS
        i += 1
    return "".join(out) if not stack else None
