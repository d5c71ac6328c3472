"""Narrowing never changes a finding: exact and accelerated runs find the same.

Every text is linted with every rule of the built-in packs (enabled or not, but the grammar
rules, which need a server) and with rules built here for options the packs leave unused, once
exactly (``exact=True``: every rule reads every block of its scope) and once with every
acceleration of :mod:`newslint.accel` on, from the first document and on documents of any size
(the Hyperscan prefilter, located blocks, each kind's narrowing hook). The texts: every rule's
cases (tests/cases), every example in the packs, the test articles, and generated text made of
pieces that sit on the edges of the narrowing hooks (boilerplate lines with odd white space,
case and markup, mojibake, entities, doubled words, glued words, abbreviations, quotes). The
texts are one site's corpus: the kinds that judge a line by the site's other pages read the
evidence of all of them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import fix_text, lint_text
from newslint.accel import narrowing, prefilter
from newslint.checks import load_kind
from newslint.config.project import Config
from newslint.core.engine import lint
from newslint.core.model import Rule
from newslint.corpus import Evidence, document_keys
from newslint.corpus.context import attach
from newslint.formats import open_document

TESTS = Path(__file__).parent
BUILT_IN = [r for r in Config().available_rules if r.kind != "grammar"]


def _variant(kind: str, rule_id: str, **options: object) -> Rule:
    """A rule of ``kind`` like a built-in one, with ``options`` of its own."""
    module = load_kind(kind)
    model = next(rule for rule in BUILT_IN if rule.kind == kind)
    check = module.Check(module.Options(**options))
    return dataclasses.replace(model, id=rule_id, name=rule_id.lower(), check=check)


VARIANTS = [
    _variant(
        "boilerplate",
        "X201",
        patterns=[r"Sponsored (content|links)", r"\d+ Shares", "Advertisement"],
        unit="paragraph",
        ignore_case=False,
    ),
    _variant("boilerplate", "X202", patterns=[r"[[:alpha:]]+ \d+", r"\w+"], max_length=20),
    _variant(
        "boilerplate", "X203", patterns=["(share|tweet|email)"], run_patterns=[r"\w+"], min_run=2
    ),
    _variant("metric", "X901", formula="words_per_sentence", max=8, per="paragraph"),
    _variant("metric", "X902", formula="words_per_sentence", max=6, per="sentence"),
    _variant("repeated_block", "X104", min_words=3, sentences=True),
    _variant("repeated_block", "X105", min_words=2, sentences=False),
    _variant("sentence_case", "X301", min_words=1),
    _variant("name_case", "X303", titles=["Mayor", "Dr."], common_words=["said"], max_words=2),
    _variant("word_case", "X302", words=["monday"], ambiguous=["may"], context=[r"may \d"]),
    _variant("pattern", "X501", patterns=[r"(?<=\w)\.(?=[A-Z])", r"\bteh\b"], ignore_case=True),
]
RULES = tuple(BUILT_IN + VARIANTS)


def _cases() -> list[tuple[str, str, str]]:
    found = []
    for file in sorted((TESTS / "cases").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            found.append((f"{file.stem}-{name}", case["input"], case.get("path", "a.txt")))
    return found


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for rule in BUILT_IN:
        texts = rule.examples.get("bad", []) + rule.examples.get("good", [])
        for fixed in rule.examples.get("fixed", []):
            texts += [fixed["before"], fixed["after"]]
        for i, text in enumerate(texts):
            found += [(f"{rule.id}-{i}{suffix}", text, f"a{suffix}") for suffix in (".txt", ".md")]
    return found


def _articles() -> list[tuple[str, str, str]]:
    paths = sorted((TESTS / "articles").iterdir()) + [
        TESTS.parent / "examples" / "seed-article.txt"
    ]
    return [(path.name, path.read_text(encoding="utf-8"), path.name) for path in paths]


TEXTS = _cases() + _examples() + _articles()
EVIDENCE = Evidence()
for _, _text, _ in TEXTS:
    EVIDENCE.add("", document_keys(_text, ""))


def _document(text: str, path: str):
    doc = open_document(text, path)
    attach(doc, EVIDENCE, "")
    return doc


@pytest.fixture(autouse=True, scope="module")
def _accelerate_everything():
    """The prefilter from the first document, blocks located in documents of any size."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(narrowing, "PREFILTER_AFTER", 0)
        patch.setattr(prefilter.Scan, "MIN_BLOCKS", 0)
        narrowing._RuleSet._known.clear()
        yield
    narrowing._RuleSet._known.clear()


def _assert_same(text: str, path: str) -> None:
    doc = _document(text, path)
    exact = lint(doc, RULES, exact=True)
    accelerated = lint(doc.with_text(text), RULES, exact=False)
    assert accelerated == exact


@pytest.mark.parametrize(("name", "text", "path"), TEXTS, ids=[name for name, _, _ in TEXTS])
def test_exact_and_accelerated_findings_are_the_same(name: str, text: str, path: str) -> None:
    _assert_same(text, path)


def test_the_texts_hold_findings_of_every_rule_kind() -> None:
    """The comparison is not vacuous: the texts make every kind report something."""
    kinds = {
        rule.kind
        for _, text, path in TEXTS
        for finding in lint(_document(text, path), RULES, exact=True)
        for rule in RULES
        if rule.id == finding.rule
    }
    assert kinds == {rule.kind for rule in RULES}


def _boilerplate_lines() -> list[str]:
    lines = [
        line
        for rule in BUILT_IN
        if rule.kind == "boilerplate"
        for bad in rule.examples["bad"]
        for line in bad.splitlines()
    ]
    quirks = [
        str.upper,
        lambda s: "  " + s.replace(" ", "  ") + " \t",
        lambda s: s.replace(" ", "\u00a0"),
        lambda s: s.replace(" ", " \u2009"),
        lambda s: "\uf099 " + s,
        lambda s: "**" + s + "**",
        lambda s: s.replace("k", "\u212a").replace("s", "\u017f"),
        lambda s: s + "\r",
    ]
    return sorted({quirk(line) for line in lines[::3] for quirk in quirks} | set(lines))


PIECES = [
    *("The", "the", "council", "said", "it", "Mayor", "jane", "smith-jones", "Smith-Jones"),
    *("monday", "Monday", "may 5", "march", "thursdays", "Dr.", "U.S.", "e.g.", "Oct. 15"),
    *("austinSpeaking", "Getty ImagesThe", "iPhone", "McDonald", "withCredentials", "x.com"),
    *("cafÃ©", "â€œquotedâ€\x9d", "José", "Ã ", "&amp;", "&nbsp;", "&amp ", "AT&T", "&#8217;"),
    *("the the", "it’s it’s", "Duran Duran", "had had", "İt it", "\u212aat kat", "naïve naïve"),
    *(".", ",", ";", "!", "?", "…", "...", ",,", " .", ".The", "“", "”", "(", ")", '"', "'"),
    *("1)", "2.", "-", "#", "*", "_", "`code`", "http://x.test/a.b", "\u200b", "\ufffd"),
    *("ALL CAPS LINE WITH MANY WORDS IN IT HERE NOW", "Short one.", "a b c d e f g h."),
    *(" ".join(["word"] * 12) + ".", " ".join(["long"] * 55) + "."),
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\u00a0", ". "]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(PIECES), st.sampled_from(_boilerplate_lines())),
            st.sampled_from(SEPARATORS),
        ),
        max_size=40,
    ),
    st.sampled_from(["a.txt", "a.md"]),
)
def test_generated_text_gives_the_same_findings(parts: list[tuple[str, str]], path: str) -> None:
    _assert_same("".join(piece + separator for piece, separator in parts), path)


def test_exact_mode_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """NEWSLINT_EXACT=1 runs every rule on every block of its scope: no narrowing is asked."""
    text = "Headline\n\nThe the mayor said so.\n\nLeave a comment\n"
    asked = []
    monkeypatch.setattr("newslint.core.engine.plan", lambda doc, rules: asked.append(1) or iter(()))
    monkeypatch.setenv("NEWSLINT_EXACT", "1")
    found = lint(open_document(text, "a.txt"), RULES)
    assert not asked and {f.rule for f in found} >= {"NL201", "NL701"}
    monkeypatch.setenv("NEWSLINT_EXACT", "0")
    assert lint(open_document(text, "a.txt"), RULES) == [] and asked


def test_the_api_runs_exactly_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """lint_text and fix_text pass ``exact`` on: with it, no narrowing is asked for."""

    def no_plan(doc: object, rules: object) -> object:
        raise AssertionError("narrowing asked for")

    text = "Headline\n\nThe the mayor said so on tuesday.\n\nLeave a comment\n"
    expected = lint_text(text, path="a.txt", exact=False)
    monkeypatch.setattr("newslint.core.engine.plan", no_plan)
    assert lint_text(text, path="a.txt", exact=True) == expected
    fixed = fix_text(text, path="a.txt", exact=True)
    assert fixed.text == "Headline\n\nThe mayor said so on Tuesday.\n"
    with pytest.raises(AssertionError, match="narrowing"):
        lint_text(text, path="a.txt", exact=False)


class _Shouting:
    """A check of its own (as a plugin or an integration may build) under a built-in kind."""

    def run(self, doc, blocks):  # type: ignore[no-untyped-def]
        from newslint.core.model import Hit

        text = doc.text
        return (Hit(b.start, b.end) for b in blocks if text[b.start : b.end].isupper())


def test_a_check_not_of_its_kinds_class_reads_every_block() -> None:
    """A hook narrows only checks of its kind's own class."""
    model = next(rule for rule in RULES if rule.kind == "pattern")
    rule = dataclasses.replace(model, id="X999", check=_Shouting())
    doc = open_document("Headline\n\nA QUIET LINE\n", "a.txt")
    assert [blocks for _, blocks in narrowing.plan(doc, (rule,))] == [doc.blocks]
    assert [f.rule for f in lint(doc, (rule,), exact=False)] == ["X999"]


def test_a_rule_without_a_hook_reads_every_block() -> None:
    doc = open_document("Headline\n\nFirst paragraph ends\n\nsecond one.\n", "a.txt")
    truncated = next(rule for rule in RULES if rule.kind == "truncated")
    assert narrowing.hook_for("truncated") is None
    assert [blocks for _, blocks in narrowing.plan(doc, (truncated,))] == [doc.blocks]
