"""``newslint baseline``: record an archive's findings; ``check`` then reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

from newslint.app.cli import main

COUNCIL = """\
# Council approves new budget for the harbour district

The city council approved the harbour budget on monday after a three-hour session. , members said.

the vote was close, with six members in favour and five against.

Leave a Comment
"""

COUNCIL_FINDINGS = [("NL302", 3, 49), ("NL501", 3, 82), ("NL301", 5, 1), ("NL201", 7, 1)]


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An archive with the seed article (7 findings) and a council story (4), as the cwd."""
    (tmp_path / "articles").mkdir()
    seed = (EXAMPLES / "seed-article.txt").read_bytes()  # not copy(): the example is read-only
    (tmp_path / "articles" / "milley.txt").write_bytes(seed)
    (tmp_path / "articles" / "council.md").write_text(COUNCIL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple], str]:
    """Exit code, (rule, path, line, column) of each finding reported, and stderr."""
    capsys.readouterr()
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(out)]
    return code, found, err


def _entries(file: Path) -> list[tuple[str, str, str, int]]:
    data = json.loads(file.read_text(encoding="utf-8"))
    return [(e["path"], e["rule"], e["match"], e["count"]) for e in data["findings"]]


def test_baseline_records_every_finding_without_line_numbers(archive: Path, capsys) -> None:
    assert main(["baseline", "articles"]) == 0
    assert capsys.readouterr().out == "Baselined 11 findings in .newslint-baseline.json\n"

    data = json.loads((archive / ".newslint-baseline.json").read_text(encoding="utf-8"))
    assert data["newslint_baseline"] == 1
    assert all(
        set(e) == {"path", "rule", "match", "fingerprint", "count"} for e in data["findings"]
    )
    assert _entries(archive / ".newslint-baseline.json") == [
        ("articles/council.md", "NL201", "Leave a Comment", 1),
        ("articles/council.md", "NL301", "the", 1),
        ("articles/council.md", "NL302", "monday", 1),
        ("articles/council.md", "NL501", ". ,", 1),
        ("articles/milley.txt", "NL101", "austinSpeaking", 1),
        ("articles/milley.txt", "NL201", "Leave a Comment", 1),
        (
            "articles/milley.txt",
            "NL201",
            "Your email address will not be published. Required fields are marked *",
            1,
        ),
        ("articles/milley.txt", "NL301", "tuesday", 1),
        ("articles/milley.txt", "NL303", "lloyd austin", 1),
        ("articles/milley.txt", "NL401", "“", 1),
        ("articles/milley.txt", "NL501", ". ,", 1),
    ]


def test_check_reports_nothing_baselined_and_says_how_many(archive: Path, capsys) -> None:
    main(["baseline", "articles"])

    assert _check(capsys, "articles") == (
        0,
        [],
        "11 baselined findings not shown (--no-baseline shows them)\n",
    )
    capsys.readouterr()
    assert main(["check", "--format", "text", "articles"]) == 0
    out, err = capsys.readouterr()
    assert out == "All checks passed!\n"
    assert err == "11 baselined findings not shown (--no-baseline shows them)\n"

    code, found, err = _check(capsys, "--no-baseline", "articles")
    assert (code, len(found), err) == (1, 11, "")


def test_new_findings_are_still_reported(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    council = archive / "articles" / "council.md"
    council.write_text(
        COUNCIL
        + "\nThe harbour master will present the plans on friday, a spokeswoman said.\n"
        + "\nLeave a Comment\n",
        encoding="utf-8",
    )

    code, found, err = _check(capsys, "articles")

    # 'friday' is new; the second identical comment-form line exceeds the baseline's count of 1.
    assert code == 1
    assert found == [
        ("NL302", "articles/council.md", 9, 46),
        ("NL201", "articles/council.md", 11, 1),
    ]
    assert err == "11 baselined findings not shown (--no-baseline shows them)\n"


def test_baseline_survives_edits_above_the_findings(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    council = archive / "articles" / "council.md"
    headline, rest = COUNCIL.split("\n\n", 1)
    inserted = (
        "Councillors met in the old town hall, which reopened this spring after repairs.\n\n"
        "The budget runs to 14 million euros, most of it for the quay walls.\n\n"
    )
    council.write_text(f"{headline}\n\n{inserted}{rest}", encoding="utf-8")

    assert _check(capsys, "articles")[:2] == (0, [])
    # the same four findings are all still there, four lines further down
    code, found, _ = _check(capsys, "--no-baseline", "articles/council.md")
    assert found == [
        (rule, "articles/council.md", line + 4, column) for rule, line, column in COUNCIL_FINDINGS
    ]


def test_an_edit_next_to_a_finding_makes_it_new(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    council = archive / "articles" / "council.md"
    council.write_text(
        COUNCIL.replace("approved the harbour", "passed the harbour"), encoding="utf-8"
    )

    code, found, _ = _check(capsys, "articles")

    # the words beside 'monday' changed, so it no longer matches its entry; the rest still do
    assert (code, found) == (1, [("NL302", "articles/council.md", 3, 47)])


def test_fix_reports_only_findings_outside_the_baseline(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    capsys.readouterr()

    # safe fixes change the text around the unsafe findings left; they stay baselined
    assert main(["fix", "--format", "json", "articles"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "3 baselined findings not shown" in err  # the glued caption, the quote, the name
    assert "lloyd austinSpeaking" in (archive / "articles" / "milley.txt").read_text("utf-8")


def test_prune_removes_stale_entries(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    (archive / "articles" / "milley.txt").unlink()
    council = archive / "articles" / "council.md"
    council.write_text(COUNCIL.replace("Leave a Comment\n", "").rstrip("\n") + "\n", "utf-8")
    capsys.readouterr()

    assert main(["baseline", "--prune", "articles"]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "articles/council.md: NL201 'Leave a Comment' is no longer found"
    assert "articles/milley.txt: NL303 'lloyd austin' is no longer found" in out
    assert out[-1] == "Removed 8 stale entries from .newslint-baseline.json"
    assert _entries(archive / ".newslint-baseline.json") == [
        ("articles/council.md", "NL301", "the", 1),
        ("articles/council.md", "NL302", "monday", 1),
        ("articles/council.md", "NL501", ". ,", 1),
    ]
    assert _check(capsys, "articles")[:2] == (0, [])


def test_prune_keeps_entries_of_files_not_linted(archive: Path, capsys) -> None:
    main(["baseline", "articles"])

    assert main(["baseline", "--prune", "articles/council.md"]) == 0

    assert capsys.readouterr().out.endswith(
        "Removed 0 stale entries from .newslint-baseline.json\n"
    )
    assert len(_entries(archive / ".newslint-baseline.json")) == 11


def test_baselining_one_file_keeps_the_others(archive: Path, capsys) -> None:
    main(["baseline", "articles"])
    council = archive / "articles" / "council.md"
    council.write_text(COUNCIL.replace("monday", "Monday"), encoding="utf-8")

    assert main(["baseline", "articles/council.md"]) == 0

    entries = _entries(archive / ".newslint-baseline.json")
    assert len(entries) == 10
    assert ("articles/council.md", "NL302", "monday", 1) not in entries


def test_explicit_baseline_file_works_from_another_directory(
    archive: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    (archive / "ci").mkdir()
    assert main(["baseline", "--baseline", "ci/known.json", "articles"]) == 0
    assert not (archive / ".newslint-baseline.json").exists()

    monkeypatch.chdir(archive / "articles")
    assert _check(capsys, "--baseline", "../ci/known.json", ".")[:2] == (0, [])
    code, found, _ = _check(capsys, ".")
    assert (code, len(found)) == (1, 11)


def test_baseline_beside_the_config_is_found(archive: Path, capsys, monkeypatch) -> None:
    (archive / ".newslint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    main(["baseline", "articles"])

    monkeypatch.chdir(archive / "articles")

    assert _check(capsys, "council.md")[:2] == (0, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{\n  oops\n",
            "known.json:2: invalid JSON: Expecting property name enclosed in double quotes",
        ),
        ('{"findings": []}', "known.json: not a newslint baseline: missing 'newslint_baseline'"),
        (
            '{"newslint_baseline": 1, "findings": [{"path": "a.md", "rule": "NL101", '
            '"match": "x", "fingerprint": "0", "count": 0}]}',
            "known.json: not a newslint baseline: count is a positive integer",
        ),
    ],
)
def test_bad_baseline_is_a_one_line_error_and_nothing_is_fixed(
    archive: Path, capsys, content: str, message: str
) -> None:
    (archive / "known.json").write_text(content, encoding="utf-8")
    capsys.readouterr()

    assert main(["fix", "--baseline", "known.json", "articles"]) == 2

    assert capsys.readouterr().err == f"newslint: error: {message}\n"
    assert (archive / "articles" / "council.md").read_text(encoding="utf-8") == COUNCIL


def test_missing_explicit_baseline_is_an_error(archive: Path, capsys) -> None:
    assert main(["check", "--baseline", "nope.json", "articles"]) == 2
    assert capsys.readouterr().err == "newslint: error: nope.json: no such baseline file\n"
