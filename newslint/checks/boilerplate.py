"""Kind ``boilerplate``: whole lines or paragraphs of page chrome, proposed for deletion.

A unit (a line, or a paragraph with ``unit: paragraph``) of at most ``max_length`` characters
is flagged when all of its normal text (:func:`normal_text`) matches one of ``patterns`` and
none of ``exceptions`` matches in it.

Some chrome is only recognisable in company: a lone "Email" or "Print" line is page chrome in a
share bar but may be a heading elsewhere. With ``min_run: N`` a matching unit is flagged only
inside a run of adjacent units (blank lines between them allowed) that each match ``patterns``
or ``run_patterns`` and that hold at least N different texts ("Facebook" twice is no share bar).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.checks.base import content_end, follows_text, line_deletion
from newslint.config.validation import option, regex_field
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import line_spans
from newslint.core.model import Edit, Hit
from newslint.core.patterns import alternation

CAN_FIX = True
ICONS = re.compile("[\ue000-\uf8ff]")  # private-use glyphs of icon fonts


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
    normal: str  # see normal_text
    flagged: bool  # matches ``patterns`` (else only ``run_patterns``)


def normal_text(doc: Document, text: str) -> str:
    """``text`` as patterns see it: no icon glyphs or inline markup (Markdown emphasis), runs
    of white space collapsed to one space."""
    return " ".join(ICONS.sub("", doc.format.strip_markup(text)).split())


def unit_spans(doc: Document, blocks: list[Block], paragraphs: bool) -> Iterator[tuple[int, int]]:
    """(start, end) of each unit of ``blocks``, its white space stripped; blank ones left out."""
    text = doc.text
    for block in blocks:
        pieces = [(block.start, block.end)]
        if not paragraphs:
            pieces = line_spans(text, block.start, block.end)
        for start, end in pieces:
            raw = text[start:end]
            stripped = raw.strip()
            if stripped:
                start += len(raw) - len(raw.lstrip())
                yield start, start + len(stripped)


class Check:
    def __init__(self, options: Options) -> None:
        flags = re.I if options.ignore_case else 0
        self.regex = alternation(options.patterns, flags)
        self.exceptions = alternation(options.exceptions, flags)
        self.run_regex = alternation(options.run_patterns, flags)
        self.paragraphs = options.unit == "paragraph"
        self.max_length = options.max_length
        self.min_run = options.min_run

    def _unit(self, doc: Document, start: int, end: int) -> _Unit | None:
        """The unit at ``[start, end)`` if it may be part of a run (flagged or not)."""
        normal = normal_text(doc, doc.text[start:end])
        assert self.regex is not None
        flagged = bool(self.regex.fullmatch(normal)) and not (
            self.exceptions and self.exceptions.search(normal)
        )
        if flagged or (self.run_regex and self.run_regex.fullmatch(normal)):
            return _Unit(start, end, normal, flagged)
        return None

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if self.regex is None:
            return
        spans = unit_spans(doc, blocks, self.paragraphs)
        found = (self._unit(doc, s, e) for s, e in spans if e - s <= self.max_length)
        units = [unit for unit in found if unit is not None]
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
    # a group that ends a paragraph leaves the blank lines after that paragraph
    last = line_deletion(doc, starts[-1], ends[-1], in_paragraph=follows_text(doc, starts[0]))
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
