"""``--engine dask`` against ``check --corpus -j 2``: time, peak memory per worker, projection.

Writes a feed of ``--articles`` synthetic articles (built at run time from ``../shared/eval``
as benchmarks/corpus_quality.py builds its site archives: ten sites, each page one site's chrome
around a body of paragraphs drawn from the gold bodies of other pages; never stored here), then
in the same run:

- times ``newslint check --corpus --format json-lines --jsonl FEED`` with ``-j 2`` and with
  ``--engine dask -j 2`` (a LocalCluster of two single-threaded workers, started by the
  command), ``--runs`` times each, interleaved: medians of wall time and of CPU time (the
  command and all its child processes, cluster included);
- for each of ``--memory-sizes`` articles, runs ``--engine dask`` with partitions of
  ``--partition-mb`` against a fresh LocalCluster of two workers started here
  (``--scheduler``) and reads each worker's peak RSS afterwards.

Prints the throughput and the projected time for 10 million articles on one core (CPU seconds
per article of the Dask run, times 10 million).

    .venv/bin/python benchmarks/dask_speed.py [--eval-dir DIR] [--articles 10000] [--runs 3]
        [--memory-sizes 10000,100000] [--partition-mb 4] [--runs-only timing|memory]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_quality import _body, _publisher
from eval_corpus import DEFAULT_EVAL, english_rows

NEWSLINT = [sys.executable, "-m", "newslint"]


def write_feed(eval_dir: Path, count: int, target: Path) -> int:
    """``count`` articles of ten sites as JSON Lines; returns the feed's size in bytes."""
    rows = [row for _, row in english_rows(eval_dir, "dask_speed.py", ["readability.article"])]
    paragraphs = [line for row in rows for line in _body(row) if len(line) > 80]
    templates = sorted(rows, key=lambda r: -r["line_labels"].count("boilerplate"))[:10]
    chrome = []
    for template in templates:
        lines = template["naive_text"].split("\n")
        labels = template["line_labels"]
        chrome.append(
            [
                line
                for line, label in zip(lines, labels, strict=True)
                if label == "boilerplate" and line.strip()
            ][:60]
        )
    rng = random.Random(14)
    with target.open("w", encoding="utf-8") as feed:
        for number in range(count):
            site = number % len(templates)
            body = rng.sample(paragraphs, rng.randint(6, 14))
            head, tail = chrome[site][:30], chrome[site][30:]
            text = "\n".join([*head, *body, *tail]) + "\n"
            url = f"https://{_publisher(templates[site]['id'])}.example/{number}"
            feed.write(json.dumps({"id": number, "url": url, "text": text}) + "\n")
    return target.stat().st_size


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the command and its children) of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(
            f"dask_speed.py: {' '.join(command[2:6])}... failed: {done.stderr.decode()[-500:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def worker_peaks(feed: Path, cwd: Path, partition_mb: str) -> list[float]:
    """Peak RSS (MB) of each of two fresh workers after an ``--engine dask`` run on them with
    partitions of ``partition_mb`` (the same for every feed: a partition's records and results
    are what a worker holds)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        Client(cluster) as client,
    ):
        command = [
            *NEWSLINT,
            "check",
            "--corpus",
            "--format",
            "json-lines",
            "--jsonl",
            str(feed),
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition-size",
            partition_mb,
        ]
        timed(command, cwd)

        def peak() -> float:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        return sorted(client.run(peak).values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-sizes", default="10000,100000")
    parser.add_argument("--partition-mb", default="4", help="for the memory runs")
    parser.add_argument("--runs-only", choices=("timing", "memory"), help="one half")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.jsonl"
        size = write_feed(args.eval_dir, args.articles, feed)
        print(f"{args.articles} articles, {size / 1e6:.1f} MB")
        if args.runs_only != "memory":
            timing(args, feed, folder)
        if args.runs_only != "timing":
            memory(args, folder)
    return 0


def timing(args: argparse.Namespace, feed: Path, folder: Path) -> None:
    base = [*NEWSLINT, "check", "--corpus", "--format", "json-lines", "--jsonl", str(feed)]
    ways = {
        "check --corpus -j 2": [*base, "-j", "2"],
        "--engine dask -j 2": [*base, "-j", "2", "--engine", "dask"],
    }
    walls: dict[str, list[float]] = {name: [] for name in ways}
    cpus: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.runs):
        for name, command in ways.items():
            wall, cpu = timed(command, folder)
            walls[name].append(wall)
            cpus[name].append(cpu)
    local = statistics.median(walls["check --corpus -j 2"])
    for name in ways:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:<22} wall {wall:7.1f} s ({local / wall:4.2f}x the local run's speed),"
            f" CPU {cpu:7.1f} s, {args.articles / wall:6.0f} articles/s"
        )
    per_article = statistics.median(cpus["--engine dask -j 2"]) / args.articles
    days = per_article * 10_000_000 / 86_400
    print(
        f"  projected: 10 million articles take {per_article * 1e3:.2f} CPU ms each,"
        f" {days:.1f} days on one core ({days * 24:.0f} core-hours)"
    )


def memory(args: argparse.Namespace, folder: Path) -> None:
    for count in (int(n) for n in args.memory_sizes.split(",")):
        big = folder / f"feed-{count}.jsonl"
        write_feed(args.eval_dir, count, big)
        peaks = worker_peaks(big, folder, args.partition_mb)
        print(f"  {count} articles: peak RSS per worker " + ", ".join(f"{p:.0f} MB" for p in peaks))
        big.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
