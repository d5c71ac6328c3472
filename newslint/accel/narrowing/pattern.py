"""Narrowing of kind ``pattern``: its pattern must match where it reports.

Every hit is (a group of) a match of the check's pattern in a search bounded by a block, so
the pattern matches in the document and in the block: it is both the document pattern and the
block pattern. The check is block-local: exceptions are searched in the hit's own block.
"""

from __future__ import annotations

from newslint.accel.hyperscan import Expression
from newslint.checks.pattern import Check


def document_patterns(check: Check) -> list[Expression]:
    return [(check.regex.source, check.regex.flags)]


block_patterns = document_patterns
