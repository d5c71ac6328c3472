"""``check``/``fix`` over files: lint or fix each input, in worker processes with ``-j``.

Each file's outcome is written out by the main process in input order; streamed formats render
file by file, the others are rendered once at the end.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newslint.api import fix_document
from newslint.baseline import Baselines
from newslint.cache import FindingsCache
from newslint.config import Config, ConfigResolver
from newslint.document import Document
from newslint.engine import RuleTimeout, lint
from newslint.errors import NewslintError
from newslint.files import iter_files, read_bytes, too_large, write_atomic
from newslint.integrations import status
from newslint.model import Applicability, Rule, Severity
from newslint.output import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    STREAMED,
    emit,
    output_format,
    overrides,
    print_error,
    use_color,
)
from newslint.parallel import default_jobs, ordered_map_with_context
from newslint.report import FileReport, render, summary_counts, summary_text


def iter_inputs(
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


def read_document(name: str, path: Path | None, is_stdin: bool, config: Config) -> Document:
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
        resolver = ConfigResolver(args.config, overrides(args))
        baselines = Baselines(args.baseline, enabled=not args.no_baseline)
        return cls(args, fmt, color, streamed, resolver, baselines)

    def cache(self, config: Config) -> FindingsCache | None:
        if self.args.command != "check" or self.args.no_cache or self.args.require_grammar:
            return None  # --require-grammar must see the grammar rules run
        if config.root not in self.caches:
            self.caches[config.root] = FindingsCache(config.root)
        return self.caches[config.root]


@dataclass
class Outcome:
    """What processing one file produced, written out by the main process in input order."""

    report: FileReport | None = None
    errors: list[str] = field(default_factory=list)
    diff: str = ""
    note: str = ""
    chunk: str = ""  # the file's findings, rendered (streamed formats)
    failed: bool = False
    hidden: int = 0  # findings a baseline hid
    counts: tuple[int, int, int] = (0, 0, 0)  # for the summary line of a streamed report
    warnings: list[str] = field(default_factory=list)  # grammar backend trouble, in a worker


def _talks_to_server(rule: Rule) -> bool:
    """Whether a rule sends text to a configured LanguageTool server (one process does)."""
    client = getattr(rule.check, "client", None)
    return (
        rule.kind == "grammar" and client is not None and client.configured and client.one_process
    )


def _asks_server(rule: Rule) -> bool:
    """Whether a rule's findings may depend on a grammar backend (so they are not cached: the
    backends keep their own cache); any grammar rule not yet bound to a backend counts too."""
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


def _process(ctx: _Context, name: str, path: Path | None, is_stdin: bool) -> Outcome:
    """Lint or fix one input; output other than standard input's fixed text goes in the outcome."""
    args = ctx.args
    outcome = Outcome()
    fixing = args.command == "fix"
    minimum = Applicability.UNSAFE if getattr(args, "unsafe_fixes", False) else Applicability.SAFE
    config = ctx.resolver.for_path(path)
    rules = config.rules_for(path)
    hidden_before = ctx.baselines.hidden
    try:
        baseline = ctx.baselines.for_root(config.root)
        doc = read_document(name, path, is_stdin, config)
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


def _process_in_worker(ctx: _Context, item: tuple[str, Path | None, bool]) -> Outcome:
    status.hold()  # the main process prints each warning once
    outcome = _process(ctx, *item)
    outcome.warnings = status.take_held()
    if outcome.report is not None:
        outcome.report.rules = ()  # the main process adds them back if the format needs them
    return outcome


def _jobs(args: argparse.Namespace, inputs: list[tuple[str, Path | None, bool]]) -> int:
    """Worker processes to use: none for a few files, standard input or grammar checks."""
    jobs = args.jobs or default_jobs()
    if len(inputs) < 4 or any(is_stdin for _, _, is_stdin in inputs) or args.require_grammar:
        return 1
    return min(jobs, len(inputs))


def run_files(args: argparse.Namespace) -> int:
    """``check``/``fix`` over ``args.paths``; returns the exit code."""
    fmt = output_format(args)
    fixing = args.command == "fix"
    out = sys.stdout
    notes = sys.stdout if fmt in ("text", "concise") else sys.stderr
    stream = sys.stderr if fixing and "-" in args.paths and not args.diff else out
    streamed = not fixing and fmt in STREAMED and not (args.statistics or args.show_fixes)
    streamed = streamed and args.output_file is None
    color = use_color(args, stream)
    ctx = _Context.build(args, fmt, color, streamed)
    status.reset_problems()
    inputs = list(iter_inputs(args, ctx.resolver))
    jobs = _jobs(args, inputs)
    if jobs > 1:
        first = inputs[0][1]
        rules = ctx.resolver.for_path(first).rules_for(first)  # load the packs before forking
        if any(_talks_to_server(r) for r in rules):
            jobs = 1  # one process talks to LanguageTool, so a server problem is told once
    if jobs > 1:
        outcomes = ordered_map_with_context(
            _process_in_worker, inputs, jobs, _Context.build, (args, fmt, color, streamed)
        )
    else:
        outcomes = (_process(ctx, *item) for item in inputs)
    reports: list[FileReport] = []
    failed = errored = False
    hidden = 0
    counts = [0, 0, 0]  # findings, safe fixes, unsafe fixes: for a streamed summary
    for (_, path, is_stdin), outcome in zip(inputs, outcomes, strict=True):
        for message in outcome.warnings:
            status.warn(message)
        for message in outcome.errors:
            print_error(message)
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
        emit(args, fmt, reports, stream)
    if hidden and not args.quiet:
        noun = "finding" if hidden == 1 else "findings"
        shown = f"{hidden} baselined {noun} not shown (--no-baseline shows them)"
        print(shown, file=sys.stderr)
    if args.require_grammar and status.problems():
        for reason in status.unreported():  # the others were warned about already
            print_error(f"--require-grammar: {reason}")
        return EXIT_ERROR
    if errored:
        return EXIT_ERROR
    if fixing and args.exit_non_zero_on_fix and any(r.fixed for r in reports):
        return EXIT_FINDINGS
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
