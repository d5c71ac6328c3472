"""Kind ``glued``: a caption or credit glued to the next sentence (``austinSpeaking``).

A join is a lower-case letter followed by a capitalised word inside one token. Camel-cased names
(iPhone, YouTube, McDonald, DeSantis) are not joins: a prefix shorter than ``min_prefix`` or a
capitalised prefix is accepted unless the word after it is a typical sentence opener, and every
token the document repeats, or that ``exceptions`` lists, is left alone. Program identifiers
are not joins either: a token with several humps (``showDeathMessages``), one called like a
function (``formData()``), one on a code line, or one whose prefix is a typical identifier verb or
preposition (``withCredentials``, ``setUp``: ``identifier_prefixes``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Block, Document
from newslint.model import Edit, Hit

CAN_FIX = True
_TOKEN = re.compile(r"\S+")
_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_LETTERS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_HUMP = re.compile(r"[a-z][A-Z][a-z]")
_CODE_LINE = re.compile(r"[{}]|;[ \t]*$|//|\s==?\s", re.M)


def _humped_tokens(text: str, blocks: list[Block]) -> list[re.Match[str]]:
    """The tokens holding a join: only they can be flagged, and only their words are counted
    (a word with a join never stands in a token without one)."""
    tokens = []
    for block in blocks:
        end = block.start
        for hump in _HUMP.finditer(text, block.start, block.end):
            start = hump.start()
            if start < end:
                continue  # in the token found last
            while start > block.start and not text[start - 1].isspace():
                start -= 1
            token = _TOKEN.match(text, start, block.end)
            tokens.append(token)
            end = token.end()
    return tokens


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_prefix: int = 2
    sentence_openers: list[str] = field(default_factory=list)
    credit_words: list[str] = field(default_factory=list)
    identifier_prefixes: list[str] = field(default_factory=list)


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = {w.lower() for w in options.exceptions}
        self.min_prefix = options.min_prefix
        self.openers = set(options.sentence_openers)
        self.credits = set(options.credit_words)
        self.identifier_prefixes = {w.lower() for w in options.identifier_prefixes}

    def _is_join(self, prefix: str, suffix_word: str) -> bool:
        if prefix.lower() in self.identifier_prefixes:
            return False
        if prefix[0].islower():
            return len(prefix) >= self.min_prefix and prefix.isalpha()
        return suffix_word in self.openers or prefix in self.credits

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        tokens = _humped_tokens(text, blocks)
        seen = Counter(word for m in tokens for word in _LETTERS.findall(m.group()))
        code_lines: dict[tuple[int, int], bool] = {}
        for match in tokens:
            token = match.group()
            if "." in token.strip(".") or any(c in token for c in "_/@#("):
                continue  # domains, paths, handles, hashtags, code
            line = doc.line_span(match.start())
            if line not in code_lines:
                code_lines[line] = bool(_CODE_LINE.search(text, *line))
            if code_lines[line]:
                continue
            for word in _LETTERS.finditer(token):
                joined = word.group()
                if joined.lower() in self.exceptions or seen[joined] > 1:
                    continue
                if len(_JOIN.findall(joined)) > 1:
                    continue  # showDeathMessages: an identifier
                for join in _JOIN.finditer(joined):
                    prefix = re.split(r"['’]", joined[: join.start()])[-1]
                    suffix_word = _LETTERS.match(joined, join.start()).group()
                    suffix_word = re.match(r"[A-Z][a-z]+", suffix_word).group()
                    if not self._is_join(prefix, suffix_word):
                        continue
                    at = match.start() + word.start() + join.start()
                    start = match.start() + word.start()
                    end = match.start() + word.end()
                    yield Hit(
                        start,
                        end,
                        {"match": text[start:end], "before": text[start:at], "after": suffix_word},
                        (Edit(at, at, doc.newline * 2),),
                    )
                    break
