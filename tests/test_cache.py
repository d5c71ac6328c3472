"""The findings cache: unchanged files are not linted again; edits and config changes are."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest
from conftest import EXAMPLES

from newslint.app import runner
from newslint.app.cli import main
from newslint.config import yamlfile
from newslint.config.packs import load_pack
from newslint.core.engine import lint
from newslint.formats import open_document
from newslint.storage.cache import CACHE_DIR

SEED = EXAMPLES / "seed-article.txt"


@pytest.fixture
def project(tmp_path):
    """A project with a config (its directory is the cache's root) and two articles."""
    (tmp_path / ".newslint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    shutil.copyfile(SEED, tmp_path / "seed.txt")
    (tmp_path / "vote.txt").write_text("Vote held\n\nThe vote was on tuesday.\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def linted(monkeypatch) -> list[str]:
    """The paths ``check`` really lints (a cache hit does not call ``lint``)."""
    seen: list[str] = []
    real = runner.lint

    def spy(doc, rules):  # type: ignore[no-untyped-def]
        seen.append(doc.path)
        return real(doc, rules)

    monkeypatch.setattr(runner, "lint", spy)
    return seen


def _check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", "--format", "json", *args])
    return code, capsys.readouterr().out


def test_second_run_reads_the_cache(project, linted, capsys) -> None:
    first = _check(capsys, str(project))
    assert sorted(linted) == [str(project / "seed.txt"), str(project / "vote.txt")]
    assert list((project / CACHE_DIR).rglob("*.json"))
    linted.clear()
    second = _check(capsys, str(project))
    assert linted == []
    assert second == first
    assert len(json.loads(first[1])) == 7 + 1


def test_an_edited_file_is_linted_again(project, linted, capsys) -> None:
    _check(capsys, str(project))
    linted.clear()
    (project / "vote.txt").write_text("Vote held\n\nThe vote was on Tuesday.\n", encoding="utf-8")
    code, out = _check(capsys, str(project))
    assert linted == [str(project / "vote.txt")]
    assert [f["path"] for f in json.loads(out)] == [str(project / "seed.txt")] * 7


def test_a_config_change_invalidates_the_cache(project, linted, capsys) -> None:
    _check(capsys, str(project))
    linted.clear()
    (project / ".newslint.yaml").write_text("ignore: [NL302]\n", encoding="utf-8")
    code, out = _check(capsys, str(project))
    assert sorted(linted) == [str(project / "seed.txt"), str(project / "vote.txt")]
    assert "NL302" not in {f["rule"] for f in json.loads(out)}


def test_a_command_line_selection_is_part_of_the_key(project, linted, capsys) -> None:
    _check(capsys, str(project))
    linted.clear()
    code, out = _check(capsys, "--select", "NL302", str(project))
    assert len(linted) == 2
    assert [f["rule"] for f in json.loads(out)] == ["NL302"]


def test_no_cache_neither_reads_nor_writes(project, linted, capsys) -> None:
    _check(capsys, "--no-cache", str(project))
    assert not (project / CACHE_DIR).exists()
    _check(capsys, str(project))
    linted.clear()
    _check(capsys, "--no-cache", str(project))
    assert len(linted) == 2


def test_a_damaged_entry_is_a_miss(project, linted, capsys) -> None:
    first = _check(capsys, str(project))
    for entry in (project / CACHE_DIR).rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    linted.clear()
    assert _check(capsys, str(project)) == first
    assert len(linted) == 2


def test_fix_does_not_use_the_cache(project, capsys) -> None:
    _check(capsys, str(project))
    assert main(["fix", str(project / "vote.txt")]) == 0
    assert "Tuesday" in (project / "vote.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    code, out = _check(capsys, str(project / "vote.txt"))
    assert (code, json.loads(out)) == (0, [])


PACK = """\
description: A house style pack.
rules:
  - id: HS101
    name: house-utilise
    kind: pattern
    category: style
    severity: warning
    message: "Write 'use', not '{match}'"
    description: House style prefers the short word.
    patterns: ['\\butilise\\b']
"""


def test_parsed_packs_are_reused_until_the_pack_changes(tmp_path, monkeypatch) -> None:
    """A pack's YAML is parsed once and kept in the user's cache as JSON (data, not code)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed: list[str] = []
    real = yamlfile.parse

    def spy(text: str, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(text, path)

    monkeypatch.setattr(yamlfile, "parse", spy)
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    rules = load_pack.__wrapped__(pack)
    again = load_pack.__wrapped__(pack)
    assert parsed == [str(pack)]
    doc = "Officials utilise the depot.\\n"
    assert lint(open_document(doc), again) == lint(open_document(doc), rules)
    assert len(lint(open_document(doc), again)) == 1
    pack.write_text(PACK.replace("warning", "error"), encoding="utf-8")
    assert load_pack.__wrapped__(pack)[0].severity.name == "ERROR"
    assert parsed == [str(pack), str(pack)]


def test_other_versions_entries_are_dropped_only_when_stale(tmp_path, monkeypatch) -> None:
    """A newer newslint clears what older ones left, but not what another installed version
    used within the day (two versions must not keep dropping each other's entries)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed = tmp_path / "cache" / "newslint" / "yaml"
    stale, recent = parsed / "0.0.1-old", parsed / "0.0.2-other"
    for folder in (stale, recent):
        folder.mkdir(parents=True)
        (folder / "entry.json").write_bytes(b"x")
    os.utime(stale, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    load_pack.__wrapped__(pack)
    assert not stale.exists()
    assert (recent / "entry.json").exists()
