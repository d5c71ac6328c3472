"""A document's prose as *units* for grammar backends, with what is not prose stood in for.

Each prose block becomes a unit: its text, and *markup* spans (LanguageTool's annotated-text
terms) that a backend must not check: inline code, URLs, e-mail addresses and tags (read as
``X``), Markdown emphasis marks (read as nothing) and, unless a rule opts in, quoted speech. A
backend sees each markup span as its ``interpret_as`` text; offsets still count the original
characters, so findings map back exactly.

Quoted speech is read as ``QUOTE``, with the speech's closing punctuation kept as text, so the
sentence around it still parses (“QUOTE,” he said). All capitals because LanguageTool's rules
pass over such a word: ``UppercaseSentenceStartRule`` only reports a sentence whose first word
(after an opening quotation mark) starts in lower case, and ``AvsAnRule`` never judges "a"/"an"
before an all-capitals word (it cannot know how an abbreviation is said). The word ``quote``,
used before, made LanguageTool report a lower-case sentence start at every paragraph opening
with a quotation.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.core.blocks import Block
    from newslint.core.document import Document

QUOTE_PLACEHOLDER = "QUOTE"
MASK_PLACEHOLDER = "X"
_CLOSING_PUNCTUATION = ".,!?;:…"


@dataclass(frozen=True)
class GrammarMatch:
    """One backend finding; ``start``/``end`` are code points into the document."""

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...]


# A match relative to its unit: (start, end, rule, category, message, replacements).
Entry = tuple[int, int, str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Unit:
    """A prose block as annotated text: ``markup`` spans are (start, end, interpret_as)."""

    start: int
    text: str
    markup: tuple[tuple[int, int, str], ...]

    def annotation(self) -> list[dict[str, str]]:
        """LanguageTool's annotated text: ``{"text": ...}`` and ``{"markup", "interpretAs"}``."""
        parts: list[dict[str, str]] = []
        pos = 0
        for start, end, interpret in self.markup:
            if start > pos:
                parts.append({"text": self.text[pos:start]})
            parts.append({"markup": self.text[start:end], "interpretAs": interpret})
            pos = end
        if pos < len(self.text):
            parts.append({"text": self.text[pos:]})
        return parts

    def plain(self) -> tuple[str, list[int]]:
        """What a backend checks (markup read as its ``interpret_as``) and, for each of its
        characters, the offset in ``text`` it was copied from (-1: part of a stand-in)."""
        chars: list[str] = []
        origin: list[int] = []
        pos = 0
        for start, end, interpret in (*self.markup, (len(self.text), len(self.text), "")):
            chars.append(self.text[pos:start])
            origin.extend(range(pos, start))
            chars.append(interpret)
            origin.extend([-1] * len(interpret))
            pos = end
        return "".join(chars), origin


def located(unit: Unit, entries: list[Entry] | None) -> list[GrammarMatch]:
    """The matches of ``unit`` (relative ``entries``) at their places in the document."""
    return [
        GrammarMatch(unit.start + start, unit.start + end, rule, category, message, replacements)
        for start, end, rule, category, message, replacements in entries or ()
    ]


def map_span(origin: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The unit span of plain ``[start, end)``; None if it touches a stand-in or is empty."""
    if not 0 <= start < end <= len(origin):
        return None
    copied = origin[start:end]
    if -1 in copied or copied[-1] - copied[0] != end - start - 1:
        return None  # a stand-in, or markup read as nothing, lies inside
    return copied[0], copied[-1] + 1


def _merge(spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    merged: list[tuple[int, int, str]] = []
    for start, end, interpret in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if end > last[1]:
                merged[-1] = (last[0], end, last[2] or interpret)
            continue
        merged.append((start, end, interpret))
    return tuple(merged)


def _speech(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Markup for the speech ``text[start:end]``, its closing punctuation left as text."""
    while end > start and text[end - 1] in _CLOSING_PUNCTUATION:
        end -= 1
    return (start, end, QUOTE_PLACEHOLDER) if start < end else None


def build_units(doc: Document, blocks: list[Block], in_quotes: bool = False) -> list[Unit]:
    """The prose blocks of ``doc`` as units, with what is not prose marked up."""
    text = doc.text
    units = []
    masks = doc.masks
    mask_starts = [start for start, _ in masks]
    quotes = [] if in_quotes else doc.quotes.spans
    quote_ends = [end for _, end in quotes]
    for block in blocks:
        spans: list[tuple[int, int, str]] = []
        first = bisect.bisect_left(mask_starts, block.start)
        for start, end in masks[first : bisect.bisect_left(mask_starts, block.end)]:
            if end <= block.end:
                spans.append((start, end, MASK_PLACEHOLDER))
        for start, end in quotes[bisect.bisect_right(quote_ends, block.start) :]:
            if start >= block.end:
                break
            speech = _speech(text, max(start + 1, block.start), min(end - 1, block.end))
            if speech:
                spans.append(speech)
        markup = doc.format.markup_spans(text, block.start, block.end)
        spans.extend((start, end, "") for start, end in markup)
        relative = [(s - block.start, e - block.start, i) for s, e, i in spans]
        units.append(Unit(block.start, text[block.start : block.end], _merge(relative)))
    return units
