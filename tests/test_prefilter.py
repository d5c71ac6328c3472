"""The document prefilter (one Hyperscan scan) never skips a rule that would find something."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.accel.hyperscan_patterns import to_hyperscan
from newslint.accel.prefilter import Prefilter
from newslint.app.api import make_document
from newslint.config.project import Config
from newslint.core import engine

ARTICLES = sorted((Path(__file__).parent / "articles").iterdir())
CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
RULES = [r for r in Config().available_rules if getattr(r.check, "prefilter", None)]


def _case_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    for file in CASES:
        texts += [case["input"] for case in yaml.safe_load(file.read_text())["cases"].values()]
    for rule in RULES:
        texts += [t for t in rule.examples.get("bad", []) + rule.examples.get("good", [])]
    return texts


TEXTS = _case_texts()


def _passes(source: str, text: str, flags: int = 0) -> bool:
    scan = Prefilter([((source, flags),)]).scan(text)
    return scan is not None and bool(scan.possible)


@pytest.fixture
def prefilter_from_the_first_document(monkeypatch):
    monkeypatch.setattr(engine, "PREFILTER_AFTER", 0)
    engine._prefilters.clear()
    yield
    engine._prefilters.clear()


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(?<=[a-z]{2})([ \t]?)([.!?])(?=[A-Z][a-z]+\b)", "He said.The talks ended."),
        (r"(?<=[^\W\d_])([,;.])\1(?![,;./\\\w])", "The mayor,, who"),
        (r"x(?=ab)(?=a)", "xab"),  # two lookaheads at one place: not both matched as text
        (r"(?<=a)(?<=\w)x", "ax"),
        (r"((?<=a)x)\1", "axx"),  # the back-reference repeats x, not the lookbehind
        (r"\bcaf\u00e9\b", "CAF\u00c9"),
        (r"[^\W\d_]{3}", "\u00e9t\u00e9"),  # non-ASCII letters: class escapes widened
        (r"\s\s", "a\u2003\u2003b"),
        (r"a{0,500}b", "b"),
        (r"^Advertisement$", "Advertisement"),
        (r"(?<![^\n])(?=(?:[A-Z]+ ){3})[^a-z\n]*$", "ONE TWO THREE FOUR"),
    ],
)
def test_a_text_the_pattern_matches_passes(source, text):
    flags = re.I if "CAF" in text else 0
    assert regex.search(source, text, flags | regex.V0)
    assert _passes(source, text, flags)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(?<=[a-z]{2})([ \t]?)([.!?])(?=[A-Z][a-z]+\b)", "He said. The talks ended."),
        (r"(?<=\w)[.:;]\s+([,;])(?=\s)", "members, among which is Poland."),
        (r"\ufffd+", "An article in plain UTF-8."),
        # the lookahead (eight capitalised words) stands for the weaker rest of the pattern
        (r"(?<![^\n])(?=(?:[A-Z]+ ){8})[^a-z\n]*[.!?]", "A B. C D."),
    ],
)
def test_a_text_without_the_telling_characters_is_ruled_out(source, text):
    assert not _passes(source, text)


@pytest.mark.parametrize("source", [r"\p{L}", r"(?i)x", r"(?(1)a|b)", r"(a", r"a)", r"*a"])
def test_patterns_it_does_not_understand_give_no_prefilter(source):
    assert to_hyperscan(source) is None


def test_case_variants_outside_ascii_keep_case_insensitive_rules_running():
    text = "\u212aeep reading"  # Kelvin sign: IGNORECASE matches it to "k"
    assert regex.search("keep reading", text, regex.I | regex.V0)
    assert _passes("keep reading", text, re.I)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_case_and_example_a_rule_flags_passes_its_prefilter(rule):
    prefilter = Prefilter([rule.check.prefilter])
    flagged = 0
    for text in TEXTS:
        for path in ("a.txt", "a.md"):
            doc = make_document(text, path, Config())
            if engine.lint(doc, (rule,)):
                flagged += 1
                scan = prefilter.scan(text)
                assert scan is not None and scan.possible, text
    assert flagged or not rule.enabled


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(TEXTS),
    st.integers(0, 400),
    st.text(alphabet="aZ .,;:!?\"'’”“()[]<>\n\t\u00a0\u200b\ufffd\u212a-_0", max_size=6),
    st.integers(0, 400),
)
def test_any_exact_match_in_any_stretch_of_a_text_passes(base, at, inserted, width):
    """Where a rule's pattern matches in a stretch [pos, endpos) of a text (as a check searches
    a block), the prefilter passes the text."""
    at = min(at, len(base))
    text = base[:at] + inserted + base[at:]
    pos = max(at - 20, 0)
    endpos = min(pos + width, len(text))
    for rule in RULES:
        for source, flags in rule.check.prefilter:
            if regex.search(source, text, pos=pos, endpos=endpos, flags=_regex_flags(flags)):
                assert _passes(source, text, flags), (rule.id, text[pos:endpos])


def _regex_flags(flags: int) -> int:
    return regex.V0 | (regex.I if flags & re.I else 0) | (regex.S if flags & re.S else 0)


@pytest.mark.usefixtures("prefilter_from_the_first_document")
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_findings_are_the_same_with_the_prefilter(path, monkeypatch):
    config = Config()
    rules = config.rules_for(path)
    doc = make_document(path.read_text(encoding="utf-8"), str(path), config)
    with_prefilter = engine.lint(doc, rules)
    monkeypatch.setattr(engine, "PREFILTER_AFTER", 10**9)
    engine._prefilters.clear()
    assert engine.lint(doc.with_text(doc.text), rules) == with_prefilter


def test_the_prefilter_skips_rules_on_a_clean_article():
    rules = Config().rules_for(None)
    prefilter = Prefilter([getattr(r.check, "prefilter", None) for r in rules])
    clean = "The council met on Tuesday. It approved the budget, the mayor said.\n"
    possible = prefilter.scan(clean).possible
    skipped = {rules[i].id for i in range(len(rules)) if i not in possible}
    assert {"NL501", "NL502", "NL504", "NL604"} <= skipped


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_without_hyperscan_every_rule_runs(monkeypatch):
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # import fails
    monkeypatch.delitem(sys.modules, "newslint.accel.prefilter", raising=False)
    config = Config()
    text = "He said.The talks ended. The mayor,, who spoke, left.\n"
    doc = make_document(text, "a.txt", config)
    found = {f.rule for f in engine.lint(doc, config.rules_for(None))}
    assert {"NL504", "NL502"} <= found


def test_only_blocks_where_a_match_may_end_are_searched():
    rules = Config().rules_for(None)
    nl504 = next(i for i, r in enumerate(rules) if r.id == "NL504")
    prefilter = Prefilter([getattr(r.check, "prefilter", None) for r in rules])
    lines = [f"“Quote {n},” she said — café {n}. The end." for n in range(12)]
    lines[7] = "The talks ended on Tuesday, the minister said.The unions left."
    doc = make_document("\n".join(lines) + "\n", "a.txt", Config())
    blocks = doc.blocks_of(rules[nl504].scope)
    scan = prefilter.scan(doc.text, locate=True)
    narrowed = scan.narrow(nl504, blocks)
    assert [doc.text[b.start : b.end] for b in narrowed] == [lines[7]]
    assert prefilter.scan(doc.text).narrow(nl504, blocks) == blocks  # not asked to locate


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_threads_lint_at_once_with_the_prefilter():
    """A Hyperscan scratch serves one scan at a time: each thread gets its own."""
    from concurrent.futures import ThreadPoolExecutor

    config = Config()
    rules = config.rules_for(None)
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES] * 6

    def lint(text: str) -> list:
        return engine.lint(make_document(text, "a.txt", config), rules)

    alone = [lint(text) for text in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lint, texts))
    assert together == alone
    assert any(alone)
