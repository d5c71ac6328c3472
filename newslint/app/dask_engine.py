"""``check``/``fix --engine dask``: the records of a feed linted on a Dask cluster.

The feed (JSON Lines, or Parquet through pyarrow) is cut into partitions of about
``--partition-size`` bytes, smaller when that would give a worker fewer than four (line-aligned
byte ranges, or runs of Parquet row groups). With ``--corpus`` a first pass counts each
partition's units on the workers and the counts are merged here (bounded, see
:mod:`newslint.corpus.evidence`). A worker plugin then gives every worker the run's options and
evidence, from which it builds its rules once. The second pass lints or fixes each partition;
results come back in feed order, a few partitions per worker in flight, and are written out as
a local run writes them (:func:`newslint.app.runner.deliver`): the same findings, the same
fixed feed. ``--output``/``--output-file`` ending in ``.parquet`` write the fixed feed or the
findings as Parquet.

A ``LocalCluster`` of one single-threaded worker process per core (``-j`` workers) is started
unless ``--scheduler`` names a running one (whose workers must reach the feed's path).
"""

from __future__ import annotations

import contextlib
import json
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newslint.app import corpus_run, runner
from newslint.app.corpus_run import CorpusRun
from newslint.app.inputs import Input, RecordInput, Source
from newslint.app.options import RunOptions
from newslint.app.parallel import default_jobs
from newslint.app.progress import Progress
from newslint.app.runner import Outcome
from newslint.core.errors import NewslintError
from newslint.corpus.evidence import Evidence

try:
    import distributed
    from distributed import WorkerPlugin
except ImportError:  # the optional extra is not installed
    raise NewslintError(
        "--engine dask needs the optional extra: pip install 'newslint[dask]'"
    ) from None

PLUGIN = "newslint"
MIN_PARTITION = 256 * 1024  # bytes: smaller partitions cost more to schedule than to lint


class Partition(NamedTuple):
    """A share of the feed: bytes ``start:end`` of a JSON Lines file whose first line is line
    ``line``, or the row groups ``start:end`` of a Parquet file whose first row is ``line``."""

    feed: str
    start: int
    end: int
    line: int  # 0 until known (JSON Lines: counted by the first pass or here)
    parquet: bool


def jsonl_partitions(feed: Path, size: int) -> list[Partition]:
    """Line-aligned byte ranges of about ``size`` bytes covering the feed."""
    total = feed.stat().st_size
    cuts = [0]
    with feed.open("rb") as handle:
        while cuts[-1] + size < total:
            handle.seek(cuts[-1] + size)
            handle.readline()  # to the end of the line the cut falls in
            at = handle.tell()
            if at >= total:
                break
            cuts.append(at)
    cuts.append(total)
    return [Partition(str(feed), a, b, 0, False) for a, b in zip(cuts, cuts[1:], strict=False)]


def parquet_partitions(feed: Path, size: int) -> list[Partition]:
    """Runs of row groups of about ``size`` bytes (uncompressed) each."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise NewslintError("reading Parquet needs pyarrow: pip install 'newslint[dask]'") from None
    meta = pq.ParquetFile(feed).metadata
    parts: list[Partition] = []
    start, held, first_row, rows = 0, 0, 1, 0
    for group in range(meta.num_row_groups):
        held += meta.row_group(group).total_byte_size
        rows += meta.row_group(group).num_rows
        if held >= size or group == meta.num_row_groups - 1:
            parts.append(Partition(str(feed), start, group + 1, first_row, True))
            start, held, first_row = group + 1, 0, first_row + rows
            rows = 0
    return parts


def _lines(part: Partition) -> Iterator[tuple[int, bytes]]:
    """(line or row number, JSON line) of each record of the partition."""
    if part.parquet:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(part.feed).read_row_groups(list(range(part.start, part.end)))
        for number, row in enumerate(table.to_pylist(), part.line):
            yield number, json.dumps(row, ensure_ascii=False, default=str).encode("utf-8") + b"\n"
        return
    with open(part.feed, "rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.end - part.start)
    for number, raw in enumerate(data.splitlines(keepends=True), part.line):
        if raw.strip():
            yield number, raw


def _inputs(part: Partition, options: RunOptions) -> Iterator[RecordInput]:
    fields = (options.text_field, options.id_field)
    to_stdout = options.fixing and options.output is None
    feed = Path(part.feed)
    for number, raw in _lines(part):
        yield RecordInput(feed, number, raw, fields, to_stdout)


def learn_partition(part: Partition, options: RunOptions) -> tuple[Evidence, int]:
    """First pass on a worker: the partition's evidence and its number of lines."""
    evidence, _errors = corpus_run.learn(
        _inputs(part, options), options.resolver(), options.site_field
    )
    lines = 0 if part.parquet else _count_lines(part)
    return evidence, lines


def _count_lines(part: Partition) -> int:
    with open(part.feed, "rb") as handle:
        handle.seek(part.start)
        return handle.read(part.end - part.start).count(b"\n")


class NewslintPlugin(WorkerPlugin):
    """Gives each worker what a ``-j`` worker process is given (the run's options, how the
    report is made, the evidence); the worker builds its rules once, at setup (``setup`` runs on
    every worker, also on ones that join later)."""

    idempotent = False
    name = PLUGIN

    def __init__(self, ctx: runner._Worker) -> None:
        self.build_args = (ctx.options, ctx.color, ctx.streamed, ctx.corpus)
        self.worker: runner._Worker | None = None

    def setup(self, worker: Any) -> None:
        self.worker = runner._Worker.build(*self.build_args)
        options = self.worker.options
        _ = self.worker.resolver.for_path(options.feed).rules  # compiled once, here

    def teardown(self, worker: Any) -> None:
        self.worker = None


def lint_partition(part: Partition) -> list[tuple[Input, Outcome]]:
    """Second pass on a worker: each record of the partition with its outcome."""
    plugin: NewslintPlugin = distributed.get_worker().plugins[PLUGIN]  # type: ignore[assignment]
    ctx = plugin.worker
    if ctx is None:
        raise RuntimeError("the newslint worker plugin is not set up")
    results: list[tuple[Input, Outcome]] = []
    for inp in _inputs(part, ctx.options):
        outcome = ctx.process_in_worker(inp)
        inp.raw, inp.record = b"", None  # what the main process needs of it is its name
        results.append((inp, outcome))
    return results


def _ordered(
    client: Any, func: Any, parts: list[Partition], window: int, *args: Any
) -> Iterator[Any]:
    """``func(part, *args)`` for each partition on the cluster, results in order, at most
    ``window`` in flight."""
    pending: deque[Any] = deque()
    todo = iter(parts)
    while True:
        while len(pending) < window:
            part = next(todo, None)
            if part is None:
                break
            pending.append(client.submit(func, part, *args, pure=False))
        if not pending:
            return
        future = pending.popleft()
        yield future.result()
        future.release()


@contextlib.contextmanager
def _client(options: RunOptions) -> Iterator[Any]:
    """A client of the ``--scheduler``, or of a LocalCluster of single-threaded processes."""
    make: Any = distributed.Client
    if options.scheduler:
        with make(options.scheduler) as client:
            yield client
        return
    cluster: Any = distributed.LocalCluster
    workers = options.jobs or default_jobs()
    settings = {"threads_per_worker": 1, "processes": True, "dashboard_address": None}
    with cluster(n_workers=workers, silence_logs=50, **settings) as local, make(local) as client:
        yield client


def run(options: RunOptions) -> int:
    """``check``/``fix --engine dask`` on the feed ``options.feed``; ``.parquet`` outputs are
    written as JSON Lines first, then converted."""
    target = options.output if options.fixing else options.output_file
    if target is None or target.suffix.lower() != ".parquet":
        return _run(options)
    from newslint.app import parquet_output

    temporary = target.with_name(f".{target.name}.jsonl")
    try:
        if options.fixing:
            code = _run(options._replace(output=temporary))
            parquet_output.records_to_parquet(temporary, target)
        else:
            code = _run(options._replace(output_file=temporary, format="json-lines"))
            parquet_output.findings_to_parquet(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return code


def _run(options: RunOptions) -> int:
    feed = options.feed
    if feed is None:
        raise NewslintError("--engine dask lints a feed: give it with --jsonl FEED")
    if not feed.is_file():
        raise NewslintError("no such file", path=str(feed))
    parquet = feed.suffix.lower() == ".parquet"
    with _client(options) as client:
        workers = max(1, len(client.scheduler_info()["workers"]))
        window = 2 * workers
        # a small feed still gives every worker a few partitions
        spread = max(MIN_PARTITION, feed.stat().st_size // (4 * workers))
        size = min(options.partition_size, spread)
        parts = parquet_partitions(feed, size) if parquet else jsonl_partitions(feed, size)
        corpus = None
        if options.corpus:
            corpus, parts = _first_pass(client, options, parts, window)
        elif not parquet:
            parts = _numbered(parts)
        progress = PartitionProgress(f"{feed} (partitions)", len(parts))
        to_stdout = options.fixing and options.output is None
        output = options.output if options.fixing else None
        source = Source([], feed, 1, to_stdout, output, progress, True, feed.stat().st_size)

        def outcomes(ctx: runner._Worker, src: Source) -> Iterable[tuple[Input, Outcome]]:
            client.register_plugin(NewslintPlugin(ctx), name=PLUGIN)
            for results in _ordered(client, lint_partition, parts, window):
                progress.advance(1)
                yield from results

        return runner.deliver(options, source, corpus, outcomes)


class PartitionProgress(Progress):
    """The progress bar of a cluster run: partitions done."""

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()


def _numbered(parts: list[Partition]) -> list[Partition]:
    line, numbered = 1, []
    for part in parts:
        numbered.append(part._replace(line=line))
        line += _count_lines(part)
    return numbered


def _first_pass(
    client: Any, options: RunOptions, parts: list[Partition], window: int
) -> tuple[CorpusRun, list[Partition]]:
    evidence = Evidence()
    line, numbered = 1, []
    for part, (partial, lines) in zip(
        parts, _ordered(client, learn_partition, parts, window, options), strict=True
    ):
        evidence.merge(partial)
        numbered.append(part if part.parquet else part._replace(line=line))
        line += lines
    return CorpusRun(evidence.repeated(2), options.site_field), numbered
