"""Kind ``repeated_word``: a word written twice in a row (``the the``).

Only words separated by plain spaces or tabs are compared, case-insensitively. Repeats that
English allows (``had had``, ``that that``: ``allowed``), names written with capitals both times
(``Duran Duran``, ``Walla Walla``), numbers and code (``client client.connect``) are left alone.
A run of the same word (``the the the``) is one finding; the fix deletes the repeats and the
spaces before them, and is unsafe for three or more (``love love love`` is often meant).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Applicability, Edit, Hit

CAN_FIX = True
_REPEAT = re.compile(
    r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)?)((?:[ \t]+\1)+)(?![\w'’(-]|\.\w)", re.I
)


MESSAGE_VALUES = ("word",)  # for messages, besides {match}


@dataclass
class Options:
    allowed: list[str] = field(default_factory=list)


class Check:
    def __init__(self, options: Options) -> None:
        self.allowed = {w.lower() for w in options.allowed}

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        for block in blocks:
            for match in _REPEAT.finditer(doc.text, block.start, block.end):
                first, second = match.group(1), match.group(2).lstrip(" \t")
                if first.lower() in self.allowed or second[0].isupper():
                    continue
                repeats = len(match.group(2).split())
                yield Hit(
                    match.start(),
                    match.end(),
                    {"word": second[: len(first)]},
                    (Edit(match.start(2), match.end(2), ""),),
                    Applicability.UNSAFE if repeats > 1 else None,
                )
