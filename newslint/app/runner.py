"""``check``/``fix``: lint or fix each input of a source, in worker processes with ``-j``.

Each input's :class:`Outcome` is written out by the main process in input order: fixed text to
the source's sink, then errors, diff, 'Fixed' note and, for a streamed format, its findings.
Other formats are rendered once at the end from reports holding only what they need.
"""

from __future__ import annotations

import difflib
import itertools
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newslint.app import corpus_run, parallel
from newslint.app.api import fix_document
from newslint.app.baseline import Baselines, Linted
from newslint.app.corpus_run import CorpusRun
from newslint.app.directives import unknown_selectors
from newslint.app.inputs import Input, Source, open_source, sink
from newslint.app.options import RunOptions
from newslint.app.output import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    emit,
    internal_error,
    print_error,
    use_color,
)
from newslint.app.parallel import default_jobs, ordered_map_with_context
from newslint.config.project import Config, ConfigResolver
from newslint.core.document import Document
from newslint.core.engine import RuleTimeout, lint
from newslint.core.errors import NewslintError
from newslint.core.model import Applicability, Finding, Rule, Severity
from newslint.core.printable import printable
from newslint.integrations import status
from newslint.report import (
    REPORTERS,
    FileReport,
    FixPreview,
    Reporter,
    summary_counts,
    summary_text,
)
from newslint.storage.cache import FindingsCache

Rules = tuple[Rule, ...]


@dataclass
class _Current:
    """The input being processed (for the one line of an unexpected error)."""

    name: str = ""


current = _Current()
SUCCESS = "All checks passed!"  # nothing to report (as ruff says it)


@dataclass
class Outcome:
    """What processing one input produced, written out by the main process in input order."""

    report: FileReport | None = None
    output: bytes = b""  # for the source's sink
    errors: list[str] = field(default_factory=list)
    diff: str = ""
    note: str = ""
    chunk: str = ""  # the input's findings, rendered (streamed formats)
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


@dataclass
class _Worker:
    """Lints or fixes inputs; each worker process (``-j``) builds its own."""

    options: RunOptions
    color: bool
    streamed: bool  # findings are rendered input by input, not kept for the end
    resolver: ConfigResolver
    baselines: Baselines
    caches: dict[Path, FindingsCache] = field(default_factory=dict)
    corpus: CorpusRun | None = None  # --corpus: the evidence of the first pass

    @classmethod
    def build(
        cls, options: RunOptions, color: bool, streamed: bool, corpus: CorpusRun | None = None
    ) -> _Worker:
        enabled = not options.no_baseline and options.feed is None  # a feed has no baseline
        baselines = Baselines(options.baseline, enabled=enabled)
        return cls(options, color, streamed, options.resolver(), baselines, corpus=corpus)

    @property
    def reporter(self) -> Reporter:
        return REPORTERS[self.options.format]

    def process_in_worker(self, inp: Input) -> Outcome:
        """:meth:`process` in a worker process: warnings go to the main process, which prints
        each once."""
        status.hold()
        outcome = self.process(inp)
        outcome.warnings = status.take_held()
        return outcome

    def process(self, inp: Input) -> Outcome:
        """Lint or fix one input; everything it outputs goes in the outcome. An exception no
        code path expected (a bug) is one error line naming the input; the run goes on."""
        current.name = inp.name
        try:
            return self._process(inp)
        except NewslintError:
            raise  # a config error: the run stops with its one line
        except Exception as exc:
            if os.environ.get("NEWSLINT_DEBUG"):
                raise
            outcome = Outcome(output=inp.passthrough() if self.options.writes_back else b"")
            outcome.errors.append(internal_error(exc, inp.name))
            return outcome
        finally:
            current.name = ""

    def _process(self, inp: Input) -> Outcome:
        outcome = Outcome(output=inp.passthrough() if self.options.writes_back else b"")
        config = self.resolver.for_path(inp.config_path)
        rules = config.rules_for(inp.config_path)
        try:
            baseline = self.baselines.for_root(config.root)
            doc = inp.read(config)
            corpus_run.for_document(self.corpus, inp, doc, config)
            for warning in unknown_selectors(doc, config.available_rules):
                status.warn(warning)
            if self.options.fixing:
                report = self._fix(inp, doc, rules, outcome)
            else:
                report = self._check(inp, doc, rules, config)
            if baseline:
                linted = Linted(inp.name, inp.config_path, report.text, report.findings)
                report.findings = baseline.unmatched(linted)
                outcome.hidden = len(linted.findings) - len(report.findings)
        except RuleTimeout as exc:  # the other rules' findings are still reported
            outcome.errors.append(str(exc))
            report = FileReport(inp.name, doc.text, inp.mark(exc.findings))
        except NewslintError as exc:
            outcome.errors.append(str(exc))
            return outcome
        report.fail_on = Severity.parse(self.options.fail_on or config.settings.fail_on)
        outcome.failed = any(map(report.fails, report.findings))
        outcome.report = self._keep(report, outcome)
        return outcome

    def _check(self, inp: Input, doc: Document, rules: Rules, config: Config) -> FileReport:
        findings = inp.mark(self._lint(doc, rules, config))
        preview = None
        if self.reporter.needs_preview and not self.options.statistics and rules:
            result = fix_document(doc, rules, Applicability.SAFE)
            preview = FixPreview(doc.text, result.text, len(result.fixed))
        return FileReport(inp.name, doc.text, findings, preview=preview)

    def _lint(self, doc: Document, rules: Rules, config: Config) -> list[Finding]:
        """``lint`` through the findings cache; grammar rules ask a server and keep their own."""
        options = self.options
        if not options.cache or options.require_grammar or options.feed or doc.corpus:
            return lint(doc, rules)  # --require-grammar must see the grammar rules run
        if any(_asks_server(rule) for rule in rules):
            return lint(doc, rules)
        if config.root not in self.caches:
            self.caches[config.root] = FindingsCache(config.root)
        cache = self.caches[config.root]
        key = cache.key(doc.path, doc.text.encode("utf-8", "surrogatepass"), rules, config.settings)
        findings = cache.get(key, doc.path)
        if findings is None:
            findings = lint(doc, rules)
            cache.put(key, findings)
        return findings

    def _fix(self, inp: Input, doc: Document, rules: Rules, outcome: Outcome) -> FileReport:
        options = self.options
        result = fix_document(doc, rules, options.minimum)
        if options.diff:
            outcome.diff = _diff(inp.name, doc.text, result.text) if result.changed else ""
        else:
            outcome.output = inp.write_back(doc, result)
            if result.changed and not options.quiet:
                count = len(result.fixed)
                noun = f"finding{'s' * (count != 1)}"
                outcome.note = f"Fixed {count} {noun} in {printable(inp.name)}"
        preview = FixPreview(doc.text, result.text, len(result.fixed)) if rules else None
        remaining = inp.mark(result.remaining)
        return FileReport(inp.name, result.text, remaining, result.fixed, (), preview)

    def _keep(self, report: FileReport, outcome: Outcome) -> FileReport:
        """What of ``report`` the format needs; a streamed format renders it into the outcome."""
        if self.streamed:
            outcome.chunk = self.reporter.render([report], color=self.color, quiet=True)
            outcome.counts = summary_counts(report.findings)
            return FileReport(report.path, "", fixed=report.fixed)
        keep_text = self.reporter.needs_text and not self.options.statistics
        text = report.text if keep_text else ""
        preview = report.preview if self.reporter.needs_preview else None
        findings, fixed = report.findings, report.fixed
        return FileReport(report.path, text, findings, fixed, (), preview, report.fail_on)

    def jobs(self, source: Source) -> int:
        """Worker processes: none for little work (by default: under SMALL_RUN_BYTES), grammar
        checks or a LanguageTool server."""
        jobs = min(self.options.jobs or default_jobs(), source.max_jobs)
        if self.options.jobs is None and source.size < parallel.SMALL_RUN_BYTES:
            return 1  # by default, a small run is done sooner without worker processes
        if jobs > 1 and self.options.require_grammar:
            return 1
        if jobs > 1:
            path = source.config_path
            rules = self.resolver.for_path(path).rules_for(path)  # load the packs before forking
            if any(_talks_to_server(r) for r in rules):
                return 1  # one process talks to LanguageTool, so a server problem is told once
        return jobs


class _Run:
    """The main process's part: each outcome written out in input order, and the totals."""

    def __init__(self, ctx: _Worker, source: Source, stream: TextIO) -> None:
        self.ctx, self.source, self.stream = ctx, source, stream
        self.reports: list[FileReport] = []
        self.failed = self.errored = self.fixed = self.diffed = False
        self.hidden = 0
        self.counts = [0, 0, 0]  # findings, safe and unsafe fixes: a streamed report's summary

    def show(self, inp: Input, outcome: Outcome) -> None:
        reporter, progress = self.ctx.reporter, self.source.progress
        if progress and (outcome.errors or outcome.note or outcome.chunk or outcome.diff):
            progress.close()
        for message in outcome.warnings:
            status.warn(message)
        for message in outcome.errors:
            print_error(message)
            self.errored = True
        report = outcome.report
        if report is None:
            return
        sys.stdout.write(outcome.diff)
        self.diffed = self.diffed or bool(outcome.diff)
        if outcome.note:
            to_stderr = inp.to_stdout or not reporter.for_people
            print(outcome.note, file=sys.stderr if to_stderr else sys.stdout)
        self.stream.write(outcome.chunk)
        if reporter.needs_rules:
            report.rules = self.ctx.resolver.for_path(inp.config_path).rules_for(inp.config_path)
        if not self.ctx.streamed:
            self.reports.append(report)
        self.failed = self.failed or outcome.failed
        self.fixed = self.fixed or bool(report.fixed)
        self.hidden += outcome.hidden
        self.counts = [a + b for a, b in zip(self.counts, outcome.counts, strict=True)]

    def finish(self) -> int:
        """The report (or a streamed report's summary), notes, and the exit code."""
        options = self.ctx.options
        self._report()
        if self.hidden and not options.quiet:
            noun = "finding" if self.hidden == 1 else "findings"
            note = f"{self.hidden} baselined {noun} not shown (--no-baseline shows them)"
            print(note, file=sys.stderr)
        if options.require_grammar and status.problems():
            for reason in status.unreported():  # the others were warned about already
                print_error(f"--require-grammar: {reason}")
            return EXIT_ERROR
        if self.errored:
            return EXIT_ERROR
        if options.exit_zero:
            return EXIT_CLEAN
        if options.fixing and options.exit_non_zero_on_fix and self.fixed:
            return EXIT_FINDINGS
        return EXIT_FINDINGS if self.failed or self.diffed else EXIT_CLEAN

    def _report(self) -> None:
        """The whole report, or a streamed one's summary; for people, one line on success."""
        options, for_people = self.ctx.options, self.ctx.reporter.for_people
        if not self.ctx.streamed:
            emit(options, self.reports, self.stream)
            shown = sum(len(report.findings) for report in self.reports)
        else:
            shown = self.counts[0]
            if not options.quiet and for_people and shown:
                self.stream.write(summary_text(*self.counts) + "\n")
        if for_people and not (options.quiet or shown or self.diffed or self.errored):
            self.stream.write(SUCCESS + "\n")


def run(options: RunOptions) -> int:
    """``check``/``fix`` as ``options`` say; returns the exit code."""
    resolver = options.resolver()
    corpus = corpus_run.prepare(options, resolver) if options.corpus else None
    source = open_source(options, resolver)
    _ = resolver.for_path(source.config_path).profile  # a broken profile: one error in all
    return deliver(options, source, corpus, _local_outcomes)


Outcomes = Callable[[_Worker, Source], Iterable[tuple[Input, Outcome]]]


def deliver(
    options: RunOptions, source: Source, corpus: CorpusRun | None, outcomes: Outcomes
) -> int:
    """Write out each input's outcome, as ``outcomes`` gives them in input order (processed
    here, by worker processes or on a cluster), then the report; returns the exit code."""
    reporter = REPORTERS[options.format]
    stream = sys.stderr if source.to_stdout else sys.stdout
    streamed = reporter.streamed and not (options.statistics or options.show_fixes)
    streamed = streamed and options.output_file is None
    streamed = streamed and (not options.fixing or source.unbounded)
    color = use_color(options.color, stream)
    ctx = _Worker.build(options, color, streamed, corpus)
    status.reset_problems()
    main = _Run(ctx, source, stream)
    with sink(source.output) as write:
        for inp, outcome in outcomes(ctx, source):
            write(outcome.output)
            main.show(inp, outcome)
            if source.progress and not source.unbounded:
                source.progress.advance()  # a file done (a feed's bar moves as it is read)
    if source.progress:
        source.progress.close()
    return main.finish()


def _local_outcomes(ctx: _Worker, source: Source) -> Iterable[tuple[Input, Outcome]]:
    """Each input with its outcome, from this process or ``-j`` worker processes."""
    jobs = ctx.jobs(source)
    inputs, pending = itertools.tee(source.inputs)
    if jobs > 1:
        build_args = (ctx.options, ctx.color, ctx.streamed, ctx.corpus)
        outcomes = ordered_map_with_context(
            _Worker.process_in_worker, pending, jobs, _Worker.build, build_args, Input.size
        )
    else:
        outcomes = map(ctx.process, pending)
    return zip(inputs, outcomes, strict=True)


def _diff(name: str, before: str, after: str) -> str:
    """A unified diff that marks a missing final newline as ``diff -u`` does."""
    name = printable(name).lstrip("/")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
