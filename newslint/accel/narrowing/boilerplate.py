"""Narrowing of kind ``boilerplate``: only blocks with a unit holding a needle of its patterns.

A unit the check flags, or counts in a run, is at most ``max_length`` long and its normal text
fully matches ``patterns`` or ``run_patterns``, so that text, as a line between line breaks,
holds a needle of the pattern (:func:`~newslint.accel.needles.line_needles`; for a
case-insensitive pattern, in lower case, looked for in either case). One Hyperscan scan of the
units' normal texts, a line each, finds the units holding needles of the patterns of all
boilerplate rules; for each rule, the blocks without such a unit are left out, and all of them
when no unit holds a needle of its ``patterns`` (nothing is flagged).

Leaving out a block without a matching unit changes nothing: the check reads the units of the
blocks it is given, and whether two matching units are in one run depends on the text between
them, which holds the left-out block's text (no block is blank) whether or not it is read.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import accumulate

from newslint.accel.hyperscan import ODD_CASE_CHARS, Database, Expression, literal
from newslint.checks.base import collapsed
from newslint.checks.boilerplate import ICONS, Check, normal_text
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import only_newlines

_IGNORECASE = int(re.IGNORECASE)


def needle_patterns(source: str, flags: int) -> list[Expression] | None:
    """Hyperscan patterns of the needles of ``source`` (:func:`line_needles`): for a
    case-insensitive pattern, in lower case, found in either case."""
    from newslint.accel.needles import line_needles

    found = line_needles(source, flags)
    if found is None:
        return None
    return [(literal(needle), flags & _IGNORECASE) for needle in sorted(found)]


@cache
def _needle_scan(checks: tuple[Check, ...]) -> tuple[Database | None, list[list[int] | None]]:
    """A database of the needles of the patterns of all ``checks``, and the ids of each
    check's patterns in it (``patterns`` first); None for a check with a pattern without
    needles (every unit may match it)."""
    keys = [
        [(p.source, p.flags) for p in (check.regex, check.run_regex) if p is not None]
        for check in checks
    ]
    ids = {key: index for index, key in enumerate(sorted({k for own in keys for k in own}))}
    expressions = [(index, source, flags) for (source, flags), index in ids.items()]
    database, refused = Database.load(expressions, translate=needle_patterns, literals=True)
    owned = [[ids[key] for key in own] for own in keys]
    return database, [None if refused.intersection(i) else i for i in owned]


class _Units:
    """The units of some blocks (lines, or whole blocks), each as its normal text (what
    :func:`~newslint.checks.boilerplate.normal_text` makes of it; blank units blank), with
    the block of each and, once scanned, the units holding needles of each pattern."""

    def __init__(self, doc: Document, blocks: list[Block], paragraphs: bool) -> None:
        self.blocks = blocks
        pieces = [doc.text[block.start : block.end] for block in blocks]
        if paragraphs:
            self.first_units = list(range(len(blocks)))
            joined = "\n".join(normal_text(doc, piece) for piece in pieces)
        else:  # the units of a block: its lines
            counts = (piece.count("\n") + 1 for piece in pieces)
            self.first_units = list(accumulate(counts, initial=0))[:-1]
            joined = "\n".join(pieces)
            if doc.format.markup_chars:
                joined = "\n".join(map(doc.format.strip_markup, joined.split("\n")))
            if _may_hold_icons(joined):
                joined = ICONS.sub("", joined)
            joined = "\n".join(collapsed(joined.split("\n")))
        self.texts = joined.split("\n")
        self.data = b"\n" + joined.encode("utf-8", "surrogatepass") + b"\n"
        self.odd_case = any(char in joined for char in ODD_CASE_CHARS)
        self._found: dict[int, set[int]] | None = None

    @classmethod
    def of(cls, doc: Document, blocks: list[Block], paragraphs: bool) -> _Units:
        key = ("boilerplate-units", id(blocks), paragraphs)
        known = doc.memo.get(key)
        if known is None or known.blocks is not blocks:
            known = doc.memo[key] = cls(doc, blocks, paragraphs)
        return known

    def holding(self, database: Database) -> dict[int, set[int]]:
        """For each pattern (id), the units holding one of its needles, from one scan."""
        if self._found is None:
            self._found = {}
            ends = list(accumulate(len(line) + 1 for line in self.data[1:].split(b"\n")))
            for end, index in database.ends(self.data):  # the unit of the match's last byte
                self._found.setdefault(index, set()).add(bisect.bisect_left(ends, end - 1))
        return self._found

    def blocks_holding(self, units: set[int], max_length: int) -> set[int]:
        """The blocks (indexes) of ``units`` no longer than ``max_length`` (a longer normal
        text is a longer unit, which the check skips)."""
        starts = self.first_units
        return {
            bisect.bisect_right(starts, unit) - 1
            for unit in units
            if len(self.texts[unit]) <= max_length
        }


def _may_hold_icons(text: str) -> bool:
    """Whether ``text`` may hold a private-use character: its UTF-8 bytes start with
    0xEE or 0xEF (one C-level search each, where a search of the text runs far slower)."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return b"\xee" in data or b"\xef" in data


def narrow_all(checks: list[Check], doc: Document, scopes: list[list[Block]]) -> list[list[Block]]:
    """For each check, the blocks of its scope (``scopes``) it must read."""
    if not only_newlines(doc.text):
        return scopes  # the units are read off "\n"-separated lines
    database, ids = _needle_scan(tuple(checks))
    narrowed: list[list[Block]] = []
    for check, blocks, own in zip(checks, scopes, ids, strict=True):
        if check.regex is None or not blocks:
            narrowed.append([])
            continue
        units = _Units.of(doc, blocks, check.paragraphs)
        caseless = check.regex.flags & _IGNORECASE
        if database is None or own is None or (caseless and units.odd_case):
            narrowed.append(blocks)
            continue
        found = units.holding(database)
        flagged, *in_run = (
            units.blocks_holding(found.get(i, set()), check.max_length) for i in own
        )
        kept = flagged.union(*in_run) if flagged else set()
        narrowed.append([blocks[i] for i in sorted(kept)])
    return narrowed
