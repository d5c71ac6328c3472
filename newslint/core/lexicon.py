"""The forms in which an article writes each word, read once per document (``Document.lexicon``).

Rules that must tell a name from a common word, a brand written in lower case by design from a
sentence start in lower case, or a dotted name from two sentences ask the article itself: the
lexicon counts, per word (lower-cased, without a possessive ``'s``), how often the article's
paragraphs write it in lower case, capitalised in the middle of a sentence, capitalised at a
sentence start (from :mod:`newslint.core.sentences`), inside a run of three capitalised words or
more (a title in title case, ``We Saw It Coming``: no evidence of a name), in capitals, or in
mixed case (``eBay``); a connector such as ``of`` keeps capitalised words in one run
(``Board of Directors``: ``Directors`` is no name on its own). It also keeps the runs of two
capitalised words (``Maria Alvarez``, ``Las Vegas``) and the tokens with a full stop inside
(``One.Tel``, ``Node.js``). Headlines and headings are left out (they are set in title case)
unless they hold two sentences or more: then they are prose (a text of one line). Lower case
inside sentences is counted only for a word the article also capitalises or writes in lower case
at a sentence start: every question asked of the lexicon about another word has the same answer
without it, and most words of an article are such words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.core.blocks import PROSE_KINDS
from newslint.core.sentences import sentence_starts

if TYPE_CHECKING:
    from newslint.core.document import Document

# a word: letters and digits, perhaps with apostrophes, hyphens or full stops inside
_TOKEN = re.compile(r"(?<![\w'’.@/#-])[^\W_](?:[\w'’.-]*\w)?")
# the tokens that may be capitalised words: those not starting with a digit or a-z
_MAY_BE_CAPITALISED = re.compile(r"(?<![\w'’.@/#-])[^\W\d_a-z](?:[\w'’.-]*\w)?")
_DOTTED = re.compile(r"\w\.\w")
TITLE_RUN = 3  # capitalised words in a row from which a run reads as a title
# lower-case words that join capitalised words into one name (House of Representatives)
CONNECTORS = frozenset(
    ["of", "and", "for", "the", "de", "du", "da", "di", "del", "la", "le", "van", "von", "der", "y"]
)


@dataclass
class Forms:
    """How often the article writes a word in each form."""

    lower: int = 0  # in lower case, in the middle of a sentence
    lower_start: int = 0  # in lower case at a sentence start
    capitalised: int = 0  # capitalised in the middle of a sentence, outside a title run
    alone: int = 0  # of those, with no capitalised word beside it (not part of a longer name)
    start: int = 0  # capitalised at a sentence start
    titled: int = 0  # capitalised in a run of TITLE_RUN capitalised words or more
    upper: int = 0  # in capitals, two letters or more
    mixed: int = 0  # a capital inside (eBay, iPhone, McDonald)

    @property
    def ever_capitalised(self) -> bool:
        return bool(self.capitalised or self.start or self.titled or self.upper or self.mixed)


_NONE = Forms()


def key(word: str) -> str:
    """How the lexicon files a word: lower case, without a possessive ``'s``."""
    lowered = word.lower()
    return lowered[:-2] if lowered.endswith(("'s", "’s")) else lowered


class Lexicon:
    """What an article's paragraphs say about its words (see the module docstring)."""

    def __init__(self) -> None:
        self.words: dict[str, Forms] = {}
        self.pairs: Counter[tuple[str, str]] = Counter()  # two capitalised words in a run
        self.dotted: set[str] = set()  # tokens with a full stop inside, lower case

    def forms(self, word: str) -> Forms:
        return self.words.get(key(word), _NONE)

    def is_lower_case_brand(self, word: str) -> bool:
        """Whether the article writes ``word`` in lower case by design (``ecobee``,
        ``my6sense``): never with a capital, and in lower case also where a sentence starts
        (twice at least, this one included), or with a digit inside."""
        forms = self.forms(word)
        if forms.ever_capitalised:
            return False
        return forms.lower_start >= 2 or any(char.isdigit() for char in word)

    def is_name(self, word: str, *, min_capitalised: int = 2) -> bool:
        """Whether the article writes ``word`` capitalised in the middle of sentences (at least
        ``min_capitalised`` times, once at least on its own: not only as a part of a longer
        name or title, ``Special Forces``) and never in lower case but this once."""
        forms = self.forms(word)
        return (
            forms.capitalised >= min_capitalised
            and forms.alone >= 1
            and forms.lower + forms.lower_start <= 1
        )

    def is_name_pair(self, first: str, second: str) -> bool:
        """Whether the article writes ``first second`` as a run of two capitalised words, and
        writes neither word in lower case but this once."""
        if not self.pairs[(key(first), key(second))]:
            return False
        return all(
            (forms := self.forms(word)).lower + forms.lower_start <= 1 for word in (first, second)
        )


def build_lexicon(doc: Document) -> Lexicon:
    """The lexicon of ``doc``'s paragraphs."""
    lexicon = Lexicon()
    text = doc.text
    tokens: list[str] = []  # of every paragraph, counted at the end (each distinct token once)
    at_start: Counter[str] = Counter()  # the tokens at sentence starts, but capitalised ones
    for block in doc.blocks_of(PROSE_KINDS):
        starts = set(sentence_starts(text, block.start, block.end))
        if block.kind != "paragraph" and len(starts) < 2:
            continue  # a title
        tokens += _TOKEN.findall(text, block.start, block.end)
        at_start.update(
            match.group()
            for s in starts
            if not text[s : s + 1].isupper() and (match := _TOKEN.match(text, s, block.end))
        )
        _count_runs(lexicon, text, block.start, block.end, starts)
    _count_words(lexicon, Counter(tokens), at_start)
    return lexicon


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() and token[1:2].islower()


def _count_words(lexicon: Lexicon, tokens: Counter[str], at_start: Counter[str]) -> None:
    """Count the tokens that are not capitalised words (those are counted with their runs, so
    first); note the dotted ones. Lower case is counted only for words also capitalised or at a
    sentence start: what the lexicon is asked depends on it only then."""
    wanted = set(lexicon.words) | {key(token) for token in at_start}  # runs, sentence starts
    for token, times in tokens.items():
        if "." in token and _DOTTED.search(token):
            lexicon.dotted.add(token.lower())
        if token.islower() and key(token) not in wanted:
            continue
        if not _is_capitalised(token):
            first = at_start.get(token, 0)
            _count(lexicon, token, times - first, first)


def _count_runs(lexicon: Lexicon, text: str, start: int, end: int, starts: set[int]) -> None:
    """Count the capitalised words of a block by their runs: words in a row, with only a space
    or a connector between spaces between them (``Board of Directors``)."""
    run: list[tuple[str, bool, bool]] = []  # (key, at a sentence start, only a space before it)
    run_end = -1
    for match in _MAY_BE_CAPITALISED.finditer(text, start, end):
        token = match.group()
        if not _is_capitalised(token):
            continue
        between = text[run_end : match.start()]
        if run and not _joins(between):
            _close_run(lexicon, run)
        run.append((key(token), match.start() in starts, between == " "))
        run_end = match.end()
    _close_run(lexicon, run)


def _joins(between: str) -> bool:
    """Whether the text between two capitalised words keeps them in one run: a space, or a
    connector word between spaces (``Board of Directors``, ``Leonardo da Vinci``)."""
    return between == " " or (
        between[:1] == " " and between[-1:] == " " and between[1:-1] in CONNECTORS
    )


def _forms(lexicon: Lexicon, word: str) -> Forms:
    forms = lexicon.words.get(word)
    if forms is None:
        forms = lexicon.words[word] = Forms()
    return forms


def _count(lexicon: Lexicon, token: str, inside: int, at_start: int) -> None:
    """Count a token that is not a capitalised word, written ``inside`` sentences and at
    ``at_start`` sentence starts."""
    if token[0].isdigit() and not any(char.isalpha() for char in token):
        return  # a number
    forms = _forms(lexicon, key(token))
    if token.islower() or (token[0].islower() and not any(c.isupper() for c in token)):
        forms.lower_start += at_start
        forms.lower += inside
    elif token.isupper() and len(token) >= 2:
        forms.upper += inside + at_start
    else:
        forms.mixed += inside + at_start


def _close_run(lexicon: Lexicon, run: list[tuple[str, bool, bool]]) -> None:
    """Count the capitalised words of a run, and empty it."""
    if not run:
        return
    if len(run) >= TITLE_RUN:
        for word, _, _ in run:
            _forms(lexicon, word).titled += 1
    else:
        for index, (word, at_start, _) in enumerate(run):
            forms = _forms(lexicon, word)
            if at_start and index == 0:
                forms.start += 1
            else:
                forms.capitalised += 1
                forms.alone += len(run) == 1
        if len(run) == 2 and run[1][2]:
            lexicon.pairs[(run[0][0], run[1][0])] += 1
    run.clear()
