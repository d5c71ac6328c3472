"""Kind ``word_case``: words that are always capitalised (weekdays, months), ambiguity-aware.

``words`` are flagged wherever they appear in lower case; ``ambiguous`` words (may, march, august)
only where ``context`` matches around them, such as a date. Sentence starts are left to the
sentence-case rule unless ``sentence_starts`` is true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import blocks_holding, capitalize
from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.options import regex_field
from newslint.patterns import compile_pattern
from newslint.sentences import is_sentence_start

CAN_FIX = True


@dataclass
class Options:
    words: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    context: list[str] = regex_field([])
    sentence_starts: bool = False


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Check:
    def __init__(self, options: Options) -> None:
        self.words = (
            re.compile(rf"\b(?:{_alternation(options.words)})\b") if options.words else None
        )
        self.ambiguous = (
            re.compile(rf"\b(?:{_alternation(options.ambiguous)})\b") if options.ambiguous else None
        )
        self.word_list, self.ambiguous_list = options.words, options.ambiguous
        self.context = [compile_pattern(p) for p in options.context]  # user regexes
        self.sentence_starts = options.sentence_starts

    def _in_context(self, text: str, start: int, end: int) -> bool:
        window_start = max(0, start - 40)
        window = text[window_start : end + 40]
        word_at = start - window_start
        return any(
            m.start() <= word_at < m.end()
            for pattern in self.context
            for m in pattern.finditer(window)
        )

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        with_words, with_ambiguous = [], []
        if self.words:
            with_words = blocks_holding(text, blocks, _present(text, self.word_list))
        if self.ambiguous:
            with_ambiguous = blocks_holding(text, blocks, _present(text, self.ambiguous_list))
        # blocks are disjoint: a start names one block
        holding = {b.start: b for b in with_words}
        holding.update((b.start, b) for b in with_ambiguous)
        word_starts = {b.start for b in with_words}
        ambiguous_starts = {b.start for b in with_ambiguous}
        for block_start in sorted(holding):
            block = holding[block_start]
            hits = []
            if self.words and block_start in word_starts:
                hits += list(self.words.finditer(text, block.start, block.end))
            if self.ambiguous and block_start in ambiguous_starts:
                hits += [
                    m
                    for m in self.ambiguous.finditer(text, block.start, block.end)
                    if self._in_context(text, m.start(), m.end())
                ]
            for match in sorted(hits, key=lambda m: m.start()):
                start, end = match.span()
                if not self.sentence_starts and is_sentence_start(text, start, block.start):
                    continue
                word = match.group()
                yield Hit(start, end, {"match": word}, (Edit(start, end, capitalize(word)),))


def _present(text: str, words: list[str]) -> list[str]:
    """The ``words`` that occur in ``text``: a pattern matching only these words matches
    nowhere else, and one ``in`` test per word is cheaper than following every occurrence
    of a word the text lacks block by block."""
    return [w for w in words if w in text]
