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
from newslint.config.validation import regex_field
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit
from newslint.core.patterns import compile_pattern
from newslint.core.sentences import is_sentence_start

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
        self.word_finder = _Presence(options.words)
        self.ambiguous_finder = _Presence(options.ambiguous)
        self.context = [compile_pattern(p) for p in options.context]  # user regexes
        self.sentence_starts = options.sentence_starts
        # see newslint.accel.prefilter: a hit is a listed word, or an ambiguous one in a context
        # that matches in the text around it
        prefilter = [(self.words.pattern, 0)] if self.words else []
        if self.ambiguous:
            prefilter += [(pattern, 0) for pattern in options.context]
        self.prefilter = tuple(prefilter) or None

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
            with_words = blocks_holding(text, blocks, self.word_finder.present(text))
        if self.ambiguous:
            with_ambiguous = blocks_holding(text, blocks, self.ambiguous_finder.present(text))
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


class _Presence:
    """Which of some words occur in a text: a pattern matching only these words matches
    nowhere else, and finding them is cheaper than following absent words block by block.

    Words that share a substring of three characters or more ("day" in monday ... sundays)
    are looked for through it, in one pass over the text instead of one per word: every
    occurrence of a word holds the substring at a known offset, so testing each occurrence of
    the substring (``str.startswith`` with the words at each offset) finds exactly the words
    present.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = list(dict.fromkeys(words))
        # (substring, {offset of the substring in a word: the words with it there})
        self.groups: list[tuple[str, dict[int, tuple[str, ...]]]] = []
        remaining = self.words
        while remaining:
            key = _shared_key(remaining)
            members = [w for w in remaining if key in w] if key else remaining[:1]
            key = key or members[0]
            by_offset: dict[int, tuple[str, ...]] = {}
            for word in members:
                for offset in (i for i in range(len(word) + 1) if word.startswith(key, i)):
                    by_offset[offset] = (*by_offset.get(offset, ()), word)
            self.groups.append((key, by_offset))
            remaining = [w for w in remaining if w not in members]

    def present(self, text: str) -> list[str]:
        found: set[str] = set()
        for key, by_offset in self.groups:
            if len(by_offset) == 1 and by_offset.get(0) == (key,):
                if key in text:
                    found.add(key)
                continue
            pending = dict(by_offset)
            at = text.find(key)
            while at != -1 and pending:
                for offset, words in list(pending.items()):
                    if offset <= at and text.startswith(words, at - offset):
                        found.update(w for w in words if text.startswith(w, at - offset))
                        left = tuple(w for w in words if w not in found)
                        if left:
                            pending[offset] = left
                        else:
                            del pending[offset]
                at = text.find(key, at + 1)
        return [w for w in self.words if w in found]


def _shared_key(words: list[str]) -> str | None:
    """The substring (three characters or more) held by the most ``words``, if two or more
    hold one; the longest such, then the first in order."""
    best: tuple[int, int, str] | None = None
    for key in sorted(
        {w[i:j] for w in words for i in range(len(w)) for j in range(i + 3, len(w) + 1)}
    ):
        count = sum(key in w for w in words)
        if count >= 2 and (best is None or (count, len(key)) > best[:2]):
            best = (count, len(key), key)
    return best[2] if best else None
