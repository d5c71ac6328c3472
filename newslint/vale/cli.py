"""``newslint vale [FLAGS] [PATHS|TEXT]``: Vale's command line, its outputs and exit codes.

Exit status 0 when no error-level alert was printed, 1 when one was (unless ``--no-exit``), 2 on a
runtime or configuration error, printed as Vale prints it (``E100 [...] Runtime error``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.core.errors import NewslintError

if TYPE_CHECKING:
    from newslint.vale.config import ValeConfig
    from newslint.vale.errors import ValeError
    from newslint.vale.globs import Glob
    from newslint.vale.lint import FileResult, Linter
    from newslint.vale.manager import Manager

IGNORED_DIRS = ("node_modules", ".git")


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The ``vale`` sub-command (its flags spelt as Vale spells them)."""
    parser = subparsers.add_parser(
        "vale",
        help="lint with a Vale configuration (.vale.ini), as `vale` would",
        description="Lint files with the Vale styles of a .vale.ini, with Vale's flags.",
        allow_abbrev=False,
    )
    parser.add_argument("inputs", nargs="*", metavar="PATH|TEXT")
    parser.add_argument("--output", default="CLI", help='"line", "JSON" or "CLI" (default)')
    parser.add_argument("--config", help="the .vale.ini to use")
    parser.add_argument("--ext", default=".txt", help="the extension of text from stdin")
    parser.add_argument("--path", dest="stdin_path", default="", help="a path for stdin")
    parser.add_argument("--glob", default="*", help="only files matching this glob")
    parser.add_argument("--minAlertLevel", dest="min_alert_level", default="")
    parser.add_argument("--filter", default="", help="an expression selecting rules")
    parser.add_argument("--ignore-syntax", action="store_true", help="lint files line by line")
    parser.add_argument("--no-exit", action="store_true", help="exit 0 even with errors")
    parser.add_argument("--no-global", action="store_true", help="ignore the global config")
    parser.add_argument("--no-wrap", action="store_true", help="do not wrap CLI output")
    parser.add_argument("--sort", action="store_true", help="sort files by path")
    parser.add_argument("--normalize", action="store_true", help="'/' as path separator")
    parser.add_argument("--relative", action="store_true", help="relative paths")
    parser.add_argument("--mode-compat", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--exact-positions",
        action="store_true",
        help="report where each match is, not where Vale's search would put it",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from newslint.vale.config import Flags, load_config
    from newslint.vale.errors import ValeError
    from newslint.vale.lint import Linter
    from newslint.vale.manager import Manager

    flags = Flags(
        config=args.config,
        min_alert_level=args.min_alert_level or None,
        no_global=args.no_global,
        ignore_syntax=args.ignore_syntax,
        ext=args.ext if args.ext.startswith(".") else "." + args.ext,
        glob=args.glob,
        filter=args.filter or None,
        output=args.output,
    )
    try:
        if args.inputs and args.inputs[0] in ("sync", "fix", "ls-config", "ls-dirs", "ls-metrics"):
            raise ValeError(args.inputs[0], f"'vale {args.inputs[0]}' is not supported by newslint")
        config = load_config(flags)
        manager = Manager(config)
        if flags.filter:
            apply_filter(manager, config, flags.filter)
        linter = Linter(config, manager, vale_placement=not args.exact_positions)
        results = lint_inputs(linter, config, args)
    except NewslintError as exc:
        error = exc if isinstance(exc, ValeError) else ValeError("newslint", exc.args[0])
        show_error(error, flags.output)
        return 2
    if args.sort:
        results.sort(key=lambda r: r.path.encode("utf-8"))
    skipped = [r for r in results if r.skipped]
    if skipped:
        from newslint.vale.errors import warn

        kinds = sorted({r.skipped for r in skipped})
        names = ", ".join(r.path for r in skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        warn(
            f"{len(skipped)} file(s) not linted (newslint lints Markdown, HTML and text, not"
            f" {', '.join(kinds)}): {names}"
        )
    if args.normalize:
        for result in results:
            result.path = result.path.replace(os.sep, "/")
    has_errors = print_results(results, flags.output)
    return 1 if has_errors and not args.no_exit else 0


def apply_filter(manager: Manager, config: ValeConfig, expression: str) -> None:
    from newslint.vale.config import LEVELS
    from newslint.vale.filters import compile_filter

    text = expression
    candidate = Path(expression)
    if candidate.is_file():
        text = candidate.read_text(encoding="utf-8")
    else:
        found = config.find_asset(expression, "config/filters")
        if found is None:
            for base in config.search_paths:
                if (base / expression).is_file():
                    found = base / expression
                    break
        if found is not None:
            text = found.read_text(encoding="utf-8")
    predicate = compile_filter(text)
    kept = {}
    for name, rule in manager.rules.items():
        fields = {
            "Name": rule.name,
            "Level": rule.level,
            "Extends": rule.extends,
            "Scope": rule.scope_values,
            "Message": rule.message,
            "Description": rule.description,
            "Link": rule.link,
            "Limit": rule.limit,
        }
        if predicate(fields):
            kept[name] = rule
            if ".Level" in text and LEVELS[rule.level] < config.min_alert_level:
                config.min_alert_level = LEVELS[rule.level]
    manager.rules = kept


def lint_inputs(linter: Linter, config: ValeConfig, args: argparse.Namespace) -> list[FileResult]:
    inputs: list[str] = args.inputs
    ext = linter.config.flags.ext
    if len(inputs) == 1 and inputs[0] and not os.path.exists(inputs[0]):
        path = args.stdin_path or f"stdin{ext}"
        return [linter.lint(path, inputs[0], ext if ext != ".txt" else None)]
    if not inputs:
        text = sys.stdin.read()
        path = args.stdin_path or f"stdin{ext}"
        return [linter.lint(path, text, ext if ext != ".txt" else None)]
    from newslint.vale.errors import ValeError
    from newslint.vale.globs import Glob

    for item in inputs:
        if not os.path.exists(item):
            raise ValeError("doLint", f"argument '{item}' does not exist")
    glob = Glob.parse(config.flags.glob)
    non_global = not config.has_global_rules()
    results = []
    for item in inputs:
        for path in _walk(item):
            if _skip(path, glob, config, non_global):
                continue
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise ValeError("lintFile", str(exc)) from None
            content = data.decode("utf-8", errors="replace").lstrip("\ufeff")
            results.append(linter.lint(path, content, ext if ext != ".txt" else None))
    return results


def _walk(root: str) -> list[str]:
    if os.path.isfile(root):
        return [root]
    found = []
    for directory, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS)
        for name in sorted(files):
            path = os.path.join(directory, name)
            found.append(os.path.normpath(path) if directory != "." else name)
    return found


def _skip(path: str, glob: Glob, config: ValeConfig, non_global: bool) -> bool:
    base = Path(path).suffix.lstrip(".")
    ref = path
    if base in config.formats:
        ref = path[: len(path) - len(base)] + config.formats[base]
    if not glob.match(path) and not glob.match(ref):
        return True
    if non_global:
        return not any(g.match(path) or g.match(ref) for g in config.section_globs)
    return False


def show_error(error: ValeError, output: str) -> None:
    if output == "JSON":
        data = {"Line": 0, "Path": "", "Text": error.vale_text(), "Code": error.code, "Span": 0}
        if error.code == "E201":
            data = {
                "Line": error.line or 1,
                "Path": error.path or "",
                "Text": error.message,
                "Code": error.code,
                "Span": 1,
            }
        print(json.dumps(data, indent=2), file=sys.stderr)
    else:
        print(error.vale_text(), file=sys.stderr)


def print_results(results: list[FileResult], output: str) -> bool:
    """Print the alerts in Vale's ``line``, ``JSON`` or ``CLI`` form; whether any is an error."""
    errors = any(a.severity == "error" for r in results for a in r.alerts)
    if output == "line":
        lines = [
            f"{r.path}:{a.line}:{a.column}:{a.check}:{a.message}\n"
            for r in results
            for a in r.alerts
        ]
        sys.stdout.write("".join(lines))
    elif output == "JSON":
        data: dict[str, list[dict[str, Any]]] = {}
        for result in results:
            for alert in result.alerts:
                data.setdefault(result.path, []).append(
                    {
                        "Action": {
                            "Name": alert.action.name,
                            "Params": alert.action.params or None,
                        },
                        "Span": [alert.column, max(alert.end_column, alert.column)],
                        "Check": alert.check,
                        "Description": alert.description,
                        "Link": alert.link,
                        "Message": alert.message,
                        "Severity": alert.severity,
                        "Match": alert.match,
                        "Line": alert.line,
                    }
                )
        text = json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False)
        for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escaped)
        print(text)
    else:
        _print_cli(results)
    return errors


def _print_cli(results: list[FileResult]) -> None:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for result in results:
        if not result.alerts:
            continue
        print(f"\n {result.path}")
        rows = [(f"{a.line}:{a.column}", a.severity, a.message, a.check) for a in result.alerts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            counts[row[1]] += 1
            print(
                " "
                + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3]))
                + "  "
                + row[3]
            )
        print()
    symbol = "\u2716" if counts["error"] or counts["warning"] else "\u2714"

    def plural(word: str, n: int) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    where = (
        "stdin"
        if len(results) == 1 and results[0].path.startswith("stdin")
        else plural("file", len(results))
    )
    print(
        f"{symbol} {plural('error', counts['error'])}, {plural('warning', counts['warning'])}"
        f" and {plural('suggestion', counts['suggestion'])} in {where}."
    )
