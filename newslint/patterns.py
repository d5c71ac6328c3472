"""Compile rule patterns in one place, with a time limit so that no regex can hang a run.

Rule packs come from anywhere, and a pattern such as ``(a|aa)+$`` backtracks for ages on a long
line. Patterns are therefore compiled with the ``regex`` module (``re`` syntax; lookbehind, which
linear-time engines such as RE2 lack, keeps working) and every search gets a timeout: the time
left of the current rule's budget (see :func:`time_limit`, used by the engine) or
``MATCH_TIMEOUT`` outside one. Running out raises :class:`PatternTimeout`.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from contextvars import ContextVar

import regex

MATCH_TIMEOUT = 2.0  # seconds for one search when no rule budget is set
_FLAGS = {
    re.IGNORECASE: regex.IGNORECASE,
    re.MULTILINE: regex.MULTILINE,
    re.DOTALL: regex.DOTALL,
    re.VERBOSE: regex.VERBOSE,
    re.ASCII: regex.ASCII,
}
_deadline: ContextVar[float | None] = ContextVar("newslint_pattern_deadline", default=None)


class PatternTimeout(Exception):
    """A pattern ran out of time (catastrophic backtracking); the engine names the rule."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        super().__init__(f"regex {pattern!r} timed out")


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """All pattern searches inside the block share ``seconds`` of matching time."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout() -> float:
    deadline = _deadline.get()
    if deadline is None:
        return MATCH_TIMEOUT
    return max(deadline - time.monotonic(), 0.001)


class Pattern:
    """A compiled rule pattern offering the ``re.Pattern`` calls that checks use, time-limited."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        converted = regex.VERSION0
        for re_flag, regex_flag in _FLAGS.items():
            if flags & re_flag:
                converted |= regex_flag
        try:
            self._regex = regex.compile(source, converted)
        except regex.error as exc:
            raise ValueError(f"bad regex {source!r}: {exc}") from None
        self.groups = self._regex.groups

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._regex.search(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._regex.fullmatch(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._regex.match(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        try:
            yield from self._regex.finditer(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None


def compile_pattern(source: str, flags: int = 0) -> Pattern:
    """Compile a pattern from a rule pack (``re`` syntax and flags)."""
    return Pattern(source, flags)


def alternation(sources: list[str], flags: int = 0) -> Pattern | None:
    """One pattern matching any of ``sources`` (each wrapped in a group), or None if empty."""
    if not sources:
        return None
    if len(sources) == 1:
        return Pattern(sources[0], flags)
    return Pattern("|".join(f"(?:{s})" for s in sources), flags)
