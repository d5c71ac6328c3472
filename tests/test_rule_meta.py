"""Every rule has a case file, and the examples inside each rule behave as stated."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import only

from newslint import fix_text, lint_text
from newslint.checks import load_kind
from newslint.config.project import Config
from newslint.core.model import CATEGORIES, Applicability

RULES = Config().available_rules
CASES_DIR = Path(__file__).parent / "cases"


def test_rules_exist_and_are_well_formed() -> None:
    assert len(RULES) >= 8
    assert {r.category for r in RULES} <= set(CATEGORIES)


def _needs_corpus(rule) -> bool:
    """Kinds that judge a line by the site's other pages: shown with corpus evidence in
    tests/test_corpus.py, as examples and case files (one text each) cannot."""
    return getattr(load_kind(rule.kind), "NEEDS_CORPUS", False)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_case_file(rule) -> None:
    if _needs_corpus(rule):
        pytest.skip("judged with corpus evidence: tests/test_corpus.py")
    file = CASES_DIR / f"{rule.id}.yaml"
    assert file.is_file(), f"missing {file.name}"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert data["rule"] == rule.id
    cases = data["cases"].values()
    assert any(c["findings"] for c in cases), "needs a case with findings"
    assert any(not c["findings"] for c in cases), "needs a case without findings"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule) -> None:
    if _needs_corpus(rule):
        pytest.skip("judged with corpus evidence: tests/test_corpus.py")
    config = only(rule.id)
    assert rule.examples["bad"], "a rule shows at least one bad example"
    assert rule.examples["good"], "a rule shows at least one good example"
    for bad in rule.examples["bad"]:
        assert lint_text(bad, config=config), f"bad example not flagged: {bad!r}"
    for good in rule.examples["good"]:
        assert lint_text(good, config=config) == [], f"good example flagged: {good!r}"
    unsafe = bool(rule.fix and rule.fix.applicability == Applicability.UNSAFE)
    if rule.fixable:
        assert rule.examples["fixed"], "a fixable rule shows a before/after example"
    for pair in rule.examples["fixed"]:
        assert fix_text(pair["before"], config=config, unsafe=unsafe).text == pair["after"]
