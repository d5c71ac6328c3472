"""Find quoted speech and unbalanced quotes or brackets, paragraph by paragraph.

News convention: a quotation that runs over several paragraphs leaves each paragraph open and
reopens the next one with an opening mark; such a paragraph is not unbalanced. Where the text
lost its paragraph breaks, the reopening mark follows a sentence end inside the quotation: that is
a lost paragraph break (problem kind 'lost_break'), and the quotation ends there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.core.blocks import PROSE_KINDS
from newslint.core.lines import BREAK

if TYPE_CHECKING:
    from newslint.core.blocks import Block
    from newslint.core.document import Document

DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
CLOSER_FOR = {"“": "”", "«": "»", '"': '"', "‘": "’", "'": "'"}
BRACKETS = {"(": ")", "[": "]", "{": "}"}
CLOSING_BRACKETS = {v: k for k, v in BRACKETS.items()}
_ELISION = re.compile(r"(?:n|em|til|tis|twas|cause|bout|round|s|d|ll|re|ve|m|t)\b|\d", re.I)
_OPENING_CONTEXT = " \t\n\r([{—–-/“‘«\"'"
_MARKS = re.compile(r"[“«”»\"‘’'()\[\]{}]")  # every character _scan_block acts on
_AFTER_CLOSE = ".,;:!?)]}…—–"
LOST_BREAK = "lost_break"  # the kind of Problem of a paragraph break lost inside a quotation
# A sentence end (a mark, then any closing quotes or brackets) and the spaces after it
_SENTENCE_END_BEFORE = re.compile(r"[.!?…][’'\")\]]*[ \t]+$")
_CODE = re.compile(r"[{}]|;[ \t]*$|\s//|\s==?\s|=>|\$[A-Za-z_]|^\(\w+[.\s]\$?\w+$", re.M)


@dataclass(frozen=True)
class Problem:
    """An unbalanced mark: ``kind`` is 'unclosed' or 'unopened'; ``insert_at`` closes it. Kind
    'lost_break': ``start`` is a quotation mark reopening the quotation open before it after a
    sentence end, where a paragraph break was lost; ``insert_at`` is where the break goes."""

    kind: str
    start: int
    mark: str
    insert_at: int | None = None


@dataclass
class QuoteScan:
    """Quoted spans (marks included) and the unbalanced marks of a document."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def contains(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside quoted speech (inside the marks)."""
        return self.span_around(start, end) is not None

    def span_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quoted span (marks included) that ``[start, end)`` lies inside, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        span_start, span_end = self.spans[i]
        return self.spans[i] if span_start < start and end <= span_end else None


def _is_apostrophe(text: str, i: int, start: int, end: int) -> bool:
    """Whether the single mark at ``i`` is an apostrophe rather than a quotation mark."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return True  # That’s, rock ’n’ roll inside
    # ’90s, ’n’, ’em
    return not before.isalnum() and text[i] in "’'" and bool(_ELISION.match(text, i + 1, end))


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """Whether a straight mark at ``i`` opens (rather than closes) a quotation."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before in "'\"" and text[i] == '"':
        return False  # 'Failure'". closes both
    return bool(before in _OPENING_CONTEXT and not after.isspace() and after not in _AFTER_CLOSE)


def _closes(text: str, i: int, start: int, end: int) -> bool:
    """Whether a straight mark at ``i`` can only be a closing mark (``Will," and``)."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)


class _RunOfMarks:
    """The extent of the run of straight double marks around an offset, found once a run."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.run = (-1, -1)

    def around(self, i: int) -> tuple[int, int]:
        if not self.run[0] <= i < self.run[1]:  # the scan moves forward: i starts a run
            run_start, run_end = i, i + 1
            while run_start > self.start and self.text[run_start - 1] == '"':
                run_start -= 1
            while run_end < self.end and self.text[run_end] == '"':
                run_end += 1
            self.run = (run_start, run_end)
        return self.run


def _is_mentioned(text: str, i: int, start: int, end: int, runs: _RunOfMarks) -> bool:
    """A straight double mark that is itself the topic (``(")``) or in a run of three."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before in "([" and after in ")]":
        return True
    run_start, run_end = runs.around(i)
    return run_end - run_start >= 3


# Which open marks a closing mark may close (searched from the innermost outwards)
_DOUBLE, _STRAIGHT_OR_CURLY, _SINGLE = '“«"', '"“', "‘'"
_KINDS_OF = {  # an opening mark -> the kinds of closing mark that may close it
    mark: [kinds for kinds in (_DOUBLE, _STRAIGHT_OR_CURLY, _SINGLE) if mark in kinds]
    for mark in DOUBLE_OPEN + "\"‘'"
}


class _OpenMarks:
    """The quotation marks open so far in a block, innermost last. The innermost mark of
    each kind a closing mark looks for is found in constant time (amortised), so a block of
    thousands of marks is scanned in linear time."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []  # (mark, offset)
        self.of_kind: dict[str, list[int]] = {_DOUBLE: [], _STRAIGHT_OR_CURLY: [], _SINGLE: []}

    def push(self, mark: str, offset: int) -> None:
        depth = len(self.stack)
        for kinds in _KINDS_OF.get(mark, ()):
            self.of_kind[kinds].append(depth)
        self.stack.append((mark, offset))

    def innermost(self, kinds: str) -> int | None:
        """Index in the stack of the innermost open mark among ``kinds``."""
        indexes = self.of_kind[kinds]
        return indexes[-1] if indexes else None

    def close(self, index: int) -> int:
        """Close the mark at ``index`` and every mark opened inside it; its offset."""
        offset = self.stack[index][1]
        del self.stack[index:]
        for indexes in self.of_kind.values():
            while indexes and indexes[-1] >= index:
                indexes.pop()
        return offset


class _BlockScan:
    """One pass over the marks of one prose block (see :func:`_scan_block`)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.spans: list[tuple[int, int]] = []
        self.open = _OpenMarks()
        self.brackets: list[tuple[str, int]] = []
        self.problems: list[Problem] = []
        self._runs: _RunOfMarks | None = None  # made when a block needs them (few do)
        self._lines: _LineStarts | None = None

    @property
    def runs(self) -> _RunOfMarks:
        if self._runs is None:
            self._runs = _RunOfMarks(self.text, self.start, self.end)
        return self._runs

    @property
    def lines(self) -> _LineStarts:
        if self._lines is None:
            self._lines = _LineStarts(self.text, self.start)
        return self._lines

    def _close(self, kinds: str, i: int) -> bool:
        opener = self.open.innermost(kinds)
        if opener is None:
            return False
        self.spans.append((self.open.close(opener), i + 1))
        return True

    def _reopens(self, opened: int, i: int) -> bool:
        """Whether a mark at ``i`` may reopen the quotation opened at ``opened``: one line holds
        both (a quotation left open at a line's end is the convention where each line is a
        paragraph), and the first mark opened something (``“ I`` is a wrong-way closing mark)."""
        text = self.text
        return not text[opened + 1 : opened + 2].isspace() and BREAK.search(text, opened, i) is None

    def _reopen(self, ch: str, i: int) -> None:
        """Open a double quotation at ``i``; if one is open and a sentence ends right before
        ``i``, a paragraph break was lost there: the open quotation ends at the break."""
        opener = self.open.innermost(_DOUBLE)
        if opener is not None and self._reopens(self.open.stack[opener][1], i):
            before = _SENTENCE_END_BEFORE.search(self.text, max(self.start, i - 8), i)
            if before is not None:
                end = before.start() + len(before.group().rstrip(" \t"))
                self.spans.append((self.open.close(opener), end))
                self.problems.append(Problem(LOST_BREAK, i, ch, insert_at=end))
        self.open.push(ch, i)

    def mark(self, ch: str, i: int) -> None:
        if ch in DOUBLE_OPEN:
            self._reopen(ch, i)
        elif ch in DOUBLE_CLOSE:
            if not self._close(_DOUBLE, i):
                self.problems.append(Problem("unopened", i, ch))
        elif ch == '"':
            self._straight_double(i)
        elif ch in "‘’'":
            self._single(ch, i)
        elif ch in BRACKETS:
            self.brackets.append((ch, i))
        elif ch in CLOSING_BRACKETS:
            self._closing_bracket(ch, i)

    def _single(self, ch: str, i: int) -> None:
        text, start, end = self.text, self.start, self.end
        if _is_apostrophe(text, i, start, end):
            return
        opening = ch == "‘"
        if opening or (not self._close(_SINGLE, i) and ch == "'" and _opens(text, i, start, end)):
            self.open.push(ch, i)

    def _straight_double(self, i: int) -> None:
        text, start, end = self.text, self.start, self.end
        if _is_mentioned(text, i, start, end, self.runs):
            return  # ("), """docstrings""": a mark that quotes nothing
        if _opens(text, i, start, end):
            self._reopen('"', i)
        elif not self._close(_STRAIGHT_OR_CURLY, i) and not _closes(text, i, start, end):
            self.open.push('"', i)

    def _closing_bracket(self, ch: str, i: int) -> None:
        if self.brackets and self.brackets[-1][0] == CLOSING_BRACKETS[ch]:
            self.brackets.pop()
        elif i > self.start and self.text[i - 1] in ":;='":
            return  # a smiley
        elif not self.lines.is_list_marker(i):  # an enumeration such as "1)" or "a)"
            self.problems.append(Problem("unopened", i, ch))


class _LineStarts:
    """Where the line holding an offset starts and where its text starts; the scan moves
    forward, so each line break is looked for once."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.seen = start  # offsets before this are known
        self.line_start = start
        self.first = -1  # the line's first non-space character (-1: not found yet)

    def is_list_marker(self, i: int) -> bool:
        """``1)`` or ``a)`` opening a line, or inline as in ``either A) this or B) that``."""
        text = self.text
        for line_break in BREAK.finditer(text, self.seen, i):  # each break is read once
            self.line_start, self.first = line_break.end(), -1
        self.seen = i
        if self.first == -1:  # the line's first non-space character is at or before i
            found = _NON_SPACE.search(text, self.line_start, i)
            self.first = found.start() if found else i
        if i - self.first <= 4 and _LIST_MARK.fullmatch(text, self.first, i):
            return True
        return _inline_mark(text, self.line_start, i)


def _inline_mark(text: str, line_start: int, i: int) -> bool:
    """One or two digits or one letter right before ``i``, after white space or the line
    start."""
    for size in (1, 2):
        at = i - size
        if at < line_start:
            return False
        token = text[at:i]
        is_mark = token.isdecimal() or (size == 1 and token.isascii() and token.isalpha())
        if is_mark and (at == line_start or text[at - 1].isspace()):
            return True
    return False


_NON_SPACE = re.compile(r"\S")
_LIST_MARK = re.compile(r"\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4}")


def _scan_block(
    text: str, start: int, end: int, marks: list[int] | None = None
) -> tuple[list[tuple[int, int]], list[tuple[str, int]], list[Problem]]:
    """Scan one prose block; return (closed quote spans, open quotes, bracket problems).
    ``marks``: the offsets in the block of the characters ``_MARKS`` matches, if known."""
    scan = _BlockScan(text, start, end)
    if marks is None:
        marks = [m.start() for m in _MARKS.finditer(text, start, end)]
    for i in marks:
        scan.mark(text[i], i)
    problems = scan.problems
    problems.extend(Problem("unclosed", offset, mark) for mark, offset in scan.brackets)
    # Straight or single quotes left open are too often apostrophes to report.
    open_quotes = [(m, o) for m, o in scan.open.stack if m in _DOUBLE]
    if (open_quotes or problems) and _CODE.search(text, start, end):
        return scan.spans, [], []  # a line of program code, not prose
    return scan.spans, open_quotes, problems


def _continues_quote(text: str, block_start: int, block_end: int) -> bool:
    """Whether a paragraph opens with a quotation mark (the multi-paragraph convention)."""
    head = text[block_start:block_end].lstrip("> \t*_")
    return head[:1] in "“«\"‘'"


MANY_MARKS = 64  # more marks than this in a block may make it no prose (see scan_document)


def scan_document(doc: Document) -> QuoteScan:
    """The quoted speech and unbalanced marks of the document's prose blocks. A block of over
    ``MANY_MARKS`` quotation marks and brackets making up a quarter of its characters is not
    prose (a row of marks, ASCII art): nothing in it is quoted or unbalanced."""
    text = doc.text
    scan = QuoteScan()
    prose = [b for b in doc.blocks if b.kind in PROSE_KINDS]
    for index, block, inside in _blocks_with_marks(text, prose):
        if len(inside) > MANY_MARKS and len(inside) * 4 > block.end - block.start:
            continue  # a block a quarter of whose characters are marks is no prose
        spans, open_quotes, problems = _scan_block(text, block.start, block.end, inside)
        scan.spans.extend(spans)
        scan.problems.extend(problems)
        continued = False
        if open_quotes:
            following = prose[index + 1] if index + 1 < len(prose) else None
            if (
                following is not None
                and following.kind == "paragraph"
                and block.kind == "paragraph"
            ):
                continued = _continues_quote(text, following.start, following.end)
            first_mark, first_offset = open_quotes[0]
            scan.spans.append((first_offset, block.end))
            if not continued:
                for mark, offset in open_quotes:
                    scan.problems.append(Problem("unclosed", offset, mark, insert_at=block.end))
    scan.spans = _merge(scan.spans)
    scan._starts = [s for s, _ in scan.spans]
    scan.problems.sort(key=lambda p: p.start)
    return scan


def _blocks_with_marks(text: str, prose: list[Block]) -> Iterator[tuple[int, Block, list[int]]]:
    """(index, block, offsets of its marks) of the blocks holding a quotation mark or bracket,
    from one search of the whole text: the others hold nothing quoted or unbalanced."""
    marks = [m.start() for m in _MARKS.finditer(text)]
    starts = [block.start for block in prose]
    j = 0
    while j < len(marks):
        index = bisect.bisect_right(starts, marks[j]) - 1
        if index < 0 or marks[j] >= prose[index].end:
            j += 1  # a mark outside prose
            continue
        block = prose[index]
        stop = bisect.bisect_left(marks, block.end, j)
        yield index, block, marks[j:stop]
        j = stop


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
