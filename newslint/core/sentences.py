"""Sentence boundaries in news prose, aware of abbreviations, initials and ellipses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.core.lines import BREAK_CHARS

_LEAD_CHARS = " \t" + BREAK_CHARS + "\"“‘'«([*_>"  # what may stand before a sentence's word

# After these a full stop never ends a sentence: a title or a word that introduces what follows
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "rep",
        "sen",
        "gov",
        "lt.gov",
        "pres",
        "supt",
        "rev",
        "hon",
        "fr",
        "vs",
        "v",
        "cf",
        "e.g",
        "i.e",
        "approx",
        "ca",
    ]
)
# After these a full stop ends a sentence only when a capitalised sentence opener follows
# ("He works at the U.N. His wife ..."; "Apple Inc. said", "the Jan. 6 committee", "No. 2")
ENDING_ABBREVIATIONS = frozenset(
    [
        "st",
        "ave",
        "blvd",
        "rd",
        "mt",
        "ft",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "p",
        "pp",
        "ch",
        "sec",
        "art",
        "op",
        "ed",
        "eds",
        "est",
        "dept",
        "univ",
        "assn",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "etc",
        "al",
        "min",
        "mins",
        "hr",
        "hrs",
        "sq",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
    ]
)
# The same, but only written with a capital: otherwise they are words ("ill.", "wash.", "sat.")
CAPITALISED_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "kans",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nebr",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wash",
        "wis",
        "wisc",
        "wyo",
    ]
)
ABBREVIATIONS = TITLES | ENDING_ABBREVIATIONS | CAPITALISED_ABBREVIATIONS
# Words that open a sentence after an abbreviation that may end one
SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "with",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "every",
        "one",
        "two",
        "three",
        "not",
        "no",
        "nor",
        "what",
        "who",
        "why",
        "how",
        "where",
        "here",
        "now",
        "today",
        "yesterday",
        "still",
        "also",
        "however",
        "meanwhile",
        "later",
        "instead",
    ]
)
_TIME_ABBREVIATIONS = frozenset(["a.m", "p.m"])
# after a time, a capitalised word that belongs to it ("5 p.m. Monday", "9 a.m. EST")
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _sure_end() -> str:
    """A pattern, tried just after a mark followed by white space, that holds only where
    ``ends_sentence`` accepts the mark whatever follows: ``?`` or ``!`` after a letter or digit,
    or ``.`` after a run R of two ASCII letters or digits or more that is not an
    abbreviation's tail, does not end in two capitals and is not two letters after a full stop.

    Why ``.`` then always ends a sentence: the mark is the full stop alone (white space
    follows), not after ``". "``; the word W before it ends with R. W is no initialism
    (parts of one or two letters between full stops: R would have one letter, or two after a
    full stop) and no acronym (ending in two capitals), and W is an abbreviation only if
    ``W.lower()`` (or, with leading digits, a dotted rest of it: ``9p.m``) is listed. W is R
    when a space, ``(“"‘`` or the text's start comes before R. Else the character before R is
    no ASCII letter or digit (R is the whole run): an ASCII one puts it in W, and the only
    listed words with such a character and a final run of two or more are "lt.gov", whose run
    "gov" is listed, and initialisms after a party's letter ("D-Minn", whose "minn" is
    listed); a non-ASCII one lowers to ASCII only for the Kelvin sign (→ "k"), so W may read
    as a listed word whose tail after a "k" is R — those tails are refused too (``(?i)`` folds
    the Kelvin sign as well; either suffices). The refusal ignores case; refusing more than
    needed only sends an end the slow way.
    """
    tails = {word for word in ABBREVIATIONS if "." not in word and len(word) >= 2}
    tails |= {word[i + 1 :] for word in ABBREVIATIONS for i, char in enumerate(word) if char == "k"}
    tails = {tail for tail in tails if len(tail) >= 2}
    by_length: dict[int, list[str]] = {}
    for tail in sorted(tails):
        by_length.setdefault(len(tail), []).append(tail)
    refused = "".join(
        rf"(?<![^A-Za-z0-9](?i:{'|'.join(words)})\.)(?<!^(?i:{'|'.join(words)})\.)"
        for _, words in sorted(by_length.items())
    )
    refused += r"(?<![A-Z]{2}\.)(?<!\.[A-Za-z]{2}\.)"  # an acronym (ID.), an initialism (B.Sc.)
    return rf"(?:(?<=[A-Za-z0-9]{{2}}\.){refused}|(?<=[A-Za-z0-9][?!]))"


# A sentence end: marks ([.!?]+ or …) with closing quotes/brackets and citations ("[12]") then
# white space, or a blank line. The same matches as
# ``(?:[.!?]+|…)[\"”’'»)\]]*(?:\[\d{1,4}\][\"”’'»)\]]*)*\s+|\n[ \t]*\n``, written to open with one
# character class, which the regex engine skips to in C (about four times faster). Group 2 marks
# the end of the marks and closers (unset for a blank line). Group 1 is set instead for an end
# that ``ends_sentence`` is sure to accept (see ``_sure_end``); such a match spans exactly what
# the second branch would, so the matches found are the same.
_CLOSERS = r"[\"”’'»)\]]*(?:\[\d{1,4}\][\"”’'»)\]]*)*"  # closing quotes, brackets, citations
_END = re.compile(
    r"[.!?…\n](?:" + _sure_end() + r"(?=\s)()\s+"
    r"|(?:(?<=[.!?])[.!?]*|(?<=…))" + _CLOSERS + r"()\s+|(?<=\n)[ \t]*\n)"
)
# parts of one or two letters between full stops (Ph.D, U.S, W.H.O, B.Sc), or one letter (J)
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.)*[A-Za-z]{1,2}")
_PARTY = re.compile(r"[A-Z]-(?=[A-Z])")  # the party before a state: D-N.Y, R-Texas, D-Minn
_LEADING_DIGITS = re.compile(r"[\d:]+(?=[^\W\d_][\w]*\.)")  # 9p.m, 8:30a.m
_MARKS = re.compile(r"[.!?]+|…")
_CITATION = re.compile(r"\[\d{1,4}\]")
_NEXT_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LEAD = re.compile(r"[\s\"“‘'«(\[*_>#-]*(?:\d{1,3}[.)]\s+)?[\s\"“‘'«(\[*_]*")
_QUOTE_MARK = re.compile(r"[\"”’'»]")
_MARK_BEFORE = re.compile(r"(?:[.!?]+|…)" + _CLOSERS + "$")
# the end of the word before a full stop: what follows the last space or opening quote/bracket
_WORD_TAIL = re.compile(r"[^\s(“\"‘]*\Z")
_WORD_WINDOW = 16


def _word_start(text: str, end: int) -> int:
    """Start of the word ending at ``end``: after the last space or ``(“"‘`` before it.

    One C-level search over the last few characters; only a word longer than that window
    falls back to walking back character by character (same delimiters, same result).
    """
    low = max(0, end - _WORD_WINDOW)
    tail = _WORD_TAIL.search(text, low, end)
    assert tail is not None  # [^...]*\Z always matches
    start = tail.start()
    if start > low or low == 0:
        return start
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '(“"‘':
        start -= 1
    return start


def ends_sentence(text: str, punct_start: int, punct_end: int, next_at: int | None = None) -> bool:
    """Whether the punctuation ``text[punct_start:punct_end]`` closes a sentence; ``next_at``
    is where the next sentence would start (its first letter or digit). Without it, an
    abbreviation that ends a sentence only before a sentence opener (U.S., Inc., a.m.) is
    taken not to end one."""
    mark = text[punct_start:punct_end]
    if mark == ".":  # the common case, decided as below with the tests that can apply
        if text[max(0, punct_start - 2) : punct_start] == ". ":
            return False
        return _full_stop_ends(_word_before(text, punct_start), text, next_at)
    if "[" in mark:
        mark = _CITATION.sub("", mark)  # “… vital.”[12] The
    if "…" in mark or ".." in mark or text[max(0, punct_start - 2) : punct_start] == ". ":
        return False  # an ellipsis (also ". . .") trails off; the sentence may go on
    if "?" in mark or "!" in mark:
        return not _QUOTE_MARK.search(mark)  # “Are you?” she asked.
    if _QUOTE_MARK.search(mark) and not _capitalised_at(text, next_at):
        return False  # “I’m here.” he said — attribution follows
    return _full_stop_ends(_word_before(text, punct_start), text, next_at)


def _capitalised_at(text: str, at: int | None) -> bool:
    return at is not None and at < len(text) and text[at].isupper()


def _full_stop_ends(word: str, text: str, next_at: int | None) -> bool:
    """Whether a full stop after ``word`` ends a sentence whose successor starts at
    ``next_at`` (see :func:`ends_sentence`)."""
    kind = abbreviation_kind(word)
    if kind is None:
        return True
    if kind == "title":
        return False
    if kind == "acronym":  # The ID. models; joined NATO. The alliance
        return next_at is not None and next_at < len(text) and not text[next_at].islower()
    found = _NEXT_WORD.match(text, next_at) if next_at is not None else None
    if found is None or not found.group()[0].isupper():
        return False
    following = found.group().lower()
    if kind == "time":  # at 5 p.m. Officials left; at 5 p.m. Monday
        return following not in _TIME_WORDS and not found.group().isupper()
    return following in SENTENCE_OPENERS


def abbreviation_kind(word: str) -> str | None:
    """What a full stop after ``word`` may be besides a sentence end: "title" (never an end:
    Dr., Sen., e.g.), "time" (a.m., p.m.), "ending" (an end only before a sentence opener:
    U.S., Inc., Ph.D., D-N.Y., J.), "acronym" (an end unless lower case follows: ID., NATO.)
    or None (a sentence end)."""
    if not word:
        return None
    lowered = word.lower()
    if "." in word and (digits := _LEADING_DIGITS.match(word)):
        word = word[digits.end() :]  # 9p.m
        lowered = word.lower()
    if lowered in TITLES:
        return "title"
    if lowered in _TIME_ABBREVIATIONS:
        return "time"
    if lowered in ENDING_ABBREVIATIONS or (
        word[0].isupper() and lowered in CAPITALISED_ABBREVIATIONS
    ):
        return "ending"
    party = _PARTY.match(word)
    bare = word[party.end() :] if party else word  # D-N.Y
    if bare != word and (bare.lower() in CAPITALISED_ABBREVIATIONS or bare.isupper()):
        return "ending"
    if (len(bare) == 1 or "." in bare) and _INITIALISM.fullmatch(bare):
        return "ending"  # an initial or an initialism
    if len(word) >= 2 and word[-2:].isascii() and word[-2:].isupper() and word[-2:].isalpha():
        return "acronym"
    return None


def _word_before(text: str, end: int) -> str:
    """The word ending at ``end``: what follows the last space or ``(“"‘`` before it."""
    space = text.rfind(" ", max(0, end - _WORD_WINDOW), end)
    if space >= 0:
        word = text[space + 1 : end]
        if word.isalnum():  # no other delimiter inside: the common case, decided in C
            return word
    return text[_word_start(text, end) : end]


# Several checks split the same blocks into sentences; the starts and spans found for the text
# last asked about are kept (keyed by the text itself, so that threads never mix texts up).
_CACHE_LIMIT = 4096
_Split = tuple[tuple[int, ...], list[tuple[int, int]]]
_cache: dict[tuple[str, int, int], _Split] = {}
_cached_text: list[str | None] = [None]


def _split(text: str, start: int, end: int) -> _Split:
    key = (text, start, end)
    found = _cache.get(key)
    if found is None:
        if _cached_text[0] is not text or len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
            _cached_text[0] = text
        found = _cache[key] = _find(text, start, end)
    return found


def sentence_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where sentences begin in ``text[start:end]`` (first letter or digit)."""
    return iter(_split(text, start, end)[0])


def _find(text: str, start: int, end: int) -> _Split:
    """Sentence starts, and spans: from each start to the next (or ``end``), trailing white
    space excluded, empty ones left out.

    A span's end is known without a search back when the next start directly follows the
    end's white space: the marks and closers before that space are no white space.
    """
    first = _LEAD.match(text, start, end)
    starts = [first.end() if first else start]
    ends: list[int] = []  # the trimmed end of each sentence but the last, or -1: not known
    lead = _LEAD.match
    for match in _END.finditer(text, start, end):
        after = lead(text, match.end(), end).end()  # type: ignore[union-attr] # it matches ""
        punct_end = match.end(1)  # set: a sure end
        if punct_end < 0:
            punct_end = match.end(2)  # unset: a blank line
            if punct_end >= 0 and not ends_sentence(text, match.start(), punct_end, after):
                continue
        if after < end:
            starts.append(after)
            ends.append(punct_end if after == match.end() and punct_end >= 0 else -1)
    ends.append(-1)
    spans = []
    for i, s in enumerate(starts):
        e = ends[i]
        if e < 0:
            e = starts[i + 1] if i + 1 < len(starts) else end
            while e > s and text[e - 1].isspace():
                e -= 1
        if e > s:
            spans.append((s, e))
    return tuple(starts), spans


def is_sentence_start(text: str, offset: int, block_start: int) -> bool:
    """Whether the word at ``offset`` opens a sentence (checks only what precedes it)."""
    lead_start = offset
    while lead_start > block_start and text[lead_start - 1] in _LEAD_CHARS:
        lead_start -= 1
    if lead_start == block_start:
        return True
    if text[lead_start - 1] in BREAK_CHARS:
        return False
    punct = _MARK_BEFORE.search(text, max(block_start, lead_start - 60), lead_start)
    if not punct:
        return False
    p_start = punct.start()
    p_end = p_start + _MARKS.match(punct.group()).end()  # type: ignore[union-attr]
    if _QUOTE_MARK.search(text, p_start, lead_start):
        return ends_sentence(text, p_start, lead_start, offset)
    return ends_sentence(text, p_start, p_end, offset)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, trailing space excluded."""
    return list(_split(text, start, end)[1])
