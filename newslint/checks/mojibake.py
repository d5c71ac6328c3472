"""Kind ``mojibake``: text decoded with the wrong encoding (``cafÃ©``, ``â€œ``), found by ftfy.

Each line of a block that ``ftfy.fix_encoding`` would change is reported once per changed
stretch, with ftfy's repair as the edit. Only the encoding repair runs, never ftfy's quote
straightening, so curly quotes stay as they are; text that ftfy's detector merely finds odd but
will not repair is not reported, nor is a lone C1 control character. ftfy is imported only for a
line with a character outside ASCII (no mojibake without one).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import line_spans
from newslint.core.model import Edit, Hit

CAN_FIX = True
MESSAGE_VALUES = ("fixed",)  # for messages, besides {match}


@dataclass
class Options:
    merge_within: int = option(3, minimum=0)


def _changed_spans(old: str, new: str, merge_within: int) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of the stretches that differ, merged."""
    spans: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] <= merge_within:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in spans]


def _is_c1(text: str) -> bool:
    return all("\x80" <= char <= "\x9f" for char in text)


class Check:
    def __init__(self, options: Options) -> None:
        self.merge_within = options.merge_within

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            for start, end in line_spans(text, block.start, block.end):
                line = text[start:end]
                if not line.isascii():  # a line break is never read as mojibake
                    yield from self._line(line, start)

    def _line(self, line: str, start: int) -> Iterator[Hit]:
        """The changes ftfy makes to ``line`` (at ``start`` in the text)."""
        from ftfy import fix_encoding

        fixed = fix_encoding(line)
        if fixed == line:
            return
        lone_c1 = sum(_is_c1(char) for char in line) == 1
        for a, b, c, d in _changed_spans(line, fixed, self.merge_within):
            if lone_c1 and _is_c1(line[a:b]):
                continue  # one stray C1 control is not proof of mojibake
            at = start + min(a, len(line) - 1)  # an insertion at the line end
            yield Hit(
                at,
                max(start + b, at + 1),
                {"fixed": fixed[c:d]},
                (Edit(start + a, start + b, fixed[c:d]),),
            )
