"""Output formats and reporting options of ``check``/``fix``, run through the CLI."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from newslint import lint_text
from newslint.app.cli import main
from newslint.config.project import Config
from newslint.core.model import Finding, Severity
from newslint.formats import open_document
from newslint.report import github

SEED = "examples/seed-article.txt"
SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json"

COUNCIL = """\
# Council approves budget after late-night session

The city council approved the 2025 budget on Monday night. the vote was 7 to 2, with both
dissenting members citing the cost of the new bus depot.

“We listened to residents,” said council president Maria Lopez.

Leave a Comment
"""

CLEAN = """\
# Library extends weekend hours

The central library will open on Sundays from March, the city said on Tuesday.

“Families asked for it,” said librarian Ana Ruiz.
"""


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root (relative paths in output) and outside GitHub Actions."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _article(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_concise_lines_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--format", "concise", SEED)
    assert code == 1
    assert out.splitlines() == [
        f"{SEED}:15:22: NL303 Name in lower case? The article writes 'lloyd austin' with a "
        "capital elsewhere; capitalise it if it is the name",
        f"{SEED}:15:28: NL101 Caption or credit glued to the next sentence: 'austin' + 'Speaking'",
        f"{SEED}:19:1: NL301 Sentence starts with a lower-case letter: 'tuesday'",
        f"{SEED}:19:267: NL501 Orphan punctuation: '. ,'",
        f"{SEED}:39:160: NL401 Quotation mark “ is unclosed: “It is possible, perhaps, "
        "that there is…",
        f"{SEED}:41:1: NL201 Comment-form boilerplate left in the article: 'Leave a Comment'",
        f"{SEED}:43:1: NL201 Comment-form boilerplate left in the article: "
        "'Your email address will not be published. Required fields are marked *'",
        "Found 7 findings (4 fixable with `newslint fix`; 3 more with "
        "`newslint fix --unsafe-fixes`).",
    ]
    _, quiet, _ = _run(capsys, "check", "--format", "concise", "--quiet", SEED)
    assert quiet.splitlines() == out.splitlines()[:-1]


def test_json_is_the_unchanged_contract(capsys: pytest.CaptureFixture[str], seed_text) -> None:
    _, out, _ = _run(capsys, "check", "--format", "json", SEED)
    expected = [f.to_dict() for f in lint_text(seed_text, path=SEED)]
    assert json.loads(out) == expected
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert list(expected[0]) == [
        "path", "rule", "name", "category", "severity", "message", "line", "column",
        "end_line", "end_column", "start", "end", "fix",
    ]  # fmt: skip


def test_json_lines_one_object_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    _, as_json, _ = _run(capsys, "check", "--format", "json", SEED)
    _, lines, _ = _run(capsys, "check", "--format", "json-lines", SEED)
    assert lines.endswith("\n") and len(lines.splitlines()) == 7
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(as_json)


def _sarif(capsys: pytest.CaptureFixture[str], *paths: str) -> dict:
    code, out, _ = _run(capsys, "check", "--format", "sarif", *paths)
    assert code == 1
    return json.loads(out)


def test_sarif_validates_against_the_2_1_0_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = _sarif(capsys, SEED, _article(tmp_path, "council.md", COUNCIL))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    validator.validate(log)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(broken)  # the validator really checks results


def test_sarif_rules_results_and_fixes(capsys: pytest.CaptureFixture[str], seed_text) -> None:
    run = _sarif(capsys, SEED)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert {"NL101", "NL201", "NL301", "NL303", "NL401", "NL501"} <= set(by_id)
    assert by_id["NL303"]["name"] == "name-case"
    assert by_id["NL303"]["properties"]["category"] == "casing"
    descriptions = {r.id: r.description for r in Config(None).available_rules}
    assert by_id["NL303"]["help"]["text"] == descriptions["NL303"]
    assert by_id["NL303"]["fullDescription"]["text"].startswith("A name written in lower case")
    assert by_id["NL201"]["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "NL303", "NL101", "NL301", "NL501", "NL401", "NL201", "NL201",
    ]  # fmt: skip
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    name_case = results[0]
    location = name_case["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SEED
    assert location["region"] == {
        "startLine": 15,
        "startColumn": 22,
        "endLine": 15,
        "endColumn": 34,
        "charOffset": 1123,
        "charLength": 12,
    }
    assert name_case["level"] == "warning"
    (fix,) = name_case["fixes"]
    assert fix["description"]["text"] == "Capitalise 'lloyd austin'"
    replacements = fix["artifactChanges"][0]["replacements"]
    assert [
        (r["deletedRegion"]["charOffset"], r["deletedRegion"]["charLength"], r["insertedContent"])
        for r in replacements
    ] == [(1123, 1, {"text": "L"}), (1129, 1, {"text": "A"})]
    assert results[1]["fixes"][0]["properties"]["applicability"] == "unsafe"
    # every region's line/column range and char range name the same text
    doc = open_document(seed_text, SEED)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results] + [
        rep["deletedRegion"]
        for r in results
        for change in r["fixes"][0]["artifactChanges"]
        for rep in change["replacements"]
    ]
    for region in regions:
        start = doc.offset(region["startLine"], region["startColumn"])
        end = doc.offset(region["endLine"], region["endColumn"])
        assert (start, end - start) == (region["charOffset"], region["charLength"])


def test_github_workflow_commands_exact(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "check", "--format", "github", SEED)
    prefix = f"file={SEED}"
    assert out.splitlines() == [
        f"::warning {prefix},line=15,col=22,endLine=15,endColumn=34,title=NL303 name-case::"
        "Name in lower case? The article writes 'lloyd austin' with a capital elsewhere; "
        "capitalise it if it is the name",
        f"::error {prefix},line=15,col=28,endLine=15,endColumn=42,title=NL101 glued-caption::"
        "Caption or credit glued to the next sentence: 'austin' + 'Speaking'",
        f"::warning {prefix},line=19,col=1,endLine=19,endColumn=8,title=NL301 sentence-case::"
        "Sentence starts with a lower-case letter: 'tuesday'",
        f"::warning {prefix},line=19,col=267,endLine=19,endColumn=270,"
        "title=NL501 orphan-punctuation::Orphan punctuation: '. ,'",
        f"::error {prefix},line=39,col=160,endLine=39,endColumn=161,"
        "title=NL401 unclosed-quote::Quotation mark “ is unclosed: “It is possible, perhaps, "
        "that there is…",
        f"::error {prefix},line=41,col=1,endLine=41,endColumn=16,title=NL201 comment-form::"
        "Comment-form boilerplate left in the article: 'Leave a Comment'",
        f"::error {prefix},line=43,col=1,endLine=43,endColumn=71,title=NL201 comment-form::"
        "Comment-form boilerplate left in the article: "
        "'Your email address will not be published. Required fields are marked *'",
    ]


def test_github_escaping_and_notice_level() -> None:
    finding = Finding(
        path="desk/2024: Poland, NATO.md",
        rule="NL999",
        name="test-rule",
        category="style",
        severity=Severity.INFO,
        message="100% sure:\r\nline two, done",
        start=0,
        end=4,
        line=3,
        column=1,
        end_line=3,
        end_column=5,
        fix=None,
    )
    assert github.command(finding) == (
        "::notice file=desk/2024%3A Poland%2C NATO.md,line=3,col=1,endLine=3,endColumn=5,"
        "title=NL999 test-rule::100%25 sure:%0D%0Aline two, done"
    )


def test_junit_parses_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = _article(tmp_path, "library.md", CLEAN)
    code, out, _ = _run(capsys, "check", "--format", "junit", SEED, clean)
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("8", "7")
    seed_suite, clean_suite = root.findall("testsuite")
    assert seed_suite.get("name") == SEED and seed_suite.get("failures") == "7"
    cases = seed_suite.findall("testcase")
    assert [c.find("failure").get("type") for c in cases] == [
        "NL303", "NL101", "NL301", "NL501", "NL401", "NL201", "NL201",
    ]  # fmt: skip
    assert cases[2].get("line") == "19"
    assert cases[2].find("failure").get("message") == (
        "Sentence starts with a lower-case letter: 'tuesday'"
    )
    assert "fix (safe): Capitalise 'tuesday'" in cases[2].find("failure").text
    assert clean_suite.get("name") == clean and clean_suite.get("failures") == "0"
    (passing,) = clean_suite.findall("testcase")
    assert passing.find("failure") is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_format(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, plain, _ = _run(capsys, "check", SEED)
    assert plain.startswith(f"{SEED}:15:22: warning NL303(name-case)")
    assert "\x1b[" not in plain
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, under_actions, _ = _run(capsys, "check", SEED)
    _, explicit, _ = _run(capsys, "check", "--format", "github", SEED)
    assert under_actions == explicit and under_actions.startswith("::warning file=")
    monkeypatch.delenv("GITHUB_ACTIONS")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["check", SEED]) == 1
    assert "\x1b[33mwarning\x1b[0m" in terminal.getvalue()


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, err = _run(capsys, "check", "--format", "sarif", "--output-file", str(target), SEED)
    assert (code, out, err) == (1, "", "")
    assert len(json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]) == 7
    text_file = tmp_path / "report.txt"
    _run(capsys, "check", "--color", "never", "--output-file", str(text_file), SEED)
    assert text_file.read_text(encoding="utf-8").endswith(
        "3 more with `newslint fix --unsafe-fixes`).\n"
    )
    missing = tmp_path / "no-such-dir" / "report.json"
    code, out, err = _run(capsys, "check", "--output-file", str(missing), SEED)
    assert code == 2
    assert err.count("\n") == 1 and str(missing) in err and "cannot write report" in err


def test_statistics_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--statistics", SEED)
    assert code == 1
    assert out.splitlines() == [
        "2  NL201  [*] comment-form",
        "1  NL101      glued-caption",
        "1  NL301  [*] sentence-case",
        "1  NL303      name-case",
        "1  NL401      unclosed-quote",
        "1  NL501  [*] orphan-punctuation",
        "Found 7 findings"
        " (4 fixable with `newslint fix`; 3 more with `newslint fix --unsafe-fixes`).",
    ]
    _, as_json, _ = _run(capsys, "check", "--statistics", "--format", "json", SEED)
    rows = json.loads(as_json)
    assert rows[0] == {
        "rule": "NL201",
        "name": "comment-form",
        "category": "boilerplate",
        "count": 2,
        "fixable": True,
    }
    assert sum(row["count"] for row in rows) == 7


def test_exit_non_zero_on_fix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = _article(tmp_path, "a.md", COUNCIL)
    code, out, _ = _run(capsys, "fix", first)
    assert code == 0 and out == f"Fixed 2 findings in {first}\nAll checks passed!\n"
    second = _article(tmp_path, "b.md", COUNCIL)
    code, _, _ = _run(capsys, "fix", "--exit-non-zero-on-fix", second)
    assert code == 1
    assert Path(second).read_text(encoding="utf-8") == Path(first).read_text(encoding="utf-8")
    assert "Monday night. The vote" in Path(second).read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "fix", "--exit-non-zero-on-fix", second)
    assert (code, out) == (0, "All checks passed!\n")  # nothing left to change


def test_quiet_fix_prints_no_fixed_lines(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    path = _article(tmp_path, "a.md", COUNCIL)
    code, out, err = _run(capsys, "fix", "--quiet", path)
    assert (code, out, err) == (0, "", "")
    assert "Leave a Comment" not in Path(path).read_text(encoding="utf-8")


def test_show_fixes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _article(tmp_path, "a.md", COUNCIL)
    _, out, _ = _run(capsys, "check", "--quiet", "--show-fixes", "--format", "concise", path)
    assert out.splitlines() == [
        f"{path}:3:60: NL301 Sentence starts with a lower-case letter: 'the'",
        f"{path}:8:1: NL201 Comment-form boilerplate left in the article: 'Leave a Comment'",
        "2 fixes available:",
        f"- {path}:",
        "    3:60 NL301 (sentence-case) [safe] Capitalise 'the'",
        "    8:1 NL201 (comment-form) [safe] Delete the comment-form line",
    ]
    _, out, _ = _run(capsys, "fix", "--diff", "--show-fixes", path)
    assert out.endswith(
        "Would apply 2 fixes:\n"
        f"- {path}:\n"
        "    NL201 (comment-form) Delete the comment-form line\n"
        "    NL301 (sentence-case) Capitalise 'the'\n"
    )
    assert Path(path).read_text(encoding="utf-8") == COUNCIL
    _, out, _ = _run(capsys, "fix", "--show-fixes", path)
    assert out.splitlines() == [
        f"Fixed 2 findings in {path}",
        "Applied 2 fixes:",
        f"- {path}:",
        "    NL201 (comment-form) Delete the comment-form line",
        "    NL301 (sentence-case) Capitalise 'the'",
        "All checks passed!",
    ]


def test_fix_with_machine_format_reports_remaining(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy = tmp_path / "seed-article.txt"
    copy.write_bytes((ROOT / SEED).read_bytes())  # a writable copy
    code, out, err = _run(capsys, "fix", "--format", "json-lines", str(copy))
    assert code == 1
    assert [json.loads(line)["rule"] for line in out.splitlines()] == ["NL303", "NL101", "NL401"]
    assert err == f"Fixed 4 findings in {copy}\n"
