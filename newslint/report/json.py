"""``--format json``: one JSON array of findings (the documented contract)."""

from __future__ import annotations

import json

from newslint.report import FileReport


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    findings = [f.to_dict() for report in reports for f in report.findings]
    return json.dumps(findings, indent=2, ensure_ascii=False) + "\n"
