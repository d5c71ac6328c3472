"""Grammar quality: what the grammar backend finds, how much of it is wrong, and how fast.

Runs newslint with a grammar backend (``--backend harper`` by default, per-unit cache off) on:

- the seed article (``../shared/examples/seed-article.txt``; skipped without it),
- the English eval pages (``../shared/eval``, each ``naive_text`` as a .txt file),
- the planted-error article ``tests/articles/grammar-planted.md``, whose errors (agreement,
  a/an, their/there, doubled words, could of) are listed in ``grammar-planted.json``.

It prints grammar findings per 1,000 words and time per article (grammar rules alone, the
backend's start-up measured apart), the planted errors found (by the grammar rules, and by
every default rule: doubled words are newslint's own rule's job) and the false positives: on
the planted article, findings no planted error explains; on the eval pages, a sample of
``--sample`` findings (seeded, so reproducible) judged by hand in ``--judgements``
(benchmarks/data/grammar-judgements.json: each finding's page, offsets, rule and verdict).
``--write-sample FILE`` writes the sample, each finding in context with its verdict if known:
judge the rest and add their ``key``, ``rule``, ``verdict`` ("true positive" or "false
positive") and ``why`` to the judgements file. Reads ``../shared`` (never copied here).

    .venv/bin/python benchmarks/grammar_quality.py [--eval-dir DIR] [--shared DIR]
        [--backend harper|languagetool] [--limit N] [--write-sample FILE] [--dump FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from eval_corpus import english_rows  # noqa: E402

import newslint  # noqa: E402
from newslint.config.project import Config  # noqa: E402
from newslint.core.model import Finding  # noqa: E402
from newslint.integrations import status  # noqa: E402

# ../shared from the repository (a git worktree one level deeper sees it one more up)
SHARED = next(
    (p / "shared" for p in HERE.parents[1:3] if (p / "shared").is_dir()), HERE.parents[1] / "shared"
)
PLANTED = HERE.parent / "tests" / "articles" / "grammar-planted.md"
JUDGEMENTS = HERE / "data" / "grammar-judgements.json"
SAMPLE_SEED = 18
GRAMMAR = ("NL801", "NL802", "NL803")


@dataclass
class Article:
    name: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Run:
    findings: dict[str, list[Finding]]  # article name -> grammar findings
    seconds: dict[str, float]
    words: int


def _config(backend: str, everything: bool) -> Config:
    grammar: dict[str, Any] = {"backend": backend, "cache": False}
    overrides: dict[str, Any] = {"grammar": grammar, "languagetool": {"cache": False}}
    if not everything:
        overrides["select"] = ["NL801"]  # the grammar rules on by default, alone
    return Config(None, overrides)


def run(articles: list[Article], config: Config) -> Run:
    findings: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    for article in articles:
        began = time.perf_counter()
        found = newslint.lint_text(article.text, path=article.name, config=config)
        seconds[article.name] = time.perf_counter() - began
        findings[article.name] = [f for f in found if f.rule in GRAMMAR]
    return Run(findings, seconds, sum(a.words for a in articles))


def start_up(config: Config) -> float:
    """Seconds the backend's first document costs over later ones (building Harper's linter)."""
    text = "Officials said the vote was a upset for the government.\n"
    began = time.perf_counter()
    newslint.lint_text(text, path="warm-up.txt", config=config)
    first = time.perf_counter() - began
    began = time.perf_counter()
    newslint.lint_text(text.replace("vote", "count"), path="warm-up.txt", config=config)
    return first - (time.perf_counter() - began)


def _key(page: str, finding: Finding) -> str:
    return f"{page}:{finding.start}:{finding.end}:{finding.message.split(':')[0]}"


def _context(text: str, finding: Finding) -> str:
    before = text[max(0, finding.start - 70) : finding.start]
    after = text[finding.end : finding.end + 70]
    return f"{before}[[{text[finding.start : finding.end]}]]{after}".replace("\n", " / ")


def report_corpus(label: str, articles: list[Article], result: Run) -> None:
    count = sum(len(f) for f in result.findings.values())
    times = [result.seconds[a.name] * 1000 for a in articles]
    per_kword = sum(times) / max(result.words, 1) * 1000
    print(
        f"{label}: {len(articles)} articles, {result.words:,} words, {count} grammar findings"
        f" = {count / max(result.words, 1) * 1000:.2f} per 1,000 words; time per article"
        f" median {statistics.median(times):.0f} ms, mean {statistics.mean(times):.0f} ms"
        f" ({per_kword:.0f} ms per 1,000 words)"
    )
    rules = Counter(f.message.split(":")[0] for found in result.findings.values() for f in found)
    print("   by rule: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common()))


def report_planted(config_all: Config, config_grammar: Config) -> None:
    text = PLANTED.read_text("utf-8")
    planted = json.loads(PLANTED.with_suffix(".json").read_text("utf-8"))["errors"]
    spans = []
    for error in planted:
        word = re.search(rf"\b{re.escape(error['text'])}\b", error["context"])
        at = text.index(error["context"]) + word.start()  # type: ignore[union-attr]
        spans.append((at, at + len(error["text"]), error["type"]))
    every = newslint.lint_text(text, path=str(PLANTED), config=config_all)
    grammar = [f for f in every if f.rule in GRAMMAR]

    def hit(finding: Finding, span: tuple[int, int, str]) -> bool:
        return finding.start < span[1] and span[0] < finding.end

    words = len(text.split())
    for label, found in (("grammar rules", grammar), ("all default rules", every)):
        by_type: Counter[str] = Counter()
        for span in spans:
            if any(hit(f, span) for f in found):
                by_type[span[2]] += 1
        total = sum(by_type.values())
        kinds = Counter(kind for _, _, kind in spans)
        detail = ", ".join(f"{kind} {by_type[kind]}/{n}" for kind, n in kinds.items())
        print(
            f"planted article, {label}: {total}/{len(spans)} planted errors found"
            f" ({total / len(spans):.0%}): {detail}"
        )
    unexplained = [f for f in grammar if not any(hit(f, span) for span in spans)]
    print(
        f"planted article: {len(unexplained)} grammar findings no planted error explains"
        f" ({len(unexplained) / words * 1000:.2f} per 1,000 words of {words})"
    )
    for finding in unexplained:
        print(f"   {finding.line}:{finding.column} {finding.message}")


def sample(result: Run, texts: dict[str, str], size: int) -> list[dict[str, str]]:
    """A seeded sample of the eval findings, each with what a judge needs to see."""
    every = [(page, f) for page, found in sorted(result.findings.items()) for f in found]
    chosen = random.Random(SAMPLE_SEED).sample(every, min(size, len(every)))
    return [
        {
            "key": _key(page, f),
            "rule": f.message.split(":")[0],
            "message": f.message,
            "context": _context(texts[page], f),
        }
        for page, f in sorted(chosen, key=lambda item: _key(*item))
    ]


def report_judged(
    chosen: list[dict[str, str]], judgements: dict[str, dict[str, str]], result: Run
) -> None:
    judged = [judgements[c["key"]] for c in chosen if c["key"] in judgements]
    wrong = sum(1 for j in judged if j["verdict"] == "false positive")
    count = sum(len(f) for f in result.findings.values())
    print(
        f"eval pages: {len(judged)} of a sample of {len(chosen)} findings judged by hand"
        f" ({JUDGEMENTS.name}): {wrong} false positives"
        + (f" = {wrong / len(judged):.0%}" if judged else "")
    )
    if judged:
        estimate = wrong / len(judged) * count / max(result.words, 1) * 1000
        print(f"   estimated false positives per 1,000 words: {estimate:.3f}")
        by_rule: dict[str, Counter[str]] = {}
        for j in judged:
            by_rule.setdefault(j["rule"], Counter())[j["verdict"]] += 1
        shown = sorted(by_rule.items(), key=lambda item: -sum(item[1].values()))
        print(
            "   judged by rule (false/all): "
            + ", ".join(f"{r} {c['false positive']}/{sum(c.values())}" for r, c in shown)
        )
    if len(judged) < len(chosen):
        print(f"   {len(chosen) - len(judged)} sampled findings not judged yet (--write-sample)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--eval-dir", type=Path)
    parser.add_argument("--backend", default="harper", choices=["harper", "languagetool"])
    parser.add_argument("--limit", type=int, help="only the first N eval pages")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--write-sample", type=Path, help="write the sample to judge here")
    parser.add_argument("--dump", type=Path, help="write every eval finding here (JSON lines)")
    args = parser.parse_args()
    eval_dir = args.eval_dir or args.shared / "eval"

    config_grammar = _config(args.backend, everything=False)
    config_all = _config(args.backend, everything=True)
    print(f"backend {args.backend}: start-up (first document) {start_up(config_grammar):.2f} s")
    if status.problems():
        print("grammar backend unusable: " + "; ".join(status.problems()))
        return 1

    seed = args.shared / "examples" / "seed-article.txt"
    if seed.is_file():
        articles = [Article("seed-article.txt", seed.read_text("utf-8"))]
        seed_run = run(articles, config_grammar)
        report_corpus("seed article", articles, seed_run)
        for finding in seed_run.findings["seed-article.txt"]:
            print(f"   {finding.line}:{finding.column} {finding.message}")
    else:
        print(f"seed article: {seed} not found, skipped")

    report_planted(config_all, config_grammar)

    pages = [
        Article(f"{name}/{row['id']}.txt", row["naive_text"])
        for name, row in english_rows(eval_dir, "grammar_quality.py")
        if row["naive_text"]
    ][: args.limit]
    result = run(pages, config_grammar)
    report_corpus("eval pages", pages, result)
    texts = {page.name: page.text for page in pages}
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for page, found in result.findings.items():
                for f in found:
                    row = {
                        "key": _key(page, f),
                        "message": f.message,
                        "context": _context(texts[page], f),
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    chosen = sample(result, texts, args.sample)
    judgements: dict[str, dict[str, str]] = {}
    if args.judgements.is_file():
        data = json.loads(args.judgements.read_text("utf-8"))
        judgements = {j["key"]: j for j in data["judgements"]}
    report_judged(chosen, judgements, result)
    if args.write_sample:
        rows = [{**c, **judgements.get(c["key"], {"verdict": None})} for c in chosen]
        args.write_sample.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        print(f"sample written to {args.write_sample}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
