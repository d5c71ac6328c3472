"""The Hyperscan prefilter of Vale rules: mid-pattern flags widened, never a finding lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from newslint.vale import prefilter
from newslint.vale.prefilter import prefilter_source

pytest.importorskip("hyperscan")


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        ("(?i)foo(?-i)Bar", ["FOOBar", "fooBar"]),
        ("a(?i)b|c", ["aB", "C", "c"]),
        ("(?i)(?m)\\b(?:very|quite)\\b", ["Very", "QUITE"]),
        ("x(?i:y)z", ["xYz"]),
        ("(?<name>\\d+) (?<=\\d )percent", ["5 percent"]),
        ("[(?i)]x", ["(x", "ix"]),
    ],
)
def test_prefilter_pattern_matches_wherever_the_rule_pattern_does(source, texts) -> None:
    widened, flags = prefilter_source(source)
    wide = re.compile(widened, flags)
    for text in texts:
        assert regex.search(source, text), (source, text)  # the rule's own pattern (.NET-like)
        assert wide.search(text), (widened, text)


def test_verbose_patterns_are_not_prefiltered() -> None:
    assert prefilter_source("(?x) a b") is None


def _shared_styles() -> Path:
    here = Path(__file__).resolve().parent.parent
    for parent in here.parents:
        if (parent / "shared" / "vale-compat" / "styles").is_dir():
            return parent / "shared" / "vale-compat" / "styles"
    return here / "missing"


STYLES = _shared_styles()
ARTICLES = [
    "# The council's plan\n\nThe council will utilize the new park, e.g. for concerts at 9 am. "
    "It is very important! We think that the the plan is, obviously, quite good -- really.\n",
    "City officials said **very** little. Click [here](https://example.org) to read it; "
    "the report (PDF) lists 30 percent cuts, i.e. fewer buses... Ain't that something?\n",
    "> A quote that is not a sentence\n\n- An item\n- Another *item* in the list\n\n"
    "| Year | Budget |\n|---|---|\n| 2024 | $5m |\n",
]
ARTICLES.append("\n".join(ARTICLES * 3))  # many blocks: the scan also narrows them


def _key(alert) -> tuple:
    return alert.check, alert.line, alert.column, alert.message


@pytest.mark.skipif(not STYLES.is_dir(), reason=f"{STYLES} is absent")
def test_same_alerts_with_and_without_the_prefilter(monkeypatch) -> None:
    from newslint.vale.config import ValeConfig
    from newslint.vale.lint import Linter

    names = ["Microsoft", "Google", "write-good", "proselint", "alex", "Joblint"]
    config = ValeConfig(
        styles_paths=[STYLES / name for name in names], global_styles=names, styles=names
    )
    plain = Linter(config)
    monkeypatch.setattr(plain.rule_filter, "possible", lambda texts: None)
    monkeypatch.setattr(prefilter, "PREFILTER_AFTER", -1)
    filtered = Linter(config, plain.manager)
    for number, article in enumerate(ARTICLES):
        path = f"story{number}.md"
        expected = [
            (a.check, a.line, a.column, a.message) for a in plain.lint(path, article).alerts
        ]
        found = [
            (a.check, a.line, a.column, a.message) for a in filtered.lint(path, article).alerts
        ]
        assert expected, article  # the articles break rules of these styles
        assert found == expected
    unsplit = Linter(config, plain.manager)
    unsplit.paragraph_only = set()  # every rule also searches each sentence, as Vale does
    for number, article in enumerate(ARTICLES):
        path = f"story{number}.md"
        assert {_key(a) for a in unsplit.lint(path, article).alerts} == {
            _key(a) for a in plain.lint(path, article).alerts
        }
    assert plain.paragraph_only  # some rules are read on paragraphs alone
    possible = filtered.rule_filter.possible(ARTICLES[:1])
    assert possible is not None and len(possible) < len(filtered.rules) / 2  # it does skip rules


@pytest.mark.parametrize(
    ("data", "invariant"),
    [
        ({"extends": "existence", "tokens": ["very", "quite"]}, True),
        ({"extends": "existence", "tokens": ["e\\.g\\."]}, False),  # can match a full stop
        ({"extends": "existence", "tokens": ["^So"]}, False),  # anchored
        ({"extends": "existence", "tokens": ["x"], "nonword": True}, False),
        ({"extends": "existence", "tokens": ["x"], "scope": "sentence"}, False),
        ({"extends": "substitution", "swap": {"utilize": "use"}}, True),
        ({"extends": "substitution", "swap": {"(?<=the )end": "close"}}, False),
        ({"extends": "occurrence", "token": "x", "max": 1}, False),  # counts per block
    ],
)
def test_which_rules_read_paragraphs_alone(data: dict, invariant: bool) -> None:
    from newslint.vale.factory import build_rule
    from newslint.vale.prefilter import sentence_invariant
    from newslint.vale.rules import Context

    rule = build_rule(
        {"message": "m", "level": "warning", "name": "T.R", "path": "r.yml", **data}, Context()
    )
    assert sentence_invariant(rule) is invariant
