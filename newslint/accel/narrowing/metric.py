"""Narrowing of kind ``metric``: for a plain "at most N words per sentence", long units only.

With ``formula: words_per_sentence``, a ``max`` and no ``min``, a unit is flagged only if its
mean of words per sentence exceeds ``max``, which needs more than ``max`` words in it: a
sentence, or a paragraph, with at most ``max`` words is never flagged. A part of a block never
has more words than the block (each of its words lies inside a distinct word of the block), so
per paragraph only blocks that may hold more than ``max`` words are kept (the check is then
block-local; per document, nothing is left out). Per sentence, such a block is given as its
sentences that may hold more than ``max`` words, each as a block of its own, when
``sentence_spans`` splits each into just itself (the check then measures it as it would in
the whole block); otherwise the whole block is kept.

Words (``readability.count_words``) are bounded without counting them, from the text's
*shapes*: one byte a character, "a" for an ASCII letter or digit, "x" for any other character
outside ASCII, " " for the rest. Each bound is a necessary count: a block of n characters holds
at most (n + 1) // 2 words (two words are parted by a character); at most one more than it
has characters that are not ASCII letters or digits (each separator is one); at most as many
as it has runs of ASCII letters and digits plus characters outside ASCII (each word holds a
run of its own, or starts with such a character).
"""

from __future__ import annotations

from newslint.checks.metric import Check
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.sentences import sentence_spans

_ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# UTF-8 bytes as shapes: an ASCII letter or digit "a", other ASCII " ", a character's first
# byte outside ASCII "x" (its other bytes, 0x80-0xBF, are deleted: one byte a character)
_SHAPES = bytes(
    ord("a") if byte in _ALNUM else ord("x") if byte >= 0xC0 else ord(" ") for byte in range(256)
)
_CONTINUATION = bytes(range(0x80, 0xC0))


def _more_words(shapes: bytes, start: int, end: int, limit: float) -> bool:
    """Whether ``text[start:end]`` may hold more than ``limit`` words, by the bounds above."""
    length = end - start
    if (length + 1) // 2 <= limit or length - shapes.count(b"a", start, end) + 1 <= limit:
        return False
    runs = shapes.count(b" a", start, end) + shapes.count(b"xa", start, end)
    return runs + shapes.startswith(b"a", start, end) + shapes.count(b"x", start, end) > limit


def _long_sentences(text: str, shapes: bytes, block: Block, limit: float) -> list[Block]:
    """The sentences of ``block`` that may hold more than ``limit`` words, as blocks, if each
    is a sentence on its own; else ``block``."""
    found = []
    for start, end in sentence_spans(text, block.start, block.end):
        if _more_words(shapes, start, end, limit):
            if sentence_spans(text, start, end) != [(start, end)]:
                return [block]
            found.append(Block(block.kind, start, end))
    return found


def narrow(check: Check, doc: Document, blocks: list[Block]) -> list[Block]:
    options = check.options
    if (
        options.formula != "words_per_sentence"
        or options.per == "document"
        or options.min is not None
        or options.max is None
    ):
        return blocks
    text, limit = doc.text, options.max
    shapes = text.encode("utf-8", "surrogatepass").translate(_SHAPES, _CONTINUATION)
    long = [b for b in blocks if _more_words(shapes, b.start, b.end, limit)]
    if options.per == "paragraph":
        return long
    return [part for block in long for part in _long_sentences(text, shapes, block, limit)]
