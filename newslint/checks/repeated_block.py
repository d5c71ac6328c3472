"""Kind ``repeated_block``: a paragraph or sentence that a scraper copied twice.

A prose paragraph (``min_words`` words or more, ending with terminal punctuation) whose text,
spaces collapsed, equals an earlier paragraph's in the document is reported, with the deletion
of the later copy as its fix. With ``sentences``, a sentence of at least ``min_words`` words
repeated right after itself in one block is reported too, its fix deleting the second copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newslint.checks.base import collapsed, ends_with_mark, line_deletion
from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Edit, Hit
from newslint.core.sentences import sentence_spans

CAN_FIX = True
MESSAGE_VALUES = ("what", "line")  # for messages, besides {match}


@dataclass
class Options:
    min_words: int = option(8, minimum=1)
    sentences: bool = True


def _key(text: str) -> str:
    """``text`` with runs of white space collapsed to one space, stripped."""
    return " ".join(text.split())


def keys_of(doc: Document, blocks: list[Block]) -> list[str]:
    """The key of each of ``blocks``: its text, white space collapsed (all at once)."""
    return collapsed([doc.text[block.start : block.end] for block in blocks])


def _words(key: str) -> int:
    return key.count(" ") + 1 if key else 0


class Check:
    def __init__(self, options: Options) -> None:
        self.min_words = options.min_words
        self.sentences = options.sentences

    def is_prose(self, key: str) -> bool:
        """Whether a paragraph with this key is prose: long enough, ending a sentence."""
        return _words(key) >= self.min_words and ends_with_mark(key)

    def first_copies(self, doc: Document) -> dict[str, int]:
        """Where the document's first prose paragraph with each key starts."""
        paragraphs = doc.blocks_of(("paragraph",))
        first: dict[str, int] = {}
        for block, key in zip(paragraphs, keys_of(doc, paragraphs), strict=True):
            if self.is_prose(key):
                first.setdefault(key, block.start)
        return first

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        first = self.first_copies(doc)
        # two sentences of min_words words each share at most one token (when nothing parts
        # them): a block with fewer tokens holds no repeated sentence
        two_sentences = 2 * self.min_words - 1
        for block, key in zip(blocks, keys_of(doc, blocks), strict=True):
            if block.kind == "paragraph" and first.get(key, block.start) < block.start:
                line_start, _ = doc.line_span(block.start)
                _, line_end = doc.line_span(block.end)
                where = doc.position(first[key])[0]
                edit = line_deletion(doc, line_start, line_end)
                yield Hit(block.start, block.end, {"what": "paragraph", "line": where}, (edit,))
            elif self.sentences and _words(key) >= two_sentences:
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
