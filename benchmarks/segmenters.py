"""Sentence boundaries of newslint/sentences.py against rule-based segmenters, on real bodies.

Segments every paragraph (line) of the gold ``clean_text`` bodies of ../shared/eval with
newslint's ``sentence_starts`` and with each installed library (pysbd, syntok, sentencex: none
is a dependency, ``pip install`` them to compare), and prints, per library, its speed and the
boundaries where it disagrees with newslint (and, where the libraries agree among themselves,
which side is alone). A boundary is the first letter or digit of a sentence that is not its
paragraph's first. Then every segmenter runs on a small set of sentences written here, with
known boundaries, around abbreviations, initials, numbers and domains.

    .venv/bin/python benchmarks/segmenters.py [--eval-dir ../shared/eval] [--show N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_EVAL, english_rows

from newslint.core.sentences import sentence_starts

Segmenter = Callable[[str], list[int]]  # a paragraph -> offsets where its sentences start

# Sentences written for the segmenter, "|" marking each boundary (removed before segmenting),
# around abbreviations, initials, numbers and domains; tests/test_sentences.py reads them too.
CASES_FILE = Path(__file__).resolve().parent.parent / "tests" / "sentence_cases.txt"
CASES = [
    line
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def newslint_starts(text: str) -> list[int]:
    return list(sentence_starts(text, 0, len(text)))


def _pysbd() -> Segmenter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.start for span in segmenter.segment(text)]


def _syntok() -> Segmenter | None:
    try:
        from syntok import segmenter
    except ImportError:
        return None

    def starts(text: str) -> list[int]:
        return [sentence[0].offset for par in segmenter.analyze(text) for sentence in par]

    return starts


def _sentencex() -> Segmenter | None:
    try:
        import sentencex
    except ImportError:
        return None
    return lambda text: [s["start_index"] for s in sentencex.get_sentence_boundaries("en", text)]


def segmenters() -> dict[str, Segmenter]:
    found: dict[str, Segmenter] = {"newslint": newslint_starts}
    for name, make in (("pysbd", _pysbd), ("syntok", _syntok), ("sentencex", _sentencex)):
        segmenter = make()
        if segmenter is not None:
            found[name] = segmenter
    return found


def boundaries(text: str, starts: list[int]) -> set[int]:
    """The first letter or digit at or after each start, less the paragraph's first."""
    found = set()
    for start in starts:
        at = start
        while at < len(text) and not text[at].isalnum():
            at += 1
        if at < len(text):
            found.add(at)
    first = min(found, default=None)
    return found - {first}


def paragraphs(eval_dir: Path) -> Iterator[str]:
    seen: set[str] = set()
    for _, row in english_rows(eval_dir, "segmenters.py", ("readability.article",)):
        text = row["clean_text"]
        if text and text not in seen:
            seen.add(text)
            yield from (line for line in text.split("\n") if line.strip())


def _gold(case: str) -> tuple[str, set[int]]:
    """A written case without its "|" marks, and the offsets they marked."""
    parts = case.split("|")
    offsets, at = set(), 0
    for part in parts[:-1]:
        at += len(part)
        offsets.add(at)
    return "".join(parts), offsets


def _context(text: str, at: int) -> str:
    return (text[max(0, at - 45) : at] + "|" + text[at : at + 30]).replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--show", type=int, default=8, help="examples of each disagreement")
    args = parser.parse_args(argv)
    paras = list(paragraphs(args.eval_dir))
    chars = sum(map(len, paras))
    found = segmenters()
    print(f"{len(paras)} paragraphs, {chars:,} characters; segmenters: {', '.join(found)}\n")
    results: dict[str, list[set[int]]] = {}
    print(f"{'segmenter':12}{'seconds':>9}{'MB/s':>8}{'boundaries':>12}{'before lower case':>19}")
    for name, segment in found.items():
        started = time.perf_counter()
        results[name] = [boundaries(p, segment(p)) for p in paras]
        seconds = time.perf_counter() - started
        total = sum(map(len, results[name]))
        lower = sum(p[b].islower() for p, bs in zip(paras, results[name], strict=True) for b in bs)
        print(f"{name:12}{seconds:9.2f}{chars / seconds / 1e6:8.2f}{total:>12}{lower:>19}")
    others = [n for n in found if n != "newslint"]
    rng = random.Random(13)
    ours = results["newslint"]
    for name in others:
        pairs = list(zip(paras, ours, results[name], strict=True))
        only_ours = [(p, b) for p, a, o in pairs for b in sorted(a - o)]
        only_theirs = [(p, b) for p, a, o in pairs for b in sorted(o - a)]
        print(f"\nnewslint vs {name}: {len(only_ours)} boundaries only newslint finds,"
              f" {len(only_theirs)} only {name} finds")  # fmt: skip
        for label, items in (("only newslint", only_ours), (f"only {name}", only_theirs)):
            for p, b in rng.sample(items, min(args.show, len(items))):
                print(f"  {label:16} …{_context(p, b)}…")
    if len(others) >= 2:
        extra, missing = [], []
        for p, mine, *theirs in zip(paras, ours, *(results[n] for n in others), strict=True):
            extra += [(p, b) for b in sorted(mine - set.union(*theirs))]
            missing += [(p, b) for b in sorted(set.intersection(*theirs) - mine)]
        print(f"\nnewslint alone against every library: {len(extra)} boundaries none of them"
              f" finds, {len(missing)} that all of them find")  # fmt: skip
        for label, items in (("newslint only", extra), ("all but newslint", missing)):
            for p, b in rng.sample(items, min(args.show, len(items))):
                print(f"  {label:16} …{_context(p, b)}…")
    print(f"\nwritten cases ({len(CASES)}), exactly right:")
    for name, segment in found.items():
        wrong = []
        for case in CASES:
            text, gold = _gold(case)
            if boundaries(text, segment(text)) != gold:
                wrong.append(text[:60])
        print(f"  {name:12}{len(CASES) - len(wrong):>3}/{len(CASES)}  wrong: {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
