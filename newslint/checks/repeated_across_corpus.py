"""Kind ``repeated_across_corpus``: a line (or paragraph) that the site's other pages repeat.

Page chrome that reads like copy in one article (navigation, teasers, datelines, credits) is
told apart by recurring on many pages of its site. With corpus evidence (``check --corpus``, a
``profile:``; see :mod:`newslint.corpus`), a unit of at most ``max_length`` characters is
flagged when at least ``min_documents`` other documents of the site hold it, normalised, and
they are at least ``min_share`` of the site's other documents. Copies of the article itself (a
syndicated story published again) are not others. Without evidence the kind finds nothing.

The fix deletes the unit. It is safe only when ``safe_min_documents`` others and a share of
``safe_min_share`` hold it and it stands in a run of three such units (chrome comes in blocks;
a repeated line or two amid the story may be a subhead that chrome elsewhere happens to
share), else unsafe. A unit on less than ``safe_min_share`` of the pages is not flagged when a
long line of this page alone follows it: it is likely this story's headline or subhead, shown
as a teaser elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.checks.base import line_deletion
from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import text_lines
from newslint.core.model import Applicability, Hit
from newslint.core.site_evidence import LONG_UNIT_WORDS, SiteEvidence

CAN_FIX = True
MESSAGE_VALUES = ("others", "share", "site")  # for messages, besides {match}
SAFE_RUN = 3  # certain units in a row whose deletions are safe: chrome comes in blocks
NEEDS_CORPUS = True  # finds nothing without corpus evidence (tests/test_corpus.py shows it)


@dataclass
class Options:
    min_documents: int = option(3, minimum=1)
    min_share: float = option(0.0, minimum=0)
    max_length: int = option(200, minimum=1)
    unit: Literal["line", "paragraph"] = "line"
    safe_min_documents: int = option(10, minimum=1)
    safe_min_share: float = option(0.2, minimum=0)


class Check:
    def __init__(self, options: Options) -> None:
        self.options = options

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        view = doc.corpus
        if view is None or view.documents < 2:
            return
        units = list(self._units(doc, blocks))
        judged = [self._others(doc, view, start, end) for start, end in units]
        safe = _in_runs([self._certain(*j) for j in judged], SAFE_RUN)
        options = self.options
        for index, ((start, end), (others, share)) in enumerate(zip(units, judged, strict=True)):
            if others < options.min_documents or share < options.min_share:
                continue
            teased = share < options.safe_min_share  # as often as a teaser may be
            if teased and self._leads_story(doc, units, judged, index):
                continue
            yield self._hit(doc, view, start, end, others, share, safe[index])

    @staticmethod
    def _leads_story(
        doc: Document, units: list[tuple[int, int]], judged: list[tuple[int, float]], index: int
    ) -> bool:
        """Whether the unit is followed by a long line no other page holds: the headline or a
        subhead of this story, which other pages of the site may show as a teaser."""
        if index + 1 >= len(units) or judged[index + 1][0]:
            return False
        start, end = units[index + 1]
        return doc.text.count(" ", start, end) + 1 >= LONG_UNIT_WORDS

    def _units(self, doc: Document, blocks: list[Block]) -> Iterator[tuple[int, int]]:
        text, most = doc.text, self.options.max_length
        for block in blocks:
            if self.options.unit == "paragraph":
                spans: Iterator[tuple[int, int]] = iter([(block.start, block.end)])
            else:
                piece = text[block.start : block.end]
                spans = ((block.start + s, block.start + e) for s, e in text_lines(piece))
            yield from ((s, e) for s, e in spans if e - s <= most)

    @staticmethod
    def _others(doc: Document, view: SiteEvidence, start: int, end: int) -> tuple[int, float]:
        others = view.others(doc.text[start:end])
        return others, view.share(others)

    def _certain(self, others: int, share: float) -> bool:
        options = self.options
        return others >= options.safe_min_documents and share >= options.safe_min_share

    @staticmethod
    def _hit(
        doc: Document,
        view: SiteEvidence,
        start: int,
        end: int,
        others: int,
        share: float,
        safe: bool,
    ) -> Hit:
        unit = doc.text[start:end]
        first, last = doc.line_span(start)[0], doc.line_span(end)[1]
        values = {"match": unit, "others": others, "share": f"{share:.0%}", "site": view.site}
        applicability = None if safe else Applicability.UNSAFE
        return Hit(start, end, values, (line_deletion(doc, first, last),), applicability)


def _in_runs(flags: list[bool], length: int) -> list[bool]:
    """Whether each flag is set and in a run of at least ``length`` set flags."""
    result = [False] * len(flags)
    start = 0
    while start < len(flags):
        end = start
        while end < len(flags) and flags[end]:
            end += 1
        if end - start >= length:
            result[start:end] = [True] * (end - start)
        start = end + 1
    return result
