"""Runs every YAML case file in tests/cases/: findings, fixed output, idempotence, opt-in.

A case file holds ``rule`` and ``cases``; each case has ``input``, ``findings`` (a list of
``{line, column}`` with optional ``end_line``/``end_column``/``message``), optional ``output``
(the text after ``newslint fix``, with ``--unsafe-fixes`` when the rule's fix is unsafe) and
optional ``path`` (to lint as Markdown, say).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import only

from newslint import fix_text, lint_text
from newslint.config.project import Config
from newslint.core.model import Applicability

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"input", "findings", "output", "path", "unsafe"}


def _load() -> list[tuple[str, str, dict]]:
    items = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            items.append((data["rule"], name, case))
    return items


CASES = _load()


def _rule(rule_id: str):
    return next(r for r in Config().available_rules if r.id == rule_id)


@pytest.mark.parametrize(("rule_id", "name", "case"), CASES, ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_case(rule_id: str, name: str, case: dict) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys in case {name}: {set(case) - CASE_KEYS}"
    config = only(rule_id)
    path = case.get("path", "article.txt")
    findings = lint_text(case["input"], path=path, config=config)
    got = []
    for finding, expected in zip(findings, case["findings"], strict=False):
        shown = {k: getattr(finding, k) for k in expected if k != "rule"}
        got.append(shown)
        assert finding.rule == rule_id
    assert got == [{k: v for k, v in e.items() if k != "rule"} for e in case["findings"]]
    assert len(findings) == len(case["findings"])

    rule = _rule(rule_id)
    # ``unsafe: true``: this case's fix is unsafe though the rule's is safe (a check lowered it)
    unsafe = case.get("unsafe", bool(rule.fix and rule.fix.applicability == Applicability.UNSAFE))
    if "output" in case:
        if unsafe:  # unsafe fixes need the opt-in
            assert fix_text(case["input"], path=path, config=config).text == case["input"]
        fixed = fix_text(case["input"], path=path, config=config, unsafe=unsafe)
        assert fixed.text == case["output"]
        again = fix_text(fixed.text, path=path, config=config, unsafe=unsafe)
        assert again.text == fixed.text, "fixing the output again changed it"
    elif any(f.fix for f in findings):
        pytest.fail(f"case {name} has findings with fixes but no 'output'")
