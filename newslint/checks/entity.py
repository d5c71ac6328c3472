"""Kind ``entity``: HTML character references left in plain text (``&amp;``, ``&#8217;``).

A reference that Python's HTML parser decodes is reported with its decoded character as the fix
(``&nbsp;`` becomes a plain space unless ``keep_nbsp``). Names without the final semicolon are
accepted only for the few that browsers also accept (``&amp``, ``&lt``, ``&gt``, ``&quot``) and
only before a space, so ``AT&T`` or ``R&D`` are never taken for references.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit

CAN_FIX = True
REFERENCE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
BARE = re.compile(r"&(?:amp|lt|gt|quot)(?=\s)")


MESSAGE_VALUES = ("decoded",)  # for messages, besides {match}


@dataclass
class Options:
    keep_nbsp: bool = False


class Check:
    def __init__(self, options: Options) -> None:
        self.keep_nbsp = options.keep_nbsp

    def _decode(self, reference: str) -> str | None:
        decoded = html.unescape(reference if reference.endswith(";") else reference + ";")
        if decoded == reference or decoded.endswith(";"):
            return None  # not a known reference
        if decoded == "\xa0" and not self.keep_nbsp:
            return " "
        return decoded

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            found = sorted(
                [*REFERENCE.finditer(text, block.start, block.end)]
                + [*BARE.finditer(text, block.start, block.end)],
                key=lambda m: m.start(),
            )
            for match in found:
                decoded = self._decode(match.group())
                if decoded is None:
                    continue
                yield Hit(
                    match.start(),
                    match.end(),
                    {"decoded": decoded},
                    (Edit(match.start(), match.end(), decoded),),
                )
