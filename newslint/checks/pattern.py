"""Kind ``pattern``: regular expressions over prose, with exceptions and an optional replacement.

Every match of ``patterns`` (or of one of ``words``, matched whole) in a block is reported,
unless a match of ``exceptions`` in the same block covers it; with ``group``, the finding is
that group of the match. ``replacement`` (with ``\\1``-style references) proposes an edit;
with ``preserve_case`` (the default) it takes the case of the text it replaces: a capital first
letter, or all capitals (``E-mail her`` with ``e-mail`` -> ``email`` becomes ``Email her``).
Case is only ever raised, never lowered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.config.validation import option, regex_field
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit
from newslint.core.patterns import alternation, compile_pattern

CAN_FIX = True


@dataclass
class Options:
    patterns: list[str] = regex_field()
    exceptions: list[str] = regex_field([])
    ignore_case: bool = False
    group: int = option(0, minimum=0)
    replacement: str | None = None
    preserve_case: bool = True  # the replacement takes the case of the text it replaces
    words: list[str] = field(default_factory=list)  # literal words, matched whole


class Check:
    def __init__(self, options: Options) -> None:
        flags = re.I if options.ignore_case else 0
        alternatives = [f"(?:{p})" for p in options.patterns]
        if options.words:
            words = "|".join(re.escape(w) for w in sorted(options.words, key=len, reverse=True))
            alternatives.append(rf"\b(?:{words})\b")
        self.regex = compile_pattern("|".join(alternatives), flags)
        if options.group and options.group > self.regex.groups:
            raise ValueError(f"key 'group': the pattern has only {self.regex.groups} groups")
        self.exceptions = alternation(options.exceptions, flags)
        self.group = options.group
        self.replacement = options.replacement
        self.preserve_case = options.preserve_case

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            excepted: list[tuple[int, int]] | None = None  # found on the block's first match
            for match in self.regex.finditer(text, block.start, block.end):
                if excepted is None:
                    excepted = self._excepted(text, block)
                start, end = match.span(self.group)
                if start < 0 or any(s <= start and end <= e for s, e in excepted):
                    continue
                edits: tuple[Edit, ...] = ()
                if self.replacement is not None:
                    replaced = match.expand(self.replacement)
                    if self.preserve_case:
                        replaced = with_case_of(match.group(), replaced)
                    if doc.newline != "\n":  # line breaks in a replacement follow the file's
                        replaced = re.sub(r"(?<!\r)\n", doc.newline, replaced)
                    edits = (Edit(match.start(), match.end(), replaced),)
                yield Hit(start, end, {"match": text[start:end]}, edits)

    def _excepted(self, text: str, block: Block) -> list[tuple[int, int]]:
        if self.exceptions is None:
            return []
        return [m.span() for m in self.exceptions.finditer(text, block.start, block.end)]


def with_case_of(original: str, replacement: str) -> str:
    """``replacement`` in the case of ``original``: all capitals if ``original`` is (two
    letters or more), a capital first letter if its first letter is one; never lowered."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        at = next((i for i, c in enumerate(replacement) if c.isalpha()), None)
        if at is not None:
            return replacement[:at] + replacement[at].upper() + replacement[at + 1 :]
    return replacement
