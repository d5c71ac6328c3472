"""Kind ``glued``: a caption or credit glued to the next sentence (``austinSpeaking``), or two
words run together inside a sentence (``inLas Vegas``, ``playwrightHenrik Ibsen``).

A join is a lower-case letter followed by a capitalised word inside one token. Camel-cased names
(iPhone, YouTube, McDonald, DeSantis) are not joins: a prefix shorter than ``min_prefix`` or a
capitalised prefix is accepted unless the word after it is a typical sentence opener, and every
word that the rule's blocks hold twice in tokens with a join, or that ``exceptions`` lists, is
left alone; a capitalised prefix is a join also where the words before it in its sentence
are a caption in title case (``Bags of Ammonium Nitrate FertilizerOfficers said``) or a credit
(``Photo: AmazonOne of``). Program identifiers are not joins either: a token with several humps
(``showDeathMessages``), one called like a function (``formData()``), one on a code line, or one
whose prefix is a typical identifier verb or preposition (``withCredentials``, ``setUp``:
``identifier_prefixes``), and a name particle (``diCaprio``: ``name_particles``) is no join.

The join is told by what it splits: after a function word (``of``, ``in``: ``function_words``),
which ends no caption, or before a capitalised word that is no sentence opener followed by
another capitalised word (a name runs on), two words ran together and need a space; otherwise a
caption or credit needs a paragraph break (the document's own paragraph separator).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lexicon import CONNECTORS
from newslint.core.model import Edit, Hit
from newslint.core.sentences import sentence_starts

CAN_FIX = True
MESSAGE_VALUES = ("before", "after", "what", "how")  # for messages, besides {match}
_TOKEN = re.compile(r"\S+")
_HUMP = re.compile(r"[A-Z](?<=[a-z][A-Z])(?=[a-z])")  # [a-z][A-Z][a-z], at its capital
_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_LETTERS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_NOT_PROSE = re.compile(r"[_/@#(]")
_APOSTROPHE = re.compile(r"['’]")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_CODE_LINE = re.compile(r"[{}]|;[ \t]*$|(?<![:/])//|\s==?\s", re.M)  # not a URL's //
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
CAPTION = ("Caption or credit glued to the next sentence", "with a paragraph break")
WORDS = ("Two words run together", "with a space")


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_prefix: int = option(2, minimum=1)
    sentence_openers: list[str] = field(default_factory=list)
    credit_words: list[str] = field(default_factory=list)
    identifier_prefixes: list[str] = field(default_factory=list)
    function_words: list[str] = field(default_factory=list)
    name_particles: list[str] = field(default_factory=list)


def _humped_tokens(text: str, blocks: list[Block]) -> Iterator[re.Match[str]]:
    """The tokens (runs of non-white-space inside a block) holding a join."""
    if not blocks:
        return
    starts = [block.start for block in blocks]
    end = 0
    for hump in _HUMP.finditer(text, blocks[0].start, blocks[-1].end):
        start = hump.start() - 1
        block = blocks[bisect.bisect_right(starts, start) - 1]
        if start < max(end, block.start) or hump.end() + 1 > block.end:
            continue  # in the token found last, or not inside a block
        while start > block.start and not text[start - 1].isspace():
            start -= 1
        token = _TOKEN.match(text, start, block.end)
        assert token is not None
        end = token.end()
        yield token


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = {w.lower() for w in options.exceptions}
        self.min_prefix = options.min_prefix
        self.openers = set(options.sentence_openers)
        self.credits = set(options.credit_words)
        self.identifier_prefixes = {w.lower() for w in options.identifier_prefixes}
        self.function_words = set(options.function_words)
        self.particles = set(options.name_particles)

    def _is_join(self, prefix: str, suffix_word: str) -> bool:
        if prefix in self.particles:
            return False
        if prefix in self.function_words:
            return True
        if prefix.lower() in self.identifier_prefixes:
            return False
        if prefix[0].islower():
            return len(prefix) >= self.min_prefix and prefix.isalpha()
        return suffix_word in self.openers or prefix in self.credits

    def _after_caption(self, doc: Document, start: int, end: int) -> bool:
        """Whether the capitalised word at ``start`` (to ``end``) ends a caption in title case
        glued to a sentence: the words before it from its line's start are two capitalised
        words or more (letters only; connectors such as ``of`` between them), or a credit word
        with a colon (``Photo:``) opens its sentence, and a lower-case word follows it (the
        sentence goes on)."""
        text = doc.text
        next_word = _NEXT_WORD.match(text, end)
        if next_word is None or not next_word.group(1)[:1].islower():
            return False
        line_start = doc.line_span(start)[0]
        sentence_start = max(sentence_starts(text, line_start, start), default=line_start)
        lead = text[sentence_start:start].split()
        if lead and lead[-1].endswith(":") and lead[-1][:-1] in self.credits:
            return True
        if sentence_start != line_start:
            return False  # a caption opens its line
        capitalised = [word for word in lead if _TITLE_WORD.fullmatch(word)]
        return len(capitalised) >= 2 and all(
            word in CONNECTORS for word in lead if not _TITLE_WORD.fullmatch(word)
        )

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        tokens = list(_humped_tokens(doc.text, blocks))
        seen = Counter(word for token in tokens for word in _LETTERS.findall(token.group()))
        code_lines: dict[tuple[int, int], bool] = {}
        for token in tokens:
            text = token.group()
            if "." in text.strip(".") or _NOT_PROSE.search(text):
                continue  # domains, paths, handles, hashtags, code
            for word in _LETTERS.finditer(text):
                joined = word.group()
                if joined.lower() in self.exceptions or seen[joined] > 1:
                    continue
                hit = self._join(doc, token.start() + word.start(), joined, code_lines)
                if hit is not None:
                    yield hit

    def _join(
        self, doc: Document, start: int, word: str, code_lines: dict[tuple[int, int], bool]
    ) -> Hit | None:
        """The finding for ``word`` (at ``start``) if it holds a join: its first accepted one."""
        joins = list(_JOIN.finditer(word))
        if len(joins) != 1:
            return None  # none, or several: showDeathMessages is an identifier
        at = joins[0].start()
        prefix = _APOSTROPHE.split(word[:at])[-1]
        suffix = _CAPITALISED.match(word, at)
        assert suffix is not None
        if not self._is_join(prefix, suffix.group()) and not (
            prefix[0].isupper() and self._after_caption(doc, start, start + len(word))
        ):
            return None
        line = doc.line_span(start)
        if line not in code_lines:
            code_lines[line] = bool(_CODE_LINE.search(doc.text, *line))
        if code_lines[line]:
            return None  # a token on a code line
        end = start + len(word)
        next_word = _NEXT_WORD.match(doc.text, end)
        runs_on = next_word is not None and next_word.group(1)[:1].isupper()
        words = prefix in self.function_words or (
            runs_on and suffix.group() not in self.openers and prefix not in self.credits
        )
        what, how = WORDS if words else CAPTION
        values = {"match": word, "before": doc.text[start : start + at], "after": suffix.group()}
        values |= {"what": what, "how": how}
        separator = " " if words else doc.paragraph_break
        return Hit(start, end, values, (Edit(start + at, start + at, separator),))
