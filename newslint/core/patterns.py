"""Compile rule patterns in one place, with a time limit so that no regex can hang a run.

Rule packs come from anywhere, and a pattern such as ``(a|aa)+$`` backtracks for ages on a long
line. Patterns are therefore compiled with the ``regex`` module (``re`` syntax; lookbehind, which
linear-time engines such as RE2 lack, keeps working) and every search gets a timeout: the time
left of the current rule's budget (see :func:`time_limit`, used by the engine) or
``MATCH_TIMEOUT`` outside one. Running out raises :class:`PatternTimeout`.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from newslint.accel.relaxed import relax_for_search

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
# Sentences without any fault a rule looks for; see Pattern._loose_regex.
_PLAIN_PROSE = (
    "The mayor said on Tuesday that the city, which has 12 parks, would open another one."
    " It is the first in ten years (the council approved it in May), she added."
)
_deadline: ContextVar[float | None] = ContextVar("newslint_pattern_deadline", default=None)


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


class Pattern:
    """A compiled rule pattern offering the ``re.Pattern`` calls that checks use, time-limited."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        converted = VERSION0
        for re_flag, regex_flag in _FLAGS.items():
            if flags & re_flag:
                converted |= regex_flag
        import regex

        try:
            self._regex = regex.compile(source, converted)
        except regex.error as exc:
            raise ValueError(f"bad regex {source!r}: {exc}") from None
        self.groups = self._regex.groups
        self._flags = converted
        self._loose: regex.Pattern | None | bool = False  # see _loose_regex

    def __getstate__(self) -> dict[str, object]:
        """Pickled (in the compiled-pack cache) without compiled regexes: a run compiles only
        the patterns it uses (see :attr:`_compiled`)."""
        return {**self.__dict__, "_regex": None, "_loose": False}

    @property
    def _compiled(self) -> regex.Pattern:
        if self._regex is None:
            import regex

            self._regex = regex.compile(self.source, self._flags)
        return self._regex

    def _loose_regex(self) -> regex.Pattern | None:
        """The pattern loosened for :meth:`spans_to_search`, or None where there is none or where
        it matches plain prose (it would nominate most spans and only cost time)."""
        if self._loose is False:
            self._loose = None
            relaxed = None if self._flags & VERBOSE else relax_for_search(self.source)
            import regex

            if relaxed is not None:
                with contextlib.suppress(regex.error, TimeoutError):
                    loose = regex.compile(relaxed, self._flags)
                    if not loose.search(_PLAIN_PROSE, timeout=0.1):
                        self._loose = loose
        return self._loose  # type: ignore[return-value]

    def spans_to_search(self, text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
        """Indices of the ``spans`` of ``text`` (sorted, disjoint) in which a search bounded by
        the span may find a match: the others certainly hold none.

        One search of a loosened pattern (see :mod:`newslint.accel.relaxed`) from the first span to
        the last replaces a call per span; a match it finds nominates every span it touches. It
        gets half the time left, so that the exact searches can still run if it runs out.
        """
        loose = self._loose_regex()
        every = list(range(len(spans)))
        if loose is None or len(spans) < 2:
            return every
        starts = [start for start, _ in spans]
        found: set[int] = set()
        try:
            for match in loose.finditer(text, starts[0], spans[-1][1], timeout=_timeout() / 2):
                a, b = match.span()
                i = max(bisect.bisect_right(starts, a) - 1, 0)
                while i < len(spans) and spans[i][0] <= b:
                    if spans[i][1] >= a:
                        found.add(i)
                    i += 1
        except TimeoutError:
            return every
        return sorted(found)

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._compiled.search(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._compiled.fullmatch(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        try:
            return self._compiled.match(text, pos, endpos, timeout=_timeout())
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        try:
            yield from self._compiled.finditer(text, pos, endpos, timeout=_timeout())
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
