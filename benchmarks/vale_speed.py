"""Throughput of Vale styles in newslint: Microsoft + Google against the news packs alone.

On the English pages of ``../shared/eval`` (each text linted as Markdown, ``page.md``, as a
``.md`` article is), in one process and the same run, in MB/s (median of ``--runs``):

* the news packs alone (newslint's defaults);
* the Microsoft and Google styles of ``../shared/vale-compat``, through the ``vale`` config key;
* both together, as a newsroom that switches from Vale would run them.

    .venv/bin/python benchmarks/vale_speed.py [--eval-dir DIR] [--shared DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_corpus import DEFAULT_EVAL, english_rows
from vale_compat import DEFAULT_SHARED

from newslint.config.project import Config
from newslint.core.document import Document
from newslint.core.engine import lint


def _vale_project(shared: Path, target: Path) -> Path:
    """A .vale.ini whose StylesPath holds the Microsoft and Google styles (linked, not copied)."""
    styles = target / "styles"
    styles.mkdir()
    for name in ("Microsoft", "Google"):
        (styles / name).symlink_to(shared / "styles" / name / name)
    config = target / ".vale.ini"
    config.write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n"
        "[*]\nBasedOnStyles = Microsoft, Google\n",
        encoding="utf-8",
    )
    return config


def _throughput(texts: list[str], rules: tuple, runs: int) -> tuple[float, int]:
    """MB/s (median of ``runs``) and the number of findings of one run."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rates = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        count = sum(len(lint(Document(text, "page.md"), rules)) for text in texts)
        rates.append(size / (time.perf_counter() - started))
    return statistics.median(rates), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [row["naive_text"] for _, row in english_rows(args.eval_dir, "vale_speed.py")]
    texts = [t for t in texts if t]
    with tempfile.TemporaryDirectory() as scratch:
        vale_config = _vale_project(args.shared, Path(scratch))
        packs = Config(None).rules
        vale = Config(None, {"vale": {"config": str(vale_config)}, "builtin": False}).rules
        both = Config(None, {"vale": {"config": str(vale_config)}}).rules
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"{len(texts)} English eval pages, {size:.2f} MB, linted as Markdown")
        print(f"{'rules':40} {'rules':>6} {'MB/s':>8} {'findings':>9}")
        for label, rules in (
            ("news packs alone", packs),
            ("Microsoft + Google (Vale styles)", vale),
            ("news packs + Microsoft + Google", both),
        ):
            rate, count = _throughput(texts, rules, args.runs)
            print(f"{label:40} {len(rules):6d} {rate:8.3f} {count:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
