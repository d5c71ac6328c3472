"""Kind ``name_case``: a name in lower case that the document itself capitalises elsewhere.

Two kinds of evidence, both from the article (:class:`~newslint.core.lexicon.Lexicon`):

- after a title (``Secretary of Defense lloyd austin``): a run of up to ``max_words`` lower-case
  words is flagged up to its last word that the document's paragraphs write capitalised in the
  middle of a sentence (outside title runs), unless a word of it up to there is a
  ``common_words`` entry (a run starting with one is never flagged);
- anywhere in a paragraph but at a sentence start: a word the article capitalises in the middle
  of sentences at least ``min_capitalised`` times (``min_capitalised_surname`` for a word that
  also ends a capitalised pair the article writes, as ``Alvarez`` in ``Maria Alvarez``), once at
  least on its own (not only in
  ``Special Forces`` or a title run such as ``We Saw It Coming``), and writes in lower case
  nowhere else; or two words it writes as a capitalised pair (``Maria Alvarez``) and neither of
  them in lower case elsewhere. ``common_words`` are left alone.

Either is evidence, not proof (``the White House`` and ``a white house``): the rule's fix is
best marked unsafe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.checks.base import capitalize
from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lexicon import Lexicon, key
from newslint.core.model import Edit, Hit
from newslint.core.sentences import is_sentence_start

CAN_FIX = True
_LOWER_RUN = re.compile(r"[ \t]+([a-z][a-z'’-]*)")
_LOWER_WORD = re.compile(r"(?<![\w'’.@/#-])[a-z][a-z'’-]*(?<![-'’])(?![\w'’@/-]|\.\w)")
_SEPARATORS = "'’-"


@dataclass
class Options:
    titles: list[str] = field(default_factory=list)
    common_words: list[str] = field(default_factory=list)
    max_words: int = option(3, minimum=1)
    min_capitalised: int = option(2, minimum=1)  # without a title: capitalised this often
    # ... or this often for a word that also ends a capitalised pair (Maria Alvarez, Alvarez)
    min_capitalised_surname: int = option(2, minimum=1)


class Check:
    def __init__(self, options: Options) -> None:
        titles = "|".join(re.escape(t) for t in sorted(options.titles, key=len, reverse=True))
        self.titles = re.compile(rf"(?<![\w.])(?:{titles})(?![\w-])") if titles else None
        self.common = {w.lower() for w in options.common_words}
        self.max_words = options.max_words
        self.min_capitalised = options.min_capitalised
        self.min_capitalised_surname = options.min_capitalised_surname

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        after_titles = list(self._after_titles(doc, blocks))
        taken = [(hit.start, hit.end) for hit in after_titles]
        found = after_titles + [
            hit
            for hit in self._known_names(doc, blocks)
            if not any(s < hit.end and hit.start < e for s, e in taken)
        ]
        yield from sorted(found, key=lambda hit: hit.start)

    # -- names after a title -------------------------------------------------------------
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

    def _after_titles(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if self.titles is None:
            return
        text = doc.text
        lexicon = doc.lexicon
        for run in self._runs(text, blocks):
            words = [m.group(1) for m in run]
            last = max(
                (i for i, w in enumerate(words) if lexicon.forms(w.strip(_SEPARATORS)).capitalised),
                default=-1,
            )
            if last < 0 or any(w in self.common for w in words[: last + 1]):
                continue
            yield _hit(text, [(m.start(1), m.end(1)) for m in run[: last + 1]])

    # -- names the article capitalises elsewhere -------------------------------------------
    def _candidates(
        self, lexicon: Lexicon, pairs: list[tuple[str, str]], surnames: set[str]
    ) -> set[str]:
        """Words (lexicon keys) that a name in lower case may hold; ``pairs``: the article's
        name pairs."""
        found = {
            word
            for word in lexicon.words
            if word not in self.common
            and lexicon.is_name(word, min_capitalised=self._evidence(word, surnames))
        }
        for first, second in pairs:
            if not {first, second} & self.common:
                found |= {first, second}
        return found

    def _evidence(self, word: str, surnames: set[str]) -> int:
        """How often the article must capitalise ``word`` mid-sentence to make it a name."""
        return self.min_capitalised_surname if word in surnames else self.min_capitalised

    def _known_names(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        lexicon = doc.lexicon
        pairs = [
            (first, second)
            for first, second in lexicon.pairs
            if lexicon.is_name_pair(first, second)
        ]
        surnames = {second for _, second in pairs}
        candidates = {  # those the article writes in lower case at all (once, at the most)
            word
            for word in self._candidates(lexicon, pairs, surnames)
            if lexicon.words[word].lower or lexicon.words[word].lower_start
        }
        if not candidates:
            return
        text = doc.text
        for block in blocks:
            if block.kind != "paragraph" or not _holds_any(text, block, candidates):
                continue
            words = list(_LOWER_WORD.finditer(text, block.start, block.end))
            for index, match in enumerate(words):
                word = match.group()
                if key(word) not in candidates or not self._may_be_name(doc, block, words, index):
                    continue
                following = words[index + 1] if index + 1 < len(words) else None
                if (
                    following is not None
                    and text[match.end() : following.start()] == " "
                    and lexicon.is_name_pair(word, following.group())
                ):
                    yield _hit(text, [match.span(), following.span()])
                elif lexicon.is_name(
                    word, min_capitalised=self._evidence(key(word), surnames)
                ) and (index == 0 or not _is_pair_second(lexicon, text, words, index)):
                    yield _hit(text, [match.span()])

    def _may_be_name(
        self, doc: Document, block: Block, words: list[re.Match[str]], index: int
    ) -> bool:
        """Whether the word at ``index`` may be a name in lower case: not at a sentence start
        (left to sentence-case)."""
        return not is_sentence_start(doc.text, words[index].start(), block.start)


def _holds_any(text: str, block: Block, words: set[str]) -> bool:
    """Whether one of ``words`` (lower case) is in the block's text at all."""
    piece = text[block.start : block.end]
    return any(word in piece for word in words)


def _is_pair_second(lexicon: Lexicon, text: str, words: list[re.Match[str]], index: int) -> bool:
    """Whether the word at ``index`` is the second of a name pair (reported with the first)."""
    before = words[index - 1]
    return text[before.end() : words[index].start()] == " " and lexicon.is_name_pair(
        before.group(), words[index].group()
    )


def _hit(text: str, spans: list[tuple[int, int]]) -> Hit:
    start, end = spans[0][0], spans[-1][1]
    edits = tuple(Edit(s, s + 1, capitalize(text[s:e])[0]) for s, e in spans)
    return Hit(start, end, {"match": text[start:end]}, edits)
