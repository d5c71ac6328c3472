"""What a per-document lexicon and ``wordfreq`` tell about names in lower case, on real bodies.

A lower-case word is taken for a name in lower case when the article writes it capitalised in
the middle of a sentence elsewhere. On the gold ``clean_text`` bodies of ../shared/eval (where
such words are correct), every lower-case word such a rule flags is a false positive; on the
name sites of fix_precision.py (a later mention of a name lower-cased), every one it flags is
found. Printed for variants of the rule: how often the article must capitalise the word, whether
it may write it in lower case elsewhere, and a ceiling on its ``wordfreq`` Zipf frequency
(``pip install wordfreq`` to measure that; it is no dependency).

    .venv/bin/python benchmarks/name_words.py [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_EVAL, english_rows
from plants import Body, _mid_sentence, _names

_LOWER = re.compile(r"(?<![\w'’.-])[a-z]{2,}(?![\w'’-])")
_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")


def forms(text: str, longest_run: int | None = None) -> tuple[Counter[str], Counter[str]]:
    """Per lower-case word: how often the text capitalises it mid-sentence, how often it writes
    it in lower case. With ``longest_run``, a capitalised word in a longer run of capitalised
    words (a title in title case, ``We Saw It Coming``) is not counted."""
    capitalised: Counter[str] = Counter()
    for run in _RUN.finditer(text):
        words = run.group().split(" ")
        if longest_run is not None and len(words) > longest_run:
            continue
        for i, word in enumerate(words):
            if _CAPITALISED.fullmatch(word) and (i or _mid_sentence(text, run.start())):
                capitalised[word.lower()] += 1
    return capitalised, Counter(_LOWER.findall(text))


Zipf = Callable[[str], float]


def flags(
    word: str,
    capitalised: Counter[str],
    lower: Counter[str],
    variant: dict[str, Any],
    zipf: Zipf | None,
) -> bool:
    """Whether a rule ``variant`` takes the lower-case ``word`` for a name."""
    if capitalised[word] < variant["min_capitalised"]:
        return False
    if variant["lower_once"] and lower[word] > 1:
        return False
    return variant["zipf"] is None or zipf is None or zipf(word) < variant["zipf"]


def _zipf_lookup() -> Zipf | None:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return None
    return lambda word: zipf_frequency(word, "en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    lookup = _zipf_lookup()
    if lookup is not None:
        lookup("warm")
        print(f"wordfreq loaded in {time.perf_counter() - started:.2f} s")
    bodies, seen = [], set()
    for _, row in english_rows(args.eval_dir, "name_words.py", ("readability.article",)):
        if row["clean_text"] and row["clean_text"] not in seen:
            seen.add(row["clean_text"])
            bodies.append(Body.of(row["id"], row["clean_text"]))
    words = sum(len(b.text.split()) for b in bodies)
    variants: list[dict[str, Any]] = [
        {"min_capitalised": c, "lower_once": once, "longest_run": run, "zipf": z}
        for c in (1, 2)
        for once in (False, True)
        for run in (None, 2)
        for z in ((None, 5.0, 4.0) if lookup else (None,))
    ]
    clean_flags: Counter[int] = Counter()
    examples: dict[int, Counter[str]] = {i: Counter() for i in range(len(variants))}
    sites = 0
    name_hits: Counter[int] = Counter()
    for body in bodies:
        lexicons = {run: forms(body.text, run) for run in (None, 2)}
        for i, variant in enumerate(variants):
            capitalised, lower = lexicons[variant["longest_run"]]
            for word, count in lower.items():
                if flags(word, capitalised, lower, variant, lookup):
                    clean_flags[i] += count
                    examples[i][word] += count
        for start, end in _names(body, 1):
            sites += 1
            planted = body.text[:start] + body.text[start:end].lower() + body.text[end:]
            word = body.text[start:end].lower()
            lexicons = {run: forms(planted, run) for run in (None, 2)}
            for i, variant in enumerate(variants):
                capitalised, lower = lexicons[variant["longest_run"]]
                name_hits[i] += flags(word, capitalised, lower, variant, lookup)
    print(f"{len(bodies)} bodies, {words:,} words; {sites} one-word name sites\n")
    print(f"{'capitalised >=':>15}{'lower once':>11}{'run <=':>7}{'zipf <':>8}{'clean flags':>12}"
          f"{'per 10k words':>14}{'names found':>12}   most flagged clean words")  # fmt: skip
    for i, v in enumerate(variants):
        zipf = "-" if v["zipf"] is None else f"{v['zipf']:.1f}"
        top = ", ".join(f"{w} {n}" for w, n in examples[i].most_common(6))
        run = "-" if v["longest_run"] is None else str(v["longest_run"])
        print(f"{v['min_capitalised']:>15}{'yes' if v['lower_once'] else 'no':>11}{run:>7}{zipf:>8}"
              f"{clean_flags[i]:>12}{clean_flags[i] * 10_000 / words:>14.1f}"
              f"{name_hits[i] / sites:>12.1%}   {top}")  # fmt: skip
    if lookup is not None:
        started = time.perf_counter()
        n = 0
        for body in bodies[:20]:
            for match in re.finditer(r"[A-Za-z]{2,}", body.text):
                lookup(match.group().lower())
                n += 1
        seconds = time.perf_counter() - started
        print(f"\nwordfreq: {n / seconds:,.0f} look-ups a second (zipf_frequency, cached by it)")
        for word in ("saw", "it", "may", "turkey", "bill", "american", "alvarez", "ecobee"):
            print(f"  zipf({word!r}) = {lookup(word):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
