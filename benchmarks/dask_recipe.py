"""The README's recipe for people who already run Dask: newslint inside ``map_partitions``.

Runs the recipe (dask.bag, two local workers) on a feed of ``--articles`` synthetic articles
(built as benchmarks/dask_speed.py builds them, at run time) and prints its throughput; the
findings it writes are compared with ``newslint check --corpus --format json-lines``.

    .venv/bin/python benchmarks/dask_recipe.py [--eval-dir DIR] [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dask.bag as db
from dask_speed import write_feed
from distributed import Client, LocalCluster
from eval_corpus import DEFAULT_EVAL

import newslint
from newslint.corpus import Evidence, document_keys, site_name


# --- the recipe ------------------------------------------------------------------------------
def count(records):
    """First pass: the corpus evidence of a partition."""
    evidence = Evidence()
    for record in records:
        site = site_name(record["url"])
        evidence.add(site, document_keys(record["text"], site))
    return [evidence]


def lint(records, evidence):
    """Second pass: each record's findings, judged with its site's evidence."""
    rows = []
    for record in records:
        site = site_name(record["url"])
        for finding in newslint.lint_text(record["text"], corpus=(evidence, site)):
            rows.append({"id": record["id"], **finding.to_dict()})
    return rows


def run_recipe(feed: str, output: str) -> None:
    records = db.read_text(feed, blocksize="4MB").map(json.loads)
    evidence = records.map_partitions(count).fold(Evidence.merge).compute()
    evidence = evidence.repeated(2)  # only what judging needs travels to the workers
    findings = records.map_partitions(lint, evidence)
    findings.map(json.dumps).to_textfiles(output)


# ----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        size = write_feed(args.eval_dir, args.articles, feed)
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=50
            ) as cluster,
            Client(cluster),
        ):
            start = time.perf_counter()
            run_recipe(str(feed), str(Path(tmp) / "findings-*.jsonl"))
            wall = time.perf_counter() - start
        print(
            f"recipe on 2 workers: {args.articles} articles ({size / 1e6:.1f} MB) in {wall:.1f} s,"
            f" {args.articles / wall:.0f} articles/s (cluster start-up not counted)"
        )
        got = sorted(
            (str(row["id"]), row["line"], row["column"], row["rule"])
            for part in sorted(Path(tmp).glob("findings-*.jsonl"))
            for row in map(json.loads, part.read_text().splitlines())
        )
        command = [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--corpus",
            "--no-cache",
            "--format",
            "json-lines",
            "--jsonl",
            str(feed),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        want = sorted(
            (row["record"], row["line"], row["column"], row["rule"])
            for row in map(json.loads, done.stdout.splitlines())
        )
        print(f"findings: {len(got)}; the same as check --corpus: {got == want}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
