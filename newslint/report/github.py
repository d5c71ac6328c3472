"""``--format github``: GitHub Actions workflow commands that annotate the changed files."""

from __future__ import annotations

import re

from newslint.core.model import Finding, Severity
from newslint.core.printable import printable
from newslint.report import FileReport

_LINE_ENDS = re.compile("([\r\n])")
_LINE_ENDS_ESCAPED = {"\r": "%0D", "\n": "%0A"}
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (``%``, CR and LF); other
    control characters are written as escapes (a terminal shows the log too)."""
    pieces = _LINE_ENDS.split(text.replace("%", "%25"))
    return "".join(_LINE_ENDS_ESCAPED.get(piece) or printable(piece) for piece in pieces)


def escape_property(text: str) -> str:
    """Escape a command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    properties = {
        "file": finding.path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": f"{finding.rule} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{LEVELS[finding.severity]} {joined}::{escape_data(finding.message)}"


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    return "".join(command(f) + "\n" for report in reports for f in report.findings)
