"""Kind ``word_case``: words that are always capitalised (weekdays, months), ambiguity-aware.

``words`` are flagged wherever they appear in lower case; ``ambiguous`` words (may, march, august)
only where a ``context`` pattern matches around them (a date with its year, ``in august,``), or
a ``likely_context`` one (a day number alone: ``march 3``), whose fix is unsafe: such a context
is a guess (``the Xbox 2 may be unveiled``, ``they march 10 miles``). Sentence starts are left
to the sentence-case rule unless ``sentence_starts`` is true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import capitalize
from newslint.config.validation import regex_field
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Applicability, Edit, Hit
from newslint.core.patterns import Pattern, compile_pattern
from newslint.core.sentences import is_sentence_start

CAN_FIX = True
_CONTEXT_REACH = 40  # characters on either side of an ambiguous word that ``context`` reads


@dataclass
class Options:
    words: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    context: list[str] = regex_field([])
    likely_context: list[str] = regex_field([])
    sentence_starts: bool = False


def _whole_words(words: list[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``words`` (longest first) as a whole word; None if none."""
    if not words:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
    )


class Check:
    def __init__(self, options: Options) -> None:
        self.words = _whole_words(options.words)
        self.ambiguous = _whole_words(options.ambiguous)
        self.context: list[Pattern] = [compile_pattern(p) for p in options.context]
        self.likely_context: list[Pattern] = [compile_pattern(p) for p in options.likely_context]
        self.sentence_starts = options.sentence_starts

    @staticmethod
    def _in_context(patterns: list[Pattern], text: str, start: int, end: int) -> bool:
        """Whether a match of ``patterns`` in the text around the word covers its start."""
        window_start = max(0, start - _CONTEXT_REACH)
        window = text[window_start : end + _CONTEXT_REACH]
        word_at = start - window_start
        return any(
            m.start() <= word_at < m.end() for pattern in patterns for m in pattern.finditer(window)
        )

    def _matches(self, text: str, block: Block) -> list[tuple[re.Match[str], bool]]:
        """The words to capitalise in ``block``, each with whether that is a guess."""
        found = (
            [(m, False) for m in self.words.finditer(text, block.start, block.end)]
            if self.words
            else []
        )
        for m in self.ambiguous.finditer(text, block.start, block.end) if self.ambiguous else ():
            if self._in_context(self.context, text, m.start(), m.end()):
                found.append((m, False))
            elif self._in_context(self.likely_context, text, m.start(), m.end()):
                found.append((m, True))
        return sorted(found, key=lambda item: item[0].start())

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            for match, guess in self._matches(text, block):
                start, end = match.span()
                if not self.sentence_starts and is_sentence_start(text, start, block.start):
                    continue
                word = match.group()
                edits = (Edit(start, end, capitalize(word)),)
                yield Hit(
                    start, end, {"match": word}, edits, Applicability.UNSAFE if guess else None
                )
