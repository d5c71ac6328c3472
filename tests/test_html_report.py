"""``--format html``: highlights on the exact spans, escaping, the fix diff, and a real browser."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from newslint import fix_text, lint_text
from newslint.app.cli import main
from newslint.core.model import Finding, Severity
from newslint.report.html import COLORS, highlight

SEED = "examples/seed-article.txt"

COUNCIL = """\
# Council approves budget after late-night session

The city council approved the 2025 budget on Monday night. the vote was 7 to 2, with both
dissenting members citing the cost of the new <bus depot> & its "parking" garage.

“We listened to residents,” said council president Maria Lopez.

Leave a Comment
"""

HOSTILE = """\
Officials said the <script>alert("x")</script> tag was found in the archive & removed.

Leave a Comment
"""

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Marks(HTMLParser):
    """Text of each article's ``<mark>`` pieces, grouped by file path and finding index."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.path = ""
        self.open: list[list[str]] = []
        self.pieces: dict[tuple[str, int], list[str]] = {}
        self.titles: dict[tuple[str, int], str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "section" and values.get("data-path"):
            self.path = values["data-path"] or ""
        if tag == "mark":
            numbers = (values.get("data-findings") or "").split()
            for n in numbers:
                self.pieces.setdefault((self.path, int(n)), [])
                self.titles.setdefault((self.path, int(n)), values.get("title") or "")
            self.open.append(numbers)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for n in self.open[-1] if self.open else []:
            self.pieces[(self.path, int(n))].append(data)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _report(tmp_path: Path, *paths: str, command: str = "check") -> str:
    target = tmp_path / "report.html"
    main([command, "--format", "html", "--output-file", str(target), *paths])
    return target.read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_highlights_cover_exactly_each_finding(tmp_path: Path, seed_text: str) -> None:
    council = _write(tmp_path, "council.md", COUNCIL)
    page = _report(tmp_path, SEED, council)
    parser = _Marks()
    parser.feed(page)
    expected = {}
    for path, text in ((SEED, seed_text), (council, COUNCIL)):
        for i, finding in enumerate(lint_text(text, path=path)):
            expected[(path, i)] = text[finding.start : finding.end]
            assert finding.message in parser.titles[(path, i)]
    got = {key: "".join(pieces) for key, pieces in parser.pieces.items()}
    assert got == expected
    assert got[(SEED, 0)] == "lloyd austin" and got[(SEED, 1)] == "austinSpeaking"
    assert got[(council, 0)] == "the"


def test_all_text_is_escaped(tmp_path: Path) -> None:
    page = _report(tmp_path, _write(tmp_path, "hostile.txt", HOSTILE))
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "archive &amp; removed" in page


def test_summary_table_counts(tmp_path: Path) -> None:
    page = _report(tmp_path, SEED)
    row = re.search(r"<tr><td><code>NL201</code></td>.*?</tr>", page)
    assert row is not None
    assert "comment-form" in row.group() and '<td class="count">2</td>' in row.group()
    assert "7 findings (4 errors) in 1 file." in page


def _diff_text(page: str) -> list[str]:
    match = re.search(r'<pre class="diff">(.*?)</pre>', page, re.S)
    assert match is not None
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).splitlines()


def test_diff_is_what_fix_would_apply(tmp_path: Path) -> None:
    council = _write(tmp_path, "council.md", COUNCIL)
    page = _report(tmp_path, council)
    assert "What <code>newslint fix</code> would change (2 safe fixes)" in page
    lines = _diff_text(page)
    fixed = fix_text(COUNCIL, path=council).text
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    assert all(line in fixed.splitlines() for line in added)
    assert "Leave a Comment" in removed and "Leave a Comment" not in fixed
    assert any("Monday night. The vote" in line for line in added)
    assert "<del>t</del>he vote" in page and "<ins>T</ins>he vote" in page


def test_fix_run_shows_applied_changes_and_remaining(tmp_path: Path) -> None:
    copy = tmp_path / "seed-article.txt"
    copy.write_bytes((ROOT / SEED).read_bytes())  # a writable copy
    page = _report(tmp_path, str(copy), command="fix")
    assert "Changes made by <code>newslint fix</code> (4 fixes)" in page
    parser = _Marks()
    parser.feed(page)
    remaining = {key[1]: "".join(p) for key, p in parser.pieces.items()}
    # the unsafe findings, in the fixed text
    assert remaining == {0: "lloyd austin", 1: "austinSpeaking", 2: "“"}


def test_fixing_a_feed_shows_each_records_changes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "council", "text": COUNCIL},
        {"id": "clean", "text": "Storm\n\nRoads closed.\n"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    target = tmp_path / "report.html"
    output = tmp_path / "fixed.jsonl"
    main(
        ["fix", "--jsonl", str(feed), "--output", str(output), "--format", "html"]
        + ["--output-file", str(target)]
    )
    page = target.read_text(encoding="utf-8")
    fixed = fix_text(COUNCIL, path="council.txt")
    assert f"Changes made by <code>newslint fix</code> ({len(fixed.fixed)} fixes)" in page
    added = [line[1:] for line in _diff_text(page) if line.startswith("+") and line[1:2] != "+"]
    assert any("Monday night. The vote" in line for line in added)
    assert all(line in fixed.text.splitlines() for line in added)
    assert 'would change (0 safe fixes)</h3>\n<p class="clean">No changes.</p>' in page


def test_worker_processes_give_the_same_page(tmp_path: Path, seed_text: str) -> None:
    """In fresh processes, as a user runs them; --no-cache: every article is linted in a worker."""
    paths = [_write(tmp_path, f"seed{i}.txt", seed_text) for i in range(4)]
    pages = []
    for jobs in ("1", "2"):
        target = tmp_path / f"j{jobs}.html"
        options = ["--no-cache", "--format", "html", "--output-file", str(target), "-j", jobs]
        run = [sys.executable, "-m", "newslint", "check", *options, *paths]
        result = subprocess.run(run, capture_output=True, text=True, check=False)
        assert result.returncode == 1 and result.stderr == ""
        pages.append(target.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert pages[0].count("What <code>newslint fix</code> would change") == 4


def _probe_page(page: str) -> str:
    """The report plus a script that reads back, in the browser, what each finding marks."""
    script = """<script>
const out = [];
for (const section of document.querySelectorAll("section.file")) {
  const groups = {};
  for (const m of section.querySelectorAll("pre.article mark")) {
    for (const n of m.dataset.findings.split(" ")) (groups[n] ||= []).push(m);
  }
  for (const [n, marks] of Object.entries(groups)) {
    const box = marks[0].getBoundingClientRect();
    out.push({path: section.dataset.path, finding: Number(n), single: marks.every(
      m => m.dataset.findings === n), text: marks.map(m => m.textContent).join(""),
      title: marks[0].title, background: getComputedStyle(marks[0]).backgroundColor,
      width: box.width, height: box.height});
  }
}
const probe = document.createElement("pre");
probe.id = "probe";
probe.textContent = JSON.stringify(out);
document.body.append(probe);
</script>"""
    return page.replace("</body>", script + "\n</body>")


def _rgb(color: str) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
)
def test_highlights_in_headless_chromium(tmp_path: Path, seed_text: str) -> None:
    council = _write(tmp_path, "council.md", COUNCIL)
    page = tmp_path / "probe.html"
    page.write_text(_probe_page(_report(tmp_path, SEED, council)), encoding="utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert match, f"no probe output from Chromium: {done.stderr[-2000:]}"
    seen = {(row["path"], row["finding"]): row for row in json.loads(html.unescape(match[1]))}
    expected = 0
    for path, text in ((SEED, seed_text), (council, COUNCIL)):
        for i, finding in enumerate(lint_text(text, path=path)):
            expected += 1
            row = seen[(path, i)]
            assert row["text"] == text[finding.start : finding.end]
            assert finding.message in row["title"]
            assert row["width"] > 0 and row["height"] > 0
            if row["single"]:
                assert row["background"] == _rgb(COLORS[finding.category])
    assert len(seen) == expected == 9
    assert seen[(SEED, 0)]["text"] == "lloyd austin"
    assert seen[(council, 1)]["text"] == "Leave a Comment"


def _finding(start: int, end: int, rule: str, category: str, severity: Severity) -> Finding:
    return Finding(
        "a.txt", rule, "test", category, severity, f"{rule} here", start, end, 1, start + 1,
        1, end + 1, None,
    )  # fmt: skip


def test_overlapping_and_empty_spans_are_split_into_pieces() -> None:
    text = "Defense lloyd austinSpeaking said"
    findings = [
        _finding(8, 20, "NL303", "casing", Severity.WARNING),  # lloyd austin
        _finding(14, 28, "NL101", "artifact", Severity.ERROR),  # austinSpeaking
        _finding(20, 20, "NL999", "punctuation", Severity.INFO),  # a point between them
    ]
    page = f'<section data-path="a.txt"><pre>{highlight(text, findings, "f0")}</pre></section>'
    parser = _Marks()
    parser.feed(page)
    got = {n: "".join(pieces) for (_, n), pieces in parser.pieces.items()}
    assert got == {0: "lloyd austin", 1: "austinSpeaking", 2: ""}
    assert '<mark id="f0-0" class="hl cat-casing warning" data-findings="0"' in page
    overlap = re.search(r'<mark[^>]*data-findings="0 1"[^>]*>([^<]*)</mark>', page)
    assert overlap and overlap[1] == "austin" and "cat-artifact error overlap" in overlap[0]
    assert 'class="hl cat-punctuation info point" data-findings="2"' in page
