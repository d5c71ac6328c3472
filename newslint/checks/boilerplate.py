"""Kind ``boilerplate``: whole lines or paragraphs of page chrome, proposed for deletion.

A unit (a line, or a paragraph with ``unit: paragraph``) is flagged when all of it, with runs of
white space collapsed, matches one of ``patterns`` and none of ``exceptions`` matches in it.

Some chrome is only recognisable in company: a lone "Email" or "Print" line is page chrome in a
share bar but may be a heading elsewhere. With ``min_run: N`` a matching unit is flagged only
inside a run of adjacent units (blank lines between them allowed) that each match ``patterns``
or ``run_patterns`` and that hold at least N different texts ("Facebook" twice is no share bar).

Before matching, icon-font glyphs (private-use characters) are dropped and, in Markdown, the
emphasis markers around words (``*Advertisement*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.checks.base import content_end, line_deletion
from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.options import regex_field
from newslint.patterns import alternation

CAN_FIX = True
_ICONS = re.compile("[\ue000-\uf8ff]")  # private-use glyphs of icon fonts
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")  # Markdown *, **, _ markers


def _normal(doc: Document, text: str) -> str:
    """``text`` as patterns see it: no icon glyphs or Markdown emphasis, white space collapsed."""
    bare = _EMPHASIS.sub("", text) if doc.markdown else text
    return " ".join(_ICONS.sub("", bare).split())


@dataclass
class Options:
    patterns: list[str] = regex_field()
    exceptions: list[str] = regex_field([])
    unit: Literal["line", "paragraph"] = "line"
    ignore_case: bool = True
    max_length: int = 300
    min_run: int = 1
    run_patterns: list[str] = regex_field([])


@dataclass(frozen=True)
class _Unit:
    start: int  # of the stripped text
    end: int
    normal: str  # white space collapsed
    flagged: bool  # matches ``patterns`` (else only ``run_patterns``)


class Check:
    def __init__(self, options: Options) -> None:
        if options.min_run < 1:
            raise ValueError("key 'min_run': must be at least 1")
        flags = re.I if options.ignore_case else 0
        self.regex = alternation(options.patterns, flags)
        self.exceptions = alternation(options.exceptions, flags)
        self.run_regex = alternation(options.run_patterns, flags)
        self.unit = options.unit
        self.max_length = options.max_length
        self.min_run = options.min_run

    def _spans(self, doc: Document, block: Block) -> Iterator[tuple[int, int]]:
        if self.unit == "paragraph":
            yield block.start, block.end
            return
        pos = block.start
        text = doc.text
        while pos <= block.end:
            line_start, line_end = doc.line_span(pos)
            yield max(line_start, block.start), min(line_end, block.end)
            nxt = text.find("\n", line_end, block.end)
            if nxt == -1:
                return
            pos = nxt + 1

    def _stripped(self, doc: Document, blocks: list[Block]) -> list[tuple[int, int, str]]:
        """(start, end, text with white space collapsed) of each non-blank unit, stripped;
        computed once per document, unit and block list for all boilerplate rules."""
        key = ("boilerplate-units", self.unit, id(blocks))
        cached = doc.memo.get(key)
        if cached is None or cached[0] is not blocks:
            units = []
            text = doc.text
            for block in blocks:
                for start, end in self._spans(doc, block):
                    chunk = text[start:end]
                    stripped = chunk.strip()
                    if stripped:
                        start += len(chunk) - len(chunk.lstrip())
                        units.append((start, start + len(stripped), _normal(doc, stripped)))
            cached = doc.memo[key] = (blocks, units)
        return cached[1]

    def _short(self, doc: Document, blocks: list[Block]) -> tuple[list[int], list[str]]:
        """Indices and texts of the units no longer than ``max_length``, shared like the units
        (so that :meth:`Pattern.fullmatches` can reuse what it derives from the texts)."""
        key = ("boilerplate-short", self.unit, id(blocks), self.max_length)
        cached = doc.memo.get(key)
        if cached is None or cached[0] is not blocks:
            units = self._stripped(doc, blocks)
            indices = [
                i for i, (start, end, _) in enumerate(units) if end - start <= self.max_length
            ]
            cached = doc.memo[key] = (blocks, (indices, [units[i][2] for i in indices]))
        return cached[1]

    def _units(self, doc: Document, blocks: list[Block]) -> Iterator[_Unit | None]:
        """Each unit that may be part of a run, in order; None stands for any run of others."""
        units = self._stripped(doc, blocks)
        indices, texts = self._short(doc, blocks)
        flagged: set[int] = set()
        if self.regex is not None:
            flagged = {indices[i] for i in self.regex.fullmatches(texts)}
            if self.exceptions and flagged:
                flagged = {i for i in flagged if not self.exceptions.search(units[i][2])}
        in_run = set(flagged)
        if self.run_regex:
            in_run.update(indices[i] for i in self.run_regex.fullmatches(texts))
        previous = -1
        for i in sorted(in_run):
            if i != previous + 1:
                yield None
            previous = i
            start, end, normal = units[i]
            yield _Unit(start, end, normal, i in flagged)

    def _runs(self, doc: Document, units: Iterator[_Unit | None]) -> Iterator[list[_Unit]]:
        """Maximal runs of adjacent units that may be part of a run."""
        run: list[_Unit] = []
        for unit in units:
            if run and (unit is None or doc.text[run[-1].end : unit.start].strip()):
                yield run
                run = []
            if unit is not None:
                run.append(unit)
        if run:
            yield run

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        flagged = [
            unit
            for run in self._runs(doc, self._units(doc, blocks))
            if len({u.normal.lower() for u in run}) >= self.min_run
            for unit in run
            if unit.flagged
        ]
        for group in self._adjacent(doc, flagged):
            for unit, edit in zip(group, _deletions(doc, group), strict=True):
                yield Hit(unit.start, unit.end, {"match": doc.text[unit.start : unit.end]}, (edit,))

    @staticmethod
    def _adjacent(doc: Document, units: list[_Unit]) -> Iterator[list[_Unit]]:
        """Groups of flagged units with only white space between them."""
        group: list[_Unit] = []
        for unit in units:
            if group and doc.text[group[-1].end : unit.start].strip():
                yield group
                group = []
            group.append(unit)
        if group:
            yield group


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
