"""Apply fixes: non-overlapping edits left to right, re-lint, repeat until stable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newslint.errors import NewslintError
from newslint.model import Applicability, Edit, Finding

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


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == edit.end == other.start == other.end:
            return True  # two insertions at one point: order would be a guess
        if edit.start == edit.end and other.start < edit.start < other.end:
            return True
        if other.start == other.end and edit.start < other.start < edit.end:
            return True
    return False


def select_fixes(
    findings: list[Finding], minimum: Applicability
) -> tuple[list[Finding], list[Edit]]:
    """Findings whose fixes apply this pass, left to right, and their edits in order."""
    chosen: list[Finding] = []
    taken: list[Edit] = []
    candidates = [f for f in findings if f.fix and f.fix.applicability >= minimum]
    for finding in sorted(candidates, key=lambda f: (f.fix.start, f.fix.end)):
        edits = list(finding.fix.edits)
        if any(_overlaps(e, taken) for e in edits):
            continue
        chosen.append(finding)
        taken.extend(edits)
    taken.sort(key=lambda e: (e.start, e.end))
    return chosen, taken


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
