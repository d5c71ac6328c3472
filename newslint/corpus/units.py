"""The units corpus evidence counts: lines, and paragraphs of several lines, normalised.

Normalising folds case and compatibility forms, writes every run of digits as ``0`` (a dateline
or a counter that changes from page to page stays one unit), collapses white space and drops
markup and bullets around the text. A unit's key is a 64-bit hash of its site and normal form:
the evidence holds no text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from newslint.core.lines import BREAK, text_lines

UNITS_VERSION = 2  # how units are cut, normalised and hashed; profiles of another are stale
_DIGITS = re.compile(r"\d+")
_EDGES = " \t*_#>|•·-–—:"  # markup and bullets around a unit's text
_LETTER = re.compile(r"[^\W\d_]")


def normal(text: str) -> str:
    """``text`` as units are compared: case, digits, white space and edge markup folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_DIGITS.sub("0", text).split()).strip(_EDGES)


def key(site: str, normal_form: str) -> int:
    """The 64-bit key of a unit of ``site``."""
    data = f"{site}\x00{normal_form}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of two or more lines with text between blank lines."""
    run: list[tuple[int, int]] = []
    for span in text_lines(text):
        if run and _breaks(text, run[-1][1], span[0]) > 1:
            yield from _closed(run)
            run = []
        run.append(span)
    yield from _closed(run)


def _breaks(text: str, start: int, end: int) -> int:
    return sum(1 for _ in BREAK.finditer(text, start, end))


def _closed(run: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if len(run) > 1:
        yield run[0][0], run[-1][1]


def document_keys(text: str, site: str) -> set[int]:
    """The keys of every line and paragraph of ``text`` (each once) that holds a letter."""
    found = set()
    for spans in (text_lines(text), paragraphs(text)):
        for start, end in spans:
            form = normal(text[start:end])
            if has_letters(form):
                found.add(key(site, form))
    return found
