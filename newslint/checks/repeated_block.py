"""Kind ``repeated_block``: a paragraph or sentence that a scraper copied twice.

A prose paragraph (``min_words`` words or more, ending with terminal punctuation) whose text,
spaces collapsed, equals an earlier paragraph's is reported, with the deletion of the later copy
as its fix. With ``sentences``, a sentence of at least ``min_words`` words repeated right after
itself in one paragraph is reported too, its fix deleting the second copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.checks.base import line_deletion
from newslint.document import Block, Document
from newslint.model import Edit, Hit
from newslint.sentences import sentence_spans

CAN_FIX = True
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")


@dataclass
class Options:
    min_words: int = 8
    sentences: bool = True


def _key(text: str) -> str:
    """``text`` with runs of white space collapsed to one space, stripped."""
    return " ".join(text.split())  # str.split's white space is re's \s


class Check:
    def __init__(self, options: Options) -> None:
        self.min_words = options.min_words
        self.sentences = options.sentences

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        seen: dict[str, int] = {}
        # two sentences of min_words words each share at most one token (when nothing parts
        # them): a block with fewer tokens holds no repeated sentence
        two_sentences = 2 * self.min_words - 1
        for block in blocks:
            words = text[block.start : block.end].split()
            key = " ".join(words)  # runs of white space collapsed (str.split's is re's \s)
            prose = len(words) >= self.min_words and bool(_TERMINAL.search(key))
            if prose and block.kind == "paragraph":
                if key in seen:
                    line_start, _ = doc.line_span(block.start)
                    _, line_end = doc.line_span(block.end)
                    where = doc.position(seen[key])[0]
                    edit = line_deletion(doc, line_start, line_end)
                    yield Hit(block.start, block.end, {"what": "paragraph", "line": where}, (edit,))
                    continue
                seen[key] = block.start
            if self.sentences and len(words) >= two_sentences:
                yield from self._sentences(doc, block)

    def _sentences(self, doc: Document, block: Block) -> Iterator[Hit]:
        text = doc.text
        spans = sentence_spans(text, block.start, block.end)
        for (a_start, a_end), (b_start, b_end) in zip(spans, spans[1:], strict=False):
            sentence = _key(text[a_start:a_end])
            if len(sentence.split()) < self.min_words or sentence != _key(text[b_start:b_end]):
                continue
            where = doc.position(a_start)[0]
            yield Hit(
                b_start, b_end, {"what": "sentence", "line": where}, (Edit(a_end, b_end, ""),)
            )
