"""Property-based fix safety: realistic articles with scraping damage injected at random.

For every generated article, safe ``fix`` is idempotent and leaves no safe fix behind; each
pass changes nothing outside the spans of the edits it applied (checked exactly, gap by gap);
a paragraph where no finding was reported comes out byte-identical; CRLF, BOM and the final
newline survive; and no line the generator wrote as article content is deleted.

CI runs 150 examples; set NEWSLINT_PROPERTY_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newslint.config.project import Config
from newslint.core.document import Document
from newslint.core.engine import lint
from newslint.core.fixer import fix, select_fixes
from newslint.core.model import Applicability, Edit, Finding
from newslint.formats import read_document
from newslint.formats.encoding import BOM

SAFE = Applicability.SAFE
RULES = Config(None).rules

HEADLINES = [
    "Council approves budget after late-night session",
    "Flood defences hold as river peaks in York",
    "Striker’s late goal keeps title race alive",
]
PARAGRAPHS = [
    "The city council approved a £4.2m budget on Tuesday after a debate that ran past midnight.",
    "Councillor Maria Lopez said the plan would “protect the services people rely on every day”.",
    "Opposition members argued that the rise in parking charges would hurt small shops in the "
    "centre, and several traders attended the meeting to make the same point.",
    "The café on Mill Street, which has traded since 1987, said its takings fell by a third last "
    "winter.",
    "Water levels on the Ouse peaked at 4.8 metres on Sunday evening, just below the record set "
    "in 2000.",
    "Residents in low-lying streets were told to move valuables upstairs — advice most had "
    "already followed.",
    "“We’ve been here before,” said Tom Baker, 62, who has lived by the river for 30 years. "
    "“You learn to keep the sandbags handy.”",
    "The Environment Agency said the barriers had worked as designed and that no homes were "
    "flooded in the city centre.",
    "Dr Aisha Khan, a hydrologist at the University of Leeds, said heavier rain in January was "
    "consistent with forecasts.",
    "United trailed for most of the second half before Silva scored in the 89th minute.",
    "The manager praised his players’ patience (and the 40,000 fans) after the match.",
    "The result leaves the club two points behind the leaders with four games to play in May.",
]
BOILERPLATE = [
    "Leave a Comment",
    "Share this article",
    "Advertisement",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "© 2024 The Daily Courier. All rights reserved.",
]


def _casing_slip(text: str, rnd: st.DataObject) -> str:
    for word in ("Tuesday", "Sunday", "January", "May"):
        if word in text:
            return text.replace(word, word.lower(), 1)
    return text[0].lower() + text[1:]


def _mojibake(text: str, rnd: st.DataObject) -> str:
    for good, bad in (("é", "Ã©"), ("’", "â€™"), ("—", "â€”"), ("£", "Â£")):
        if good in text:
            return text.replace(good, bad, 1)
    return text


def _orphan_punctuation(text: str, rnd: st.DataObject) -> str:
    words = text.split(" ")
    i = rnd.draw(st.integers(1, len(words) - 2))
    damage = rnd.draw(st.sampled_from([" ,", ",,", " .", "  "]))
    words[i] = words[i].rstrip(",.") + damage
    return " ".join(words)


def _unclosed_quote(text: str, rnd: st.DataObject) -> str:
    i = text.rfind("”")
    return text[:i] + text[i + 1 :] if i >= 0 else "“" + text


def _glued_caption(text: str, rnd: st.DataObject) -> str:
    caption = rnd.draw(st.sampled_from(["Photo: Jane Doe/Reuters", "Credit: AP", "Image: Getty"]))
    return text + caption


def _entity_or_invisible(text: str, rnd: st.DataObject) -> str:
    i = text.index(" ", len(text) // 2)
    return text[:i] + rnd.draw(st.sampled_from([" &amp;", "\u200b", " &nbsp;"])) + text[i:]


DAMAGE = [
    _casing_slip,
    _mojibake,
    _orphan_punctuation,
    _unclosed_quote,
    _glued_caption,
    _entity_or_invisible,
]


@dataclass(frozen=True)
class Article:
    data: bytes
    text: str  # as decoded (without BOM)
    newline: str
    paragraphs: list[tuple[int, int, bool]]  # (start, end, is article content) in ``text``


@st.composite
def articles(draw: st.DrawFn) -> Article:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    gap = newline * draw(st.sampled_from([1, 2]))
    lines: list[tuple[str, bool]] = [(draw(st.sampled_from(HEADLINES)), True)]
    data = draw(st.data())
    for _ in range(draw(st.integers(2, 8))):
        if draw(st.integers(0, 4)) == 0:
            lines.append((draw(st.sampled_from(BOILERPLATE)), False))
            continue
        text = draw(st.sampled_from(PARAGRAPHS))
        for damage in draw(st.lists(st.sampled_from(DAMAGE), max_size=2, unique=True)):
            text = damage(text, data)
        lines.append((text + draw(st.sampled_from(["", "", " ", "\t"])), True))
    body, spans = "", []
    for index, (line, content) in enumerate(lines):
        if index:
            body += gap
        spans.append((len(body), len(body) + len(line), content))
        body += line
    if draw(st.booleans()):
        body += newline
    bom = draw(st.booleans())
    return Article(((BOM if bom else "") + body).encode("utf-8"), body, newline, spans)


@dataclass
class Pass:
    text: str
    findings: list[Finding]


def _fix_recording(doc: Document) -> tuple[str, list[Finding], list[Pass]]:
    """Safe fix as the API does it, keeping the text and findings of every lint."""
    passes: list[Pass] = []

    def relint(text: str) -> list[Finding]:
        candidate = doc.with_text(text)
        findings = lint(candidate, RULES)
        passes.append(Pass(text, findings))
        return findings

    result = fix(doc.text, relint, SAFE, doc.path)
    assert result.text == passes[-1].text
    return result.text, result.fixed, passes


def _apply_checked(old: str, new: str, edits: list[Edit], origin: list) -> list:
    """Assert ``new`` is ``old`` with exactly ``edits`` applied: every character outside the
    edit spans kept, in order. Returns the origin (offset in the first text) of each char."""
    kept: list = []
    pos_old = pos_new = 0
    for edit in edits:
        gap = edit.start - pos_old
        assert gap >= 0, "edits overlap"
        assert new[pos_new : pos_new + gap] == old[pos_old : edit.start]
        kept += origin[pos_old : edit.start]
        pos_new += gap
        assert new[pos_new : pos_new + len(edit.replacement)] == edit.replacement
        kept += [None] * len(edit.replacement)
        pos_new += len(edit.replacement)
        pos_old = edit.end
    assert new[pos_new:] == old[pos_old:]
    return kept + origin[pos_old:]


def _original_span(origin: list, start: int, end: int) -> tuple[int, int]:
    """The stretch of the first text that ``[start, end)`` of a later text came from, widened
    to the nearest surviving characters where it holds only inserted text."""
    lo = next(
        (origin[i] for i in range(min(start, len(origin) - 1), -1, -1) if origin[i] is not None), 0
    )
    hi = next((origin[i] for i in range(max(end - 1, 0), len(origin)) if origin[i] is not None), lo)
    return lo, max(lo, hi)


@settings(
    max_examples=int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(articles())
def test_safe_fix_is_exact_idempotent_and_keeps_content(article: Article) -> None:
    doc = read_document(article.data, "story.txt")
    assert doc.text == article.text
    fixed, fixed_findings, passes = _fix_recording(doc)

    origin: list = list(range(len(doc.text)))
    touched: set[int] = set()  # paragraphs (by index) where some pass reported a finding
    applied: list[Finding] = []
    for before, after in zip(passes, passes[1:], strict=False):
        for finding in before.findings:
            lo, hi = _original_span(origin, finding.start, finding.end)
            touched |= {i for i, (s, e, _) in enumerate(article.paragraphs) if s <= hi and lo <= e}
        chosen, edits = select_fixes(before.findings, SAFE)
        applied += chosen
        origin = _apply_checked(before.text, after.text, edits, origin)
    assert [(f.rule, f.start) for f in applied] == [(f.rule, f.start) for f in fixed_findings]
    for rule in sorted({f.rule for f in applied}):
        event(f"safe fix {rule}")
    event(f"passes: {len(passes)}")

    # no safe fix left, and fixing again changes nothing
    assert select_fixes(passes[-1].findings, SAFE)[0] == []
    out = doc.to_bytes(fixed)
    again = read_document(out, "story.txt")
    assert _fix_recording(again)[0] == again.text

    # paragraphs without a finding are byte-identical; content is never deleted
    where = {o: i for i, o in enumerate(origin) if o is not None}
    for index, (start, end, content) in enumerate(article.paragraphs):
        if index not in touched:
            at = where[start]
            assert origin[at : at + end - start] == list(range(start, end))
            assert fixed[at : at + end - start] == doc.text[start:end]
        if content:
            kept = sum(1 for o in range(start, end) if o in where)
            assert kept * 2 >= end - start, f"content line deleted: {doc.text[start:end]!r}"

    # BOM, line endings and the final newline as they were
    assert out.startswith(BOM.encode()) == article.data.startswith(BOM.encode())
    if article.newline == "\r\n":
        assert out.count(b"\n") == out.count(b"\r\n")
    else:
        assert b"\r" not in out
    assert out.endswith(article.newline.encode()) == article.data.endswith(article.newline.encode())
