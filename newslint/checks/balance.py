"""Kind ``balance``: quotation marks and brackets left open or closed without an opening.

A quotation left open at the end of a paragraph is the news convention, not an error, when the
next paragraph opens with a quotation mark; a quotation reopened after a sentence end in the same
paragraph is a lost paragraph break (kind ``lost_break``), not reported here. The proposed fix
closes an open quotation at the end of its paragraph.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import first_line
from newslint.core.model import Edit, Hit
from newslint.core.quotes import BRACKETS, CLOSER_FOR, LOST_BREAK, Problem
from newslint.core.quotes import _scan_block as scan_block

CAN_FIX = True
# A paragraph with more open quotations than this is too damaged for closing marks to repair:
# no fix is proposed (and none has to be tried, which would take time in the square of them).
MAX_CLOSED = 16


MESSAGE_VALUES = ("what", "problem", "context")  # for messages, besides {match}


@dataclass
class Options:
    quotes: bool = True
    brackets: bool = True


def _closes_all(text: str, start: int, end: int, at: int, closers: str) -> bool:
    """Whether inserting ``closers`` at ``at`` leaves no quotation open in ``[start, end)``
    (a straight mark right after an open single quote, say, would open another one)."""
    candidate = text[start:at] + closers + text[at:end]
    _, still_open, _ = scan_block(candidate, 0, len(candidate))
    return not still_open


class Check:
    def __init__(self, options: Options) -> None:
        self.quotes = options.quotes
        self.brackets = options.brackets

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        starts = [b.start for b in blocks]
        problems = [p for p in doc.quotes.problems if p.kind != LOST_BREAK]
        closing = defaultdict(list)  # insertion point -> the open quotations it would close
        for problem in problems:
            if problem.insert_at is not None:
                closing[problem.insert_at].append(problem)
        for problem in problems:
            index = bisect.bisect_right(starts, problem.start) - 1
            if index < 0 or problem.start >= blocks[index].end:
                continue
            is_bracket = problem.mark in BRACKETS or problem.mark in BRACKETS.values()
            if (is_bracket and not self.brackets) or (not is_bracket and not self.quotes):
                continue
            opening = first_line(text[problem.start : problem.start + 40])
            values = {
                "match": problem.mark,
                "what": "bracket" if is_bracket else "quotation",
                "problem": problem.kind,
                "context": opening if len(opening) < 40 else opening[:39] + "…",
            }
            group = [] if problem.insert_at is None else closing[problem.insert_at]
            edits = self._closing(text, problem, group)
            yield Hit(problem.start, problem.start + 1, values, edits)

    @staticmethod
    def _closing(text: str, problem: Problem, group: list[Problem]) -> tuple[Edit, ...]:
        """Close this quotation and those opened inside it, innermost first (closing only the
        outer one could pair its mark with an inner opener), where that leaves none open."""
        if problem.insert_at is None or len(group) > MAX_CLOSED:
            return ()
        inner = [CLOSER_FOR[p.mark] for p in group if p.start >= problem.start]
        at = len(text[: problem.insert_at].rstrip())
        closers = "".join(reversed(inner))
        if _closes_all(text, problem.start, problem.insert_at, at, closers):
            return (Edit(at, at, closers),)
        return ()
