"""``newslint init`` (a commented starter config, the pre-commit and workflow snippets) and
``newslint config PATH`` (the settings a file gets, and where each comes from)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from newslint.app.cli import main
from newslint.config.project import Config

DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_starter_config_that_loads(repo: Path, capsys) -> None:
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wrote .newslint.yaml\n")
    text = (repo / ".newslint.yaml").read_text(encoding="utf-8")
    assert text.count("\n# ") >= 5, "the starter explains itself"
    config = Config(repo / ".newslint.yaml")
    defaults = Config(None)
    assert [r.id for r in config.rules] == [r.id for r in defaults.rules]
    assert config.settings.fail_on == "warning"
    assert "README.md" in config.settings.exclude


def test_after_init_fix_leaves_the_repository_readme_alone(repo: Path, capsys) -> None:
    readme = "# Our articles\n\nThe desk meets on monday.\n"
    (repo / "README.md").write_text(readme)
    changes = "# Changes\n\n- on monday we moved the desk\n"
    (repo / "CHANGELOG.md").write_text(changes)
    (repo / "news").mkdir()
    (repo / "news" / "vote.md").write_text(DAMAGED)
    assert main(["fix", "."]) == 0  # before init: every Markdown file is an article
    assert (repo / "README.md").read_text() != readme
    (repo / "README.md").write_text(readme)
    (repo / "CHANGELOG.md").write_text(changes)
    (repo / "news" / "vote.md").write_text(DAMAGED)

    assert main(["init"]) == 0
    assert main(["fix", "."]) == 0
    assert (repo / "README.md").read_text() == readme
    assert (repo / "CHANGELOG.md").read_text() == changes
    assert (repo / "news" / "vote.md").read_text() == "Headline\n\nThe vote was on Tuesday.\n"


def test_init_offers_the_snippets_and_writes_them_when_asked(repo: Path, capsys) -> None:
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert ".pre-commit-config.yaml (--pre-commit writes it):" in out
    assert ".github/workflows/newslint.yml (--workflow writes it):" in out
    assert not (repo / ".pre-commit-config.yaml").exists()
    (repo / ".newslint.yaml").unlink()

    assert main(["init", "--pre-commit", "--workflow"]) == 0
    assert capsys.readouterr().out == (
        "Wrote .newslint.yaml\nWrote .pre-commit-config.yaml\n"
        "Wrote .github/workflows/newslint.yml\n"
    )
    published = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    pre_commit = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    (hooks_repo,) = pre_commit["repos"]
    assert {hook["id"] for hook in hooks_repo["hooks"]} <= published
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "newslint.yml").read_text())
    (job,) = workflow["jobs"].values()
    step = job["steps"][-1]
    assert step["uses"].split("@")[0].endswith("/newslint")
    inputs = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    assert set(step.get("with", {})) <= set(inputs)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".newslint.yaml", "fail_on: error\n"),
        ("pyproject.toml", "[tool.newslint]\nfail_on = 'error'\n"),
    ],
)
def test_init_never_overwrites_a_config(repo: Path, capsys, name: str, text: str) -> None:
    (repo / name).write_text(text)
    assert main(["init"]) == 2
    assert capsys.readouterr().err == (
        f"newslint: error: {name}: a newslint config is here already;"
        " `newslint config PATH` shows it\n"
    )
    assert (repo / name).read_text() == text
    assert not (repo / ".newslint.yaml").exists() or name == ".newslint.yaml"


def test_init_never_overwrites_a_pre_commit_config(repo: Path, capsys) -> None:
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n")
    assert main(["init", "--pre-commit"]) == 2
    assert "exists already" in capsys.readouterr().err
    assert (repo / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert not (repo / ".newslint.yaml").exists()


def test_config_shows_each_value_and_where_it_comes_from(repo: Path, capsys) -> None:
    (repo / "base.yaml").write_text("fail_on: error\nignore: [doubled-space]\n")
    (repo / ".newslint.yaml").write_text(
        'extends: base.yaml\nignore: [NL304]\nper_path_ignores:\n  "wire/**": [name-case]\n'
    )
    (repo / "wire").mkdir()
    assert main(["config", "wire/afp.md", "--extend-select", "readability"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"# wire/afp.md: {repo / '.newslint.yaml'}"
    origin = {line.split(":")[0]: line.split("  # ")[1] for line in lines[1:] if "  # " in line}
    assert origin["fail_on"] == f"{repo / 'base.yaml'}:1"  # by extends
    assert origin["ignore"] == f"{repo / '.newslint.yaml'}:2"  # the nearer config replaces it
    assert origin["per_path_ignores"] == f"{repo / '.newslint.yaml'}:3"
    assert origin["extend_select"] == "command line"
    assert origin["max_file_size"] == "default"
    assert (
        'ignore: ["NL304"]' in lines[lines.index(next(x for x in lines if x.startswith("ignore:")))]
    )
    assert lines[-1] == "# per_path_ignores leaves out: NL303"
    assert "NL902" in lines[-2] and "NL304" not in lines[-2]


def test_config_as_json(repo: Path, capsys) -> None:
    (repo / ".newslint.yaml").write_text("fail_on: error\n")
    assert main(["config", "--format", "json", "--fail-on", "info", "story.md"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["config"] == str(repo / ".newslint.yaml")
    assert found["settings"]["fail_on"] == {"value": "info", "from": "command line"}
    assert found["settings"]["encoding"] == {"value": "utf-8", "from": "default"}
    assert "NL101" in found["rules"]


def test_config_without_a_config_file(repo: Path, capsys) -> None:
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# .: no config file; the defaults\n")
    assert 'select: ["all"]' in out


def test_config_error_names_the_file_and_line(repo: Path, capsys) -> None:
    (repo / ".newslint.yaml").write_text("fail_on: warning\nmax_file_size: -1\n")
    assert main(["config", "story.md"]) == 2
    assert f"{repo / '.newslint.yaml'}:2: key 'max_file_size'" in capsys.readouterr().err
