"""Measure newslint's speed against proselint on the English texts of ``../shared/eval``.

Prints, for the same files in the same run: throughput (MB/s and articles/s, one process, all
default packs, no cache; for newslint the median of five runs) for newslint and proselint;
start-up (``newslint check`` on one short article against ``python -c pass``, median of
``--runs``); scaling of ``-j 1`` against ``-j 2`` on the eval directory (medians of five); and,
with ``--memory``, newslint's peak RSS on a corpus of ``--memory-mb`` MB made by repeating the
eval texts (beside its peak on the eval corpus, to show it is flat).

The eval texts are written to a temporary directory at run time and never stored in the
repository. proselint is installed with pip into the benchmark's own virtual environment under
``--cache-dir`` (default ``~/.cache/newslint-bench``) the first time.

    .venv/bin/python benchmarks/speed.py [--eval-dir DIR] [--runs N] [--memory] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

from eval_corpus import DEFAULT_EVAL, english_rows

REPO = Path(__file__).resolve().parent.parent
SHORT_ARTICLE = REPO / "examples" / "seed-article.fixed.txt"


def write_eval_texts(eval_dir: Path, target: Path) -> list[Path]:
    """Write every English ``naive_text`` of the eval corpora to ``target`` as a .txt file."""
    files = []
    for name, row in english_rows(eval_dir, "speed.py"):
        if row["naive_text"]:
            path = target / f"{name}.{len(files):04d}.txt"
            path.write_text(row["naive_text"], encoding="utf-8")
            files.append(path)
    return files


# Installed packages come with compiled bytecode; a PYTHONDONTWRITEBYTECODE in the caller's
# environment (as on some CI machines) would make every run compile newslint's modules anew.
PLAIN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], **kw: Any) -> tuple[float, int]:
    """Wall time of ``command`` (output discarded) and the child's peak RSS in KiB."""
    kw.setdefault("env", PLAIN_ENV)
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, **kw)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            sys.exit(f"speed.py: {' '.join(command[:4])}... failed ({code}): {errors.read()}")
    return elapsed, usage.ru_maxrss


def proselint_command(cache_dir: Path) -> list[str]:
    """proselint in the benchmark's own venv (created, and proselint installed, if missing)."""
    env_dir = cache_dir / "proselint-venv"
    exe = env_dir / "bin" / "proselint"
    if not exe.exists():
        print(f"installing proselint into {env_dir} ...", file=sys.stderr)
        venv.create(env_dir, with_pip=True, clear=True)
        pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "proselint"]
        subprocess.run(pip, check=True)
    return [str(exe)]


def proselint_version(command: list[str]) -> str:
    try:
        out = subprocess.run([*command, "version"], capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    return (out.stdout or out.stderr).strip().splitlines()[-1] if out.stdout or out.stderr else "?"


def newslint_check(*args: str) -> list[str]:
    """``newslint check --no-cache ...``: the console script beside this Python if there is one
    (what users and pre-commit run), else ``python -m newslint.app.cli``."""
    script = Path(sys.executable).with_name("newslint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "newslint.app.cli"]
    return [*command, "check", "--no-cache", *args]


def median_time(command: list[str], runs: int, **kw: Any) -> float:
    run(command, **kw)  # warm the file system cache
    return statistics.median(run(command, **kw)[0] for _ in range(runs))


def repeat_corpus(files: list[Path], target: Path, megabytes: float) -> tuple[int, int]:
    """Copies of the eval texts in ``target`` until they add up to ``megabytes``."""
    texts = [f.read_bytes() for f in files]
    total = count = 0
    while total < megabytes * 1e6:
        data = texts[count % len(texts)]
        folder = target / f"{count // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{count:06d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count, total


def measure(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    work = Path(tempfile.mkdtemp(prefix="newslint-speed-"))
    env = {**PLAIN_ENV, "XDG_CACHE_HOME": str(work / "xdg-cache")}  # no proselint cache hits
    try:
        corpus = work / "eval"
        corpus.mkdir()
        files = write_eval_texts(args.eval_dir, corpus)
        size = sum(f.stat().st_size for f in files)
        results["corpus"] = {"articles": len(files), "megabytes": round(size / 1e6, 3)}
        relative = [str(f.relative_to(work)) for f in files]

        def throughput(seconds: float) -> dict[str, float]:
            return {
                "seconds": round(seconds, 3),
                "mb_per_s": round(size / 1e6 / seconds, 3),
                "articles_per_s": round(len(files) / seconds, 1),
            }

        # Warm what any second run finds: bytecode, compiled packs and prefilter (user cache).
        run(newslint_check("-j", "1", *relative[:20]), cwd=work)
        command = newslint_check("-j", "1", "--format", "concise", "eval")
        timed = [run(command, cwd=work) for _ in range(5)]
        seconds = statistics.median(t for t, _ in timed)  # of five runs
        rss = max(r for _, r in timed)
        results["newslint"] = {**throughput(seconds), "peak_rss_mb": round(rss / 1024, 1)}
        if not args.no_proselint:
            command = proselint_command(args.cache_dir)
            seconds, rss = run(
                [*command, "check", "--output-format", "compact", *relative], cwd=work, env=env
            )
            results["proselint"] = {
                **throughput(seconds),
                "peak_rss_mb": round(rss / 1024, 1),
                "version": proselint_version(command),
            }
            ratio = results["newslint"]["mb_per_s"] / results["proselint"]["mb_per_s"]
            results["newslint_vs_proselint"] = round(ratio, 1)

        short = work / "short.txt"
        shutil.copyfile(SHORT_ARTICLE, short)
        python = median_time([sys.executable, "-c", "pass"], args.runs, cwd=work)
        # what a pip console script runs before newslint's own code: the floor for any tool
        script = median_time([sys.executable, "-c", "import re, sys"], args.runs, cwd=work)
        startup = median_time(newslint_check(str(short)), args.runs, cwd=work)
        results["startup"] = {
            "newslint_s": round(startup, 3),
            "python_s": round(python, 3),
            "console_script_floor_s": round(script, 3),
            "ratio": round(startup / python, 2),
        }
        if not args.no_proselint:
            one = median_time([*command, "check", str(short)], args.runs, cwd=work, env=env)
            results["startup"]["proselint_s"] = round(one, 3)

        def jobs(n: str) -> float:  # a median of five: a run of a second is easily disturbed
            return median_time(newslint_check("-j", n, "--format", "concise", "eval"), 5, cwd=work)

        one_job, two_jobs = jobs("1"), jobs("2")
        results["scaling"] = {
            "j1_s": round(one_job, 3),
            "j2_s": round(two_jobs, 3),
            "speedup": round(one_job / two_jobs, 2),
        }

        if args.memory:
            big = work / "big"
            big.mkdir()
            count, total = repeat_corpus(files, big, args.memory_mb)
            seconds, rss = run(newslint_check("-j", "1", "--format", "concise", "big"), cwd=work)
            results["memory"] = {
                "articles": count,
                "megabytes": round(total / 1e6, 1),
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(rss / 1024, 1),
                "eval_peak_rss_mb": results["newslint"]["peak_rss_mb"],
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def report(results: dict[str, Any]) -> str:
    corpus = results["corpus"]
    lines = [
        f"corpus: {corpus['articles']} English eval articles, {corpus['megabytes']} MB"
        f" ({results['cores']} cores, Python {results['python']})",
        "",
        f"{'':12}{'MB/s':>8}{'articles/s':>12}{'seconds':>9}{'peak RSS':>10}",
    ]
    for tool in ("newslint", "proselint"):
        if tool in results:
            r = results[tool]
            lines.append(
                f"{tool:12}{r['mb_per_s']:>8.3f}{r['articles_per_s']:>12.1f}"
                f"{r['seconds']:>9.2f}{r['peak_rss_mb']:>8.1f}MB"
            )
    if "newslint_vs_proselint" in results:
        version = results["proselint"]["version"]
        lines.append(f"newslint / proselint ({version}): {results['newslint_vs_proselint']}x")
    s = results["startup"]
    lines += [
        "",
        f"start-up: newslint check (one article) {s['newslint_s']:.3f}s,"
        f" python -c pass {s['python_s']:.3f}s: {s['ratio']}x"
        + (f"; proselint {s['proselint_s']:.3f}s" if "proselint_s" in s else ""),
        f"          (a console script's own 'import re, sys': {s['console_script_floor_s']:.3f}s)",
    ]
    c = results["scaling"]
    lines.append(
        f"scaling: -j 1 {c['j1_s']:.2f}s, -j 2 {c['j2_s']:.2f}s: {c['speedup']}x on the eval corpus"
    )
    if "memory" in results:
        m = results["memory"]
        lines.append(
            f"memory: peak RSS {m['peak_rss_mb']} MB for {m['megabytes']} MB ({m['articles']}"
            f" articles, {m['seconds']}s) vs {m['eval_peak_rss_mb']} MB for the eval corpus"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--runs", type=int, default=7, help="runs per start-up median")
    parser.add_argument("--memory", action="store_true", help="also measure a large corpus")
    parser.add_argument("--memory-mb", type=float, default=100.0, help="its size (default 100)")
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newslint-bench",
        help="where proselint's venv lives",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = measure(args)
    print(json.dumps(results, indent=2) if args.json else report(results))


if __name__ == "__main__":
    main()
