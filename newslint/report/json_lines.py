"""``--format json-lines``: one JSON object per finding per line (same fields as ``json``;
a line for every reader of lines: NEL, U+2028 and U+2029 escaped)."""

from __future__ import annotations

from newslint.core.lines import json_line
from newslint.report import FileReport


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    return "".join(json_line(f.to_dict()) + "\n" for report in reports for f in report.findings)
