"""What the commands share: exit codes, error lines, colour, and writing a whole-run report (or
``--statistics``, ``--show-fixes``) to ``--output-file`` or a stream."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from newslint.app.options import RunOptions
from newslint.core.errors import NewslintError
from newslint.core.printable import printable
from newslint.report import REPORTERS, FileReport
from newslint.report.summaries import show_fixes, statistics

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def use_color(color: str, stream: TextIO) -> bool:
    """``--color``: ``always``, ``never``, or (``auto``) as the environment says (``NO_COLOR``,
    then ``FORCE_COLOR``, when set and not empty), else when ``stream`` is a terminal."""
    if color != "auto":
        return color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def print_error(message: str, level: str = "error") -> None:
    """``newslint: LEVEL: message`` on standard error, one line (control characters in the
    message, say from a file name, are escaped)."""
    print(f"newslint: {level}: {printable(message)}", file=sys.stderr)


def internal_error(exc: Exception, where: str = "") -> str:
    """The one line that stands for an exception no code path expected (a bug)."""
    place = f" while processing {where}" if where else ""
    return (
        f"internal error{place}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        " (please report it; NEWSLINT_DEBUG=1 shows the traceback)"
    )


def emit(options: RunOptions, reports: list[FileReport], stream: TextIO) -> None:
    """Write the report (or ``--statistics``) to ``--output-file`` or ``stream``."""
    reporter = REPORTERS[options.format]
    target = options.output_file
    color = options.color == "always" if target else use_color(options.color, stream)
    if options.statistics:
        rendered = statistics(reports, as_json=reporter.json, quiet=options.quiet)
    else:
        rendered = reporter.render(reports, color=color, quiet=options.quiet)
    if options.show_fixes and reporter.for_people:
        rendered += show_fixes(reports, applied=options.fixing, dry_run=options.diff)
    if target is None:
        if rendered:
            stream.write(rendered)
        return
    try:
        target.write_text(rendered, encoding="utf-8")
    except OSError as exc:
        message = f"cannot write report: {exc.strerror or exc}"
        raise NewslintError(message, path=str(target)) from None
