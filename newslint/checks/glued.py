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

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.config.validation import option
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit

CAN_FIX = True
_TOKEN = re.compile(r"\S+")
_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_LETTERS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_NOT_PROSE = re.compile(r"[_/@#(]")
_APOSTROPHE = re.compile(r"['’]")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_CODE_LINE = re.compile(r"[{}]|;[ \t]*$|//|\s==?\s", re.M)
# A hump is [a-z][A-Z][a-z], ASCII letters only. In the text's ASCII bytes (one byte a character,
# "?" for any other) with lower-case letters written "a", capitals "B", white space " ", "?" kept
# and all else ".", it is "aBa", found by a search for the rarer "B" far faster than a
# character-class scan of the text. The white space there lets a token's start be found by one
# search back, unless a "?" (maybe non-ASCII white space) lies between.
_CASE_SHAPE = bytes(
    66
    if 65 <= i <= 90
    else 97
    if 97 <= i <= 122
    else 32
    if chr(i).isspace()
    else 63
    if i == 63
    else 46
    for i in range(256)
)
_HUMP = re.compile(rb"B(?<=aB)a")


def _ascii_bytes(doc: Document) -> bytes:
    """The text as ASCII bytes, one a character, ``?`` for any other (kept in ``doc.memo``)."""
    data = doc.memo.get(("ascii-bytes",))
    if data is None:
        data = doc.memo[("ascii-bytes",)] = doc.text.encode("ascii", "replace")
    return data


def _token_start(text: str, shape: bytes, lowest: int, at: int) -> int:
    """Where the run of non-white-space characters ending at ``at`` starts (``lowest`` at most)."""
    start = shape.rfind(b" ", lowest, at) + 1 or lowest
    if shape.find(b"?", start, at) == -1:
        return start  # only ASCII characters between: the shape shows all white space
    while at > start and not text[at - 1].isspace():
        at -= 1
    return at


def _humped_tokens(doc: Document, blocks: list[Block]) -> list[re.Match[str]]:
    """The tokens holding a join (a hump inside one block): only they can be flagged, and only
    their words are counted (a word with a join never stands in a token without one)."""
    text = doc.text
    shape = _ascii_bytes(doc).translate(_CASE_SHAPE)
    starts = [block.start for block in blocks]
    tokens = []
    end = -1
    for hump in _HUMP.finditer(shape):
        start = hump.start() - 1
        if start < end:
            continue  # in the token found last
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or start + 3 > blocks[index].end:
            continue  # not inside a block
        block = blocks[index]
        token = _TOKEN.match(text, _token_start(text, shape, block.start, start), block.end)
        tokens.append(token)
        end = token.end()
    return tokens


MESSAGE_VALUES = ("before", "after")  # for messages, besides {match}


@dataclass
class Options:
    exceptions: list[str] = field(default_factory=list)
    min_prefix: int = option(2, minimum=1)
    sentence_openers: list[str] = field(default_factory=list)
    credit_words: list[str] = field(default_factory=list)
    identifier_prefixes: list[str] = field(default_factory=list)


def _possible_join(options: Options) -> re.Pattern[str]:
    """A pattern every join that ``Check._is_join`` accepts matches, in a token by itself.

    Before an accepted join stands its prefix, the letters back to the word's start or an
    apostrophe (a non-letter): lower case first and at least ``min_prefix`` long, or else
    followed by a sentence opener (a capitalised word ending there) or itself a credit word.
    Most humps in news are camel-cased names (McDonald, YouTube) that match none of these.
    """
    lower = max(options.min_prefix, 1)
    branches = [rf"(?<![A-Za-z])(?=[a-z])[A-Za-z]{{{lower},}}(?<=[a-z])(?=[A-Z][a-z])"]
    if options.sentence_openers:
        openers = "|".join(map(re.escape, sorted(options.sentence_openers)))
        branches.append(rf"[a-z](?=[A-Z])(?:{openers})(?![a-z])")
    if options.credit_words:
        credits = "|".join(map(re.escape, sorted(options.credit_words)))
        branches.append(rf"(?<![A-Za-z])(?=[A-Z])(?:{credits})(?=[A-Z][a-z])")
    return re.compile("|".join(branches))


class Check:
    def __init__(self, options: Options) -> None:
        self.exceptions = {w.lower() for w in options.exceptions}
        self.min_prefix = options.min_prefix
        self.openers = set(options.sentence_openers)
        self.credits = set(options.credit_words)
        self.identifier_prefixes = {w.lower() for w in options.identifier_prefixes}
        self.possible_join = _possible_join(options)

    def _is_join(self, prefix: str, suffix_word: str) -> bool:
        if prefix.lower() in self.identifier_prefixes:
            return False
        if prefix[0].islower():
            return len(prefix) >= self.min_prefix and prefix.isalpha()
        return suffix_word in self.openers or prefix in self.credits

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        tokens = _humped_tokens(doc, blocks)
        # The tokens' texts, each on its own line: their words counted by one search, and the
        # few tokens that may hold a join (``_possible_join``) found by another.
        texts = [match.group() for match in tokens]
        lines = "\n".join(texts)
        seen = Counter(_LETTERS.findall(lines))
        ends = list(itertools.accumulate(len(token) + 1 for token in texts))
        possible = self.possible_join.finditer(lines)
        chosen = sorted({bisect.bisect(ends, match.start()) for match in possible})
        code_lines: dict[tuple[int, int], bool] = {}
        for match, token in ((tokens[i], texts[i]) for i in chosen):
            if "." in token.strip(".") or _NOT_PROSE.search(token):
                continue  # domains, paths, handles, hashtags, code
            for word in _LETTERS.finditer(token):
                joined = word.group()
                if joined.lower() in self.exceptions or seen[joined] > 1:
                    continue
                if len(_JOIN.findall(joined)) > 1:
                    continue  # showDeathMessages: an identifier
                for join in _JOIN.finditer(joined):
                    prefix = _APOSTROPHE.split(joined[: join.start()])[-1]
                    suffix_word = _LETTERS.match(joined, join.start()).group()
                    suffix_word = _CAPITALISED.match(suffix_word).group()
                    if not self._is_join(prefix, suffix_word):
                        continue
                    # tested last as it costs most; a token on a code line yields nothing
                    line = doc.line_span(match.start())
                    if line not in code_lines:
                        code_lines[line] = bool(_CODE_LINE.search(text, *line))
                    if code_lines[line]:
                        break
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
