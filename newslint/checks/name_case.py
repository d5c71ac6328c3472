"""Kind ``name_case``: a name in lower case that the document itself capitalises elsewhere.

Candidates are runs of up to ``max_words`` lower-case words right after a title (``Secretary of
Defense lloyd austin``); a run is flagged up to its last word that the document's prose writes
capitalised in the middle of a sentence, unless a word of it up to there is a ``common_words``
entry (a run starting with one is never flagged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import capitalize
from newslint.config.validation import option
from newslint.core.blocks import PROSE_KINDS, Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit
from newslint.core.sentences import is_sentence_start

CAN_FIX = True
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’-][A-Za-z]+)*(?![\w'’-])")
_LOWER_RUN = re.compile(r"[ \t]+([a-z][a-z'’-]*)")
_SEPARATORS = "'’-"


@dataclass
class Options:
    titles: list[str] = field(default_factory=list)
    common_words: list[str] = field(default_factory=list)
    max_words: int = option(3, minimum=1)


def capitalised_names(doc: Document, wanted: set[str]) -> set[str]:
    """The ``wanted`` words (lower case) that the document's prose writes capitalised in the
    middle of a sentence."""
    text = doc.text
    return {
        match.group().lower()
        for block in doc.blocks_of(PROSE_KINDS)
        for match in _CAPITALISED.finditer(text, block.start, block.end)
        if match.group().lower() in wanted
        and not is_sentence_start(text, match.start(), block.start)
    }


class Check:
    def __init__(self, options: Options) -> None:
        titles = "|".join(re.escape(t) for t in sorted(options.titles, key=len, reverse=True))
        self.titles = re.compile(rf"(?<![\w.])(?:{titles})(?![\w-])") if titles else None
        self.common = {w.lower() for w in options.common_words}
        self.max_words = options.max_words

    def _run_after(self, text: str, pos: int, end: int) -> list[re.Match[str]]:
        run: list[re.Match[str]] = []
        while len(run) < self.max_words:
            match = _LOWER_RUN.match(text, pos, end)
            if not match:
                break
            run.append(match)
            pos = match.end()
        return run

    def _runs(self, text: str, blocks: list[Block]) -> list[list[re.Match[str]]]:
        """The runs after titles, but those starting with a common word."""
        assert self.titles is not None
        return [
            run
            for block in blocks
            for title in self.titles.finditer(text, block.start, block.end)
            if (run := self._run_after(text, title.end(), block.end))
            and run[0].group(1) not in self.common
        ]

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if self.titles is None:
            return
        text = doc.text
        runs = self._runs(text, blocks)
        wanted = {m.group(1).strip(_SEPARATORS) for run in runs for m in run}
        names = capitalised_names(doc, wanted) if wanted else set()
        for run in runs:
            words = [m.group(1) for m in run]
            last = max(
                (i for i, w in enumerate(words) if w.strip(_SEPARATORS) in names), default=-1
            )
            if last < 0 or any(w in self.common for w in words[: last + 1]):
                continue
            start, end = run[0].start(1), run[last].end(1)
            edits = tuple(
                Edit(m.start(1), m.start(1) + 1, capitalize(m.group(1))[0]) for m in run[: last + 1]
            )
            yield Hit(start, end, {"match": text[start:end]}, edits)
