"""``check -j 1`` against ``-j 2`` (and the default ``-j``) on eval texts, runs of several sizes.

Writes the English eval texts to a temporary directory (never stored in the repository) and, for
runs of ``--sizes`` files (the first files of a fixed shuffle; 0: all), times ``newslint check
--no-cache`` with ``-j 1``, ``-j 2`` and no ``-j``, interleaved, ``--runs`` times each. Prints
the median wall time and the median CPU time (the process and its worker processes) of each:
the machine may be shared, so CPU time shows what the work cost and wall time what it took.

With ``--before DIR`` (a copy of the sources before a change, for example ``git archive main |
tar -x -C DIR``) the same commands also run on that code (``PYTHONPATH=DIR``), interleaved.

    .venv/bin/python benchmarks/jobs_speed.py [--eval-dir DIR] [--runs 5] [--sizes 16,64,0]
        [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval_corpus import DEFAULT_EVAL
from speed import PLAIN_ENV, write_eval_texts

NEWSLINT = [sys.executable, "-m", "newslint"]


def timed(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its children) of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"jobs_speed.py: {' '.join(command)} failed ({code})")
    return wall, usage.ru_utime + usage.ru_stime


def measure(folder: Path, runs: int, before: Path | None) -> dict[str, tuple[float, float]]:
    now = {"-j 1": ["-j", "1"], "-j 2": ["-j", "2"], "default": []}
    ways: dict[str, tuple[list[str], dict[str, str] | None]] = {
        name: (flags, None) for name, flags in now.items()
    }
    if before is not None:  # the same commands on the code before (first on the module path)
        env = {**os.environ, "PYTHONPATH": str(before)}
        ways.update({f"before {name}": (flags, env) for name, flags in now.items()})
    walls: dict[str, list[float]] = {name: [] for name in ways}
    cpus: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(runs):
        for name, (flags, env) in ways.items():
            command = [*NEWSLINT, "check", "--no-cache", *flags, str(folder)]
            wall, cpu = timed(command, env, folder.parent)  # not in a checkout: -m finds it
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {n: (statistics.median(walls[n]), statistics.median(cpus[n])) for n in ways}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="16,64,0", help="files per run (0: all)")
    parser.add_argument(
        "--before", type=Path, help="a copy of newslint's sources before a change, also timed"
    )
    args = parser.parse_args()
    os.environ.update(PLAIN_ENV)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "all").mkdir()
        files = write_eval_texts(args.eval_dir, Path(tmp) / "all")
        random.Random(14).shuffle(files)
        for size in (int(s) for s in args.sizes.split(",")):
            chosen = files[:size] if size else files
            folder = Path(tmp) / f"run-{size}"
            folder.mkdir()
            for file in chosen:
                shutil.copy(file, folder / file.name)
            kb = sum(f.stat().st_size for f in chosen) / 1024
            print(f"{len(chosen)} files, {kb:.0f} KB (median of {args.runs}):")
            results = measure(folder, args.runs, args.before)
            one = results["-j 1"][0]
            for name, (wall, cpu) in results.items():
                print(
                    f"  {name:<15} wall {wall:6.2f} s ({one / wall:4.2f}x -j 1)  CPU {cpu:6.2f} s"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
