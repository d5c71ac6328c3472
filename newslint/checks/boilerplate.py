"""Kind ``boilerplate``: whole lines or paragraphs of page chrome, proposed for deletion.

A unit (a line, or a paragraph with ``unit: paragraph``) is flagged when all of it, with runs of
white space collapsed, matches one of ``patterns`` and none of ``exceptions`` matches in it.

Some chrome is only recognisable in company: a lone "Email" or "Print" line is page chrome in a
share bar but may be a heading elsewhere. With ``min_run: N`` a matching unit is flagged only
inside a run of adjacent units (blank lines between them allowed) that each match ``patterns``
or ``run_patterns`` and that hold at least N different texts ("Facebook" twice is no share bar).

Before matching, icon-font glyphs (private-use characters) are dropped and, in Markdown, the
emphasis markers around words (``*Advertisement*``).

Only the lines that :mod:`newslint.accel.line_index` picks in one pass per document for all
boilerplate patterns (those holding literal text every match holds) go to the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.accel.line_index import LineIndex
from newslint.accel.line_needles import LineNeedles, line_needles
from newslint.checks.base import content_end, line_deletion
from newslint.config.validation import option, regex_field
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit
from newslint.core.patterns import Pattern, alternation

CAN_FIX = True
_VERDICTS = 4096  # verdicts of a pattern kept (see LineNeedles.verdicts)


@dataclass
class Options:
    patterns: list[str] = regex_field()
    exceptions: list[str] = regex_field([])
    unit: Literal["line", "paragraph"] = "line"
    ignore_case: bool = True
    max_length: int = option(300, minimum=1)
    min_run: int = option(1, minimum=1)
    run_patterns: list[str] = regex_field([])


@dataclass(frozen=True)
class _Unit:
    start: int  # of the stripped text
    end: int
    normal: str  # white space collapsed
    flagged: bool  # matches ``patterns`` (else only ``run_patterns``)


class Check:
    def __init__(self, options: Options) -> None:
        flags = re.I if options.ignore_case else 0
        self.regex = alternation(options.patterns, flags)
        self.exceptions = alternation(options.exceptions, flags)
        self.run_regex = alternation(options.run_patterns, flags)
        self.needles = self._needles(self.regex, options.ignore_case)
        self.run_needles = self._needles(self.run_regex, options.ignore_case)
        self.unit = options.unit
        self.max_length = options.max_length
        self.min_run = options.min_run

    @staticmethod
    def _needles(pattern: Pattern | None, ignore_case: bool) -> LineNeedles | None:
        return line_needles(pattern.source, ignore_case) if pattern is not None else None

    def _matching(
        self, index: LineIndex, pattern: Pattern, found: LineNeedles | None
    ) -> dict[int, tuple[int, int, str]]:
        """The units (by line) no longer than ``max_length`` that ``pattern`` fully matches:
        only the line needles' candidates can (see :mod:`newslint.accel.line_index`)."""
        matching = {}
        verdicts = found.verdicts if found is not None else {}
        for line in index.candidates(found, self.max_length):
            unit = index.unit(line)
            if unit is None or unit[1] - unit[0] > self.max_length:
                continue
            verdict = verdicts.get(unit[2])
            if verdict is None:  # a pattern's verdict on a text never changes
                if len(verdicts) >= _VERDICTS:
                    verdicts.clear()
                verdict = verdicts[unit[2]] = pattern.fullmatch(unit[2]) is not None
            if verdict:
                matching[line] = unit
        return matching

    def _units(self, doc: Document, blocks: list[Block]) -> list[_Unit]:
        """The units that may be part of a run, in order; none if none is flagged (only
        flagged units are reported)."""
        if self.regex is None:
            return []
        index = LineIndex.of(doc, blocks, self.unit == "paragraph")
        flagged = self._matching(index, self.regex, self.needles)
        if self.exceptions and flagged:
            flagged = {
                line: unit for line, unit in flagged.items() if not self.exceptions.search(unit[2])
            }
        if not flagged:
            return []
        in_run = dict(flagged)
        if self.run_regex is not None:
            in_run.update(self._matching(index, self.run_regex, self.run_needles))
        return [_Unit(*in_run[line], line in flagged) for line in sorted(in_run)]

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        units = self._units(doc, blocks)
        if not units:
            return
        flagged = [
            unit
            for run in _spaced_runs(doc, units)
            if len({u.normal.lower() for u in run}) >= self.min_run
            for unit in run
            if unit.flagged
        ]
        for group in _spaced_runs(doc, flagged):
            for unit, edit in zip(group, _deletions(doc, group), strict=True):
                yield Hit(unit.start, unit.end, {"match": doc.text[unit.start : unit.end]}, (edit,))


def _spaced_runs(doc: Document, units: list[_Unit]) -> Iterator[list[_Unit]]:
    """Maximal runs of ``units`` (in order) with only white space between them; units with
    another unit between them have its text between them, so they are never in one run. Serves
    both the ``min_run`` count and the grouping of flagged units for their deletions."""
    run: list[_Unit] = []
    for unit in units:
        if run and doc.text[run[-1].end : unit.start].strip():
            yield run
            run = []
        run.append(unit)
    if run:
        yield run


def _deletions(doc: Document, group: list[_Unit]) -> list[Edit]:
    """One deletion per unit of ``group`` (adjacent units); the edits touch but never overlap,
    so one fixing pass removes the whole group even at the end of the file, where a lone
    deletion takes the blank lines before it."""
    text = doc.text
    starts = [doc.line_span(u.start)[0] for u in group]
    ends = [doc.line_span(u.end)[1] for u in group]
    last = line_deletion(doc, starts[-1], ends[-1])
    if len(group) == 1 or last.start >= starts[-1]:
        return [line_deletion(doc, s, e) for s, e in zip(starts[:-1], ends[:-1], strict=True)] + [
            last
        ]
    # the group ends the file: each edit takes the line break before its line (the first, the
    # blank lines before the group), so that any subset of them keeps the file's ending
    before = content_end(doc, starts[0])
    if not before:
        cuts = [0, *starts[1:]]
        edits = [Edit(cuts[i], cuts[i + 1], "") for i in range(len(group) - 1)]
        return [*edits, Edit(starts[-1], len(text), "")]
    cuts = [before, *ends[:-1]]
    return [Edit(cuts[i], ends[i], "") for i in range(len(group) - 1)] + [
        Edit(cuts[-1], last.end, "")
    ]
