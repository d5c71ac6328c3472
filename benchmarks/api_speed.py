"""``lint_text`` without ``config=`` against a reused Config, on the English eval texts.

Prints the CPU time (median of ``--runs``) of linting ``--articles`` eval texts three ways in one
run: with a Config made once and passed in; with no ``config=`` (newslint finds and reuses
it); and as newslint did before it reused configs (a new ConfigResolver per call). CPU time, so
that other work on a shared machine counts less. Reads ``../shared/eval`` (never copied here).

    .venv/bin/python benchmarks/api_speed.py [--eval-dir DIR] [--runs 5] [--articles 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from eval_corpus import DEFAULT_EVAL, english_rows

import newslint
from newslint.app.api import make_document
from newslint.config.project import Config, ConfigResolver
from newslint.core.engine import lint


def _old_lint_text(text: str) -> None:
    """``lint_text(text)`` as it was: a config resolved anew for every call."""
    config = ConfigResolver(None).for_path(None)
    lint(make_document(text, None, config), config.rules_for(None))


def _cpu(func: Callable[[str], object], texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        func(text)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    rows = english_rows(args.eval_dir, "api_speed.py")
    texts = [row["naive_text"] for _, row in rows if row["naive_text"]][: args.articles]
    config = Config(None)
    ways: dict[str, Callable[[str], object]] = {
        "reused Config": lambda text: newslint.lint_text(text, config=config),
        "config=None": newslint.lint_text,
        "config=None before (a Config per call)": _old_lint_text,
    }
    for func in ways.values():  # warm up: packs parsed, prefilters compiled
        _cpu(func, texts[:20])
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.runs):
        for name, func in ways.items():
            times[name].append(_cpu(func, texts))
    base = statistics.median(times["reused Config"])
    print(f"{len(texts)} eval texts, CPU seconds, median of {args.runs}:")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<40} {median:6.3f} s  {median / base:5.2f}x the reused Config")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
