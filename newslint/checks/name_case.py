"""Kind ``name_case``: a name in lower case that the document itself capitalises elsewhere.

Candidates are lower-case words right after a title (``Secretary of Defense lloyd austin``) or
right next to a capitalised name; the run is flagged when its last word appears capitalised in
the middle of a sentence elsewhere in the document and no word of it is a ``common_words`` entry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import capitalize
from newslint.config.validation import option
from newslint.core.document import Block, Document
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


class Check:
    def __init__(self, options: Options) -> None:
        titles = "|".join(re.escape(t) for t in sorted(options.titles, key=len, reverse=True))
        self.titles = re.compile(rf"(?<![\w.])(?:{titles})(?![\w-])") if titles else None
        # a title with a lower-case word after it, without the look-arounds (which make a
        # pattern scan slowly): the blocks it touches are the only ones that can hold a run
        self.titled_run = re.compile(rf"(?:{titles})[ \t]+[a-z]") if titles else None
        self.common = {w.lower() for w in options.common_words}
        self.max_words = options.max_words

    @staticmethod
    def _names(text: str, blocks: list[Block], wanted: set[str]) -> set[str]:
        """The ``wanted`` words (lower case) that stand capitalised in the middle of a sentence
        somewhere in the blocks.

        A ``_CAPITALISED`` match whose lower case is ``word`` begins with ``word``'s first
        letter in upper case and the rest of it up to its first apostrophe or hyphen: only
        where ``str.find`` sees that prefix is the pattern tried. A match there is the one
        ``finditer`` over the block would give (its look-behind rules out a match running
        into it), and one such match decides the word.
        """
        if not blocks:
            return set()
        starts = [b.start for b in blocks]
        low, high = blocks[0].start, blocks[-1].end
        names = set()
        for word in wanted:
            cut = min((i for i, c in enumerate(word) if c in _SEPARATORS), default=len(word))
            prefix = word[:1].upper() + word[1:cut]
            at = text.find(prefix, low, high)
            while at != -1:
                block = blocks[bisect.bisect_right(starts, at) - 1]
                if at < block.end:
                    match = _CAPITALISED.match(text, at, block.end)
                    if (
                        match
                        and match.group().lower() == word
                        and not is_sentence_start(text, at, block.start)
                    ):
                        names.add(word)
                        break
                at = text.find(prefix, at + 1, high)
        return names

    def _run_after(self, text: str, pos: int, end: int) -> list[re.Match[str]]:
        run = []
        while len(run) < self.max_words:
            match = _LOWER_RUN.match(text, pos, end)
            if not match:
                break
            run.append(match)
            pos = match.end()
        return run

    @staticmethod
    def _titled_blocks(titled_run: re.Pattern[str], text: str, blocks: list[Block]) -> list[Block]:
        """The blocks (in order) that a ``titled_run`` match overlaps.

        A title followed by a lower-case word is a ``titled_run`` match, unless an earlier
        match runs over it; either way a match overlaps its block.
        """
        if not blocks:
            return []
        starts = [b.start for b in blocks]
        found: set[int] = set()
        for match in titled_run.finditer(text, blocks[0].start, blocks[-1].end):
            first = max(0, bisect.bisect_right(starts, match.start()) - 1)
            last = bisect.bisect_right(starts, match.end() - 1) - 1
            found.update(range(first, last + 1))
        return [blocks[i] for i in sorted(found)]

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if not self.titles or not self.titled_run:
            return
        text = doc.text
        runs = [
            run
            for block in self._titled_blocks(self.titled_run, text, blocks)
            for title in self.titles.finditer(text, block.start, block.end)
            if (run := self._run_after(text, title.end(), block.end))
        ]
        # a run whose first word is common is never flagged: its names are not looked for
        runs = [run for run in runs if run[0].group(1) not in self.common]
        wanted = {m.group(1).strip(_SEPARATORS) for run in runs for m in run}
        names = self._names(text, blocks, wanted) if wanted else set()
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
