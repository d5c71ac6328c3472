"""Kind ``boilerplate``: whole lines or paragraphs of page chrome, proposed for deletion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newslint.checks.base import line_deletion
from newslint.document import Block, Document
from newslint.model import Hit
from newslint.options import regex_field

CAN_FIX = True
_SPACE = re.compile(r"\s+")


@dataclass
class Options:
    patterns: list[str] = regex_field()
    exceptions: list[str] = regex_field([])
    unit: Literal["line", "paragraph"] = "line"
    ignore_case: bool = True
    max_length: int = 300


class Check:
    def __init__(self, options: Options) -> None:
        flags = re.I if options.ignore_case else 0
        self.regex = re.compile("|".join(f"(?:{p})" for p in options.patterns), flags)
        self.exceptions = (
            re.compile("|".join(f"(?:{p})" for p in options.exceptions), flags)
            if options.exceptions
            else None
        )
        self.unit = options.unit
        self.max_length = options.max_length

    def _units(self, doc: Document, block: Block) -> Iterator[tuple[int, int]]:
        if self.unit == "paragraph":
            yield block.start, block.end
            return
        pos = block.start
        text = doc.text
        while pos <= block.end:
            line_start, line_end = doc.line_span(pos)
            yield max(line_start, block.start), min(line_end, block.end)
            nxt = text.find("\n", line_end, block.end)
            if nxt == -1:
                return
            pos = nxt + 1

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            for start, end in self._units(doc, block):
                chunk = text[start:end]
                stripped = chunk.strip()
                if not stripped or len(stripped) > self.max_length:
                    continue
                normal = _SPACE.sub(" ", stripped)
                if not self.regex.fullmatch(normal):
                    continue
                if self.exceptions and self.exceptions.search(normal):
                    continue
                lead = len(chunk) - len(chunk.lstrip())
                line_start = doc.line_span(start)[0]
                edit = line_deletion(doc, line_start, end)
                yield Hit(start + lead, start + lead + len(stripped), {"match": stripped}, (edit,))
