"""Narrowing of kind ``word_case``: a listed word, or an ambiguous word in its context.

A hit is a match of the ``words`` pattern in a block, or of the ``ambiguous`` pattern where a
``context`` or ``likely_context`` pattern matches in the text around the word (a stretch of the
document): in the document, one of ``words`` or those patterns matches. In the hit's block,
``words`` or ``ambiguous`` matches (the context may reach beyond the block, the word does not).
The check is block-local: the context is read from the document's text.
"""

from __future__ import annotations

from newslint.accel.hyperscan import Expression
from newslint.checks.word_case import Check


def document_patterns(check: Check) -> list[Expression] | None:
    found = [(check.words.pattern, 0)] if check.words else []
    if check.ambiguous:
        found += [(p.source, p.flags) for p in check.context + check.likely_context]
    return found or None


def block_patterns(check: Check) -> list[Expression] | None:
    found = [(pattern.pattern, 0) for pattern in (check.words, check.ambiguous) if pattern]
    return found or None
