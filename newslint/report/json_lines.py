"""``--format json-lines``: one JSON object per finding per line (same fields as ``json``)."""

from __future__ import annotations

import json

from newslint.report import FileReport


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    return "".join(
        json.dumps(f.to_dict(), ensure_ascii=False) + "\n"
        for report in reports
        for f in report.findings
    )
