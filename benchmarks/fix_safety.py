"""Fix safety on real pages: safe ``fix`` over every English page of ../shared/eval.

Counts, over the lines labelled ``content``:
- deleted: no character of the line is left after fixing;
- altered outside findings: the line changed but no fixed finding's reported span touches it;
and the pages where fixing did not converge (or failed). Every pass is also checked exactly:
the text after it must be the text before with the chosen edits applied and nothing else.

    python benchmarks/fix_safety.py [--eval-dir ../shared/eval] [--show N]

Exit status 1 if any count that should be zero is not.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from eval_corpus import DEFAULT_EVAL, english_rows

from newslint.config.project import Config
from newslint.core.engine import lint
from newslint.core.errors import NewslintError
from newslint.core.fixer import fix, select_fixes
from newslint.core.model import Applicability, Edit, Finding
from newslint.formats import open_document

CORPORA = ("trafilatura.article", "readability.article", "trafilatura.paragraphs",
           "readability.paragraphs")  # fmt: skip


def _apply_checked(old: str, new: str, edits: list[Edit], origin: list) -> list:
    """The origin of each character of ``new``; raises if ``new`` is not ``old`` + ``edits``."""
    kept: list = []
    pos_old = pos_new = 0
    for edit in edits:
        gap = edit.start - pos_old
        if gap < 0 or new[pos_new : pos_new + gap] != old[pos_old : edit.start]:
            raise AssertionError(f"text outside the edits changed before offset {edit.start}")
        kept += origin[pos_old : edit.start]
        pos_new += gap
        if new[pos_new : pos_new + len(edit.replacement)] != edit.replacement:
            raise AssertionError(f"edit at {edit.start} not applied as proposed")
        kept += [None] * len(edit.replacement)
        pos_new += len(edit.replacement)
        pos_old = edit.end
    if new[pos_new:] != old[pos_old:]:
        raise AssertionError("text after the last edit changed")
    return kept + origin[pos_old:]


def _original_span(origin: list, start: int, end: int) -> tuple[int, int]:
    """Where ``[start, end)`` of a later text came from in the first text (widened over
    inserted text to the nearest surviving characters)."""
    if not origin:
        return 0, 0
    last = len(origin) - 1
    lo = next((origin[i] for i in range(min(start, last), -1, -1) if origin[i] is not None), 0)
    hi = next((origin[i] for i in range(min(max(end - 1, 0), last), last + 1)
               if origin[i] is not None), lo)  # fmt: skip
    return lo, max(lo, hi)


def fix_page(text: str, rules: tuple) -> tuple[str, list, list[tuple[int, int, str]]]:
    """Safe-fix ``text``; return the fixed text, the origin of each of its characters, and the
    original spans (with rule ids) of the findings that were fixed."""
    doc = open_document(text, "page.txt")
    passes: list[tuple[str, list[Finding]]] = []

    def relint(candidate: str) -> list[Finding]:
        findings = lint(open_document(candidate, "page.txt"), rules)
        passes.append((candidate, findings))
        return findings

    result = fix(doc.text, relint, Applicability.SAFE, doc.path)
    origin: list = list(range(len(text)))
    spans: list[tuple[int, int, str]] = []
    for (before, findings), (after, _) in zip(passes, passes[1:], strict=False):
        chosen, edits = select_fixes(findings, Applicability.SAFE)
        for finding in chosen:
            lo, hi = _original_span(origin, finding.start, finding.end)
            spans.append((lo, hi, finding.rule))
        origin = _apply_checked(before, after, edits, origin)
    if result.text != passes[-1][0]:
        raise AssertionError("the fixer's result is not the last text it linted")
    return result.text, origin, spans


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--show", type=int, default=10, help="examples of each problem to show")
    args = parser.parse_args(argv)
    rules = Config(None).rules
    counts: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    started = time.monotonic()

    def show(kind: str, message: str) -> None:
        if shown[kind] < args.show:
            shown[kind] += 1
            print(f"  {kind}: {message}")

    for corpus, page in english_rows(args.eval_dir, "fix_safety.py", CORPORA):
        text, labels = page["naive_text"], page["line_labels"]
        lines = _line_spans(text)
        if not text.strip():
            counts["empty pages"] += 1
            continue
        if len(lines) != len(labels):
            counts["pages with unaligned labels"] += 1
            continue
        counts["pages"] += 1
        where = f"{corpus}:{page['id']}"
        try:
            fixed, origin, spans = fix_page(text, rules)
        except NewslintError as exc:
            counts["pages not converged or failed"] += 1
            show("not converged", f"{where}: {exc.detail}")
            continue
        except AssertionError as exc:
            counts["pages where a pass changed text outside its edits"] += 1
            show("outside edits", f"{where}: {exc}")
            continue
        counts["pages changed"] += fixed != text
        counts["findings fixed"] += len(spans)
        position = {o: i for i, o in enumerate(origin) if o is not None}
        for (start, end), label in zip(lines, labels, strict=True):
            if label != "content" or not text[start:end].strip():
                continue
            counts["content lines"] += 1
            at = position.get(start)
            if (
                at is not None
                and fixed[at : at + end - start] == text[start:end]
                and all(origin[at + k] == start + k for k in range(end - start))
            ):
                continue  # unchanged
            rules_here = {r for lo, hi, r in spans if lo <= end and start <= hi}
            if not any(o in position for o in range(start, end) if not text[o].isspace()):
                counts["content lines deleted"] += 1
                by_rule.update(rules_here)
                show("deleted", f"{where}: {sorted(rules_here)} {text[start:end][:90]!r}")
            elif not rules_here:
                counts["content lines altered outside findings"] += 1
                show("altered outside findings", f"{where}: {text[start:end][:90]!r}")
            else:
                counts["content lines fixed inside findings"] += 1
    print(
        f"\nfix safety over English pages of {args.eval_dir} ({time.monotonic() - started:.0f} s)"
    )
    for key in (
        "pages",
        "pages changed",
        "findings fixed",
        "content lines",
        "content lines fixed inside findings",
        "content lines deleted",
        "content lines altered outside findings",
        "pages not converged or failed",
        "pages where a pass changed text outside its edits",
        "pages with unaligned labels",
        "empty pages",
    ):
        print(f"  {key:52} {counts[key]}")
    if by_rule:
        print(
            "  content lines deleted, by rule: "
            + ", ".join(f"{r} {n}" for r, n in by_rule.most_common())
        )
    bad = sum(
        counts[k]
        for k in (
            "content lines deleted",
            "content lines altered outside findings",
            "pages not converged or failed",
            "pages where a pass changed text outside its edits",
        )
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
