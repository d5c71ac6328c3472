"""``--format text``: ``path:line:col: severity RULE(name) message``, line and carets."""

from __future__ import annotations

import re
import unicodedata

from newslint.core.lines import line_spans
from newslint.core.model import Severity
from newslint.report import FileReport, summary_line

WIDTH = 100
_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _char_width(c: str) -> int:
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1


def _width(text: str) -> int:
    """Terminal columns of ``text``: one per ASCII character, the others looked up."""
    if text.isascii():
        return len(text)
    others = _NON_ASCII.findall(text)
    return len(text) - len(others) + sum(_char_width(c) for c in others)


def _wider_than(text: str, limit: int) -> bool:
    """Whether ``text`` takes more than ``limit`` columns (stops early on long lines)."""
    if len(text) <= limit // 2:
        return False  # no character takes more than two columns
    total = 0
    for c in text:
        total += _char_width(c)
        if total > limit:
            return True
    return False


def excerpt(line: str, start: int, end: int) -> tuple[str, str]:
    """The line (cut to about WIDTH columns around the span) and its caret underline."""
    end = max(min(end, len(line)), start + 1)
    left, right = 0, len(line)
    if _wider_than(line, WIDTH):
        left = max(0, start - 30)
        right = min(len(line), max(end, left + WIDTH) + 10)
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    pad = _width(("…" if left else "") + line[left:start])
    carets = "^" * max(1, _width(line[start:end]))
    return shown.replace("\t", " "), " " * pad + carets


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    for report in reports:
        lines = [report.text[s:e] for s, e in line_spans(report.text)] or [""]
        for f in report.findings:
            level = paint(_COLORS[f.severity], str(f.severity))
            head = paint(_BOLD, f"{f.path}:{f.line}:{f.column}:")
            out.append(f"{head} {level} {f.rule}({f.name}) {f.message}")
            line = lines[f.line - 1] if f.line <= len(lines) else ""
            end_col = f.end_column - 1 if f.end_line == f.line else len(line)
            shown, carets = excerpt(line, f.column - 1, end_col)
            gutter = " " * len(str(f.line))
            out.append(paint(_DIM, f"{gutter} |"))
            out.append(f"{paint(_DIM, f'{f.line} |')} {shown}")
            out.append(f"{paint(_DIM, f'{gutter} |')} {paint(_COLORS[f.severity], carets)}")
            if f.fix:
                out.append(
                    f"{paint(_DIM, f'{gutter} =')} fix ({f.fix.applicability}): {f.fix.title}"
                )
            out.append("")
    summary = summary_line(reports)
    if summary and not quiet:
        out.append(summary)
    return "\n".join(out) + ("\n" if out else "")
