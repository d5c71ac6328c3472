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

from newslint.needles import fold, needles
from newslint.relaxed import relax_for_lines, relax_for_search

if TYPE_CHECKING:
    import regex

_FEW = 16  # texts that fullmatches() checks one by one rather than in one joined search
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


_haystack_cache: dict[tuple[int, bool], tuple[Sequence[str], str, list[int]]] = {}


def _haystack(texts: Sequence[str], folded: bool) -> tuple[str, list[int]]:
    """``texts`` joined by line breaks (folded for case-insensitive needles) and where each
    starts. The last few are kept: the boilerplate rules of a document ask about the same few
    lists of texts (kept alive here, so that their ids stay theirs)."""
    cached = _haystack_cache.get((id(texts), folded))
    if cached is not None and cached[0] is texts:
        return cached[1], cached[2]
    joined = "\n".join(texts)
    haystack = fold(joined) if folded else joined
    if len(haystack) != len(joined):  # pragma: no cover - fold keeps lengths
        haystack = ""  # offsets would not fit: no needle is looked for
    starts = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    if len(_haystack_cache) >= 8:
        _haystack_cache.clear()
    _haystack_cache[id(texts), folded] = (texts, haystack, starts)
    return haystack, starts


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
        converted = VERSION0
        for re_flag, regex_flag in _FLAGS.items():
            if flags & re_flag:
                converted |= regex_flag
        import regex  # noqa: PLC0415 - see the flag values above

        try:
            self._regex = regex.compile(source, converted)
        except regex.error as exc:
            raise ValueError(f"bad regex {source!r}: {exc}") from None
        self.groups = self._regex.groups
        self._flags = converted
        self._lines: regex.Pattern | None | bool = False  # see _lines_regex
        self._loose: regex.Pattern | None | bool = False  # see _loose_regex
        self._needles = needles(source, bool(converted & IGNORECASE))  # see _with_needles

    def __getstate__(self) -> dict[str, object]:
        """Pickled (in the compiled-pack cache) without compiled regexes: a run compiles only
        the patterns it uses (see :attr:`_compiled`)."""
        return {**self.__dict__, "_regex": None, "_lines": False, "_loose": False}

    @property
    def _compiled(self) -> regex.Pattern:
        if self._regex is None:
            import regex  # noqa: PLC0415 - see the flag values above

            self._regex = regex.compile(self.source, self._flags)
        return self._regex

    def _lines_regex(self) -> regex.Pattern | None:
        """A loosened pattern (see :mod:`newslint.relaxed`) matching a whole line between two
        line breaks (the first included), or None where there is none."""
        if self._lines is False:
            self._lines = None
            relaxed = None if self._flags & VERBOSE else relax_for_lines(self.source)
            import regex  # noqa: PLC0415 - see the flag values above

            if relaxed is not None:
                with contextlib.suppress(regex.error):
                    self._lines = regex.compile(f"\\n(?:{relaxed})(?=\\n)", self._flags | MULTILINE)
        return self._lines  # type: ignore[return-value]

    def _loose_regex(self) -> regex.Pattern | None:
        """The pattern loosened for :meth:`spans_to_search`, or None where there is none or where
        it matches plain prose (it would nominate most spans and only cost time)."""
        if self._loose is False:
            self._loose = None
            relaxed = None if self._flags & VERBOSE else relax_for_search(self.source)
            import regex  # noqa: PLC0415 - see the flag values above

            if relaxed is not None:
                with contextlib.suppress(regex.error, TimeoutError):
                    loose = regex.compile(relaxed, self._flags)
                    if not loose.search(_PLAIN_PROSE, timeout=0.1):
                        self._loose = loose
        return self._loose  # type: ignore[return-value]

    def spans_to_search(self, text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
        """Indices of the ``spans`` of ``text`` (sorted, disjoint) in which a search bounded by
        the span may find a match: the others certainly hold none.

        One search of a loosened pattern (see :mod:`newslint.relaxed`) from the first span to
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

    def fullmatches(self, texts: Sequence[str]) -> set[int]:
        """Indices of the ``texts`` (one-line strings) that :meth:`fullmatch` accepts.

        Texts without any of the pattern's needles (see :mod:`newslint.needles`) are left out
        at once. For the others, one time-limited search of the texts joined by line breaks
        replaces a call per text (the ``regex`` module's per-call cost dominates on short
        lines). A line the pattern accepts alone is found by that search as a whole line, unless
        an earlier match ran across line breaks; such matches only nominate their lines, each
        then checked alone, as are lines the search finds. The search gets half the time left,
        so that the texts can still be checked one by one if it runs out.
        """
        chosen = self._with_needles(texts)
        return {chosen[i] for i in self._fullmatching([texts[i] for i in chosen])}

    def _with_needles(self, texts: Sequence[str]) -> list[int]:
        if self._needles is None or not texts:
            return list(range(len(texts)))
        haystack, starts = _haystack(texts, bool(self._flags & IGNORECASE))
        if not haystack:
            return list(range(len(texts)))
        found: set[int] = set()
        for needle in self._needles:  # type: ignore[union-attr]
            at = haystack.find(needle)
            while at != -1:
                line = bisect.bisect_right(starts, at) - 1
                found.add(line)
                if line + 1 == len(starts):
                    break
                at = haystack.find(needle, starts[line + 1])
        return sorted(found)

    def _fullmatching(self, texts: Sequence[str]) -> set[int]:
        if len(texts) <= _FEW:  # not worth compiling the line-wise pattern
            return {i for i, text in enumerate(texts) if self.fullmatch(text) is not None}
        lines = self._lines_regex()
        joined = "\n" + "\n".join(texts) + "\n"
        if lines is None or joined.count("\n") != len(texts) + 1:
            return {i for i, text in enumerate(texts) if self.fullmatch(text) is not None}
        index: dict[int, int] = {}  # line break before a text -> the text's index
        pos = 0
        for i, text in enumerate(texts):
            index[pos] = i
            pos += len(text) + 1
        candidates: set[int] = set()
        try:
            for match in lines.finditer(joined, timeout=_timeout() / 2):
                first = index.get(match.start())
                if first is not None:
                    last = first + match.group().count("\n") - 1
                    candidates.update(range(first, last + 1))
        except TimeoutError:  # the loosened pattern is slow here: check each text alone
            candidates = set(range(len(texts)))
        return {i for i in candidates if self.fullmatch(texts[i]) is not None}

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
