"""Compile rule patterns in one place, with a time limit so that no regex can hang a run.

Rule packs come from anywhere, and a pattern such as ``(a|aa)+$`` backtracks for ages on a long
line. Patterns are therefore compiled with the ``regex`` module (``re`` syntax; lookbehind, which
linear-time engines such as RE2 lack, keeps working) and every search gets a timeout: the time
left of the current rule's budget (see :func:`time_limit`, used by the engine) or
``MATCH_TIMEOUT`` outside one. Running out raises :class:`PatternTimeout`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

MATCH_TIMEOUT = 2.0  # seconds for one search when no rule budget is set
# The ``regex`` module's flag values (imported only when a pattern is compiled: a run over
# one clean article may compile none); tests check them against the module.
IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII, VERSION0 = 2, 8, 16, 64, 128, 8192
_FLAGS = {
    re.IGNORECASE: IGNORECASE,
    re.MULTILINE: MULTILINE,
    re.DOTALL: DOTALL,
    re.VERBOSE: VERBOSE,
    re.ASCII: ASCII,
}
_deadline: ContextVar[float | None] = ContextVar("newslint_pattern_deadline", default=None)
_deferred: ContextVar[bool] = ContextVar("newslint_pattern_deferred", default=False)


class PatternTimeout(Exception):
    """A pattern ran out of time (catastrophic backtracking); the engine names the rule."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        super().__init__(f"regex {pattern!r} timed out")


class time_limit:
    """All pattern searches inside the ``with`` block share ``seconds`` of matching time.

    A class rather than a ``contextlib.contextmanager`` generator: the engine enters one per
    rule and document, and the generator machinery cost more than the limit itself.
    """

    __slots__ = ("seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        self._token = _deadline.set(time.monotonic() + self.seconds)

    def __exit__(self, *exc: object) -> None:
        _deadline.reset(self._token)


def _timeout() -> float:
    deadline = _deadline.get()
    if deadline is None:
        return MATCH_TIMEOUT
    return max(deadline - time.monotonic(), 0.001)


class deferred_compile:
    """Patterns made inside the ``with`` block compile on first use, when ``known`` says their
    sources compiled before (a pack this newslint has built already): a short run then compiles
    only the patterns of the rules its articles reach. Unknown sources compile at once, so a bad
    pattern is still an error where it is loaded."""

    __slots__ = ("known", "_token")

    def __init__(self, known: bool) -> None:
        self.known = known

    def __enter__(self) -> None:
        self._token = _deferred.set(self.known)

    def __exit__(self, *exc: object) -> None:
        _deferred.reset(self._token)


class Pattern:
    """A compiled rule pattern offering the ``re.Pattern`` calls that checks use, time-limited."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = int(flags)  # as given (``re`` flags)
        self._regex_flags = VERSION0
        for re_flag, regex_flag in _FLAGS.items():
            if flags & re_flag:
                self._regex_flags |= regex_flag
        self._compiled: regex.Pattern[str] | None = None
        if not _deferred.get():
            self._compile()

    def _compile(self) -> regex.Pattern[str]:
        import regex

        try:
            self._compiled = regex.compile(self.source, self._regex_flags)
        except regex.error as exc:
            raise ValueError(f"bad regex {self.source!r}: {exc}") from None
        return self._compiled

    @property
    def _regex(self) -> regex.Pattern[str]:
        return self._compiled or self._compile()

    @property
    def groups(self) -> int:
        return int(self._regex.groups)

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

    def sub(self, replacement: str | Callable[[regex.Match], str], text: str) -> str:
        try:
            return str(self._regex.sub(replacement, text, timeout=_timeout()))
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
