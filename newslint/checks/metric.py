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

from newslint import readability
from newslint.document import Block, Document
from newslint.model import Hit

CAN_FIX = False
Formula = Literal[
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "dale_chall",
    "words_per_sentence",
    "sentences_per_paragraph",
]


@dataclass
class Options:
    formula: Formula
    max: float | None = None
    min: float | None = None
    per: Literal["document", "paragraph", "sentence"] = "document"
    min_words: int = 0


class Check:
    def __init__(self, options: Options) -> None:
        if options.max is None and options.min is None:
            raise ValueError("a metric rule needs 'max', 'min' or both")
        if options.formula == "sentences_per_paragraph" and options.per == "sentence":
            raise ValueError("'sentences_per_paragraph' cannot be measured per sentence")
        self.options = options

    def _units(self, text: str, blocks: list[Block]) -> Iterator[list[tuple[int, int]]]:
        spans = [(b.start, b.end) for b in blocks]
        if self.options.per == "document":
            yield spans
        elif self.options.per == "paragraph":
            yield from ([span] for span in spans)
        else:
            yield from ([span] for span in readability.sentences(text, spans))

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        o = self.options
        text = doc.text
        for spans in self._units(text, blocks):
            words = sum(readability.count_words(text, s, e) for s, e in spans)
            if not words or words < o.min_words:
                continue
            if o.formula == "words_per_sentence" and o.min is None and o.max and words <= o.max:
                continue  # a mean of words per sentence never exceeds the words counted
            value = readability.measure(o.formula, text, spans)
            if o.max is not None and value > o.max:
                limit = o.max
            elif o.min is not None and value < o.min:
                limit = o.min
            else:
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
