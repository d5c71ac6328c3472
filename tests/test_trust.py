"""The trust model (issue 11): what a project config may choose and what only the user may.

The attacks themselves run black-box in tests/security/test_network_trust.py; these are the
messages and the user's own channels."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import write_user_config

from newslint.app.cli import main
from newslint.config.project import Config

pytestmark = pytest.mark.usefixtures("isolated_languagetool")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "a.md").write_text("Headline\n\nThe vote was on tuesday.\n", encoding="utf-8")
    return root


def _warnings(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert all(line.startswith("newslint: warning: ") for line in lines), err
    return lines


def test_a_cache_folder_outside_the_project_is_ignored_with_its_line(project, capsys) -> None:
    config = project / ".newslint.yaml"
    config.write_text("fail_on: error\ngrammar:\n  cache: ../../lt-cache\n", encoding="utf-8")
    assert Config(config).grammar.cache is True  # the default: .newslint_cache/ of the project
    (warning,) = _warnings(capsys.readouterr().err)
    assert f"{config}:3: grammar.cache is outside the project ({project})" in warning


def test_a_cache_folder_inside_the_project_is_kept(project) -> None:
    config = project / ".newslint.yaml"
    config.write_text("languagetool:\n  cache: build/lt\n", encoding="utf-8")
    assert Config(config).languagetool.cache == str(project / "build" / "lt")


def test_the_user_config_sets_server_cache_and_local(project, tmp_path) -> None:
    write_user_config(
        {"languagetool": {"server": "http://127.0.0.1:8081", "cache": str(tmp_path / "lt")}}
    )
    (project / ".newslint.yaml").write_text("languagetool:\n  language: en-GB\n")
    settings = Config(project / ".newslint.yaml").languagetool
    assert (settings.server, settings.cache) == ("http://127.0.0.1:8081", str(tmp_path / "lt"))
    assert settings.language == "en-GB"  # the project's own choice is kept


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("select: [casing]\n", 1, "unknown key 'select': the user config holds languagetool"),
        ("languagetool:\n  server: ftp://x\n", 2, "languagetool: key 'server': expected an"),
        ("grammar: harper\n", 1, "grammar: expected a mapping"),
    ],
)
def test_a_bad_user_config_is_a_one_line_error(project, capsys, text, line, message) -> None:
    path = write_user_config({})
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(project / "a.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newslint: error: {path}:{line}: {message}"), err
    assert "\n" not in err


def test_a_bad_server_in_the_environment_is_an_error(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", "http://127.0.0.1:8081/#")
    assert main(["check", str(project / "a.md")]) == 2
    assert capsys.readouterr().err.startswith(
        "newslint: error: $NEWSLINT_LANGUAGETOOL_URL: no query or fragment"
    )


def test_no_cache_keeps_the_server_of_the_command_line(server, project) -> None:
    (project / "a.md").write_text("Headline\n\nThe vote was a upset.\n", encoding="utf-8")
    args = ["check", "--no-cache", "--languagetool-server", server.url, str(project / "a.md")]
    assert main(args) == 1
    assert len(server.checks()) == 1
    assert not (project / ".newslint_cache").exists()


def test_a_vale_config_outside_the_project_is_an_error(project, tmp_path, capsys) -> None:
    (tmp_path / "outside.ini").write_text("StylesPath = /\n", encoding="utf-8")
    config = project / ".newslint.yaml"
    config.write_text(json.dumps({"vale": {"config": "../outside.ini"}}), encoding="utf-8")
    assert main(["check", str(project / "a.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"newslint: error: {config}:1: vale: config '../outside.ini' is outside the project"
        f" ({project})"
    )
