"""``--statistics`` (counts per rule) and ``--show-fixes`` (fixes applied or available)."""

from __future__ import annotations

import json
from collections import Counter

from newslint.core.model import Applicability, Finding
from newslint.core.printable import printable
from newslint.report import FileReport, summary_line


def _safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability == Applicability.SAFE


def statistics(reports: list[FileReport], *, as_json: bool = False, quiet: bool = False) -> str:
    """Findings per rule, most frequent first; ``[*]`` marks rules with safe fixes; the
    total (unless ``quiet``) in the summary line of the text report."""
    findings = [f for report in reports for f in report.findings]
    counts = Counter(f.rule for f in findings)
    first = {f.rule: f for f in reversed(findings)}
    fixable = {f.rule for f in findings if _safe(f)}
    order = sorted(counts, key=lambda rule: (-counts[rule], rule))
    if as_json:
        rows = [
            {
                "rule": rule,
                "name": first[rule].name,
                "category": first[rule].category,
                "count": counts[rule],
                "fixable": rule in fixable,
            }
            for rule in order
        ]
        return json.dumps(rows, indent=2) + "\n"
    if not order:
        return ""
    width = len(str(max(counts.values())))
    rule_width = max(len(rule) for rule in order)
    lines = [
        f"{counts[r]:>{width}}  {r:<{rule_width}}  {'[*]' if r in fixable else '   '} "
        f"{first[r].name}"
        for r in order
    ]
    if not quiet:
        lines.append(summary_line(reports))
    return "\n".join(lines) + "\n"


def show_fixes(reports: list[FileReport], *, applied: bool, dry_run: bool = False) -> str:
    """Per file, the fixes this ``fix`` run applied (or, with ``--diff``, would apply), or
    the fixes ``check`` found available."""
    blocks = []
    total = 0
    for report in reports:
        if applied:
            rows = [
                printable(f"    {f.rule} ({f.name}) {f.fix.title}") for f in report.fixed if f.fix
            ]
        else:
            rows = [
                printable(
                    f"    {f.line}:{f.column} {f.rule} ({f.name}) [{f.fix.applicability}]"
                    f" {f.fix.title}"
                )
                for f in report.findings
                if f.fix and f.fix.applicability != Applicability.DISPLAY_ONLY
            ]
        if rows:
            total += len(rows)
            blocks.append(f"- {printable(report.path)}:\n" + "\n".join(rows))
    noun = "fix" if total == 1 else "fixes"
    if applied:
        verb = "Would apply" if dry_run else "Applied"
        head = f"{verb} {total} {noun}:" if total else "No fixes applied."
    else:
        head = f"{total} {noun} available:" if total else "No fixes available."
    return "\n".join([head, *blocks]) + "\n"
