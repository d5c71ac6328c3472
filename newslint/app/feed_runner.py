"""``check``/``fix --jsonl FEED``: lint each record's text field; ``fix`` writes a new feed.

Records are linted in worker processes (``-j``) when the feed is large; outcomes are written out
in feed order. The feed itself is read by :mod:`newslint.app.jsonl`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.app.api import fix_document
from newslint.app.jsonl import Progress, Record, iter_records, replace_text
from newslint.app.output import (
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
from newslint.app.parallel import default_jobs, ordered_map_with_context
from newslint.app.runner import Outcome
from newslint.config.project import Config, ConfigResolver
from newslint.core.engine import lint
from newslint.core.errors import NewslintError
from newslint.core.model import Applicability, Rule, Severity
from newslint.formats import FORMATS, open_document
from newslint.report import FileReport, render, summary_counts, summary_text


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
        config = ConfigResolver(args.config, overrides(args)).for_path(feed)
        return cls(args, fmt, color, streamed, feed, config, config.rules_for(feed))


@dataclass
class _RecordOutcome:
    error: str = ""
    line: bytes = b""  # the record as ``fix`` writes it
    outcome: Outcome = field(default_factory=Outcome)


def _process_record(ctx: _FeedContext, record: Record) -> _RecordOutcome:
    args = ctx.args
    if not record.ok:
        error = str(NewslintError(record.error or "", path=str(ctx.feed), line=record.line))
        return _RecordOutcome(error, record.raw)
    name = f"{ctx.feed}#{record.id}"
    settings = ctx.config.settings
    doc = open_document(
        record.text, name, doc_format=FORMATS["text"], paragraph_breaks=settings.paragraph_breaks
    )
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


def run_feed(args: argparse.Namespace) -> int:
    """``check``/``fix --jsonl FEED``: lint each record's text field; fix writes a new feed."""
    if args.paths != ["."]:
        raise NewslintError("--jsonl reads the feed it names; give no PATH arguments")
    fixing = args.command == "fix"
    if fixing and args.diff:
        raise NewslintError("--diff does not work with --jsonl")
    fmt = output_format(args)
    writes_stdout = fixing and args.output is None
    stream = sys.stderr if writes_stdout else sys.stdout
    notes = sys.stderr if writes_stdout or fmt not in ("text", "concise") else sys.stdout
    streamed = fmt in STREAMED and not (args.statistics or args.show_fixes)
    streamed = streamed and args.output_file is None
    color = use_color(args, stream)
    ctx = _FeedContext.build(args, fmt, color, streamed)
    progress = Progress.for_file(ctx.feed)
    records = iter_records(ctx.feed, args.text_field, args.id_field, progress)
    jobs = args.jobs or default_jobs()
    if jobs > 1 and progress.total > 256 * 1024:
        outcomes = ordered_map_with_context(
            _process_record, records, jobs, _FeedContext.build, (args, fmt, color, streamed)
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
                print_error(message)
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
        emit(args, fmt, reports, stream)
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
