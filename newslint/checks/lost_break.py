"""Kind ``lost_break``: a paragraph break lost inside a quotation that runs over paragraphs.

News convention leaves a quotation open at the end of a paragraph and reopens it in the next one
with an opening mark. Where the text lost its paragraph breaks, that opening mark follows a
sentence end inside the still open quotation (``…issue yet. “We want…``). The fix puts the
paragraph break back before the mark (the document's own paragraph separator).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit
from newslint.core.quotes import LOST_BREAK

CAN_FIX = True
MESSAGE_VALUES = ("context",)  # for messages, besides {match}


@dataclass
class Options:
    pass


class Check:
    def __init__(self, options: Options) -> None:
        del options

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        starts = [b.start for b in blocks]
        for problem in doc.quotes.problems:
            if problem.kind != LOST_BREAK or problem.insert_at is None:
                continue
            index = bisect.bisect_right(starts, problem.start) - 1
            if index < 0 or problem.start >= blocks[index].end:
                continue
            break_at = problem.insert_at
            opening = text[problem.start : problem.start + 30].split("\n")[0]
            values = {"match": problem.mark, "context": opening}
            edit = Edit(break_at, problem.start, doc.paragraph_break)
            yield Hit(break_at, problem.start + 1, values, (edit,))
