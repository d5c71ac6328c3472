"""Sentence boundaries in news prose, aware of abbreviations, initials and ellipses."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
# A sentence end: marks ([.!?]+ or …) with closing quotes/brackets then white space, or a blank
# line. The same matches as ``(?:[.!?]+|…)[\"”’'»)\]]*\s+|\n[ \t]*\n``, written to open with one
# character class, which the regex engine skips to in C (about four times faster); the empty
# group 1 marks the end of the marks and closers (unset for a blank line).
_END = re.compile(r"[.!?…\n](?:(?:(?<=[.!?])[.!?]*|(?<=…))[\"”’'»)\]]*()\s+|(?<=\n)[ \t]*\n)")
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
    start = _WORD_TAIL.search(text, low, end).start()  # [^...]*\Z always matches
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


# Several checks split the same blocks into sentences; the starts found for the text last asked
# about are kept (keyed by the text itself, so that threads never mix texts up).
_CACHE_LIMIT = 4096
_cache: dict[tuple[str, int, int], tuple[int, ...]] = {}
_cached_text: list[str | None] = [None]


def sentence_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where sentences begin in ``text[start:end]`` (first letter or digit)."""
    key = (text, start, end)
    starts = _cache.get(key)
    if starts is None:
        if _cached_text[0] is not text or len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
            _cached_text[0] = text
        starts = _cache[key] = _find_starts(text, start, end)
    return iter(starts)


def _find_starts(text: str, start: int, end: int) -> tuple[int, ...]:
    first = _LEAD.match(text, start, end)
    starts = [first.end() if first else start]
    lead = _LEAD.match
    for match in _END.finditer(text, start, end):
        punct_end = match.end(1)
        if punct_end < 0 or ends_sentence(text, match.start(), punct_end):  # < 0: blank line
            after = lead(text, match.end(), end).end()
            if after < end:
                starts.append(after)
    return tuple(starts)


def is_sentence_start(text: str, offset: int, block_start: int) -> bool:
    """Whether the word at ``offset`` opens a sentence (checks only what precedes it)."""
    lead_start = offset
    while lead_start > block_start and text[lead_start - 1] in " \t\r\n\"“‘'«([*_>":
        lead_start -= 1
    if lead_start == block_start:
        return True
    if text[lead_start - 1] == "\n":
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
    starts = list(sentence_starts(text, start, end))
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans
