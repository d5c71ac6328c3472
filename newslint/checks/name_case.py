"""Kind ``name_case``: a name in lower case that the document itself capitalises elsewhere.

Candidates are lower-case words right after a title (``Secretary of Defense lloyd austin``) or
right next to a capitalised name; the run is flagged when its last word appears capitalised in
the middle of a sentence elsewhere in the document and no word of it is a ``common_words`` entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import blocks_holding, capitalize
from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.sentences import is_sentence_start

CAN_FIX = True
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’-][A-Za-z]+)*(?![\w'’-])")
_LOWER_RUN = re.compile(r"[ \t]+([a-z][a-z'’-]*)")


@dataclass
class Options:
    titles: list[str] = field(default_factory=list)
    common_words: list[str] = field(default_factory=list)
    max_words: int = 3


class Check:
    def __init__(self, options: Options) -> None:
        titles = "|".join(re.escape(t) for t in sorted(options.titles, key=len, reverse=True))
        self.titles = re.compile(rf"(?<![\w.])(?:{titles})(?![\w-])") if titles else None
        self.title_list = options.titles
        self.common = {w.lower() for w in options.common_words}
        self.max_words = options.max_words

    @staticmethod
    def _names(doc: Document, blocks: list[Block], wanted: set[str]) -> set[str]:
        """The ``wanted`` words (lower case) that stand capitalised in the middle of a sentence
        somewhere in the document."""
        text = doc.text
        return {
            word
            for block in blocks
            for m in _CAPITALISED.finditer(text, block.start, block.end)
            if (word := m.group().lower()) in wanted
            and not is_sentence_start(text, m.start(), block.start)
        }

    def _run_after(self, text: str, pos: int, end: int) -> list[re.Match[str]]:
        run = []
        while len(run) < self.max_words:
            match = _LOWER_RUN.match(text, pos, end)
            if not match:
                break
            run.append(match)
            pos = match.end()
        return run

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if not self.titles:
            return
        text = doc.text
        runs = [
            run
            for block in blocks_holding(text, blocks, self.title_list)
            for title in self.titles.finditer(text, block.start, block.end)
            if (run := self._run_after(text, title.end(), block.end))
        ]
        names = self._names(doc, blocks, {m.group(1).strip("'’-") for run in runs for m in run})
        for run in runs:
            words = [m.group(1) for m in run]
            last = max((i for i, w in enumerate(words) if w.strip("'’-") in names), default=-1)
            if last < 0 or any(w in self.common for w in words[: last + 1]):
                continue
            start, end = run[0].start(1), run[last].end(1)
            edits = tuple(
                Edit(m.start(1), m.start(1) + 1, capitalize(m.group(1))[0]) for m in run[: last + 1]
            )
            yield Hit(start, end, {"match": text[start:end]}, edits)
