"""Command line: ``newslint check|fix|rules|explain``. Exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.api import fix_document
from newslint.config import Config, ConfigResolver
from newslint.document import Document
from newslint.engine import lint
from newslint.errors import NewslintError
from newslint.files import iter_files, read_bytes, write_atomic
from newslint.model import Applicability, Rule, Severity
from newslint.report import FORMATS, FileReport, render

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="use this config file for every file")
    common.add_argument("--format", choices=FORMATS, default="text", help="output format")
    common.add_argument(
        "--select", action="append", help="only these rules (id, name, category, pack)"
    )
    common.add_argument("--extend-select", action="append", help="also these rules")
    common.add_argument("--ignore", action="append", help="not these rules")
    common.add_argument(
        "--fail-on", choices=("info", "warning", "error"), help="lowest severity that fails the run"
    )
    common.add_argument("--stdin-filename", help="path to assume for text read from '-'")
    common.add_argument("--encoding", help="decode files with this encoding (default utf-8)")
    common.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    parser = argparse.ArgumentParser(
        prog="newslint", description="Lint and fix news articles: scraping damage, casing, quotes."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", parents=[common], help="report findings")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fix = sub.add_parser("fix", parents=[common], help="apply fixes in place")
    fix.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fix.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    rules = sub.add_parser("rules", parents=[common], help="list the rules")
    rules.add_argument("--all", action="store_true", help="include rules not enabled")
    explain = sub.add_parser("explain", parents=[common], help="describe one rule")
    explain.add_argument("rule", metavar="RULE")
    return parser


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        values = getattr(args, key)
        if values:
            overrides[key] = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if args.encoding:
        overrides["encoding"] = args.encoding
    return overrides


def _color(args: argparse.Namespace, stream: Any) -> bool:
    if args.color != "auto":
        return args.color == "always"
    return hasattr(stream, "isatty") and stream.isatty()


def _inputs(
    args: argparse.Namespace, resolver: ConfigResolver
) -> Iterator[tuple[str, Path | None, bool]]:
    """(display path, config path, is stdin) for each input; '-' is standard input."""
    for name in args.paths:
        if name == "-":
            shown = args.stdin_filename or "-"
            yield shown, Path(args.stdin_filename) if args.stdin_filename else None, True
        else:
            for path in iter_files([name], resolver):
                yield str(path), path, False


def _document(name: str, path: Path | None, is_stdin: bool, config: Config) -> Document:
    data = sys.stdin.buffer.read() if is_stdin else read_bytes(path)  # type: ignore[arg-type]
    return Document.from_bytes(
        data,
        name,
        encoding=config.settings.encoding,
        paragraph_breaks=config.settings.paragraph_breaks,
    )


def _error(message: str) -> None:
    print(f"newslint: error: {message}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    resolver = ConfigResolver(args.config, _overrides(args))
    reports: list[FileReport] = []
    failed = errored = False
    minimum = Applicability.UNSAFE if getattr(args, "unsafe_fixes", False) else Applicability.SAFE
    fixing = args.command == "fix"
    out = sys.stdout
    notes = sys.stdout if args.format == "text" else sys.stderr
    for name, path, is_stdin in _inputs(args, resolver):
        config = resolver.for_path(path)
        rules = config.rules_for(path)
        try:
            doc = _document(name, path, is_stdin, config)
            if fixing:
                result = fix_document(doc, rules, minimum)
                findings = result.remaining
                report = FileReport(name, result.text, findings, result.fixed)
                if result.changed:
                    new_bytes = doc.to_bytes(result.text)
                    if args.diff:
                        out.write(_diff(name, doc.text, result.text))
                    elif is_stdin:
                        sys.stdout.buffer.write(new_bytes)
                        sys.stdout.flush()
                    else:
                        write_atomic(path, new_bytes)  # type: ignore[arg-type]
                    if not args.diff:
                        count = len(result.fixed)
                        noun = "finding" if count == 1 else "findings"
                        print(
                            f"Fixed {count} {noun} in {name}",
                            file=sys.stderr if is_stdin else notes,
                        )
                elif is_stdin and not args.diff:
                    sys.stdout.buffer.write(doc.to_bytes())
            else:
                findings = lint(doc, rules)
                report = FileReport(name, doc.text, findings)
        except NewslintError as exc:
            _error(str(exc))
            errored = True
            continue
        reports.append(report)
        level = Severity.parse(args.fail_on or config.settings.fail_on)
        failed = failed or any(f.severity >= level for f in report.findings)
    stream = sys.stderr if fixing and "-" in args.paths and not args.diff else out
    rendered = render(args.format, reports, color=_color(args, stream))
    if rendered:
        stream.write(rendered)
    if errored:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _diff(name: str, before: str, after: str) -> str:
    """A unified diff that marks a missing final newline as ``diff -u`` does."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}",
        tofile=f"b/{name.lstrip('/')}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _fixable(rule: Rule) -> str:
    return str(rule.fix.applicability) if rule.fixable and rule.fix else "-"


def _rules(args: argparse.Namespace) -> int:
    config = ConfigResolver(args.config, _overrides(args)).for_path(None)
    rules = config.available_rules if args.all else config.rules
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "category": r.category,
            "severity": str(r.severity),
            "fixable": _fixable(r),
            "pack": r.pack,
            "kind": r.kind,
        }
        for r in rules
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return EXIT_CLEAN
    columns = ("id", "name", "category", "severity", "fixable", "pack")
    widths = {c: max([len(c)] + [len(row[c]) for row in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(row[c].ljust(widths[c]) for c in columns).rstrip())
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    config = ConfigResolver(args.config, _overrides(args)).for_path(None)
    wanted = args.rule.strip()
    rule = next((r for r in config.available_rules if wanted in (r.id, r.name)), None)
    if rule is None:
        raise NewslintError(f"no rule {wanted!r}; `newslint rules --all` lists them")
    if args.format == "json":
        print(
            json.dumps(
                {
                    "id": rule.id,
                    "name": rule.name,
                    "kind": rule.kind,
                    "category": rule.category,
                    "severity": str(rule.severity),
                    "pack": rule.pack,
                    "fixable": _fixable(rule),
                    "message": rule.message,
                    "description": rule.description,
                    "examples": rule.examples,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_CLEAN
    print(f"{rule.id} {rule.name}")
    print(f"category: {rule.category}  severity: {rule.severity}  kind: {rule.kind}", end="")
    print(f"  pack: {rule.pack}")
    print(f"fix: {_fixable(rule)}" + (f" ({rule.fix.title})" if rule.fix else ""))
    print()
    print(rule.description)
    for label in ("bad", "good"):
        if rule.examples[label]:
            print(f"\n{label.capitalize()}:")
            for example in rule.examples[label]:
                print("  " + example.replace("\n", "\n  "))
    if rule.examples["fixed"]:
        print("\nFixed:")
        for pair in rule.examples["fixed"]:
            print("  before: " + pair["before"].replace("\n", "\n          "))
            print("  after:  " + pair["after"].replace("\n", "\n          "))
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_CLEAN if exc.code == 0 else EXIT_ERROR
    try:
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
        return _run(args)
    except NewslintError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
