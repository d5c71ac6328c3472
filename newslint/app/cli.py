"""Command line: ``newslint check|fix|rules|explain|baseline|stats|check-rules|init|config``,
``server`` (the language server) and ``vale`` (Vale's command line).

The arguments are read here into typed options; ``check`` and ``fix`` run in
:mod:`newslint.app.runner`. Exit 0 clean, 1 findings, 2 errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from newslint.app import check_rules, corpus_cli, corpus_run, init, show_config, stats
from newslint.app.baseline import BASELINE_NAME, Baseline, Linted
from newslint.app.inputs import NoFiles, collect_inputs, iter_inputs
from newslint.app.options import RunOptions
from newslint.app.output import EXIT_CLEAN, EXIT_ERROR, internal_error, print_error
from newslint.app.runner import current, run
from newslint.config.selectors import find_rule, suggestion
from newslint.core.engine import lint
from newslint.core.errors import NewslintError
from newslint.integrations.languagetool import ENV_URL, server_problem
from newslint.lsp import command as server_command
from newslint.report import REPORTERS
from newslint.report.rules import explain, explain_json, rules_table
from newslint.vale import cli as vale_cli
from newslint.version import __version__


def _flags(parser: argparse.ArgumentParser, flags: dict[str, str]) -> None:
    """Options that are on or off: name -> help."""
    for name, text in flags.items():
        parser.add_argument(name, action="store_true", help=text)


def _format(parser: argparse.ArgumentParser, names: tuple[str, ...], auto: str) -> None:
    """``--format``: one of ``names`` (a command rejects the formats it cannot write)."""
    parser.add_argument(
        "--format", choices=("auto", *names), default="auto", help=f"output format (auto: {auto})"
    )


def _no_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_false",
        dest="cache",
        help="neither read nor write .newslint_cache/ (findings, grammar answers)",
    )


def _common() -> argparse.ArgumentParser:
    """What every command but ``stats`` takes: config, rule selection, input."""
    common = argparse.ArgumentParser(add_help=False)
    add = common.add_argument
    add("--config", type=Path, help="use this config file for every file")
    _no_cache(common)
    add("--select", action="append", help="only these rules (id, name, category, pack)")
    add("--extend-select", action="append", help="also these rules")
    add("--ignore", action="append", help="not these rules")
    severities = ("info", "warning", "error")
    add("--fail-on", choices=severities, help="lowest severity that fails the run")
    add("--stdin-filename", help="path to assume for text read from '-'")
    add("--encoding", help="decode files with this encoding (default utf-8)")
    add("--color", choices=("auto", "always", "never"), default="auto")
    add(
        "--languagetool-server",
        metavar="URL",
        help=f"send prose to this LanguageTool server (or ${ENV_URL}; a project config cannot"
        " choose one)",
    )
    return common


def _running() -> argparse.ArgumentParser:
    """What ``check`` and ``fix`` take besides the common options."""
    running = argparse.ArgumentParser(add_help=False)
    _format(running, tuple(REPORTERS), "github under GitHub Actions, else text")
    add = running.add_argument
    add("paths", nargs="*", default=["."], metavar="PATH")
    add("--output-file", type=Path, help="write the report to this file")
    _flags(
        running,
        {
            "--statistics": "show counts per rule instead of findings",
            "--show-fixes": "list fixes applied (fix) or available (check)",
            "--exit-zero": "exit 0 even when findings remain (errors still exit 2)",
            "--require-grammar": "exit 2 when the grammar rules cannot run (no LanguageTool server,"
            " or it fails)",
            "--follow-symlinks": "read (and fix) the files symlinks point to, also outside the"
            " project (default: the walk skips symlinks, fix never writes through one)",
        },
    )
    add("-q", "--quiet", action="store_true", help="findings only: no summary, 'Fixed' lines")
    add(
        "--baseline",
        type=Path,
        metavar="FILE",
        help=f"hide findings recorded in FILE (default: {BASELINE_NAME} here or by the config)",
    )
    add("--no-baseline", action="store_true", help="ignore any baseline")
    add(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes for many files or a large feed (default: number of cores)",
    )
    add(
        "--jsonl",
        type=Path,
        dest="feed",
        metavar="FEED",
        help="lint the records of a JSON Lines feed",
    )
    add("--text-field", default="text", metavar="F", help="--jsonl: field with the text")
    add("--id-field", default="id", metavar="I", help="--jsonl: field with the record id")
    corpus_cli.add_arguments(running)
    return running


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint", description="Lint and fix news articles: scraping damage, casing, quotes."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common, running = _common(), _running()
    sub.add_parser("check", parents=[common, running], help="report findings")
    fix = sub.add_parser("fix", parents=[common, running], help="apply fixes in place")
    _flags(
        fix,
        {
            "--unsafe-fixes": "also apply unsafe fixes",
            "--diff": "print a unified diff and write nothing; exit 1 if there is one",
            "--exit-non-zero-on-fix": "exit 1 if any file was fixed, even when nothing remains",
        },
    )
    fix.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="--jsonl: write the fixed feed to FILE (default: standard output)",
    )
    rules = sub.add_parser("rules", parents=[common], help="list the rules")
    rules.add_argument(
        "--all", action="store_true", help="every rule, and whether it is on by default"
    )
    _format(rules, ("text", "json"), "text")
    explain = sub.add_parser("explain", parents=[common], help="describe one rule")
    explain.add_argument("rule", metavar="RULE")
    _format(explain, ("text", "json"), "text")
    stats = sub.add_parser("stats", help="words, sentences and readability per article")
    stats.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    stats.add_argument("--config", type=Path, help="use this config file for every file")
    _format(stats, ("text", "json"), "a table on a terminal, else text")
    _no_cache(stats)
    stats.add_argument("--encoding", help="decode files with this encoding (default utf-8)")
    stats.add_argument("--stdin-filename", help="path to assume for text read from '-'")
    baseline = sub.add_parser(
        "baseline", parents=[common], help="record current findings; check then reports new ones"
    )
    baseline.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    baseline.add_argument(
        "--baseline", type=Path, default=Path(BASELINE_NAME), metavar="FILE", help="file to write"
    )
    _flags(baseline, {"--prune": "only remove entries no finding matches any more"})
    check_rules.add_parser(sub)
    init.add_parser(sub)
    show_config.add_parser(sub, [common])
    server_command.add_parser(sub)
    vale_cli.add_parser(sub)
    corpus_cli.add_learn_parser(sub, [common])
    return parser


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Config overrides from ``--select``, ``--extend-select``, ``--ignore`` and ``--encoding``."""
    result: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        values = getattr(args, key, None)
        if values:
            result[key] = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if args.encoding:
        result["encoding"] = args.encoding
    server = getattr(args, "languagetool_server", None)
    if server:
        problem = server_problem(server)
        if problem:
            raise NewslintError(f"--languagetool-server: {problem}")
        result["languagetool"] = {"server": server}
    return result


def _options(args: argparse.Namespace, **given: Any) -> RunOptions:
    """The options from the arguments named as their fields (and ``given``)."""
    values = {k: v for k, v in vars(args).items() if k in RunOptions._fields and k not in given}
    if "paths" in values:
        values["paths"] = tuple(values["paths"])
    return RunOptions(**values, overrides=_overrides(args), **given)


def _output_format(name: str) -> str:
    """``--format`` with ``auto`` resolved: ``github`` under GitHub Actions, else ``text``."""
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _run(args: argparse.Namespace) -> int:
    fmt = _output_format(args.format)
    options = _options(args, fixing=args.command == "fix", format=fmt)
    return run(options) if options.engine == "local" else corpus_cli.run_engine(options)


def _rules(args: argparse.Namespace) -> int:
    config = _options(args).resolver().for_path(None)
    rules = sorted(config.available_rules, key=lambda r: r.id) if args.all else config.rules
    sys.stdout.write(rules_table(tuple(rules), as_json=args.format == "json", every=args.all))
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    rules = _options(args).resolver().for_path(None).available_rules
    rule = find_rule(args.rule, rules)
    if rule is None:
        hint = (
            suggestion(args.rule, rules, rules_only=True) or "; `newslint rules --all` lists them"
        )
        raise NewslintError(f"no rule {args.rule.strip()!r}{hint}")
    sys.stdout.write(explain_json(rule) if args.format == "json" else explain(rule))
    return EXIT_CLEAN


def _baseline(args: argparse.Namespace) -> int:
    """Write (or with ``--prune`` clean) the baseline of the findings in ``args.paths``."""
    options = _options(args)
    resolver = options.resolver()
    linted: list[Linted] = []
    inputs = iter_inputs if args.prune else collect_inputs  # pruning: the files may be gone
    for inp in inputs(options, resolver):
        config = resolver.for_path(inp.config_path)
        doc = inp.read(config)
        corpus_run.for_document(None, inp, doc, config)  # the config's profile, if any
        findings = lint(doc, config.rules_for(inp.config_path))
        linted.append(Linted(inp.name, inp.config_path, doc.text, findings))
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


def _learn(args: argparse.Namespace) -> int:
    return corpus_cli.run_learn(_options(args))


def _config(args: argparse.Namespace) -> int:
    return show_config.run(args, _options(args))


def _stats(args: argparse.Namespace) -> int:
    return stats.run(_options(args), args.format)


COMMANDS = {
    "check": _run,
    "fix": _run,
    "rules": _rules,
    "explain": _explain,
    "baseline": _baseline,
    "stats": _stats,
    "learn": _learn,
    "check-rules": check_rules.run,
    "init": init.run,
    "config": _config,
    "server": server_command.run,
    "vale": vale_cli.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_CLEAN if exc.code == 0 else EXIT_ERROR
    try:
        code = COMMANDS[args.command](args)
        if not sys.stdout.closed:  # the language server closes it when the client leaves
            sys.stdout.flush()  # a full disk is told here, not by the interpreter at exit
        return code
    except NoFiles as exc:
        print_error(str(exc), "warning")
        return EXIT_ERROR
    except NewslintError as exc:
        print_error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_ERROR
    except Exception as exc:  # the last resort: one line, exit 2, never a traceback
        return unexpected(exc, args.command)


def unexpected(exc: Exception, command: str) -> int:
    """An error no code path expected, as one line (with ``NEWSLINT_DEBUG=1``, raised again
    for the traceback). An OSError without a file name is standard output failing (a full
    disk, a closed pipe)."""
    if os.environ.get("NEWSLINT_DEBUG"):
        raise exc
    if isinstance(exc, OSError) and exc.filename is None:
        _drop_stdout()
        print_error(f"cannot write the output: {exc.strerror or exc}")
        return EXIT_ERROR
    print_error(internal_error(exc, current.name or f"'newslint {command}'"))
    return EXIT_ERROR


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's flush at exit does not
    fail again (and print a traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
