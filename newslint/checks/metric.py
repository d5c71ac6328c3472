"""Kind ``metric``: a readability number (newslint/readability.py) against a threshold.

``formula`` is one of ``readability.FORMULAS``; ``max`` and/or ``min`` bound it; ``per`` says what
is measured: the whole ``document`` (the rule's scope blocks together; the finding points at the
first of them), each ``paragraph`` (block) or each ``sentence`` (the finding points at the
sentence). Units with fewer than ``min_words`` words are not measured (scores of a few words
mean nothing). Message values: ``value``, ``limit``, ``formula`` (a readable name), ``words``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Hit
from newslint.core.sentences import sentence_spans
from newslint.integrations import readability

CAN_FIX = False
MESSAGE_VALUES = ("value", "limit", "formula", "words")  # for messages, besides {match}
Formula = Literal[
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "dale_chall",
    "words_per_sentence",
    "sentences_per_paragraph",
]
Span = tuple[int, int]


@dataclass
class Options:
    formula: Formula
    max: float | None = None
    min: float | None = None
    per: Literal["document", "paragraph", "sentence"] = "document"
    min_words: int = option(0, minimum=0)


class Check:
    def __init__(self, options: Options) -> None:
        if options.max is None and options.min is None:
            raise ValueError("a metric rule needs 'max', 'min' or both")
        if options.formula == "sentences_per_paragraph" and options.per == "sentence":
            raise ValueError("'sentences_per_paragraph' cannot be measured per sentence")
        self.options = options

    def units(self, text: str, blocks: list[Block]) -> Iterator[list[Span]]:
        """The spans measured together, unit by unit."""
        spans = [(b.start, b.end) for b in blocks]
        if self.options.per == "document":
            yield spans
        elif self.options.per == "paragraph":
            yield from ([span] for span in spans)
        else:
            for start, end in spans:
                yield from ([span] for span in sentence_spans(text, start, end))

    def _limit(self, value: float) -> float | None:
        """The bound ``value`` breaks, if any."""
        o = self.options
        if o.max is not None and value > o.max:
            return o.max
        if o.min is not None and value < o.min:
            return o.min
        return None

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        o = self.options
        text = doc.text
        for spans in self.units(text, blocks):
            words = sum(readability.count_words(text, s, e) for s, e in spans)
            if not words or words < o.min_words:
                continue
            value = readability.measure(o.formula, text, spans)
            limit = self._limit(value)
            if limit is None:
                continue
            start, end = spans[0]
            yield Hit(
                start,
                end,
                {
                    "value": f"{value:g}" if value.is_integer() else f"{value:.1f}",
                    "limit": f"{limit:g}",
                    "formula": readability.LABELS[o.formula],
                    "words": words,
                },
            )
