"""Sentence boundaries in news prose, aware of abbreviations, initials and ellipses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.core.lines import BREAK_CHARS

_LEAD_CHARS = " \t" + BREAK_CHARS + "\"“‘'«([*_>"  # what may stand before a sentence's word

ABBREVIATIONS = frozenset(
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
        "approx",
        "dept",
        "univ",
        "assn",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "vs",
        "v",
        "etc",
        "al",
        "cf",
        "ca",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
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


def _sure_end() -> str:
    """A pattern, tried just after a mark followed by white space, that holds only where
    ``ends_sentence`` accepts the mark: ``?`` or ``!`` after a letter or digit, or ``.`` after
    a run R of two ASCII letters or digits or more that is not an abbreviation's tail.

    Why ``.`` then always ends a sentence: the mark is the full stop alone (white space
    follows), not after ``". "``; the word W before it ends with R, so W+"." is no run of
    initials (those end in one letter after a full stop), and W is an abbreviation only if
    ``W.lower()`` is listed. W is R when a space, ``(“"‘`` or the text's start comes before R.
    Else the character before R is no ASCII letter or digit (R is the whole run): an ASCII
    one puts it in W, and the only listed word with such a character and a final run of two
    or more is "lt.gov", whose run "gov" is listed; a non-ASCII one lowers to ASCII only for
    the Kelvin sign (→ "k"), so W may read as a listed word whose tail after a "k" is R —
    those tails are refused too (``(?i)`` folds the Kelvin sign as well; either suffices).
    The refusal ignores case; refusing more than needed only sends an end the slow way.
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
    return rf"(?:(?<=[A-Za-z0-9]{{2}}\.){refused}|(?<=[A-Za-z0-9][?!]))"


# A sentence end: marks ([.!?]+ or …) with closing quotes/brackets then white space, or a blank
# line. The same matches as ``(?:[.!?]+|…)[\"”’'»)\]]*\s+|\n[ \t]*\n``, written to open with one
# character class, which the regex engine skips to in C (about four times faster). Group 2 marks
# the end of the marks and closers (unset for a blank line). Group 1 is set instead for an end
# that ``ends_sentence`` is sure to accept (see ``_sure_end``); such a match spans exactly what
# the second branch would, so the matches found are the same.
_END = re.compile(
    r"[.!?…\n](?:" + _sure_end() + r"(?=\s)()\s+"
    r"|(?:(?<=[.!?])[.!?]*|(?<=…))[\"”’'»)\]]*()\s+|(?<=\n)[ \t]*\n)"
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")
_LEAD = re.compile(r"[\s\"“‘'«(\[*_>#-]*(?:\d{1,3}[.)]\s+)?[\s\"“‘'«(\[*_]*")
_QUOTE_MARK = re.compile(r"[\"”’'»]")
_MARK_BEFORE = re.compile(r"(?:[.!?]+|…)[\"”’'»)\]]*$")
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


def ends_sentence(text: str, punct_start: int, punct_end: int) -> bool:
    """Whether the punctuation ``text[punct_start:punct_end]`` closes a sentence."""
    mark = text[punct_start:punct_end]
    if mark == ".":  # the common case, decided as below with the tests that can apply
        if text[max(0, punct_start - 2) : punct_start] == ". ":
            return False
        return not _is_abbreviation(_word_before(text, punct_start))
    if "…" in mark or ".." in mark or text[max(0, punct_start - 2) : punct_start] == ". ":
        return False  # an ellipsis (also ". . .") trails off; the sentence may go on
    if "?" in mark or "!" in mark:
        return not _QUOTE_MARK.search(mark)  # “Are you?” she asked.
    if _QUOTE_MARK.search(mark):
        return False  # “I’m here.” he said — attribution follows
    return not _is_abbreviation(_word_before(text, punct_start))


def _word_before(text: str, end: int) -> str:
    """The word ending at ``end``: what follows the last space or ``(“"‘`` before it."""
    space = text.rfind(" ", max(0, end - _WORD_WINDOW), end)
    if space >= 0:
        word = text[space + 1 : end]
        if word.isalnum():  # no other delimiter inside: the common case, decided in C
            return word
    return text[_word_start(text, end) : end]


def _is_abbreviation(word: str) -> bool:
    """Whether a full stop after ``word`` belongs to it (Dr., U.S., Gen. Mark A. Milley)."""
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1:  # an initial (A.) or a single capital
        return bool(_INITIALS.fullmatch(word + ".")) or (word.isalpha() and word.isupper())
    # initials with two letters or more (U.S) alternate letters and full stops
    return "." in word and bool(_INITIALS.fullmatch(word + "."))


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
        punct_end = match.end(1)  # set: a sure end
        if punct_end < 0:
            punct_end = match.end(2)  # unset: a blank line
            if punct_end >= 0 and not ends_sentence(text, match.start(), punct_end):
                continue
        after = lead(text, match.end(), end).end()  # type: ignore[union-attr] # it matches ""
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
    p_end = p_start + len(punct.group().rstrip("\"”’'»)]"))
    if _QUOTE_MARK.search(text, p_start, lead_start):
        return ends_sentence(text, p_start, lead_start)
    return ends_sentence(text, p_start, p_end)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, trailing space excluded."""
    return list(_split(text, start, end)[1])
