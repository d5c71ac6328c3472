"""Measure newslint's precision and recall on real scraped pages (``../shared/eval``).

Each English page's ``naive_text`` is linted as a ``.txt`` file with the default config. Scraped
text has no blank lines, so ``paragraph_breaks: auto`` makes every line its own paragraph, and
every finding maps to the labelled line(s) it covers. Prints, per rule and per category, the
lines flagged that are labelled ``content`` (false positives) and ``boilerplate`` (hits), the
targets of issue 3, and the ftfy mojibake cases for encoding rules.

    .venv/bin/python benchmarks/quality.py [--eval-dir DIR] [--json] [--show-fp N]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval_corpus import DEFAULT_EVAL, english_rows

from newslint import lint_text
from newslint.config.project import Config
from newslint.core.model import Applicability, Finding

NOT_COUNTED = ("readability", "style")  # excluded from the findings-per-words target
SHORT = 100  # boilerplate lines of at most this many characters get their own recall share


@dataclass
class Page:
    name: str
    text: str
    labels: list[str]


@dataclass
class Tally:
    """Flagged lines by label, per rule and per category, and what the targets need."""

    content: Counter[str] = field(default_factory=Counter)
    boilerplate: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    content_words: int = 0
    boilerplate_short: int = 0
    boilerplate_short_hit: int = 0
    counted_findings: int = 0
    safe_deletions: list[tuple[str, str, str]] = field(default_factory=list)
    fp_examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def load_pages(eval_dir: Path) -> list[Page]:
    return [
        Page(f"{name}/{row['id']}", row["naive_text"], row["line_labels"])
        for name, row in english_rows(eval_dir, "quality.py")
        if row["naive_text"]
    ]


def _deleted_lines(finding: Finding, lines: list[str], starts: list[int]) -> list[int]:
    """0-based indexes of lines a fix of ``finding`` deletes: an edit covers all their text and
    replaces it with less than half as many characters."""
    gone = []
    for edit in finding.fix.edits if finding.fix else ():
        first = bisect.bisect_right(starts, edit.start) - 1
        last = bisect.bisect_right(starts, edit.end) - 1
        for index in range(first, last + 1):
            line = lines[index]
            body = line.strip()
            lead = starts[index] + len(line) - len(line.lstrip())
            inside = edit.start <= lead and lead + len(body) <= edit.end
            if body and inside and len(edit.replacement.strip()) * 2 < len(body):
                gone.append(index)
    return gone


def measure(pages: list[Page], config: Config, show_fp: int) -> Tally:
    tally = Tally()
    for page in pages:
        lines = page.text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        tally.labels.update(page.labels)
        for line, label in zip(lines, page.labels, strict=True):
            if label == "content":
                tally.content_words += len(line.split())
            elif label == "boilerplate" and len(line.strip()) <= SHORT:
                tally.boilerplate_short += 1
        findings = lint_text(page.text, path=f"{page.name}.txt", config=config)
        by_key: dict[str, set[int]] = defaultdict(set)
        for finding in findings:
            last = bisect.bisect_right(starts, max(finding.start, finding.end - 1)) - 1
            covered = range(finding.line - 1, last + 1)
            for key in (finding.rule, f"category:{finding.category}", "all"):
                by_key[key].update(covered)
            if finding.category not in NOT_COUNTED and page.labels[finding.line - 1] == "content":
                tally.counted_findings += 1
            if finding.fix and finding.fix.applicability == Applicability.SAFE:
                for index in _deleted_lines(finding, lines, starts):
                    if page.labels[index] == "content":
                        tally.safe_deletions.append((finding.rule, page.name, lines[index]))
        for key, indexes in by_key.items():
            for index in sorted(indexes):
                label = page.labels[index]
                if label == "content":
                    tally.content[key] += 1
                    is_rule = not key.startswith(("category:", "all"))
                    if is_rule and len(tally.fp_examples[key]) < show_fp:
                        tally.fp_examples[key].append(
                            f"{page.name}:{index + 1}: {lines[index][:160]}"
                        )
                elif label == "boilerplate":
                    tally.boilerplate[key] += 1
        for index in by_key.get("category:boilerplate", ()):
            if page.labels[index] == "boilerplate" and len(lines[index].strip()) <= SHORT:
                tally.boilerplate_short_hit += 1
    return tally


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def ftfy_cases(eval_dir: Path, config: Config) -> dict[str, Any] | None:
    """Encoding findings on ftfy's test cases; None when no rule has category ``encoding``."""
    if not any(r.category == "encoding" for r in config.rules_for(Path("case.txt"))):
        return None
    result: dict[str, Any] = {}
    for name in ("negative", "in-the-wild", "synthetic"):
        file = eval_dir / "ftfy" / f"{name}.json"
        if not file.exists():
            continue
        cases = json.loads(file.read_text(encoding="utf-8"))
        flagged = []
        for case in cases:
            findings = lint_text(case["original"], path="case.txt", config=config)
            if any(f.category == "encoding" for f in findings):
                flagged.append(case["label"])
        changed = [c for c in cases if c.get("fixed-encoding", c["fixed"]) != c["original"]]
        result[name] = {
            "cases": len(cases),
            "flagged": len(flagged),
            "needing_encoding_fix": len(changed),
            "needing_fix_flagged": sum(c["label"] in flagged for c in changed),
            "flagged_labels": flagged if name == "negative" else [],
        }
    return result


def summary(pages: list[Page], tally: Tally, config: Config, eval_dir: Path) -> dict[str, Any]:
    rules = config.rules_for(Path("page.txt"))
    content = tally.labels["content"]
    boilerplate = tally.labels["boilerplate"]
    bp_content = tally.content["category:boilerplate"]
    keys = [r.id for r in rules] + sorted({f"category:{r.category}" for r in rules}) + ["all"]
    return {
        "pages": len(pages),
        "lines": dict(tally.labels),
        "content_words": tally.content_words,
        "flagged": {
            key: {"content": tally.content[key], "boilerplate": tally.boilerplate[key]}
            for key in keys
        },
        "boilerplate_recall": _share(tally.boilerplate["category:boilerplate"], boilerplate),
        "boilerplate_recall_short": _share(tally.boilerplate_short_hit, tally.boilerplate_short),
        "boilerplate_content_fp_rate": _share(bp_content, content),
        "findings_per_2000_content_words": _share(
            tally.counted_findings * 2000, tally.content_words
        ),
        "safe_fix_deletes_content_line": len(tally.safe_deletions),
        "safe_deletions": [list(d) for d in tally.safe_deletions],
        "ftfy": ftfy_cases(eval_dir, config),
    }


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_text(report: dict[str, Any], tally: Tally) -> None:
    lines = report["lines"]
    print(
        f"{report['pages']} English pages; lines: "
        + ", ".join(f"{k} {v}" for k, v in sorted(lines.items()))
    )
    print(f"\n{'rule / category':<24}{'content (FP)':>14}{'boilerplate':>13}")
    for key, counts in report["flagged"].items():
        print(f"{key:<24}{counts['content']:>14}{counts['boilerplate']:>13}")
    fp = report["boilerplate_content_fp_rate"]
    rate = report["findings_per_2000_content_words"]
    deletions = report["safe_fix_deletes_content_line"]
    print()
    print(f"boilerplate recall: {report['boilerplate_recall']:.1%} of boilerplate lines")
    print(f"boilerplate recall, lines <= {SHORT} chars: {report['boilerplate_recall_short']:.1%}")
    print(f"boilerplate rules on content lines: {fp:.2%} (target <= 0.5%: {_verdict(fp <= 0.005)})")
    print(
        f"findings per 2,000 content words (no readability/style): {rate:.2f}"
        f" (target <= 1: {_verdict(rate <= 1)})"
    )
    print(f"safe fixes deleting a content line: {deletions} (target 0: {_verdict(deletions == 0)})")
    for rule, page, text in report["safe_deletions"][:50]:
        print(f"  {rule} {page}: {text[:120]}")
    ftfy = report["ftfy"]
    if ftfy is None:
        print("ftfy cases: skipped (no rule of category encoding)")
    else:
        for name, got in ftfy.items():
            print(
                f"ftfy {name}: {got['flagged']}/{got['cases']} flagged"
                f" ({got['needing_fix_flagged']}/{got['needing_encoding_fix']} of those"
                " ftfy.fix_encoding changes)"
            )
            for label in got["flagged_labels"]:
                print(f"  flagged: {label}")
    for key, examples in tally.fp_examples.items():
        if examples:
            print(f"\nfalse positives of {key}:")
            for example in examples:
                print(f"  {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--show-fp",
        type=int,
        default=0,
        metavar="N",
        help="print up to N false-positive lines per rule",
    )
    args = parser.parse_args(argv)
    config = Config()
    pages = load_pages(args.eval_dir)
    tally = measure(pages, config, args.show_fp)
    report = summary(pages, tally, config, args.eval_dir)
    if args.json:
        report["false_positive_examples"] = {k: v for k, v in tally.fp_examples.items() if v}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_text(report, tally)
    return 0


if __name__ == "__main__":
    sys.exit(main())
