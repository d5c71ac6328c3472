"""Narrowing of kind ``name_case``: a title followed by a lower-case word.

A hit is a run of lower-case words after a match of the check's ``titles`` pattern in a block:
that match, spaces or tabs, then a lower-case letter, all inside the block, matches the
pattern below in the document and in the block. The check is block-local: the names it compares
with are read from the whole document.
"""

from __future__ import annotations

from newslint.accel.hyperscan import Expression
from newslint.checks.name_case import Check


def document_patterns(check: Check) -> list[Expression] | None:
    return None if check.titles is None else [(check.titles.pattern + r"[ \t]+[a-z]", 0)]


block_patterns = document_patterns
