"""What corpus evidence finds: synthetic site archives and the tuning pages as one corpus.

Synthetic archives (built at run time from ``../shared/eval``, never stored here): for each of
``--sites`` readability pages with many boilerplate lines, a site of ``--pages`` pages that
keep that page's boilerplate lines in their order (those before, inside and after its article)
around the gold article body of other tuning pages; lines with a date get a rotating date, and
three related-story teasers (other pages' first lines) follow the body. Four pages of each site
repeat an earlier page's body (a story published again). Lines are labelled ``template`` (the
page's boilerplate, the same on every page), ``varying`` (dates and teasers) or ``content``.

Tuning pages: the English pages of each mode (``article``, ``paragraphs``) run as one corpus
(one site), labelled as ``../shared/eval/README.md`` says.

Each corpus is written as a JSON Lines feed and linted by ``newslint check --jsonl`` without and
with ``--corpus`` (same run); findings are mapped to the lines they cover. Prints, per corpus,
the lines flagged by each label: by the boilerplate rules (category ``boilerplate``), and by the
corpus rules alone (NL220-NL229), and the safe fixes that delete a content line.

    .venv/bin/python benchmarks/corpus_quality.py [--eval-dir DIR] [--sites 10] [--pages 40]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from eval_corpus import DEFAULT_EVAL, english_rows

SHORT = 100
SHOW = 15  # content lines flagged by corpus rules shown
CORPUS_RULES = re.compile(r"NL22\d")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]")
MONTHS = "January February March April May June July August September October November December"


class Page:
    def __init__(self, ident: str, site: str, lines: list[str], labels: list[str]) -> None:
        self.id, self.site, self.lines, self.labels = ident, site, lines, labels

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "site": self.site, "text": "\n".join(self.lines) + "\n"}


def _body(row: dict[str, Any]) -> list[str]:
    return [
        line
        for line, label in zip(row["naive_text"].split("\n"), row["line_labels"], strict=True)
        if label == "content" and line.strip()
    ]


def _date(rng: random.Random) -> str:
    month = rng.choice(MONTHS.split())
    return f"{month} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"


def _site_pages(
    template: dict[str, Any],
    bodies: list[list[str]],
    teasers: list[str],
    pages: int,
    rng: random.Random,
) -> list[Page]:
    lines = template["naive_text"].split("\n")
    labels = template["line_labels"]
    content_at = [
        i for i, label in enumerate(labels) if label != "boilerplate" and lines[i].strip()
    ]
    first, last = content_at[0], content_at[-1]
    chrome = [
        (i, line) for i, line in enumerate(lines) if labels[i] == "boilerplate" and line.strip()
    ]
    before = [line for i, line in chrome if i < first]
    inside = [((i - first) / max(1, last - first), line) for i, line in chrome if first < i < last]
    after = [line for i, line in chrome if i > last]
    chosen = rng.sample(bodies, pages - 4)
    chosen += chosen[:4]  # four stories published again
    site = template["id"]
    result = []
    for number, body in enumerate(chosen):
        out: list[tuple[str, str]] = []
        for line in before:
            out.append(_templated(line, rng))
        body_lines = [(line, "content") for line in body]
        for share, line in reversed(inside):
            body_lines.insert(round(share * len(body_lines)), _templated(line, rng))
        out.extend(body_lines)
        out.append(("Related stories", "template"))
        out.extend((teaser, "varying") for teaser in rng.sample(teasers, 3))
        out.extend(_templated(line, rng) for line in after)
        result.append(Page(f"{site}-{number}", site, [t for t, _ in out], [lab for _, lab in out]))
    return result


def _templated(line: str, rng: random.Random) -> tuple[str, str]:
    if _DATE.search(line):
        return _DATE.sub(lambda _: _date(rng), line), "varying"
    return line, "template" if _LETTER.search(line) else "template, no letter"


def synthetic(eval_dir: Path, sites: int, pages: int) -> list[Page]:
    rows = [row for _, row in english_rows(eval_dir, "corpus_quality.py", ["readability.article"])]
    bodies = {row["id"]: _body(row) for row in rows}
    bodies = {k: v for k, v in bodies.items() if sum(map(len, v)) > 400}
    teasers = [b[0][:120] for b in bodies.values() if 20 < len(b[0]) < 160]
    templates = sorted(rows, key=lambda r: -r["line_labels"].count("boilerplate"))[:sites]
    rng = random.Random(14)
    result = []
    for template in templates:
        own = _publisher(template["id"])  # another page of its publisher has its chrome as body
        pool = [b for k, b in bodies.items() if _publisher(k) != own]
        result.extend(_site_pages(template, pool, teasers, pages, rng))
    return result


def _publisher(ident: str) -> str:
    return re.sub(r"-\d+$", "", ident)


def tuning(eval_dir: Path, mode: str) -> list[Page]:
    names = [f"readability.{mode}", f"trafilatura.{mode}"]
    return [
        Page(f"{name}/{row['id']}", "", row["naive_text"].split("\n"), row["line_labels"])
        for name, row in english_rows(eval_dir, "corpus_quality.py", names)
        if row["naive_text"]
    ]


def lint(pages: list[Page], corpus: bool, folder: Path) -> list[dict[str, Any]]:
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(p.record()) + "\n" for p in pages), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        "--no-cache",
        "--format",
        "json",
        "--jsonl",
        str(feed),
        "--site-field",
        "site",
        "-j",
        "1",
    ]
    done = subprocess.run(
        command + (["--corpus"] if corpus else []),
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"corpus_quality.py: newslint failed: {done.stderr}")
    return json.loads(done.stdout)


def tally(pages: list[Page], findings: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {p.id: p for p in pages}
    flagged: dict[str, set[tuple[str, int]]] = {"boilerplate": set(), "corpus": set()}
    safe_content: list[str] = []
    content_examples: list[str] = []
    for finding in findings:
        if finding["category"] != "boilerplate":
            continue
        page = by_id[finding["record"]]
        lines = range(finding["line"] - 1, finding["end_line"])
        keys = ["boilerplate"] + (["corpus"] if CORPUS_RULES.fullmatch(finding["rule"]) else [])
        for key in keys:
            flagged[key].update((page.id, i) for i in lines)
        if "corpus" in keys:
            content_examples.extend(
                f"{finding['rule']} {page.id}: {page.lines[i][:80]}"
                for i in lines
                if page.labels[i] == "content"
            )
        fix = finding["fix"]
        if fix and fix["applicability"] == "safe":
            safe_content.extend(
                f"{finding['rule']} {page.id}: {page.lines[i][:80]}"
                for i in lines
                if page.labels[i] == "content"
            )
    totals: Counter[str] = Counter()
    for page in pages:
        for line, label in zip(page.lines, page.labels, strict=True):
            if line.strip():
                totals[label] += 1
                if label == "boilerplate" and len(line.strip()) <= SHORT:
                    totals["boilerplate<=100"] += 1
    result: dict[str, Any] = {
        "lines": dict(totals),
        "safe_deletions_of_content": safe_content,
        "content_examples": content_examples,
    }
    for key, lines in flagged.items():
        counts: Counter[str] = Counter()
        for ident, index in lines:
            page = by_id[ident]
            label = page.labels[index]
            counts[label] += 1
            if label == "boilerplate" and len(page.lines[index].strip()) <= SHORT:
                counts["boilerplate<=100"] += 1
        result[key] = dict(counts)
    return result


def show(name: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    lines = after["lines"]
    print(f"\n{name}: lines " + ", ".join(f"{k} {v}" for k, v in sorted(lines.items())))
    labels = [
        k
        for k in (
            "template",
            "template, no letter",
            "varying",
            "boilerplate",
            "boilerplate<=100",
            "content",
        )
        if k in lines
    ]
    print(f"  {'flagged (share of the label)':<44}" + "".join(f"{k:>18}" for k in labels))
    for title, counts in (
        ("boilerplate rules, patterns only", before["boilerplate"]),
        ("boilerplate rules with --corpus", after["boilerplate"]),
        ("corpus rules alone (NL22x)", after["corpus"]),
    ):
        cells = "".join(f"{counts.get(k, 0):>9} {counts.get(k, 0) / lines[k]:7.2%}" for k in labels)
        print(f"  {title:<44}{cells}")
    safe = after["safe_deletions_of_content"]
    new_safe = [s for s in safe if CORPUS_RULES.match(s)]
    print(
        f"  safe fixes deleting a content line: {len(safe)} (of them by corpus rules:"
        f" {len(new_safe)}; patterns only: {len(before['safe_deletions_of_content'])})"
    )
    for line in new_safe[:10]:
        print(f"    {line}")
    examples = after["content_examples"]
    print(f"  content lines flagged by corpus rules, first {min(len(examples), SHOW)}:")
    for line in examples[:SHOW]:
        print(f"    {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--only", choices=("synthetic", "tuning"), help="one kind of corpus")
    args = parser.parse_args()
    corpora = {}
    if args.only != "tuning":
        corpora["synthetic site archives"] = synthetic(args.eval_dir, args.sites, args.pages)
    if args.only != "synthetic":
        for mode in ("article", "paragraphs"):
            corpora[f"tuning pages, {mode} mode, as one corpus"] = tuning(args.eval_dir, mode)
    with tempfile.TemporaryDirectory() as tmp:
        for name, pages in corpora.items():
            before = tally(pages, lint(pages, False, Path(tmp)))
            after = tally(pages, lint(pages, True, Path(tmp)))
            show(name, before, after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
