"""Boilerplate rules on realistic articles: page chrome next to reporting that uses the same words.

Each article in tests/articles/boilerplate-* mixes scraped chrome (share bars, ad slots, comment
forms, prompts, credits, footers) with correct lines that mention sharing, advertising, comments,
cookies, apps or copyright. The rules must flag exactly the chrome, and fixing must keep every
line of reporting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import fix_text, lint_text
from newslint.app.cli import main
from newslint.config.project import Config

ARTICLES = Path(__file__).parent / "articles"
BOILERPLATE = Config(None, {"select": ["boilerplate"]})

WORDPRESS = {
    "Share this article": "NL202",
    "Share on Facebook": "NL202",
    "Share on Twitter": "NL202",
    "Email": "NL203",
    "Print": "NL203",
    "Advertisement": "NL205",
    "Photo: Getty Images": "NL208",
    "Related: Riverton approves $2 million levee repair": "NL207",
    "Story continues below advertisement": "NL205",
    "Posted in News | Tagged flooding, Mill River, Route 9": "NL212",
    "Leave a Reply": "NL201",
    "Cancel reply": "NL201",
    "Your email address will not be published. Required fields are marked *": "NL201",
    "Name *": "NL201",
    "Email *": "NL201",
    "Save my name, email, and website in this browser for the next time I comment.": "NL201",
    "Post Comment": "NL201",
    "© 2024 Riverton Courier. All rights reserved.": "NL210",
}
NEWSLETTER = {
    "We use cookies to improve your experience on our site and to show you relevant advertising."
    " Read our cookie policy.": "NL209",
    "Accept all cookies": "NL209",
    "**Sign up for our newsletter**": "NL204",
    "Get the Morning Report delivered to your inbox": "NL204",
    "Click here to read the utility's full statement.": "NL213",
    "Download our free app for iOS and Android": "NL215",
    "*Follow us on Instagram and TikTok*": "NL214",
    "Read more: Hale council questions utility's billing system": "NL207",
    "Filed under: Business, Hale": "NL212",
}
UNSAFE = {"NL207", "NL208", "NL213"}
CASES = [("boilerplate-wordpress.txt", WORDPRESS), ("boilerplate-newsletter.md", NEWSLETTER)]


def _read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def _without(text: str, lines: set[str]) -> str:
    """``text`` (ending in a newline) without the given lines and the blank lines they leave."""
    kept = [line for line in text.split("\n") if line not in lines]
    out = "\n".join(kept)
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.rstrip("\n") + "\n"


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_exactly_the_chrome_is_flagged(name: str, expected: dict[str, str]) -> None:
    text = _read(name)
    findings = lint_text(text, path=name, config=BOILERPLATE)
    got = {text[f.start : f.end]: f.rule for f in findings}
    assert got == expected
    assert len(findings) == len(expected)
    for finding in findings:
        line = text.split("\n")[finding.line - 1]
        assert line.strip() == text[finding.start : finding.end], "a finding covers its whole line"


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_fixes_delete_only_chrome(name: str, expected: dict[str, str]) -> None:
    text = _read(name)
    safe = fix_text(text, path=name, config=BOILERPLATE)
    unsafe_lines = {line for line, rule in expected.items() if rule in UNSAFE}
    assert safe.text == _without(text, set(expected) - unsafe_lines)
    full = fix_text(text, path=name, config=BOILERPLATE, unsafe=True)
    assert full.text == _without(text, set(expected))
    assert lint_text(full.text, path=name, config=BOILERPLATE) == []


def test_reporting_lines_survive_the_full_fix() -> None:
    text = _read("boilerplate-wordpress.txt")
    fixed = fix_text(text, path="a.txt", config=BOILERPLATE, unsafe=True).text
    for line in (
        "Share prices of the regional utility fell 4%",
        "Advertisement revenue at the Riverton Courier",
        "Photos from the scene show water",
        "“Follow us on Twitter,” Police Chief Dana Ortiz",
        "residents could email questions",
        "Related charges against the contractor",
        "comments are closed on the levee proposal",
        "Copyright lawyers for the contractor",
    ):
        assert line in fixed


def test_crlf_article_keeps_its_line_endings() -> None:
    text = _read("boilerplate-wordpress.txt").replace("\n", "\r\n")
    findings = lint_text(text, path="a.txt", config=BOILERPLATE)
    assert [text[f.start : f.end] for f in findings] == list(WORDPRESS)
    fixed = fix_text(text, path="a.txt", config=BOILERPLATE, unsafe=True).text
    assert fixed == _without(_read("boilerplate-wordpress.txt"), set(WORDPRESS)).replace(
        "\n", "\r\n"
    )


def test_share_bar_at_the_end_goes_in_one_pass() -> None:
    text = "The river crested at 19.4 feet.\n\nShare\n\nTweet\n\nEmail\n"
    fixed = fix_text(text, path="a.txt", config=BOILERPLATE)
    assert fixed.text == "The river crested at 19.4 feet.\n"
    assert [f.rule for f in fixed.fixed] == ["NL203", "NL203", "NL203"]  # Email: NL202 too


def test_min_run_below_one_is_a_rule_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "pack.yaml").write_text(
        "description: x\nrules:\n  - id: NL299\n    name: bad-run\n    kind: boilerplate\n"
        "    category: boilerplate\n    severity: error\n    message: x\n    description: x\n"
        "    patterns: ['share']\n    min_run: 0\n",
        encoding="utf-8",
    )
    (tmp_path / "newslint.yaml").write_text("packs: [pack.yaml]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("share\n", encoding="utf-8")
    code = main(["check", "--config", str(tmp_path / "newslint.yaml"), str(tmp_path / "a.txt")])
    assert code == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("pack.yaml:11: rule NL299(bad-run): key 'min_run': must be at least 1, got 0")
    )
