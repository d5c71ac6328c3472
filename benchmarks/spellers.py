"""Compare Hunspell libraries for Vale's spelling rules on the en_US-web dictionary.

    python benchmarks/spellers.py [--eval-dir DIR] [--shared DIR]

Candidates: chunspell (a binding of the C++ Hunspell), spylls (Hunspell ported to Python) and
zspell (a Rust implementation). For each: time to load ``en_US-web`` (with Vale's patch), words
checked per second on the words of the English eval pages that Vale's spelling rule would
check, how many of them it rejects, and how many of the words Vale's own suite expects flagged
(or accepted) it gets right.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_corpus import DEFAULT_EVAL, english_rows
from vale_compat import DEFAULT_SHARED

from newslint.vale.nlp import words
from newslint.vale.spelling import DEFAULT_FILTERS

# Words of vale-compat scenarios: flagged by Vale.Spelling, or accepted by it.
FLAGGED = ("gitlab", "typpo", "gfm", "remmark", "javascript", "agendize", "flooberg")
FLAGGED += ("multimicrophone", "docbook", "Myproduct", "peut")
ACCEPTED = ("Hello", "running", "colour", "color", "don't", "it's", "OK", "metrics", "GitHub")
ACCEPTED += ("won't", "Monday", "yesterday", "organization", "readability", "centre")


def _chunspell(dic: Path) -> Callable[[str], bool]:
    import hunspell

    checker = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
    return checker.spell


def _spylls(dic: Path) -> Callable[[str], bool]:
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(dic.with_suffix(""))).lookup


def _zspell(dic: Path) -> Callable[[str], bool]:
    import zspell

    checker = zspell.Dictionary(
        dic.with_suffix(".aff").read_text(encoding="utf-8"), dic.read_text(encoding="utf-8")
    )
    return checker.check_word


CANDIDATES = {"chunspell": _chunspell, "spylls": _spylls, "zspell": _zspell}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    checked: list[str] = []
    for _, row in english_rows(args.eval_dir, "spellers.py"):
        for word, _ in words(row["naive_text"] or ""):
            if not any(f.search(word) for f in DEFAULT_FILTERS):
                checked.append(word)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "en_US-web"
        shutil.copytree(args.shared / "dictionaries" / "en_US-web", folder)
        for path in folder.iterdir():
            path.chmod(0o644)
        subprocess.run(["patch", "-s", "-p1", "-i", "vale-builtin.patch"], cwd=folder, check=True)
        dic = folder / "en_US-web.dic"
        print(f"{len(checked)} words to check ({len(set(checked))} distinct)")
        print(f"{'library':10} {'load s':>7} {'words/s':>10} {'rejected':>9} {'suite words':>12}")
        for name, make in CANDIDATES.items():
            try:
                started = time.perf_counter()
                spell = make(dic)
                load = time.perf_counter() - started
            except ImportError:
                print(f"{name:10} not installed")
                continue
            started = time.perf_counter()
            rejected = sum(not spell(word) for word in checked)
            rate = len(checked) / (time.perf_counter() - started)
            right = sum(not spell(w) for w in FLAGGED) + sum(bool(spell(w)) for w in ACCEPTED)
            total = len(FLAGGED) + len(ACCEPTED)
            print(f"{name:10} {load:7.2f} {rate:10.0f} {rejected:9d} {right:>7}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
