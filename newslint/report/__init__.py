"""Output formats: one module per format, each with ``render(reports, color=..., quiet=...)``.

:data:`REPORTERS` states once what each format needs from a run; the runner keeps only that.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from newslint.core.model import Applicability, Finding, Rule, Severity


class FixPreview(NamedTuple):
    """A file's text before and after its fixes: those ``fix`` applied, or the safe ones
    ``check`` found (``fixes`` counts them)."""

    before: str
    after: str
    fixes: int


@dataclass
class FileReport:
    """What a run found in one file; ``text`` is the decoded text the findings point into
    (after ``fix``), ``fixed`` what ``fix`` applied. ``rules`` and ``preview`` are given to the
    formats that need them (see :class:`Reporter`); ``fail_on`` is the file's fail level."""

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    rules: tuple[Rule, ...] = ()
    preview: FixPreview | None = None
    fail_on: Severity = Severity.INFO  # findings below this level do not fail the run

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` is at or above the fail level (JUnit and SARIF say so)."""
        return finding.severity >= self.fail_on


class Reporter(NamedTuple):
    """An output format and what it needs from a run."""

    name: str
    streamed: bool = False  # can be written file by file as the run goes
    needs_text: bool = False  # each file's text (excerpts, positions)
    needs_rules: bool = False  # the rules that ran on each file
    needs_preview: bool = False  # each file's fix preview
    for_people: bool = False  # a summary line; 'Fixed' notes and --show-fixes on stdout too
    json: bool = False  # --statistics as JSON

    def render(self, reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
        """The report; ``quiet`` leaves out summary lines."""
        module = importlib.import_module(f"newslint.report.{self.name.replace('-', '_')}")
        render: Callable[..., str] = module.render
        return render(reports, color=color, quiet=quiet)


REPORTERS = {
    reporter.name: reporter
    for reporter in (
        Reporter("text", streamed=True, needs_text=True, for_people=True),
        Reporter("concise", streamed=True, for_people=True),
        Reporter("json", json=True),
        Reporter("json-lines", streamed=True, json=True),
        Reporter("sarif", needs_text=True, needs_rules=True),
        Reporter("github", streamed=True),
        Reporter("junit"),
        Reporter("html", needs_text=True, needs_preview=True),
    )
}


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
