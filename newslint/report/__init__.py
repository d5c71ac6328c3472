"""Output formats: one module per format, each with ``render(reports, color=..., quiet=...)``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from newslint.core.document import Document
from newslint.core.model import Applicability, Finding, Rule

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "html")


@dataclass
class FileReport:
    """What a run found in one file; ``text`` is the decoded text the findings point into.

    ``rules`` are the rules that ran on the file and ``document`` the file as read (before any
    fix); formats that describe rules (SARIF) or preview fixes (HTML) use them.
    """

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    rules: tuple[Rule, ...] = ()
    document: Document | None = None


def render(
    name: str, reports: list[FileReport], *, color: bool = False, quiet: bool = False
) -> str:
    """The report in format ``name``; ``quiet`` leaves out summary lines."""
    module = importlib.import_module(f"newslint.report.{name.replace('-', '_')}")
    return module.render(reports, color=color, quiet=quiet)


def summary_line(reports: list[FileReport]) -> str:
    """``Found N findings (...)`` with fix hints, or '' when there is nothing to report."""
    return summary_text(*summary_counts([f for report in reports for f in report.findings]))


def summary_counts(findings: list[Finding]) -> tuple[int, int, int]:
    """Findings, those with a safe fix and those with an unsafe fix (for a streamed summary)."""
    safe = sum(1 for f in findings if f.fix and f.fix.applicability == Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability == Applicability.UNSAFE)
    return len(findings), safe, unsafe


def summary_text(total: int, safe: int, unsafe: int) -> str:
    """The summary line for these counts (see :func:`summary_line`)."""
    if not total:
        return ""
    hints = []
    if safe:
        hints.append(f"{safe} fixable with `newslint fix`")
    if unsafe:
        hints.append(f"{unsafe} more with `newslint fix --unsafe-fixes`")
    suffix = f" ({'; '.join(hints)})" if hints else ""
    noun = "finding" if total == 1 else "findings"
    return f"Found {total} {noun}{suffix}."
