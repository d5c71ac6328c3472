"""Candidate lines of boilerplate patterns (newslint.accel.line_index): never one too few.

The fast path (squeezed haystack, shared needle searches, exact pattern on candidates only) must
flag exactly the units a plain check of every unit flags, whatever white space, icon glyphs,
Markdown emphasis, odd-case letters or line endings the text holds.
"""

from __future__ import annotations

import pickle
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.config.project import Config

from newslint.accel.line_index import LineIndex, _Searches, normal
from newslint.accel.line_needles import SPACES, line_needles, squeeze
from newslint.accel.line_scan import _escaped
from newslint.checks.boilerplate import Check, Options
from newslint.core.document import Document
from newslint.formats import open_document

RULES = [r for r in Config().available_rules if r.kind == "boilerplate"]  # the line-pattern rules
BAD = sorted({line for r in RULES for bad in r.examples["bad"] for line in bad.splitlines()})


def test_spaces_are_the_white_space_but_space_and_line_break() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(SPACES) == every - {" ", "\n"}


def test_squeezing_keeps_the_lines_and_drops_spaces_icons_and_emphasis() -> None:
    text = " Leave\u00a0a  *Comment*\r\n\tSHARE\ue001 on\u2009X_ \n\u212aelvin"
    assert squeeze(text, ignore_case=True, markdown=True) == b"leaveacomment\nshareonx\nkelvin"
    assert squeeze(text, ignore_case=False, markdown=False) == (
        b"Leavea*Comment*\nSHAREonX_\n\xe2\x84\xaaelvin"
    )


def _reference(check: Check, doc: Document, blocks: list) -> set[tuple[int, int, str]]:
    """The units ``check.regex`` flags, every unit checked (the plain way)."""
    flagged = set()
    for block in blocks:
        spans = [(block.start, block.end)]
        if check.unit == "line":
            spans, start = [], block.start
            for line in doc.text[block.start : block.end].split("\n"):
                spans.append((start, start + len(line)))
                start += len(line) + 1
        for start, end in spans:
            chunk = doc.text[start:end]
            stripped = chunk.strip()
            if not stripped or len(stripped) > check.max_length:
                continue
            start += len(chunk) - len(chunk.lstrip())
            text = normal(doc, stripped)
            if check.regex is not None and check.regex.fullmatch(text):
                flagged.add((start, start + len(stripped), text))
    return flagged


def _fast(check: Check, doc: Document, blocks: list) -> set[tuple[int, int, str]]:
    index = LineIndex.of(doc, blocks, check.unit == "paragraph")
    assert check.regex is not None
    return set(check._matching(index, check.regex, check.needles).values())


def _assert_same(text: str, markdown: bool) -> None:
    doc = open_document(text, "a.md" if markdown else "a.txt")
    for rule in RULES:
        blocks = doc.blocks_of(rule.scope)
        assert _fast(rule.check, doc, blocks) == _reference(rule.check, doc, blocks), rule.id


QUIRKS = [
    lambda s: s,
    lambda s: s.upper(),
    lambda s: "  " + s.replace(" ", "  ") + " \t",
    lambda s: s.replace(" ", "\u00a0"),
    lambda s: s.replace(" ", " \u2009"),
    lambda s: "\uf099 " + s,
    lambda s: "**" + s + "**",
    lambda s: s.replace("k", "\u212a").replace("s", "\u017f"),
    lambda s: s + "\r",
]


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("quirk", range(len(QUIRKS)))
def test_every_bad_example_is_flagged_as_a_plain_check_flags_it(quirk: int, markdown: bool) -> None:
    lines = [QUIRKS[quirk](line) for line in BAD]
    _assert_same("Body text of the story.\n\n" + "\n\n".join(lines) + "\n", markdown)
    _assert_same("\n".join(["A headline", *lines, "Closing line."]), markdown)


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(BAD), st.sampled_from(range(len(QUIRKS))), st.text(max_size=3)),
        min_size=1,
        max_size=6,
    ),
    markdown=st.booleans(),
)
def test_quirky_chrome_is_flagged_as_a_plain_check_flags_it(lines: list, markdown: bool) -> None:
    text = "\n".join(junk + QUIRKS[quirk](line) + junk[::-1] for line, quirk, junk in lines)
    _assert_same(text, markdown)


def test_paragraph_units_and_case_sensitive_patterns() -> None:
    check = Check(Options(patterns=[r"Sponsored (content|links)", r"\d+ Shares"], unit="paragraph"))
    doc = open_document(
        "Sponsored\ncontent\n\nsponsored links\n\n  12   Shares \n\nText.\n", "a.txt"
    )
    blocks = doc.blocks_of(("paragraph",))
    assert len(_fast(check, doc, blocks)) == 3
    assert _fast(check, doc, blocks) == _reference(check, doc, blocks)
    sensitive = Check(Options(patterns=["Sponsored .*"], ignore_case=False))
    doc = open_document("Sponsored links\nsponsored links\n", "a.txt")
    blocks = doc.blocks_of(("paragraph", "headline"))
    assert [u[2] for u in _fast(sensitive, doc, blocks)] == ["Sponsored links"]


def test_a_pattern_without_a_sketch_checks_every_line() -> None:
    check = Check(Options(patterns=[r"[[:alpha:]]+ \d+"]))
    assert check.needles is not None and check.needles.needles is None
    doc = open_document("Body.\n\nPage 2\n", "a.txt")
    blocks = doc.blocks_of(("paragraph", "headline"))
    assert _fast(check, doc, blocks) == _reference(check, doc, blocks)


def test_loaded_line_needles_are_the_live_ones() -> None:
    live = line_needles("leave a (comment|reply)", ignore_case=True)
    assert pickle.loads(pickle.dumps(live)) is live


def test_every_builtin_boilerplate_pattern_has_needles() -> None:
    """Without needles every line would go to the exact pattern: slow, so worth a test."""
    for rule in RULES:
        for found in (rule.check.needles, rule.check.run_needles):
            assert found is None or found.needles is not None, rule.id


def _haystacks() -> list[tuple[bool, bytes]]:
    """Squeezed haystacks of quirky chrome amid prose, as :class:`LineIndex` builds them."""
    body = "Body text of the story, with a comment on it.\nCopyright (c) 2024 \u00a9 the desk"
    found = []
    for markdown in (False, True):
        for quirk in QUIRKS:
            lines = "\n".join(quirk(line) for line in BAD)
            text = f"{body}\n{lines}\nLeave a\n\n{lines}x\nx{lines}"
            found.append((markdown, b"\n" + squeeze(text, True, markdown) + b"\n"))
    return found


def test_one_hyperscan_scan_names_the_lines_the_plain_searches_name() -> None:
    """The scan of all needles (line_scan) and the head, tail and inner searches agree."""
    for rule in RULES:  # make every built-in pattern's needles live
        LineIndex.of(open_document("x\n", "a.txt"), [], False).candidates(rule.check.needles, 300)
    named: set = set()
    for markdown, haystack in _haystacks():
        fast = _Searches(True, markdown)
        plain = _Searches(True, markdown, hyperscan=False)
        assert fast.scan is not None and plain.scan is None
        hits = fast.lines(haystack)
        assert hits == plain.lines(haystack)
        named |= set(hits)
    assert {rule.check.needles.key for rule in RULES} <= named  # each has candidates somewhere


def test_threads_scan_for_needles_at_once() -> None:
    """Each thread scans with a scratch of its own (Hyperscan refuses a scratch in use)."""
    from concurrent.futures import ThreadPoolExecutor

    text = "Body text.\n" + "\n".join(BAD) + "\n"
    rules = [r for r in RULES if r.id == "NL201"]

    def lint(_: int) -> int:
        doc = open_document(text, "a.txt")
        return sum(len(list(r.check.run(doc, doc.blocks_of(r.scope)))) for r in rules)

    with ThreadPoolExecutor(4) as pool:
        counts = set(pool.map(lint, range(40)))
    assert len(counts) == 1 and counts.pop() > 0


@settings(max_examples=200, deadline=None)
@given(needle=st.binary(max_size=40))
def test_a_needle_expression_escapes_each_byte(needle: bytes) -> None:
    """The Hyperscan expression of a needle is each of its bytes as ``\\xhh``, in order."""
    assert _escaped(needle) == b"".join(b"\\x%02x" % byte for byte in needle)
