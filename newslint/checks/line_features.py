"""Plain-text features of the lines of a document, with what corpus evidence says of them.

One place for the learned line model (:mod:`newslint.checks.line_model`) and the script that
trains it (``benchmarks/train_line_model.py``): both read lines through :func:`line_features`.
Each line with text gets :data:`NAMES` features, numbers of comparable size (logs of lengths
and counts, shares, 0/1 flags).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence

import regex

from newslint.core.site_evidence import LONG_UNIT_WORDS, SiteEvidence

FEATURES_VERSION = 2
NAMES = (
    "log_chars",
    "log_words",
    "ends_terminal",
    "ends_colon",
    "starts_upper",
    "upper_share",
    "title_share",
    "digit_share",
    "punct_share",
    "has_link",
    "has_separator",
    "has_copyright",
    "has_date",
    "sentences",
    "mean_word_length",
    "stopword_share",
    "position",
    "first_or_last",
    "log_gap_to_prose",
    "prev_log_chars",
    "next_log_chars",
    "prev_terminal",
    "next_terminal",
    "log_others",
    "share",
    "neighbour_log_others",
    "neighbour_share",
    "repeated_run",
    "log_short_run",
    "outside_body",
    "prose_before",
    "prose_after",
    "window_log_chars",
    "window_terminal",
)
_FUNCTION_WORDS = (
    "a an the of to in on at for with by from and or but as is are was were be been has have had"
    " it its this that these those he she they we you i his her their our not no said says will"
    " would could can after before about into over than then there which who when where while"
)
_STOPWORDS = frozenset(_FUNCTION_WORDS.split(" "))
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER = regex.compile(r"\p{L}")
_UPPER = regex.compile(r"\p{Lu}")
_CAPITALISED = regex.compile(r"(?<![\p{L}'’])\p{Lu}")  # words starting with a capital
_DIGIT = re.compile(r"\d")
_MARK = regex.compile(r"[^\p{L}\p{N}\s]")
_LINK = re.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b", re.I)
_SEPARATOR = re.compile(r"[|•·»›/]\s|\s[|•·»›/]")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\b(?:19|20)\d\d\b|\b\d+ (?:minutes?|hours?|days?) ago\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+[\"“‘(\[]?[A-Z]")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")")


def _log(value: float) -> float:
    return math.log1p(max(0.0, value))


def _text_features(line: str) -> list[float]:
    """The line's own shape; characters are counted by regular expressions (C loops)."""
    words = _WORD.findall(line)
    n_words = len(words)
    letters = len(_LETTER.findall(line))
    length = len(line)
    capitalised = len(_CAPITALISED.findall(line))
    return [
        _log(length),
        _log(n_words),
        float(line.endswith(_TERMINAL)),
        float(line.endswith(":")),
        float(line[:1].isupper()),
        len(_UPPER.findall(line)) / letters if letters else 0.0,
        capitalised / n_words if n_words else 0.0,
        len(_DIGIT.findall(line)) / length,
        len(_MARK.findall(line)) / length,
        float(_LINK.search(line) is not None),
        float(_SEPARATOR.search(line) is not None),
        float("©" in line or "copyright" in line.lower()),
        float(_DATE.search(line) is not None),
        _log(len(_SENTENCE_END.findall(line))),
        (letters / n_words / 10 if n_words else 0.0),
        sum(w.lower() in _STOPWORDS for w in words) / n_words if n_words else 0.0,
    ]


def _is_prose(line: str) -> bool:
    return line.count(" ") + 1 >= LONG_UNIT_WORDS and line.endswith(_TERMINAL)


def _gaps_to_prose(lines: Sequence[str]) -> list[int]:
    """For each line, how many lines away the nearest prose line is (len(lines) if none)."""
    far = len(lines)
    gaps = [far] * len(lines)
    last = -far
    for i, line in enumerate(lines):
        if _is_prose(line):
            last = i
        gaps[i] = i - last
    last = 2 * far
    for i in range(len(lines) - 1, -1, -1):
        if _is_prose(lines[i]):
            last = i
        gaps[i] = min(gaps[i], last - i)
    return gaps


def line_features(
    lines: Sequence[str], view: SiteEvidence | None, wanted: Collection[int] | None = None
) -> dict[int, list[float]]:
    """The features of ``lines`` (the stripped lines with text of one document, in order) by
    index: of the ``wanted`` indexes only (default: all). With no ``view``, evidence features
    are 0."""
    evidence = [_evidence(line, view) for line in lines]
    gaps = _gaps_to_prose(lines)
    layout = _layout(lines)
    last = len(lines) - 1
    rows = {}
    for i in range(len(lines)) if wanted is None else sorted(wanted):
        line = lines[i]
        prev_line = lines[i - 1] if i > 0 else ""
        next_line = lines[i + 1] if i < last else ""
        neighbours = [evidence[j] for j in (i - 1, i + 1) if 0 <= j <= last] or [(0.0, 0.0)]
        run = sum(1 for j in range(max(0, i - 2), min(last, i + 2) + 1) if evidence[j][0] > 0)
        rows[i] = [
            *_text_features(line),
            i / last if last else 0.0,
            float(i in (0, last)),
            _log(gaps[i]),
            _log(len(prev_line)),
            _log(len(next_line)),
            float(prev_line.endswith(_TERMINAL)),
            float(next_line.endswith(_TERMINAL)),
            *evidence[i],
            max(n[0] for n in neighbours),
            max(n[1] for n in neighbours),
            run / 5,
            *layout[i],
        ]
    return rows


def _layout(lines: Sequence[str]) -> list[tuple[float, ...]]:
    """Where each line stands in the page: the run of non-prose lines it is in (menus and
    link lists are long runs), whether it lies before the first or after the last prose line,
    the shares of prose lines before and after it, and its neighbourhood's line length and
    share of lines ending a sentence."""
    prose = [_is_prose(line) for line in lines]
    total = sum(prose) or 1
    runs = [0] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not prose[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j + 1 if j == i else j
    first = prose.index(True) if any(prose) else len(lines)
    last = len(lines) - 1 - prose[::-1].index(True) if any(prose) else -1
    sizes = [_log(len(line)) for line in lines]
    ends = [float(line.endswith(_TERMINAL)) for line in lines]
    result: list[tuple[float, ...]] = []
    before = 0
    for i in range(len(lines)):
        low, high = max(0, i - 3), i + 4
        width = min(high, len(lines)) - low
        result.append(
            (
                _log(runs[i]),
                float(i < first or i > last),
                before / total,
                (total - before - prose[i]) / total,
                sum(sizes[low:high]) / width,
                sum(ends[low:high]) / width,
            )
        )
        before += prose[i]
    return result


def _evidence(line: str, view: SiteEvidence | None) -> tuple[float, float]:
    if view is None:
        return 0.0, 0.0
    others = view.others(line)
    return _log(others), view.share(others)
