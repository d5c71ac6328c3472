"""Fix precision on real copy: plant one known artifact at a time into clean article bodies.

Scored the way grammatical error correction is (precision first). The bodies are the gold
``clean_text`` of the English pages of ``../shared/eval`` (one paragraph a line, linted as
``.txt``). For each artifact kind of ``plants.py``, sites chosen by a seeded RNG get one
artifact each; the planted text is checked and fixed through the public API, and counted:

- detected: a new finding (not one the clean body has too) overlaps the planted span (one
  character either side);
- restored: the fixed text is the clean text with the repair there (the fix the clean body
  gets on its own applied too: plants go only to lines that fix leaves alone);
- partial: only some of the repair's changes were made, and nothing else (the rest of the
  artifact left for an editor: no damage);
- untouched: the fixed text is the planted text (with that same fix of the clean body);
- wrong: any other text, damage.

Safe-fix precision counts the plants the safe fix changed: restored or partial are right
(every change made was a change of the repair), wrong is not.

The safe fix runs on every plant, the unsafe fix too where the repair guesses. The safe fix
also runs on the untouched bodies: every edit it makes there is listed, per rule.

    .venv/bin/python benchmarks/fix_precision.py [--eval-dir ../shared/eval] [--limit N]
        [--kinds a,b] [--seed S] [--json] [--show-wrong N]
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_EVAL, english_rows
from plants import KINDS, Body, Kind, Plant

import newslint
from newslint.config.project import Config
from newslint.core.errors import NewslintError

PATH = "article.txt"
CORPORA = ("readability.article", "readability.paragraphs")  # the pages with a gold body
DETECTION_TARGETS = {"safe": 0.95, "names": 0.90, "glued": 0.80, "lost-break": 0.90}
PRECISION_TARGET = 0.999
CLEAN_EDITS_TARGET = 0.5  # safe edits per 10,000 words of clean bodies
MODES = ("safe", "unsafe")
OUTCOMES = ("restored", "partial", "untouched", "wrong", "failed")
NOT_ARTIFACTS = ("readability", "style")  # categories whose findings detect no artifact
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")

Edit = tuple[int, int, str]


@dataclass
class Page:
    """A clean body, what the fixer does to it, and its findings."""

    body: Body
    fixes: dict[str, list[Edit]]  # per mode: the fix of the clean body, as line-level edits
    fixed: dict[str, newslint.FixResult]
    findings: set[tuple[str, int, int]]


def _line_edits(old: str, new: str) -> list[Edit]:
    """Edits (whole lines) turning ``old`` into ``new``."""
    a, b = _LINE.findall(old), _LINE.findall(new)
    offsets = [0]
    for line in a:
        offsets.append(offsets[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (offsets[i1], offsets[i2], "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _apply(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        parts += [text[pos:start], replacement]
        pos = end
    return "".join(parts) + text[pos:]


def load_pages(eval_dir: Path, config: Config) -> list[Page]:
    seen: set[str] = set()
    pages = []
    for _, row in english_rows(eval_dir, "fix_precision.py", CORPORA):
        text = row["clean_text"]
        if not text or text in seen:
            continue
        seen.add(text)
        body = Body.of(row["id"], text)
        fixed, fixes = {}, {}
        for mode in MODES:
            fixed[mode] = _fix(text, config, mode)
            fixes[mode] = _line_edits(text, fixed[mode].text)
            for start, end, _ in fixes[mode]:
                first = text.count("\n", 0, start)
                last = text.count("\n", 0, end)
                body.usable.difference_update(range(first - 1, last + 2))
        findings = newslint.lint_text(text, path=PATH, config=config)
        pages.append(Page(body, fixes, fixed, {(f.rule, f.start, f.end) for f in findings}))
    return pages


def _fix(text: str, config: Config, mode: str) -> newslint.FixResult:
    return newslint.fix_text(text, path=PATH, config=config, unsafe=mode == "unsafe")


@dataclass
class Outcome:
    kind: str
    page: str
    note: str
    detected: bool
    by: list[str]  # rules of the new findings over the planted span
    elsewhere: list[str]  # rules of the other new findings
    results: dict[str, str] = field(default_factory=dict)  # mode -> one of OUTCOMES
    planted: str = ""  # the planted text around the span, for examples
    got: dict[str, str] = field(default_factory=dict)  # mode -> fixed text around the change
    wanted: str = ""


def _window(text: str, start: int, end: int, width: int = 60) -> str:
    return text[max(0, start - width) : end + width].replace("\n", "⏎")


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b`` (compared a chunk at a time)."""
    at, step = 0, 4096
    while step:
        while a[at : at + step] == b[at : at + step] and at < min(len(a), len(b)):
            at += step
        step //= 8
    return min(at, len(a), len(b))


def _changed_window(got: str, wanted: str) -> tuple[str, str]:
    """Both texts around the stretch where they differ."""
    head = _common_prefix(got, wanted)
    tail = min(_common_prefix(got[::-1], wanted[::-1]), len(got) - head, len(wanted) - head)
    return _window(got, head, len(got) - tail), _window(wanted, head, len(wanted) - tail)


def _changes(old: str, new: str) -> set[tuple[int, int, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"}


def _part_of(planted: str, repaired: str, got: str) -> bool:
    """Whether ``got`` is ``planted`` with some of the changes that make ``repaired`` (compared
    where the three differ)."""
    head = min(_common_prefix(planted, repaired), _common_prefix(planted, got))
    tail = min(
        _common_prefix(planted[::-1], repaired[::-1]), _common_prefix(planted[::-1], got[::-1])
    )
    tail = min(tail, len(planted) - head, len(repaired) - head, len(got) - head)
    if len(planted) - tail - head > 2000:
        return False  # changes far apart: more than the repair of one plant
    base = planted[head : len(planted) - tail]
    made = _changes(base, got[head : len(got) - tail])
    return bool(made) and made <= _changes(base, repaired[head : len(repaired) - tail])


def evaluate(kind: Kind, page: Page, plant: Plant, config: Config) -> Outcome:
    clean = page.body.text
    text = clean[: plant.start] + plant.damaged + clean[plant.end :]
    end = plant.start + len(plant.damaged)
    shift = len(plant.damaged) - (plant.end - plant.start)
    low, high = plant.start - 1, end + 1  # the planted span, a character wider each side
    new = []
    for f in newslint.lint_text(text, path=PATH, config=config):
        if f.category in NOT_ARTIFACTS:
            continue
        if f.end <= plant.start and f.start < plant.start:
            key = (f.rule, f.start, f.end)
        elif f.start >= end:
            key = (f.rule, f.start - shift, f.end - shift)
        else:
            key = None
        if key not in page.findings:
            new.append(f)
    over = [f for f in new if f.start < high and low < max(f.end, f.start + 1)]
    outcome = Outcome(
        kind.name,
        page.body.id,
        plant.note,
        bool(over),
        [f.rule for f in over],
        [f.rule for f in new if f not in over],
        planted=_window(text, plant.start, end),
    )
    for mode in kind.modes:

        def expected(replacement: str, mode: str = mode) -> str:
            return _apply(clean, [*page.fixes[mode], (plant.start, plant.end, replacement)])

        try:
            got = _fix(text, config, mode).text
        except NewslintError:
            outcome.results[mode] = "failed"
            continue
        repairs = [expected(r) for r in plant.repairs]
        if got in repairs:
            outcome.results[mode] = "restored"
        elif got == (untouched := expected(plant.damaged)):
            outcome.results[mode] = "untouched"
        elif _part_of(untouched, repairs[0], got):
            outcome.results[mode] = "partial"
        else:
            outcome.results[mode] = "wrong"
            outcome.got[mode], outcome.wanted = _changed_window(got, repairs[0])
    return outcome


def run_kind(kind: Kind, pages: list[Page], limit: int, seed: int, config: Config) -> list[Outcome]:
    rng = random.Random(f"{seed}:{kind.name}")
    sites = [(index, site) for index, page in enumerate(pages) for site in kind.sites(page.body)]
    chosen = rng.sample(sites, min(limit, len(sites)))
    return [
        evaluate(kind, pages[index], kind.make(pages[index].body, site, rng), config)
        for index, site in chosen
    ]


def clean_edits(pages: list[Page]) -> tuple[int, list[dict[str, Any]]]:
    """Words of the clean bodies, and every safe edit the fixer makes on them."""
    words, edits = 0, []
    for page in pages:
        text = page.body.text
        words += len(text.split())
        first = {
            (f.rule, f.start, f.end, f.message)
            for f in newslint.lint_text(text, path=PATH, config=_CONFIG)
        }
        for f in page.fixed["safe"].fixed:
            item: dict[str, Any] = {"page": page.body.id, "rule": f.rule, "message": f.message}
            if (f.rule, f.start, f.end, f.message) in first and f.fix:
                item["line"] = f.line
                item["edit"] = " | ".join(_shown_edit(text, e) for e in f.fix.edits)
            else:
                item["edit"] = "(a later pass)"
            edits.append(item)
    return words, edits


def _shown_edit(text: str, edit: newslint.Edit) -> str:
    """``before[old→new]after`` on the edit's line, 30 characters around."""
    before = text[max(0, edit.start - 30) : edit.start].rsplit("\n", 1)[-1]
    after = text[edit.end : edit.end + 30].split("\n", 1)[0]
    change = f"[{text[edit.start : edit.end]}→{edit.replacement}]".replace("\n", "⏎")
    return before + change + after


_CONFIG = Config(None)


def summarise(kinds: list[Kind], outcomes: dict[str, list[Outcome]]) -> dict[str, Any]:
    rows = {}
    totals: Counter[str] = Counter()
    for kind in kinds:
        found = outcomes[kind.name]
        n = len(found)
        results = {m: Counter(o.results[m] for o in found if m in o.results) for m in kind.modes}
        detected = sum(o.detected for o in found)
        rows[kind.name] = {
            "n": n,
            "repair": kind.repair,
            "detected": detected,
            "detection": detected / n if n else None,
            "target": DETECTION_TARGETS[kind.group],
            "by": dict(Counter(r for o in found for r in set(o.by)).most_common()),
            "elsewhere": dict(Counter(r for o in found for r in set(o.elsewhere)).most_common()),
            **{m: dict(results[m]) for m in kind.modes},
        }
        totals.update(results["safe"])
    right = totals["restored"] + totals["partial"]
    return {
        "kinds": rows,
        "safe_total": dict(totals),
        "safe_precision": right / (right + totals["wrong"]) if right + totals["wrong"] else None,
    }


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:6.1%}"


def print_report(report: dict[str, Any], outcomes: dict[str, list[Outcome]], show: int) -> None:
    print(f"{report['pages']} clean bodies, {report['words']:,} words; seed {report['seed']},"
          f" at most {report['limit']} plants a kind ({report['seconds']:.0f} s)\n")  # fmt: skip
    head = f"{'kind':22}{'n':>5}{'detected':>9}{'target':>8}  {'safe: rest/part/unt/WRONG':28}"
    print(head + f"{'unsafe: rest/part/unt/WRONG':28}detected by (rule: plants)")
    for name, row in report["kinds"].items():
        ok = row["detection"] is not None and row["detection"] >= row["target"]
        safe = row["safe"]
        cells = "/".join(str(safe.get(k, 0)) for k in OUTCOMES[:4])
        if safe.get("failed"):
            cells += f" ({safe['failed']} failed)"
        unsafe = row.get("unsafe")
        ucells = (
            "/".join(str(unsafe.get(k, 0)) for k in OUTCOMES[:4]) if unsafe is not None else "-"
        )
        by = ", ".join(f"{r}: {n}" for r, n in list(row["by"].items())[:3]) or "-"
        mark = "" if ok else " <"
        print(
            f"{name:22}{row['n']:>5}{_pct(row['detection']):>9}{row['target']:>7.0%}{mark:2}"
            f"{cells:28}{ucells:28}{by}"
        )
    print("\nnew findings away from the planted span (wrong diagnoses, side effects), by kind:")
    for name, row in report["kinds"].items():
        if row["elsewhere"]:
            print(f"  {name:22}" + ", ".join(f"{r}: {n}" for r, n in row["elsewhere"].items()))
    precision = report["safe_precision"]
    wrong_kinds = [k for k, r in report["kinds"].items() if r["safe"].get("wrong")]
    rate = report["clean_edits_per_10k_words"]
    print("\ntargets (issue 13)                              measured")
    print(f"  safe-fix precision >= {PRECISION_TARGET:.1%} over all plants     "
          f"{_pct(precision)} ({report['safe_total']})")  # fmt: skip
    print(f"  no wrong safe fix in any kind                 "
          f"{'ok' if not wrong_kinds else 'wrong in: ' + ', '.join(wrong_kinds)}")  # fmt: skip
    print(f"  <= {CLEAN_EDITS_TARGET} safe edits / 10k words of clean bodies  "
          f"{rate:.2f} ({len(report['clean_edits'])} edits)")  # fmt: skip
    print("  detection: safe-fix kinds 95%, names 90%, glued captions/words 80%, lost breaks 90%"
          "  (< marks a kind below its target)")  # fmt: skip
    by_rule = Counter(e["rule"] for e in report["clean_edits"])
    print("\nsafe edits on the clean bodies, per rule: "
          + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))  # fmt: skip
    for rule, _ in by_rule.most_common():
        for e in report["clean_edits"]:
            if e["rule"] == rule:
                where = f"{e['page']}:{e.get('line', '?')}"
                print(f"  {rule} {where:>8}  {e['edit']}")
    if show:
        _print_examples(outcomes, show)


def _print_examples(outcomes: dict[str, list[Outcome]], show: int) -> None:
    for name, found in outcomes.items():
        wrong = [(m, o) for o in found for m, r in o.results.items() if r == "wrong"]
        missed = [o for o in found if not o.detected]
        if not wrong and not missed:
            continue
        print(f"\n== {name}: {len(wrong)} wrong fixes, {len(missed)} missed")
        for mode, o in wrong[:show]:
            print(f"  WRONG ({mode}) {o.page} {o.note}")
            print(f"    planted: {o.planted}")
            print(f"    got:     {o.got[mode]}")
            print(f"    wanted:  {o.wanted}")
        for o in missed[:show]:
            extra = (
                f" (new elsewhere: {', '.join(sorted(set(o.elsewhere)))})" if o.elsewhere else ""
            )
            print(f"  MISSED {o.page} {o.note}{extra}")
            print(f"    planted: {o.planted}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--limit", type=int, default=100, help="plants per kind (default 100)")
    parser.add_argument("--kinds", help="comma-separated kinds (default: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show-wrong", type=int, default=0, metavar="N",
                        help="print N examples of wrong fixes and of misses per kind")  # fmt: skip
    args = parser.parse_args(argv)
    kinds = list(KINDS)
    if args.kinds:
        wanted = args.kinds.split(",")
        unknown = set(wanted) - {k.name for k in KINDS}
        if unknown:
            parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
        kinds = [k for k in KINDS if k.name in wanted]
    started = time.monotonic()
    pages = load_pages(args.eval_dir, _CONFIG)
    outcomes = {k.name: run_kind(k, pages, args.limit, args.seed, _CONFIG) for k in kinds}
    words, edits = clean_edits(pages)
    report = {
        "pages": len(pages),
        "words": words,
        "seed": args.seed,
        "limit": args.limit,
        **summarise(kinds, outcomes),
        "clean_edits": edits,
        "clean_edits_per_10k_words": len(edits) * 10_000 / words if words else 0.0,
        "seconds": time.monotonic() - started,
    }
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print_report(report, outcomes, args.show_wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
