"""Vale styles beside the news packs: the ``vale`` key of a newslint config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vale_helpers import write

from newslint.app.cli import main

pytest.importorskip("pyromark")

PROJECT = {
    ".newslint.yaml": "vale:\n  config: .vale.ini\n",
    ".vale.ini": (
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = House\n"
    ),
    "styles/House/Latin.yml": """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        nonword: true
        level: error
        action:
          name: replace
        swap:
          '\\be\\.g\\.': for example
          '\\bi\\.e\\.': that is
        """,
    "styles/House/Hedge.yml": """
        extends: existence
        message: "Consider removing '%s'."
        ignorecase: true
        level: warning
        action:
          name: remove
        tokens: [very]
        """,
    "styles/House/Todo.yml": """
        extends: existence
        message: "'%s' left in text"
        level: suggestion
        scope: raw
        nonword: true
        tokens: ['`TODO`']
        """,
}
ARTICLE = (
    "# Council opens park\n\n"
    "The park is very large, e.g. for picnics. Check `TODO` before print.\n\n"
    '"It is a very good day, i.e. a holiday," the mayor said.\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    write(tmp_path, PROJECT)
    (tmp_path / ".git").mkdir()
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_json(capsys, *args: str) -> tuple[int, list[dict]]:
    capsys.readouterr()
    status = main(["check", "--format", "json", "--no-cache", *args])
    return status, json.loads(capsys.readouterr().out)


def findings(data) -> list[dict]:
    return (
        data if isinstance(data, list) else [f for file in data["files"] for f in file["findings"]]
    )


def test_check_reports_vale_rules_by_style_and_rule_name(project, capsys) -> None:
    status, data = check_json(capsys, "story.md")
    vale = [f for f in findings(data) if f["rule"].startswith("House.")]
    places = [(f["rule"], f["line"], f["column"], f["severity"]) for f in vale]
    assert places == [
        ("House.Hedge", 3, 13, "warning"),
        ("House.Latin", 3, 25, "error"),
        ("House.Todo", 3, 49, "info"),  # a raw rule sees inline code
        ("House.Hedge", 5, 10, "warning"),
        ("House.Latin", 5, 25, "error"),
    ]
    assert status == 1
    latin = next(f for f in vale if f["rule"] == "House.Latin")
    assert latin["message"] == "Use 'for example' instead of 'e.g.'."
    assert latin["fix"]["applicability"] == "unsafe"
    quoted = [f for f in vale if f["line"] == 5]
    assert all(f["fix"]["applicability"] == "display-only" for f in quoted)


def test_fix_applies_vale_actions_outside_quotes_only_and_is_idempotent(project, capsys) -> None:
    assert main(["fix", "--unsafe-fixes", "story.md"]) in (0, 1)
    fixed = (project / "story.md").read_text(encoding="utf-8")
    assert fixed == (
        "# Council opens park\n\n"
        "The park is large, for example for picnics. Check `TODO` before print.\n\n"
        '"It is a very good day, i.e. a holiday," the mayor said.\n'
    )
    main(["fix", "--unsafe-fixes", "story.md"])
    assert (project / "story.md").read_text(encoding="utf-8") == fixed


def test_select_and_ignore_by_style_or_rule(project, capsys) -> None:
    _, data = check_json(capsys, "--select", "House.Latin", "story.md")
    assert {f["rule"] for f in findings(data)} == {"House.Latin"}
    _, data = check_json(capsys, "--ignore", "House", "story.md")
    assert not [f for f in findings(data) if f["rule"].startswith("House.")]


def test_sarif_names_the_vale_rules(project, capsys) -> None:
    main(["check", "--format", "sarif", "--no-cache", "story.md"])
    sarif = json.loads(capsys.readouterr().out)
    ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"House.Latin", "House.Hedge", "House.Todo"} <= ids


def test_baseline_hides_recorded_vale_findings(project, capsys) -> None:
    assert main(["baseline", "story.md"]) == 0
    status, data = check_json(capsys, "story.md")
    assert not [f for f in findings(data) if f["rule"].startswith("House.")]
    with (project / "story.md").open("a", encoding="utf-8") as handle:
        handle.write("\nA very new line.\n")
    _, data = check_json(capsys, "story.md")
    assert [(f["rule"], f["line"]) for f in findings(data) if f["rule"].startswith("House.")] == [
        ("House.Hedge", 7)
    ]


def test_a_bad_vale_config_is_a_one_line_error(project, capsys) -> None:
    (project / ".newslint.yaml").write_text("vale:\n  config: missing.ini\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--no-cache", "story.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert ".newslint.yaml:2" in err or ".newslint.yaml:1" in err
    assert "missing.ini" in err
