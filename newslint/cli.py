"""Command line: ``newslint check|fix|rules|explain``. Exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint import __version__, languagetool, stats
from newslint.api import fix_document
from newslint.baseline import BASELINE_NAME, Baseline, Baselines, Linted
from newslint.cache import FindingsCache
from newslint.config import Config, ConfigResolver
from newslint.document import Document
from newslint.engine import RuleTimeout, lint
from newslint.errors import NewslintError
from newslint.files import iter_files, read_bytes, too_large, write_atomic
from newslint.jsonl import Progress, Record, iter_records, replace_text
from newslint.model import Applicability, Rule, Severity
from newslint.parallel import default_jobs, ordered_map
from newslint.report import FORMATS, FileReport, render, summary_counts, summary_text
from newslint.report.summaries import show_fixes, statistics

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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


def _output_format(args: argparse.Namespace) -> str:
    """``--format`` with ``auto`` resolved: ``github`` under GitHub Actions, else ``text``."""
    if args.format != "auto":
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


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
    limit = config.settings.max_file_size
    if is_stdin:
        data = too_large(sys.stdin.buffer.read(limit + 1 if limit else -1), limit, name)
    else:
        data = read_bytes(path, limit)  # type: ignore[arg-type]
    return Document.from_bytes(
        data,
        name,
        encoding=config.settings.encoding,
        paragraph_breaks=config.settings.paragraph_breaks,
    )


def _error(message: str) -> None:
    print(f"newslint: error: {message}", file=sys.stderr)


STREAMED = ("text", "concise", "github", "json-lines")  # a report of one file after another


@dataclass
class _Context:
    """What processing a file needs; each worker process (``-j``) builds its own."""

    args: argparse.Namespace
    fmt: str
    color: bool
    streamed: bool  # findings are rendered file by file, not kept for the end
    resolver: ConfigResolver
    baselines: Baselines
    caches: dict[Path, FindingsCache | None] = field(default_factory=dict)

    @classmethod
    def build(cls, args: argparse.Namespace, fmt: str, color: bool, streamed: bool) -> _Context:
        resolver = ConfigResolver(args.config, _overrides(args))
        baselines = Baselines(args.baseline, enabled=not args.no_baseline)
        return cls(args, fmt, color, streamed, resolver, baselines)

    def cache(self, config: Config) -> FindingsCache | None:
        if self.args.command != "check" or self.args.no_cache or self.args.require_grammar:
            return None  # --require-grammar must see the grammar rules run
        if config.root not in self.caches:
            self.caches[config.root] = FindingsCache(config.root)
        return self.caches[config.root]


@dataclass
class _Outcome:
    """What processing one file produced, written out by the main process in input order."""

    report: FileReport | None = None
    errors: list[str] = field(default_factory=list)
    diff: str = ""
    note: str = ""
    chunk: str = ""  # the file's findings, rendered (streamed formats)
    failed: bool = False
    hidden: int = 0  # findings a baseline hid
    counts: tuple[int, int, int] = (0, 0, 0)  # for the summary line of a streamed report


def _asks_server(rule: Rule) -> bool:
    """Whether a rule's findings depend on a LanguageTool server (so they are not cached)."""
    client = getattr(rule.check, "client", None)
    return rule.kind == "grammar" and (client is None or client.configured)


def _lint_cached(ctx: _Context, doc: Document, rules: tuple[Rule, ...], config: Config) -> list:
    """``lint`` through the findings cache; grammar rules ask a server and keep their own."""
    cache = ctx.cache(config)
    if cache is None or any(_asks_server(rule) for rule in rules):
        return lint(doc, rules)
    key = cache.key(doc.path, doc.text.encode("utf-8", "surrogatepass"), rules, config.settings)
    findings = cache.get(key, doc.path)
    if findings is None:
        findings = lint(doc, rules)
        cache.put(key, findings)
    return findings


def _process(ctx: _Context, name: str, path: Path | None, is_stdin: bool) -> _Outcome:
    """Lint or fix one input; output other than standard input's fixed text goes in the outcome."""
    args = ctx.args
    outcome = _Outcome()
    fixing = args.command == "fix"
    minimum = Applicability.UNSAFE if getattr(args, "unsafe_fixes", False) else Applicability.SAFE
    config = ctx.resolver.for_path(path)
    rules = config.rules_for(path)
    hidden_before = ctx.baselines.hidden
    try:
        baseline = ctx.baselines.for_root(config.root)
        doc = _document(name, path, is_stdin, config)
        if fixing:
            result = fix_document(doc, rules, minimum)
            findings = result.remaining
            report = FileReport(name, result.text, findings, result.fixed, rules, doc)
            if result.changed:
                new_bytes = doc.to_bytes(result.text)
                if args.diff:
                    outcome.diff = _diff(name, doc.text, result.text)
                elif is_stdin:
                    sys.stdout.buffer.write(new_bytes)
                    sys.stdout.flush()
                else:
                    write_atomic(path, new_bytes)  # type: ignore[arg-type]
                if not args.diff and not args.quiet:
                    count = len(result.fixed)
                    noun = "finding" if count == 1 else "findings"
                    outcome.note = f"Fixed {count} {noun} in {name}"
            elif is_stdin and not args.diff:
                sys.stdout.buffer.write(doc.to_bytes())
        else:
            findings = _lint_cached(ctx, doc, rules, config)
            report = FileReport(name, doc.text, findings, rules=rules, document=doc)
        if baseline:
            report.findings = ctx.baselines.hide(baseline, name, path, report.text, findings)
    except RuleTimeout as exc:  # the other rules' findings are still reported
        outcome.errors.append(str(exc))
        report = FileReport(name, doc.text, exc.findings, rules=rules, document=doc)
    except NewslintError as exc:
        outcome.errors.append(str(exc))
        return outcome
    level = Severity.parse(args.fail_on or config.settings.fail_on)
    outcome.failed = any(f.severity >= level for f in report.findings)
    outcome.hidden = ctx.baselines.hidden - hidden_before
    if ctx.streamed:
        outcome.chunk = render(ctx.fmt, [report], color=ctx.color, quiet=True)
        outcome.counts = summary_counts(report.findings)
        report = FileReport(name, "")
    elif ctx.fmt != "html":  # keep only what the report needs
        keep_text = ctx.fmt in ("text", "sarif") and not args.statistics
        text = report.text if keep_text else ""
        report = FileReport(name, text, report.findings, report.fixed, report.rules)
    outcome.report = report
    return outcome


_WORKER: _Context | None = None


def _init_worker(args: argparse.Namespace, fmt: str, color: bool, streamed: bool) -> None:
    global _WORKER
    _WORKER = _Context.build(args, fmt, color, streamed)


def _process_in_worker(item: tuple[str, Path | None, bool]) -> _Outcome:
    assert _WORKER is not None
    outcome = _process(_WORKER, *item)
    if outcome.report is not None:
        outcome.report.rules = ()  # the main process adds them back if the format needs them
    return outcome


def _jobs(args: argparse.Namespace, inputs: list[tuple[str, Path | None, bool]]) -> int:
    """Worker processes to use: none for a few files, standard input or grammar checks."""
    jobs = args.jobs or default_jobs()
    if len(inputs) < 4 or any(is_stdin for _, _, is_stdin in inputs) or args.require_grammar:
        return 1
    return min(jobs, len(inputs))


def _run(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _run_jsonl(args)
    fmt = _output_format(args)
    fixing = args.command == "fix"
    out = sys.stdout
    notes = sys.stdout if fmt in ("text", "concise") else sys.stderr
    stream = sys.stderr if fixing and "-" in args.paths and not args.diff else out
    streamed = not fixing and fmt in STREAMED and not (args.statistics or args.show_fixes)
    streamed = streamed and args.output_file is None
    color = _color(args, stream)
    ctx = _Context.build(args, fmt, color, streamed)
    languagetool.reset_problems()
    inputs = list(_inputs(args, ctx.resolver))
    jobs = _jobs(args, inputs)
    if jobs > 1:
        first = inputs[0][1]
        ctx.resolver.for_path(first).rules_for(first)  # load the packs once, before forking
        outcomes = ordered_map(
            _process_in_worker,
            inputs,
            jobs,
            initializer=_init_worker,
            initargs=(args, fmt, color, streamed),
        )
    else:
        outcomes = (_process(ctx, *item) for item in inputs)
    reports: list[FileReport] = []
    failed = errored = False
    hidden = 0
    counts = [0, 0, 0]  # findings, safe fixes, unsafe fixes: for a streamed summary
    for (_, path, is_stdin), outcome in zip(inputs, outcomes, strict=True):
        for message in outcome.errors:
            _error(message)
            errored = True
        if outcome.report is None:
            continue
        if outcome.diff:
            out.write(outcome.diff)
        if outcome.note:
            print(outcome.note, file=sys.stderr if is_stdin else notes)
        if outcome.chunk:
            stream.write(outcome.chunk)
        if jobs > 1 and fmt in ("sarif", "html"):  # rules stay in the workers
            outcome.report.rules = ctx.resolver.for_path(path).rules_for(path)
        if not streamed:  # a streamed report is written already: keep nothing per file
            reports.append(outcome.report)
        failed = failed or outcome.failed
        hidden += outcome.hidden
        counts = [a + b for a, b in zip(counts, outcome.counts, strict=True)]
    if streamed:
        summary = summary_text(*counts)
        if summary and not args.quiet and fmt in ("text", "concise"):
            stream.write(summary + "\n")
    else:
        _emit(args, fmt, reports, stream)
    if hidden and not args.quiet:
        noun = "finding" if hidden == 1 else "findings"
        shown = f"{hidden} baselined {noun} not shown (--no-baseline shows them)"
        print(shown, file=sys.stderr)
    if args.require_grammar and languagetool.problems():
        for reason in languagetool.unreported():  # the others were warned about already
            _error(f"--require-grammar: {reason}")
        return EXIT_ERROR
    if errored:
        return EXIT_ERROR
    if fixing and args.exit_non_zero_on_fix and any(r.fixed for r in reports):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failed else EXIT_CLEAN


@dataclass
class _FeedContext:
    """What linting one record of a ``--jsonl`` feed needs; each worker builds its own."""

    args: argparse.Namespace
    fmt: str
    color: bool
    streamed: bool
    feed: Path
    config: Config
    rules: tuple[Rule, ...]

    @classmethod
    def build(cls, args: argparse.Namespace, fmt: str, color: bool, streamed: bool) -> _FeedContext:
        feed = Path(args.jsonl)
        config = ConfigResolver(args.config, _overrides(args)).for_path(feed)
        return cls(args, fmt, color, streamed, feed, config, config.rules_for(feed))


@dataclass
class _RecordOutcome:
    error: str = ""
    line: bytes = b""  # the record as ``fix`` writes it
    outcome: _Outcome = field(default_factory=_Outcome)


def _process_record(ctx: _FeedContext, record: Record) -> _RecordOutcome:
    args = ctx.args
    if not record.ok:
        error = str(NewslintError(record.error or "", path=str(ctx.feed), line=record.line))
        return _RecordOutcome(error, record.raw)
    name = f"{ctx.feed}#{record.id}"
    settings = ctx.config.settings
    doc = Document(record.text, name, markdown=False, paragraph_breaks=settings.paragraph_breaks)
    result = _RecordOutcome(line=record.raw)
    outcome = result.outcome
    try:
        if args.command == "fix":
            minimum = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
            fixed = fix_document(doc, ctx.rules, minimum)
            findings, text, applied = fixed.remaining, fixed.text, fixed.fixed
            if fixed.changed:
                result.line = replace_text(record, args.text_field, fixed.text)
                if not args.quiet:
                    count = len(fixed.fixed)
                    outcome.note = f"Fixed {count} finding{'s' * (count != 1)} in {name}"
        else:
            findings, text, applied = lint(doc, ctx.rules), doc.text, []
    except NewslintError as exc:
        outcome.errors.append(str(exc))
        return result
    findings = [dataclasses.replace(f, record=record.id) for f in findings]
    report = FileReport(name, text, findings, applied)
    level = Severity.parse(args.fail_on or settings.fail_on)
    outcome.failed = any(f.severity >= level for f in findings)
    if ctx.streamed:
        outcome.chunk = render(ctx.fmt, [report], color=ctx.color, quiet=True)
        outcome.counts = summary_counts(findings)
        report = FileReport(name, "", fixed=applied)
    elif ctx.fmt not in ("text", "sarif", "html") or args.statistics:
        report = FileReport(name, "", findings, applied)
    outcome.report = report
    return result


_FEED_WORKER: _FeedContext | None = None


def _init_feed_worker(args: argparse.Namespace, fmt: str, color: bool, streamed: bool) -> None:
    global _FEED_WORKER
    _FEED_WORKER = _FeedContext.build(args, fmt, color, streamed)


def _record_in_worker(record: Record) -> _RecordOutcome:
    assert _FEED_WORKER is not None
    return _process_record(_FEED_WORKER, record)


def _run_jsonl(args: argparse.Namespace) -> int:
    """``check``/``fix --jsonl FEED``: lint each record's text field; fix writes a new feed."""
    if args.paths != ["."]:
        raise NewslintError("--jsonl reads the feed it names; give no PATH arguments")
    fixing = args.command == "fix"
    if fixing and args.diff:
        raise NewslintError("--diff does not work with --jsonl")
    fmt = _output_format(args)
    writes_stdout = fixing and args.output is None
    stream = sys.stderr if writes_stdout else sys.stdout
    notes = sys.stderr if writes_stdout or fmt not in ("text", "concise") else sys.stdout
    streamed = fmt in STREAMED and not (args.statistics or args.show_fixes)
    streamed = streamed and args.output_file is None
    color = _color(args, stream)
    ctx = _FeedContext.build(args, fmt, color, streamed)
    progress = Progress.for_file(ctx.feed)
    records = iter_records(ctx.feed, args.text_field, args.id_field, progress)
    jobs = args.jobs or default_jobs()
    if jobs > 1 and progress.total > 256 * 1024:
        init = (args, fmt, color, streamed)
        outcomes = ordered_map(
            _record_in_worker, records, jobs, initializer=_init_feed_worker, initargs=init
        )
    else:
        outcomes = (_process_record(ctx, record) for record in records)
    reports: list[FileReport] = []
    failed = errored = False
    counts = [0, 0, 0]
    with _FeedWriter(args.output if fixing else None, writes_stdout) as writer:
        for result in outcomes:
            outcome = result.outcome
            writer.write(result.line)
            for message in ([result.error] if result.error else []) + outcome.errors:
                progress.close()
                _error(message)
                errored = True
            if outcome.report is None:
                continue
            if outcome.note:
                progress.close()
                print(outcome.note, file=notes)
            if outcome.chunk:
                progress.close()
                stream.write(outcome.chunk)
            if not streamed or fixing:
                reports.append(outcome.report)
            failed = failed or outcome.failed
            counts = [a + b for a, b in zip(counts, outcome.counts, strict=True)]
    progress.close()
    if streamed:
        summary = summary_text(*counts)
        if summary and not args.quiet and fmt in ("text", "concise"):
            stream.write(summary + "\n")
    else:
        if fmt in ("sarif", "html"):
            for report in reports:
                report.rules = ctx.rules
        _emit(args, fmt, reports, stream)
    if errored:
        return EXIT_ERROR
    if fixing and args.exit_non_zero_on_fix and any(r.fixed for r in reports):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failed else EXIT_CLEAN


class _FeedWriter:
    """Where ``fix --jsonl`` writes the new feed: ``--output`` (replaced at the end) or stdout."""

    def __init__(self, target: Path | None, to_stdout: bool) -> None:
        self.target = target
        self.to_stdout = to_stdout
        self._tmp: Path | None = None
        self._handle: Any = None

    def __enter__(self) -> _FeedWriter:
        if self.target is not None:
            directory = self.target.resolve().parent
            try:
                fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", dir=directory)
            except OSError as exc:
                message = f"cannot write: {exc.strerror or exc}"
                raise NewslintError(message, path=str(self.target)) from None
            self._tmp = Path(name)
            self._handle = os.fdopen(fd, "wb")
        elif self.to_stdout:
            self._handle = sys.stdout.buffer
        return self

    def write(self, line: bytes) -> None:
        if self._handle is not None:
            self._handle.write(line)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.target is None or self._tmp is None:
            if self._handle is not None:
                self._handle.flush()
            return
        self._handle.close()
        if error is None:
            os.replace(self._tmp, self.target)
        else:
            self._tmp.unlink(missing_ok=True)


def _emit(args: argparse.Namespace, fmt: str, reports: list[FileReport], stream: Any) -> None:
    """Write the report (or ``--statistics``) to ``--output-file`` or ``stream``."""
    target: Path | None = args.output_file
    color = args.color == "always" if target else _color(args, stream)
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


def _baseline(args: argparse.Namespace) -> int:
    """Write (or with ``--prune`` clean) the baseline of the findings in ``args.paths``."""
    resolver = ConfigResolver(args.config, _overrides(args))
    linted: list[Linted] = []
    for name, path, is_stdin in _inputs(args, resolver):
        config = resolver.for_path(path)
        doc = _document(name, path, is_stdin, config)
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
