"""The rule pages under docs/rules/ are generated from the packs and kept current."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from newslint.config.packs import builtin_packs, load_packs

SCRIPT = ROOT / "scripts" / "rule_docs.py"
_spec = importlib.util.spec_from_file_location("rule_docs", SCRIPT)
assert _spec and _spec.loader
rule_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rule_docs)


def test_rule_pages_are_current() -> None:
    assert rule_docs.stale() == [], "run: python scripts/rule_docs.py"


def test_a_stale_missing_or_left_over_page_is_found_and_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "rules"
    shutil.copytree(rule_docs.DOCS, docs)
    page = docs / "comment-form.md"
    page.write_text(page.read_text(encoding="utf-8").replace("error", "warning"), "utf-8")
    (docs / "sentence-case.md").unlink()
    (docs / "retired-rule.md").write_text("# retired-rule (NL999)\n", encoding="utf-8")

    assert rule_docs.stale(docs) == ["comment-form.md", "retired-rule.md", "sentence-case.md"]
    assert rule_docs.write(docs) == 3
    assert rule_docs.stale(docs) == []
    assert not (docs / "retired-rule.md").exists()


def test_check_option_exits_1_on_stale_pages(tmp_path: Path) -> None:
    def check(folder: Path) -> tuple[int, str]:
        command = [sys.executable, str(SCRIPT), "--check", "--dir", str(folder)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.returncode, done.stdout

    assert check(rule_docs.DOCS) == (0, "")
    shutil.copytree(rule_docs.DOCS, tmp_path / "rules")
    (tmp_path / "rules" / "doubled-word.md").unlink()
    code, out = check(tmp_path / "rules")
    assert code == 1
    page = tmp_path / "rules" / "doubled-word.md"
    assert out == f"{page} is stale (python scripts/rule_docs.py rewrites it)\n"


def test_every_rule_has_a_page_the_index_links() -> None:
    rules = load_packs(builtin_packs())
    index = (rule_docs.DOCS / "README.md").read_text(encoding="utf-8")
    for rule in rules:
        page = (rule_docs.DOCS / f"{rule.name}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {rule.name} ({rule.id})\n")
        for heading in ("## What it finds", "## Why it matters", "## Fix safety"):
            assert heading in page, (rule.id, heading)
        assert ("## Examples" in page) == bool(rule.examples["bad"] or rule.examples["good"])
        assert f"| {rule.id} | [{rule.name}]({rule.name}.md) |" in index


def test_pages_say_how_far_a_fix_can_be_trusted() -> None:
    pages = rule_docs.expected()
    assert "The fix is **safe**" in pages["weekday-month-case.md"]
    assert "applies it only with `--unsafe-fixes`" in pages["glued-caption.md"]
    assert "After `newslint fix --unsafe-fixes`:" in pages["glued-caption.md"]
    assert "The rule proposes no fix" in pages["long-sentence.md"]
    assert "off by default: `extend_select: [NL902]`" in pages["reading-ease.md"]
