"""Kind ``mojibake``: text decoded with the wrong encoding (``cafÃ©``, ``â€œ``), found by ftfy.

Each line of a prose block that ``ftfy.fix_encoding`` would change is reported once per changed
stretch, with ftfy's repair as the edit. Only the encoding repair runs, never ftfy's quote
straightening, so curly quotes stay as they are; text that ftfy's detector merely finds odd but
will not repair is not reported, nor is a lone C1 control character. ftfy is imported lazily.

ftfy changes nothing in text its badness heuristic (``ftfy.badness.is_bad``) passes, and that
heuristic is a regex every match of which holds one of a few hundred characters
(:func:`~newslint.needles.required_chars`); lines without any of them skip ftfy.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.needles import required_chars

CAN_FIX = True


@dataclass
class Options:
    merge_within: int = 3  # changes closer than this many characters form one finding


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


@functools.cache
def _suspect() -> re.Pattern[str] | None:
    """A character ftfy's badness heuristic needs in a line before it can flag it, if known."""
    from ftfy import badness

    pattern = getattr(badness, "BADNESS_RE", None)
    chars = required_chars(pattern) if isinstance(pattern, re.Pattern) else None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]") if chars else None


class Check:
    def __init__(self, options: Options) -> None:
        self.merge_within = options.merge_within

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        if doc.text.isascii():
            return  # no mojibake without non-ASCII characters: ftfy is not even imported
        import ftfy

        text = doc.text
        suspect = _suspect()
        for block in blocks:
            pos = block.start
            for line in text[block.start : block.end].split("\n"):
                start = pos
                pos += len(line) + 1
                if line.isascii() or (suspect and not suspect.search(line)):
                    continue
                fixed = ftfy.fix_encoding(line)
                if fixed == line:
                    continue
                lone_c1 = sum("\x80" <= ch <= "\x9f" for ch in line) == 1
                for a, b, c, d in _changed_spans(line, fixed, self.merge_within):
                    if lone_c1 and all("\x80" <= ch <= "\x9f" for ch in line[a:b]):
                        continue  # one stray C1 control is not proof of mojibake
                    at = start + min(a, len(line) - 1)  # an insertion at the line end
                    yield Hit(
                        at,
                        max(start + b, at + 1),
                        {"fixed": fixed[c:d]},
                        (Edit(start + a, start + b, fixed[c:d]),),
                    )
