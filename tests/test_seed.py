"""The seed article end to end: exactly the findings the project started from, and its fix."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES

from newslint import fix_text, lint_text
from newslint.app.cli import main

SEED = EXAMPLES / "seed-article.txt"
FIXED = EXAMPLES / "seed-article.fixed.txt"


def _span(text: str, needle: str, after: str = "") -> tuple[int, int]:
    start = text.index(needle, text.index(after) if after else 0)
    return start, start + len(needle)


def test_seed_findings_exact(seed_text: str) -> None:
    findings = lint_text(seed_text, path=str(SEED))
    got = [(f.rule, f.category, f.start, f.end) for f in findings]
    expected = [
        ("NL303", "casing", *_span(seed_text, "lloyd austin")),
        ("NL101", "artifact", *_span(seed_text, "austinSpeaking")),
        ("NL301", "casing", *_span(seed_text, "tuesday", "responsibility")),
        ("NL501", "punctuation", *_span(seed_text, ". ,")),
        (
            "NL401",
            "quotes",
            _span(seed_text, "“It is possible, perhaps,")[0],
            _span(seed_text, "“It is possible, perhaps,")[0] + 1,
        ),
        ("NL201", "boilerplate", *_span(seed_text, "Leave a Comment")),
        (
            "NL201",
            "boilerplate",
            *_span(
                seed_text, "Your email address will not be published. Required fields are marked *"
            ),
        ),
    ]
    assert got == expected


def test_seed_fix_kinds(seed_text: str) -> None:
    by_rule = {f.rule: f for f in lint_text(seed_text, path=str(SEED))}
    assert str(by_rule["NL101"].fix.applicability) == "unsafe"
    assert str(by_rule["NL401"].fix.applicability) == "unsafe"
    assert str(by_rule["NL303"].fix.applicability) == "unsafe"
    for rule in ("NL301", "NL501", "NL201"):
        assert str(by_rule[rule].fix.applicability) == "safe"
    tuesday = by_rule["NL301"].fix.edits
    assert [seed_text[e.start : e.end] + "->" + e.replacement for e in tuesday] == ["t->T"]


def test_seed_fixed_file_byte_for_byte(tmp_path, seed_text: str) -> None:
    copy = tmp_path / "seed-article.txt"
    shutil.copyfile(SEED, copy)
    assert main(["fix", "--unsafe-fixes", str(copy)]) == 0
    assert copy.read_bytes() == FIXED.read_bytes()
    assert main(["fix", "--unsafe-fixes", str(copy)]) == 0  # idempotent
    assert copy.read_bytes() == FIXED.read_bytes()


def test_paragraphs_without_findings_are_byte_identical(seed_text: str) -> None:
    findings = lint_text(seed_text, path=str(SEED))
    fixed = FIXED.read_text(encoding="utf-8")
    touched = {seed_text.count("\n\n", 0, f.start) for f in findings}
    paragraphs = seed_text.split("\n\n")
    untouched = [p for i, p in enumerate(paragraphs) if i not in touched]
    assert len(untouched) == len(paragraphs) - 5  # five paragraphs hold the seven findings
    for paragraph in untouched:
        assert paragraph in fixed.split("\n\n")
    assert "Secretary of Defense Lloyd Austin\n\nSpeaking with Milley" in fixed
    assert "members, among which is Poland." in fixed
    assert fixed.endswith("That’s all I’m saying.”")
    assert "Leave a Comment" not in fixed and "Required fields" not in fixed


def test_safe_fix_only_leaves_unsafe_findings(seed_text: str) -> None:
    result = fix_text(seed_text, path=str(SEED))
    assert sorted(f.rule for f in result.remaining) == ["NL101", "NL303", "NL401"]
    assert "lloyd austinSpeaking" in result.text
