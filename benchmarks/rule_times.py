"""CPU time spent in each rule's check, in process, on the English eval pages (as .txt files).

Every check kind's ``Check.run`` is wrapped so that the time spent producing its hits (and,
where the kind has one, in its narrowing hook) is added to its rule; a hook narrowing all the
rules of a kind at once is listed as ``kind*``; the engine's own work (the Hyperscan scan,
masks, quotes, findings) is reported as the rest. Prints the rules by
time spent, the total and the wall time of the lint calls. With ``--exact``, every rule runs
exactly (``NEWSLINT_EXACT=1``); with ``--without KIND`` (repeatable), that kind runs without
its narrowing hook, to measure what the hook saves.

    .venv/bin/python benchmarks/rule_times.py [--eval-dir DIR] [--exact] [--without KIND] [--top N]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_EVAL, english_rows

SPENT: defaultdict[int, float] = defaultdict(float)


def _timed(run: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def timed_run(self: object, *args: Any) -> Iterator[Any]:
        hits = run(self, *args)
        while True:
            start = time.process_time()
            try:
                hit = next(hits)
            except StopIteration:
                SPENT[id(self)] += time.process_time() - start
                return
            SPENT[id(self)] += time.process_time() - start
            yield hit

    return timed_run


def _timed_hook(hook: Callable[..., Any], key: object = None) -> Callable[..., Any]:
    """``hook`` timed for its check (its first argument), or for ``key``."""

    def timed_hook(check: object, *args: Any) -> Any:
        start = time.process_time()
        try:
            return hook(check, *args)
        finally:
            SPENT[id(check) if key is None else id(key)] += time.process_time() - start

    return timed_hook


def instrument(kinds: tuple[str, ...]) -> dict[int, str]:
    """Wrap each kind's ``Check.run`` and narrowing hooks (if the package has them); the
    names of the keys that time spent narrowing all the rules of a kind at once."""
    names = {}
    for kind in kinds:
        module = importlib.import_module(f"newslint.checks.{kind}")
        module.Check.run = _timed(module.Check.run)  # type: ignore[method-assign]
        try:
            hook = importlib.import_module(f"newslint.accel.narrowing.{kind}")
        except ImportError:
            continue
        if hasattr(hook, "narrow"):
            hook.narrow = _timed_hook(hook.narrow)
        if hasattr(hook, "narrow_all"):
            hook.narrow_all = _timed_hook(hook.narrow_all, key=hook)
            names[id(hook)] = f"{kind}*"
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--exact", action="store_true", help="run every rule exactly")
    parser.add_argument("--top", type=int, default=20, help="rules listed")
    parser.add_argument(
        "--without", action="append", default=[], help="run a kind without its narrowing hook"
    )
    args = parser.parse_args()
    if args.exact:
        os.environ["NEWSLINT_EXACT"] = "1"
    import newslint
    from newslint.checks import KINDS
    from newslint.config.project import Config

    if args.without:
        from newslint.accel import narrowing

        narrowing.HOOKED = narrowing.HOOKED - set(args.without)  # type: ignore[misc]

    names = instrument(KINDS)
    config = Config(None)
    rules = {id(r.check): r.id for r in config.available_rules} | names
    texts = [
        (f"{name}/{row['id']}.txt", row["naive_text"])
        for name, row in english_rows(args.eval_dir, "rule_times.py")
    ]
    for path, text in texts[:5]:  # warm up: compiled patterns, prefilter
        newslint.lint_text(text, path=path, config=config)
    SPENT.clear()
    start = time.process_time()
    for path, text in texts:
        newslint.lint_text(text, path=path, config=config)
    wall = time.process_time() - start
    by_rule = sorted(((t, rules.get(key, "?")) for key, t in SPENT.items()), reverse=True)
    for spent, rule in by_rule[: args.top]:
        print(f"{rule:8} {spent * 1000:9.1f} ms")
    total = sum(SPENT.values())
    print(f"checks {total:.3f} s, rest {wall - total:.3f} s, wall {wall:.3f} s ({len(texts)} docs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
