"""The acceleration layer's parts: the regex reader, its Hyperscan translation, line needles
and the prefilter. (That narrowing never changes findings: tests/test_exact_vs_accelerated.py.)"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.accel import narrowing
from newslint.accel.hyperscan import ODD_CASE_CHARS, Database
from newslint.accel.hyperscan_syntax import to_hyperscan
from newslint.accel.narrowing import boilerplate as boilerplate_hook
from newslint.accel.needles import line_needles
from newslint.accel.prefilter import Prefilter, Spec
from newslint.accel.regex_syntax import BackRef, Group, Look, Repeat, Unsupported, parse
from newslint.app.api import make_document
from newslint.checks.boilerplate import normal_text
from newslint.config.project import Config
from newslint.core import engine

ARTICLES = sorted((Path(__file__).parent / "articles").iterdir())
RULES = Config().rules_for(None)
HOOKS = [narrowing.hook_for(rule.kind) for rule in RULES]
DOCUMENT_PATTERNS = [
    (rule.id, source, flags)
    for rule, hook in zip(RULES, HOOKS, strict=True)
    if hook and hook.document_patterns
    for source, flags in hook.document_patterns(rule.check) or ()
]
BOILERPLATE = [r for r in Config().available_rules if r.kind == "boilerplate"]


def _passes(source: str, text: str, flags: int = 0) -> bool:
    scan = Prefilter([Spec([(source, flags)])]).scan(text)
    return scan is not None and bool(scan.possible)


def test_the_reader_reads_the_syntax_rule_packs_use() -> None:
    tree = parse(r"(?<=\w)(?:a|b)+(?P<x>c{2,3}?)(?!d)\1[^\]\d-]", verbose=False).tree
    look, repeat, group, ahead, ref, chars = tree.branches[0]
    assert isinstance(look, Look) and look.behind and not look.negative
    assert isinstance(repeat, Repeat) and (repeat.low, repeat.high) == (1, None)
    assert isinstance(group, Group) and group.number == 1
    assert isinstance(ahead, Look) and ahead.negative and not ahead.behind
    assert ref == BackRef(1)
    assert chars.negated and chars.escapes == {"d"} and set(chars.ranges) == {(93, 93), (45, 45)}
    verbose = parse("a b # comment\n [ ]", verbose=True).tree.branches[0]
    assert [node.ranges for node in verbose] == [((97, 97),), ((98, 98),), ((32, 32),)]


@pytest.mark.parametrize(
    "source", [r"\p{L}", r"(?i)x", r"(?(1)a|b)", r"(a", r"a)", r"*a", r"[[:alpha:]]", r"\1(a)"]
)
def test_syntax_it_does_not_read_is_refused(source: str) -> None:
    with pytest.raises(Unsupported):
        parse(source)
    assert to_hyperscan(source) is None


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
def test_a_text_the_pattern_matches_passes(source: str, text: str) -> None:
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
def test_a_text_without_the_telling_characters_is_ruled_out(source: str, text: str) -> None:
    assert not _passes(source, text)


def test_case_variants_outside_ascii_keep_case_insensitive_rules_running() -> None:
    text = "\u212aeep reading"  # Kelvin sign: IGNORECASE matches it to "k"
    assert regex.search("keep reading", text, regex.I | regex.V0)
    assert _passes("keep reading", text, re.I)


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    for rule in RULES:
        texts += rule.examples.get("bad", []) + rule.examples.get("good", [])
    return texts


TEXTS = _texts()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(TEXTS),
    st.integers(0, 400),
    st.text(alphabet="aZ .,;:!?\"'’”“()[]<>\n\t\u00a0\u200b\ufffd\u212a-_0&", max_size=6),
    st.integers(0, 400),
)
def test_any_match_in_any_stretch_of_a_text_passes(
    base: str, at: int, inserted: str, width: int
) -> None:
    """Where a rule's document pattern matches in a stretch [pos, endpos) of a text (as a
    check searches a block), the prefilter passes the text."""
    at = min(at, len(base))
    text = base[:at] + inserted + base[at:]
    pos = max(at - 20, 0)
    endpos = min(pos + width, len(text))
    for rule_id, source, flags in DOCUMENT_PATTERNS:
        regex_flags = regex.V0 | (regex.I if flags & re.I else 0) | (regex.X if flags & re.X else 0)
        if regex.search(source, text, pos=pos, endpos=endpos, flags=regex_flags):
            assert _passes(source, text, flags), (rule_id, text[pos:endpos])


def test_an_ascii_letter_matches_only_its_cases_and_the_odd_ones() -> None:
    """Why needles of case-insensitive patterns are lower case, for a text lowered (or looked
    for in either case), and why a text with one of ODD_CASE_CHARS is not narrowed."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for char in regex.findall("[a-z]", every, regex.I | regex.V0):
        assert char.isascii() or char in ODD_CASE_CHARS


@pytest.mark.parametrize("char", "’‘“”–—…©®°·•»«›€£§¶\u00a0\u2009")
def test_a_symbol_without_case_matches_only_itself(char: str) -> None:
    assert char.lower() == char == char.upper()
    assert unicodedata.category(char)[0] in "NPSZ"
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert regex.findall(regex.escape(char), every, regex.I | regex.V0) == [char]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(the )?(story|article) continues\.?", "\nthe story continues.\n"),  # whole lines
        (r"\d+ comments?", " comments\n"),  # the end of a line
        (r"(?:leave a (comment|reply))|cancel reply", "\ncancel reply\n"),
        ("café ©", "\ncaf"),  # the start of a line ("é" matches "É" too)
    ],
)
def test_line_needles(source: str, expected: str) -> None:
    found = line_needles(source, re.I)
    assert found is not None and expected in found


@pytest.mark.parametrize("source", [r"[0-9]+", r"ads|\d+", r"\w+", r"[[:alpha:]] ads"])
def test_patterns_without_literal_text_have_no_needles(source: str) -> None:
    assert line_needles(source, re.I) is None


def test_every_builtin_boilerplate_pattern_has_needles() -> None:
    """Without needles every block of every document would go to the exact pattern."""
    for rule in BOILERPLATE:
        for pattern in (rule.check.regex, rule.check.run_regex):
            assert pattern is None or line_needles(pattern.source, pattern.flags), rule.id


@pytest.mark.parametrize("rule", BOILERPLATE, ids=lambda r: r.id)
def test_every_line_a_pattern_matches_holds_one_of_its_needles(rule) -> None:
    """The lines of the rules' bad examples that a pattern fully matches hold a needle (as a
    line between line breaks; lowered for a case-insensitive pattern)."""
    doc = make_document("x", "a.md", Config())
    tested = 0
    for pattern in (rule.check.regex, rule.check.run_regex):
        if pattern is None:
            continue
        needles = line_needles(pattern.source, pattern.flags)
        for bad in rule.examples["bad"]:
            for line in bad.splitlines():
                text = normal_text(doc, line)
                if pattern.fullmatch(text):
                    tested += 1
                    text = text.lower() if pattern.flags & re.I else text
                    assert any(needle in f"\n{text}\n" for needle in needles), (line, rule.id)
    assert tested


def test_hyperscan_refuses_a_pattern_matching_nothing_at_all() -> None:
    database, refused = Database.load([(0, "a?", 0), (1, "b", 0)])
    assert refused == {0} and database is not None and database.matching(b"xbx") == {1}


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_the_prefilter_skips_rules_on_a_clean_article() -> None:
    clean = "The council met on Tuesday. It approved the budget, the mayor said.\n"
    ran = {rule.id for rule, _ in narrowing.plan(make_document(clean, "a.txt", Config()), RULES)}
    assert {"NL501", "NL502", "NL504", "NL601", "NL604"}.isdisjoint(ran)
    assert {"NL301", "NL401"} <= ran  # kinds without document patterns always run


@pytest.fixture
def prefilter_from_the_first_document(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(narrowing, "PREFILTER_AFTER", 0)
    narrowing._RuleSet._known.clear()
    yield
    narrowing._RuleSet._known.clear()


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_without_hyperscan_every_rule_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # import fails
    boilerplate_hook._needle_scan.cache_clear()
    text = "He said.The talks ended. The mayor,, who spoke, left.\n\nLeave a comment\n"
    doc = make_document(text, "a.txt", Config())
    assert [rule for rule, _ in narrowing.plan(doc, RULES)] == list(RULES)
    found = {f.rule for f in engine.lint(doc, RULES)}
    assert {"NL504", "NL502", "NL201"} <= found
    boilerplate_hook._needle_scan.cache_clear()


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_only_blocks_where_a_match_may_end_are_searched() -> None:
    lines = [f"“Quote {n},” she said — café {n}. The end." for n in range(12)]
    lines[7] = "The talks ended on Tuesday, the minister said.The unions left."
    doc = make_document("\n".join(lines) + "\n", "a.txt", Config())
    planned = {rule.id: blocks for rule, blocks in narrowing.plan(doc, RULES)}
    assert [doc.text[b.start : b.end] for b in planned["NL504"]] == [lines[7]]


@pytest.mark.usefixtures("prefilter_from_the_first_document")
def test_threads_lint_at_once() -> None:
    """A Hyperscan scratch serves one scan at a time: each thread gets its own."""
    from concurrent.futures import ThreadPoolExecutor

    config = Config()
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES] * 6

    def lint(text: str) -> list:
        return engine.lint(make_document(text, "a.txt", config), RULES)

    alone = [lint(text) for text in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lint, texts))
    assert together == alone
    assert any(alone)
