"""Find quoted speech and unbalanced quotes or brackets, paragraph by paragraph.

News convention: a quotation that runs over several paragraphs leaves each paragraph open and
reopens the next one with an opening mark; such a paragraph is not unbalanced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.core.blocks import PROSE_KINDS

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
_CODE = re.compile(r"[{}]|;[ \t]*$|\s//|\s==?\s|=>|\$[A-Za-z_]|^\(\w+[.\s]\$?\w+$", re.M)


@dataclass(frozen=True)
class Problem:
    """An unbalanced mark: ``kind`` is 'unclosed' or 'unopened'; ``insert_at`` closes it."""

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
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return False
        span_start, span_end = self.spans[i]
        return span_start < start and end <= span_end


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


def _is_mentioned(text: str, i: int, start: int, end: int) -> bool:
    """A straight double mark that is itself the topic (``(")``) or in a run of three."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before in "([" and after in ")]":
        return True
    run_start, run_end = i, i + 1
    while run_start > start and text[run_start - 1] == '"':
        run_start -= 1
    while run_end < end and text[run_end] == '"':
        run_end += 1
    return run_end - run_start >= 3


def _scan_block(
    text: str, start: int, end: int, marks: list[int] | None = None
) -> tuple[list, list, list]:
    """Scan one prose block; return (closed quote spans, open quotes, bracket problems).
    ``marks``: the offsets in the block of the characters ``_MARKS`` matches, if known."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (mark, offset) of open quotes
    brackets: list[tuple[str, int]] = []
    problems: list[Problem] = []
    if marks is None:
        marks = [m.start() for m in _MARKS.finditer(text, start, end)]
    for i in marks:
        ch = text[i]
        if ch in DOUBLE_OPEN:
            stack.append((ch, i))
        elif ch in DOUBLE_CLOSE:
            opener = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] in '“«"'), None)
            if opener is None:
                problems.append(Problem("unopened", i, ch))
                continue
            spans.append((stack[opener][1], i + 1))
            del stack[opener:]
        elif ch == '"':
            if _is_mentioned(text, i, start, end):
                continue  # ("), """docstrings""": a mark that quotes nothing
            opener = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] in '"“'), None)
            if _opens(text, i, start, end):
                stack.append((ch, i))
            elif opener is not None:
                spans.append((stack[opener][1], i + 1))
                del stack[opener:]
            elif not _closes(text, i, start, end):
                stack.append((ch, i))
        elif ch == "‘":
            if not _is_apostrophe(text, i, start, end):
                stack.append((ch, i))
        elif ch in "’'":
            if _is_apostrophe(text, i, start, end):
                continue
            opener = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] in "‘'"), None)
            if opener is not None:
                spans.append((stack[opener][1], i + 1))
                del stack[opener:]
            elif ch == "'" and _opens(text, i, start, end):
                stack.append((ch, i))
        elif ch in BRACKETS:
            brackets.append((ch, i))
        elif ch in CLOSING_BRACKETS:
            if brackets and brackets[-1][0] == CLOSING_BRACKETS[ch]:
                brackets.pop()
            elif i > start and text[i - 1] in ":;='" or _is_list_marker(text, i, start):
                continue  # a smiley or an enumeration such as "1)" or "a)"
            else:
                problems.append(Problem("unopened", i, ch))
    for mark, offset in brackets:
        problems.append(Problem("unclosed", offset, mark, insert_at=None))
    # Straight or single quotes left open are too often apostrophes to report.
    open_quotes = [(m, o) for m, o in stack if m in '“«"']
    if (open_quotes or problems) and _CODE.search(text, start, end):
        return spans, [], []  # a line of program code, not prose
    return spans, open_quotes, problems


def _is_list_marker(text: str, i: int, start: int) -> bool:
    """``1)`` or ``a)`` opening a line, or inline as in ``either A) this or B) that``."""
    line_start = max(text.rfind("\n", 0, i) + 1, start)
    if re.fullmatch(r"\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})", text[line_start:i]):
        return True
    return bool(re.search(r"(?:^|\s)(?:\d{1,2}|[a-zA-Z])$", text[line_start:i]))


def _continues_quote(text: str, block_start: int, block_end: int) -> bool:
    """Whether a paragraph opens with a quotation mark (the multi-paragraph convention)."""
    head = text[block_start:block_end].lstrip("> \t*_")
    return head[:1] in "“«\"‘'"


def scan_document(doc: Document) -> QuoteScan:
    text = doc.text
    scan = QuoteScan()
    prose = [b for b in doc.blocks if b.kind in PROSE_KINDS]
    for index, block, inside in _blocks_with_marks(text, prose):
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
