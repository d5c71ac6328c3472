"""Apply fixes: non-overlapping edits, re-lint, repeat until stable.

Fixes are taken by category (:data:`~newslint.core.model.FIX_ORDER`: encoding repairs before
anything that reads the repaired characters), then left to right; a fix overlapping one taken
before waits for the next pass, where its rule reads the repaired text.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from newslint.core.errors import NewslintError
from newslint.core.model import FIX_ORDER, LAST_FIX_ORDER, Applicability, Edit, Finding, Fix

MAX_PASSES = 10


@dataclass
class FixResult:
    """The fixed text, the findings that were fixed, and the findings that remain."""

    text: str
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits in one pass."""
    parts = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _conflict(edit: Edit, other: Edit) -> bool:
    if edit.start < other.end and other.start < edit.end:
        return True
    if edit.start == edit.end == other.start == other.end:
        return True  # two insertions at one point: order would be a guess
    if edit.start == edit.end and other.start < edit.start < other.end:
        return True
    return other.start == other.end and edit.start < other.start < edit.end


class _Taken:
    """Edits chosen so far, sorted by start, so that overlap tests need not scan them all."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self.starts: list[int] = []
        self.longest = 0

    def overlaps(self, edit: Edit) -> bool:
        # A conflicting edit starts within ``longest`` before ``edit`` and not after its end.
        lo = bisect.bisect_left(self.starts, edit.start - self.longest)
        hi = bisect.bisect_right(self.starts, edit.end)
        return any(_conflict(edit, other) for other in self.edits[lo:hi])

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_right(self.starts, edit.start)
        self.starts.insert(index, edit.start)
        self.edits.insert(index, edit)
        self.longest = max(self.longest, edit.end - edit.start)


def select_fixes(
    findings: list[Finding], minimum: Applicability
) -> tuple[list[Finding], list[Edit]]:
    """Findings whose fixes apply this pass (by category, then left to right), and their
    edits in order."""
    chosen: list[Finding] = []
    taken = _Taken()
    candidates = [(f, f.fix) for f in findings if f.fix and f.fix.applicability >= minimum]
    for finding, fix in sorted(candidates, key=_fix_order):
        edits = list(fix.edits)
        if any(taken.overlaps(e) for e in edits):
            continue
        chosen.append(finding)
        for edit in edits:
            taken.add(edit)
    return chosen, sorted(taken.edits, key=lambda e: (e.start, e.end))


def _fix_order(candidate: tuple[Finding, Fix]) -> tuple[int, int, int]:
    finding, fix = candidate
    return FIX_ORDER.get(finding.category, LAST_FIX_ORDER), fix.start, fix.end


def fix(
    text: str,
    lint: Callable[[str], list[Finding]],
    minimum: Applicability = Applicability.SAFE,
    path: str = "<text>",
) -> FixResult:
    """Fix ``text`` until no applicable fix is left; ``lint`` re-lints a candidate text."""
    fixed: list[Finding] = []
    findings = lint(text)
    for _ in range(MAX_PASSES):
        chosen, edits = select_fixes(findings, minimum)
        if not chosen:
            return FixResult(text, fixed, findings)
        new_text = apply_edits(text, edits)
        if new_text == text:
            return FixResult(text, fixed, findings)
        text = new_text
        fixed.extend(chosen)
        findings = lint(text)
    if select_fixes(findings, minimum)[0]:
        raise NewslintError(
            f"fixes did not settle after {MAX_PASSES} passes; file left unchanged", path=path
        )
    return FixResult(text, fixed, findings)
