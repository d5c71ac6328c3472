"""Command line: ``newslint check|fix|rules|explain|baseline|stats``.

``check`` and ``fix`` run over files (:mod:`newslint.runner`) or a JSON Lines feed
(:mod:`newslint.feed_runner`); ``rules``, ``explain``, ``baseline`` and ``stats`` are here.
Exit 0 clean, 1 findings, 2 errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newslint import __version__, stats
from newslint.baseline import BASELINE_NAME, Baseline, Linted
from newslint.config import ConfigResolver
from newslint.engine import lint
from newslint.errors import NewslintError
from newslint.model import Rule
from newslint.output import EXIT_CLEAN, EXIT_ERROR, overrides, print_error
from newslint.report import FORMATS
from newslint.runner import iter_inputs, read_document, run_files
from newslint.vale import cli as vale_cli


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="use this config file for every file")
    common.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        help="output format (auto: github under GitHub Actions, else text)",
    )
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

    reporting = argparse.ArgumentParser(add_help=False)
    reporting.add_argument("--output-file", type=Path, help="write the report to this file")
    reporting.add_argument(
        "--statistics", action="store_true", help="show counts per rule instead of findings"
    )
    reporting.add_argument(
        "--show-fixes", action="store_true", help="list fixes applied (fix) or available (check)"
    )
    reporting.add_argument(
        "--quiet", action="store_true", help="print findings only, no summary or 'Fixed' lines"
    )

    parser = argparse.ArgumentParser(
        prog="newslint", description="Lint and fix news articles: scraping damage, casing, quotes."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", parents=[common, reporting], help="report findings")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fix = sub.add_parser("fix", parents=[common, reporting], help="apply fixes in place")
    fix.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fix.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    fix.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 if any file was fixed, even when nothing remains",
    )
    rules = sub.add_parser("rules", parents=[common], help="list the rules")
    rules.add_argument("--all", action="store_true", help="include rules not enabled")
    explain = sub.add_parser("explain", parents=[common], help="describe one rule")
    explain.add_argument("rule", metavar="RULE")
    for command in (check, fix):
        command.add_argument(
            "--require-grammar",
            action="store_true",
            help="exit 2 when the grammar rules cannot run (no LanguageTool server, or it fails)",
        )
    stats.add_parser(sub)
    vale_cli.add_parser(sub)
    for command in (check, fix):
        command.add_argument(
            "--baseline",
            type=Path,
            metavar="FILE",
            help=f"hide findings recorded in FILE (default: {BASELINE_NAME} here or by the config)",
        )
        command.add_argument("--no-baseline", action="store_true", help="ignore any baseline")
    _add_batch_options(check, fix)
    baseline = sub.add_parser(
        "baseline", parents=[common], help="record current findings; check then reports new ones"
    )
    baseline.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    baseline.add_argument(
        "--baseline", type=Path, default=Path(BASELINE_NAME), metavar="FILE", help="file to write"
    )
    baseline.add_argument(
        "--prune", action="store_true", help="only remove entries no finding matches any more"
    )
    return parser


def _add_batch_options(check: argparse.ArgumentParser, fix: argparse.ArgumentParser) -> None:
    """``-j``, ``--no-cache`` and the ``--jsonl`` feed options of ``check`` and ``fix``."""
    for command in (check, fix):
        command.add_argument(
            "-j",
            "--jobs",
            type=int,
            metavar="N",
            help="worker processes for many files or a large feed (default: number of cores)",
        )
        command.add_argument(
            "--jsonl", type=Path, metavar="FEED", help="lint the records of a JSON Lines feed"
        )
        command.add_argument(
            "--text-field", default="text", metavar="F", help="--jsonl: field with the text"
        )
        command.add_argument(
            "--id-field", default="id", metavar="I", help="--jsonl: field with the record id"
        )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .newslint_cache/"
    )
    fix.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="--jsonl: write the fixed feed to FILE (default: standard output)",
    )


def _fixable(rule: Rule) -> str:
    return str(rule.fix.applicability) if rule.fixable and rule.fix else "-"


def _rules(args: argparse.Namespace) -> int:
    config = ConfigResolver(args.config, overrides(args)).for_path(None)
    rules = sorted(config.available_rules, key=lambda r: r.id) if args.all else config.rules
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
    config = ConfigResolver(args.config, overrides(args)).for_path(None)
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


def _baseline(args: argparse.Namespace) -> int:
    """Write (or with ``--prune`` clean) the baseline of the findings in ``args.paths``."""
    resolver = ConfigResolver(args.config, overrides(args))
    linted: list[Linted] = []
    for name, path, is_stdin in iter_inputs(args, resolver):
        config = resolver.for_path(path)
        doc = read_document(name, path, is_stdin, config)
        linted.append(Linted(name, path, doc.text, lint(doc, config.rules_for(path))))
    file: Path = args.baseline
    if args.prune:
        baseline = Baseline.load(file)
        stale = baseline.prune(linted)
        for where, rule, match, count in stale:
            times = f" (x{count})" if count > 1 else ""
            print(f"{where}: {rule} {match!r}{times} is no longer found")
        baseline.save()
        removed = sum(count for *_, count in stale)
        print(f"Removed {removed} stale {'entry' if removed == 1 else 'entries'} from {file}")
        return EXIT_CLEAN
    baseline = Baseline.load(file) if file.is_file() else Baseline(file)
    baseline.record(linted)
    baseline.save()
    noun = "finding" if baseline.total == 1 else "findings"
    print(f"Baselined {baseline.total} {noun} in {file}")
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
        if args.command == "baseline":
            return _baseline(args)
        if args.command == "stats":
            return stats.run(args)
        if args.command == "vale":
            return vale_cli.run(args)
        if args.jsonl:
            from newslint.feed_runner import run_feed  # only feeds need it

            return run_feed(args)
        return run_files(args)
    except NewslintError as exc:
        print_error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
