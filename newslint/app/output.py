"""What the commands share: exit codes, error lines, colour, output format, config overrides
from the command line, and writing the report to ``--output-file`` or a stream."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError
from newslint.report import FileReport, render
from newslint.report.summaries import show_fixes, statistics

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

STREAMED = ("text", "concise", "github", "json-lines")  # a report of one file after another


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Config overrides from ``--select``, ``--extend-select``, ``--ignore`` and ``--encoding``."""
    result: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        values = getattr(args, key)
        if values:
            result[key] = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if args.encoding:
        result["encoding"] = args.encoding
    return result


def use_color(args: argparse.Namespace, stream: Any) -> bool:
    if args.color != "auto":
        return args.color == "always"
    return hasattr(stream, "isatty") and stream.isatty()


def output_format(args: argparse.Namespace) -> str:
    """``--format`` with ``auto`` resolved: ``github`` under GitHub Actions, else ``text``."""
    if args.format != "auto":
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def print_error(message: str) -> None:
    print(f"newslint: error: {message}", file=sys.stderr)


def emit(args: argparse.Namespace, fmt: str, reports: list[FileReport], stream: Any) -> None:
    """Write the report (or ``--statistics``) to ``--output-file`` or ``stream``."""
    target: Path | None = args.output_file
    color = args.color == "always" if target else use_color(args, stream)
    if args.statistics:
        rendered = statistics(reports, as_json=fmt in ("json", "json-lines"))
    else:
        rendered = render(fmt, reports, color=color, quiet=args.quiet)
    if args.show_fixes and fmt in ("text", "concise"):
        fixing = args.command == "fix"
        rendered += show_fixes(reports, applied=fixing, dry_run=fixing and args.diff)
    if target is None:
        if rendered:
            stream.write(rendered)
        return
    try:
        target.write_text(rendered, encoding="utf-8")
    except OSError as exc:
        message = f"cannot write report: {exc.strerror or exc}"
        raise NewslintError(message, path=str(target)) from None
