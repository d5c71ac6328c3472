"""Kind ``repeated_across_corpus``: a line (or paragraph) that the site's other pages repeat.

Page chrome that reads like copy in one article (navigation, teasers, datelines, credits) is
told apart by recurring on many pages of its site. With corpus evidence (``check --corpus``, a
``profile:``; see :mod:`newslint.corpus`), a unit of at most ``max_length`` characters is
flagged when at least ``min_documents`` other documents of the site hold it, normalised, and
they are at least ``min_share`` of the site's other documents. Copies of the article itself (a
syndicated story published again) are not others. Without evidence the kind finds nothing.

The fix deletes the unit; it is safe only when ``safe_min_documents`` others and a share of
``safe_min_share`` hold it, else unsafe.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.checks.base import line_deletion
from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Applicability, Hit
from newslint.corpus.context import view_of
from newslint.corpus.evidence import SiteView
from newslint.corpus.units import lines

CAN_FIX = True
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
        view = view_of(doc)
        if view is None or view.documents < 2:
            return
        for start, end in self._units(doc, blocks):
            hit = self._judge(doc, view, start, end)
            if hit is not None:
                yield hit

    def _units(self, doc: Document, blocks: list[Block]) -> Iterator[tuple[int, int]]:
        text, most = doc.text, self.options.max_length
        for block in blocks:
            if self.options.unit == "paragraph":
                spans: Iterator[tuple[int, int]] = iter([(block.start, block.end)])
            else:
                spans = (
                    (block.start + s, block.start + e)
                    for s, e in lines(text[block.start : block.end])
                )
            yield from ((s, e) for s, e in spans if e - s <= most)

    def _judge(self, doc: Document, view: SiteView, start: int, end: int) -> Hit | None:
        unit = doc.text[start:end]
        others = view.others(unit)
        share = view.share(others)
        options = self.options
        if others < options.min_documents or share < options.min_share:
            return None
        certain = others >= options.safe_min_documents and share >= options.safe_min_share
        first, last = doc.line_span(start)[0], doc.line_span(end)[1]
        values = {"match": unit, "others": others, "share": f"{share:.0%}", "site": view.site}
        edit = line_deletion(doc, first, last)
        applicability = None if certain else Applicability.UNSAFE
        return Hit(start, end, values, (edit,), applicability)
