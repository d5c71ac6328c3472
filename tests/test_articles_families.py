"""Realistic articles per rule family: every error next to correct text that looks like one.

Each article in tests/articles/ is linted with the built-in rules; the findings of the families
under test must be exactly the expected ones (rule and flagged text, in order), and fixing must
repair them without touching the tricky correct text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, only

from newslint import fix_text, lint_text

ARTICLES = Path(__file__).parent / "articles"
FAMILIES = {"artifact", "casing", "quotes", "punctuation", "encoding", "repetition"}
FTFY_CASES = ROOT.parent / "shared" / "eval" / "ftfy"

EXPECTED = {
    "families-artifact.txt": [
        ("NL101", "ImagesThe"),
        ("NL102", ")"),
        ("NL103", '[caption id="attachment_4411" align="alignnone" width="640"]'),
        ("NL103", "[/caption]"),
        (
            "NL104",
            "The county opened two warming centers on Monday night for residents without heat.",
        ),
        ("NL104", "Officials said the storm was the strongest since 2017."),
        ("NL102", "."),
    ],
    "families-casing.txt": [
        ("NL301", "the"),
        ("NL303", "lee hart"),
        ("NL302", "wednesday"),
        ("NL304", "i"),
        ("NL305", "THE PLAN TAKES EFFECT ON JULY 1 AND RUNS FOR TWO FULL YEARS, OFFICIALS SAID."),
    ],
    "families-quotes.txt": [("NL401", "“"), ("NL402", "(")],
    "families-punctuation.txt": [
        ("NL503", " ."),
        ("NL502", ",,"),
        ("NL504", "."),
        ("NL502", ".."),
        ("NL503", " ,"),
        ("NL505", "  "),
        ("NL504", "."),
        ("NL501", ". ,"),
    ],
    "families-encoding.txt": [
        ("NL601", "Ã©"),
        ("NL601", "â€œ"),
        ("NL601", "â€\x9d"),
        ("NL602", "&amp;"),
        ("NL602", "&#8217;"),
        ("NL602", "&nbsp;"),
        ("NL603", "\u00ad"),
        ("NL603", "\u200b"),
        ("NL604", "\ufffd"),
    ],
    # the doubled word inside quotation marks is a typing slip: repaired there too
    "families-repetition.txt": [("NL701", "the the"), ("NL701", "for for"), ("NL701", "a a")],
    "families-markdown.md": [("NL701", "the the")],
}

# Text that must survive `newslint fix --unsafe-fixes` byte for byte, and text a fix produces.
KEPT = {
    "families-artifact.txt": [
        "the friend(s) of the family at (R)Evolution Cafe",
        "built on iOS and with a withCredentials flag",
    ],
    "families-casing.txt": ["“i think we did our best.”", "items (i) and (ii) of the plan, i.e."],
    "families-quotes.txt": ["rock ’n’ roll in the ’90s", "either A) buy the vinyl or B) stream"],
    "families-punctuation.txt": ["$3.5 million, e.g. for", "example.com, and Node.js", ". . ."],
    "families-encoding.txt": [
        "AT&T",
        "R&D",
        "Zoë Brontë, said the naïve résumé of the ’90s",
        "👩\u200d👩\u200d👧",
    ],
    "families-repetition.txt": ["had had enough", "that that was", "Duran Duran"],
    "families-markdown.md": ["<em>three</em>", "`example.com/tickets?a=1&amp;b=2`"],
}
PRODUCED = {
    "families-artifact.txt": ["Getty Images\n\nThe outage", "(Photo: Jane Doe)\n\nThe company"],
    "families-casing.txt": ["The vote was 5 to 2", "Mayor Lee Hart", "on Wednesday", "that I was"],
    "families-quotes.txt": ["“tired but happy. He then left the stage.”"],
    "families-punctuation.txt": [
        "next year. Engineers said the bridge, which",
        "agency said. The agency’s",
        "every 15 minutes. Officials",
        "Paris, France, and worked around",
        "“We finished early. The crews",
        "among riders, among which",
    ],
    "families-encoding.txt": [
        "The café on Main Street",
        "“honest food.”",
        "Johnson & Johnson",
        "it’s a start. Guests",
        "The mayor said the caf\ufffd was",
    ],
    "families-repetition.txt": ["said the vote", "band for its help", "“It was a long night,”"],
    "families-markdown.md": ["said the collection"],
}


def _read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_findings_exact(name: str) -> None:
    text = _read(name)
    findings = [f for f in lint_text(text, path=name) if f.category in FAMILIES]
    assert [(f.rule, text[f.start : f.end]) for f in findings] == EXPECTED[name]
    for finding in findings:  # line and column agree with the offsets
        line_start = text.rfind("\n", 0, finding.start) + 1
        assert finding.line == text.count("\n", 0, finding.start) + 1
        assert finding.column == finding.start - line_start + 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_fix_keeps_correct_text(name: str) -> None:
    text = _read(name)
    fixed = fix_text(text, path=name, unsafe=True).text
    for kept in KEPT[name]:
        assert kept in text and kept in fixed, kept
    for produced in PRODUCED[name]:
        assert produced not in text and produced in fixed, produced
    assert fix_text(fixed, path=name, unsafe=True).text == fixed
    remaining = [f for f in lint_text(fixed, path=name) if f.category in FAMILIES]
    assert {f.rule for f in remaining} <= {"NL305", "NL402", "NL604"}  # no fix exists


# Mojibake in the style of ftfy's test cases: (text, repaired text or None for "leave alone").
MOJIBAKE = [
    ("voilÃ\xa0 le travail", "voilà le travail"),
    ("He said â€œnoâ€\x9d twice.", "He said “no” twice."),
    ("Ã¼ber cool, sagt der CafÃ©-Besitzer", "über cool, sagt der Café-Besitzer"),
    ("It costs 5 â‚¬ at the door.", "It costs 5 € at the door."),
    ("Ελληνικά και русский текст", None),
    ("a radius of 10 Å— and 25 °C", None),
    ("Zoë’s “naïve” résumé from the ’90s…", None),
    ("She paused\x85 and left.", None),
]


@pytest.mark.parametrize(("text", "repaired"), MOJIBAKE)
def test_mojibake_cases(text: str, repaired: str | None) -> None:
    config = only("NL601")
    findings = lint_text(text, config=config)
    if repaired is None:
        assert findings == []
    else:
        assert findings and all(str(f.fix.applicability) == "safe" for f in findings)
        assert fix_text(text, config=config).text == repaired


def test_a_repair_that_guesses_a_lost_byte_is_unsafe() -> None:
    """ "voilÃ  le": the no-break space of "à" (C3 A0) became a space on the way; "à" is a
    guess (a good one), so the fix waits for --unsafe-fixes."""
    config = only("NL601")
    text = "voilÃ  le travail"
    (finding,) = lint_text(text, config=config)
    assert finding.fix is not None and str(finding.fix.applicability) == "unsafe"
    assert fix_text(text, config=config).text == text
    assert fix_text(text, config=config, unsafe=True).text == "voilà le travail"


@pytest.mark.skipif(not FTFY_CASES.is_dir(), reason="ftfy's cases are not available here")
def test_ftfy_cases_when_present() -> None:
    config = only("NL601")
    for name, must_flag in (("negative.json", False), ("in-the-wild.json", True)):
        cases = json.loads((FTFY_CASES / name).read_text(encoding="utf-8"))
        for case in cases:
            if case.get("expect") != "pass":
                continue
            changed = case.get("fixed-encoding", case["fixed"]) != case["original"]
            flagged = bool(lint_text(case["original"], config=config))
            assert flagged == (must_flag and changed), case["label"]
