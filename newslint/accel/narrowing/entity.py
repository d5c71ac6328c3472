"""Narrowing of kind ``entity``: every hit is a match of a reference pattern in its block."""

from __future__ import annotations

from newslint.accel.hyperscan import Expression
from newslint.checks import entity
from newslint.checks.entity import Check


def document_patterns(check: Check) -> list[Expression]:
    return [(entity.REFERENCE.pattern, 0), (entity.BARE.pattern, 0)]


block_patterns = document_patterns
