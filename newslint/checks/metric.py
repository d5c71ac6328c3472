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
from newslint.core.document import Block, Document
from newslint.core.model import Hit
from newslint.core.sentences import sentence_spans
from newslint.integrations import readability

CAN_FIX = False
_ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# UTF-8 bytes as word shapes: ASCII letter or digit "a", other ASCII " ", a non-ASCII
# character's first byte "x" (its other bytes, 0x80-0xBF, are deleted: one byte a character)
_SHAPES = bytes(
    ord("a") if byte in _ALNUM else ord("x") if byte >= 0xC0 else ord(" ") for byte in range(256)
)
_CONTINUATION = bytes(range(0x80, 0xC0))
Formula = Literal[
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "dale_chall",
    "words_per_sentence",
    "sentences_per_paragraph",
]


MESSAGE_VALUES = ("value", "limit", "formula", "words")  # for messages, besides {match}


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
        # a plain "at most N words per sentence": units of N words or fewer are never flagged
        self.word_limit = (
            options.max
            if options.formula == "words_per_sentence" and options.min is None and options.max
            else None
        )

    def _units(
        self, text: str, shapes: bytes, blocks: list[Block]
    ) -> Iterator[list[tuple[int, int]]]:
        spans = [(b.start, b.end) for b in blocks]
        if self.options.per == "document":
            yield spans
        elif self.options.per == "paragraph":
            yield from ([span] for span in spans)
        else:
            limit = self.word_limit
            if limit is None:
                for start, end in spans:
                    yield from ([span] for span in sentence_spans(text, start, end))
                return
            count = shapes.count
            for start, end in spans:  # _within_limit's tests inline, for the many short blocks
                length = end - start
                if (length + 1) // 2 <= limit or length - count(b"a", start, end) + 1 <= limit:
                    continue
                if self._within_runs(shapes, start, end):
                    continue  # else no sentence in the block can exceed the limit
                for span in sentence_spans(text, start, end):
                    s, e = span
                    length = e - s
                    if (length + 1) // 2 <= limit or length - count(b"a", s, e) + 1 <= limit:
                        continue
                    if not self._within_runs(shapes, s, e):
                        yield [span]  # those within are skipped by ``run`` too

    def _within_limit(self, shapes: bytes, start: int, end: int) -> bool:
        """Whether ``text[start:end]``, and so each sentence in it, has at most ``word_limit``
        words (``readability.count_words``), decided from its ``_shapes`` without counting.

        Bounds, each a necessary count: a span of n characters holds at most (n + 1) // 2
        words (two words are separated by a character that is not a letter or digit); at
        most one more than it has characters that are not ASCII letters or digits (each
        separator is one); at most as many as it has runs of ASCII letters and digits plus
        non-ASCII characters (each word holds a run of its own, or starts with a non-ASCII
        letter). A part of a span never has more words than the span: each of its words lies
        inside a distinct word of the span.
        """
        limit = self.word_limit
        if limit is None:
            return False
        length = end - start
        if (length + 1) // 2 <= limit:
            return True
        alnum = shapes.count(b"a", start, end)  # the others (" " and "x") are separators
        return length - alnum + 1 <= limit or self._within_runs(shapes, start, end)

    def _within_runs(self, shapes: bytes, start: int, end: int) -> bool:
        """``_within_limit``'s last bound alone: runs of ASCII letters and digits plus
        non-ASCII characters (``word_limit`` is set)."""
        limit = self.word_limit
        assert limit is not None
        others = shapes.count(b"x", start, end)
        runs = shapes.count(b" a", start, end) + shapes.count(b"xa", start, end)
        return runs + shapes.startswith(b"a", start, end) + others <= limit

    def _value(self, text: str, spans: list[tuple[int, int]], words: int) -> float:
        """``readability.measure`` of the formula over ``spans`` (holding ``words`` words).

        For words per sentence, spans that are their own sentences (a sentence unit) give
        ``words`` over their number, the very sum and division ``measure`` makes: their
        words are not counted again.
        """
        formula = self.options.formula
        if formula == "words_per_sentence" and readability.sentences(text, spans) == spans:
            return words / max(len(spans), 1)
        return readability.measure(formula, text, spans)

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        o = self.options
        text = doc.text
        shapes = _shapes(doc) if self.word_limit is not None else b""
        for spans in self._units(text, shapes, blocks):
            if o.per != "sentence" and len(spans) == 1 and self._within_limit(shapes, *spans[0]):
                continue  # the test below would skip it (sentence units were tested already)
            words = sum(readability.count_words(text, s, e) for s, e in spans)
            if not words or words < o.min_words:
                continue
            if o.formula == "words_per_sentence" and o.min is None and o.max and words <= o.max:
                continue  # a mean of words per sentence never exceeds the words counted
            value = self._value(text, spans, words)
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


def _shapes(doc: Document) -> bytes:
    """One byte per character of the text (UTF-8 with each character's continuation bytes
    deleted): "a" an ASCII letter or digit, "x" a non-ASCII character, " " anything else."""
    key = ("metric.shapes",)
    if key not in doc.memo:
        encoded = doc.text.encode("utf-8", "surrogatepass")
        doc.memo[key] = encoded.translate(_SHAPES, _CONTINUATION)
    return doc.memo[key]
