"""``--format concise``: one ``path:line:col: RULE message`` line per finding."""

from __future__ import annotations

from newslint.core.printable import printable
from newslint.report import FileReport, summary_line


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    out = [
        printable(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}")
        for report in reports
        for f in report.findings
    ]
    summary = summary_line(reports)
    if summary and not quiet:
        out.append(summary)
    return "\n".join(out) + ("\n" if out else "")
