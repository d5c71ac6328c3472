"""The conventions people know from ruff: exit codes, --exit-zero, --no-cache and --format on
every command, rule names in any case, NO_COLOR/FORCE_COLOR, ignore files, no silent empty run."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.app.cli import main

DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"
WARNING_ONLY = "Headline\n\nThe vote was on tuesday.\n"  # NL302, a warning
CLEAN = "Headline of a clean story\n\nThe council met on Monday and approved the budget.\n"


class Terminal(io.StringIO):
    """Standard output as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git working tree (``.git`` is all the walk looks for) as the current directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _linted(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, set[str]]:
    """Exit code and the paths with findings of ``check --format json ARGS``."""
    capsys.readouterr()
    code = main(["check", "--format", "json", "--no-cache", *args])
    return code, {f["path"] for f in json.loads(capsys.readouterr().out or "[]")}


# -- exit codes ---------------------------------------------------------------------------


def test_fix_diff_exits_1_when_it_would_change_something(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    assert main(["fix", "--diff", str(path)]) == 1  # every finding fixable: none remains
    assert "+The vote was on Tuesday." in capsys.readouterr().out
    assert path.read_text() == DAMAGED
    path.write_text(CLEAN)
    assert main(["fix", "--diff", str(path)]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"


def test_exit_zero_reports_findings_but_passes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    assert main(["check", "--exit-zero", str(path)]) == 0
    assert "NL302(weekday-month-case)" in capsys.readouterr().out
    assert main(["fix", "--diff", "--exit-zero", str(path)]) == 0
    assert main(["check", "--exit-zero", str(tmp_path / "missing.txt")]) == 2  # errors still fail


# -- what is printed ----------------------------------------------------------------------


def test_one_line_on_success_and_none_with_quiet(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    assert main(["fix", str(path)]) == 0
    assert capsys.readouterr().out == f"Fixed 2 findings in {path}\nAll checks passed!\n"
    for command in (["check"], ["check", "--format", "concise"], ["fix"]):
        assert main([*command, str(path)]) == 0
        assert capsys.readouterr().out == "All checks passed!\n"
        assert main([*command, "-q", str(path)]) == 0
        assert capsys.readouterr().out == ""
    for machine in ("json", "github", "sarif", "junit"):  # formats for machines: no such line
        assert main(["check", "--format", machine, str(path)]) == 0
        assert "passed" not in capsys.readouterr().out


def test_no_success_line_under_findings_or_errors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(WARNING_ONLY)
    assert main(["check", "--fail-on", "error", str(path)]) == 0  # shown, though not failing
    assert "passed" not in capsys.readouterr().out
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["check", str(tmp_path / "bad.txt"), str(tmp_path / "story.txt")]) == 2
    assert "passed" not in capsys.readouterr().out


def test_statistics_end_with_the_total(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(DAMAGED)
    (tmp_path / "b.txt").write_text(WARNING_ONLY)
    assert main(["check", "--statistics", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "2  NL302  [*] weekday-month-case",
        "1  NL201  [*] comment-form",
        "Found 3 findings (3 fixable with `newslint fix`).",
    ]
    assert main(["check", "--statistics", "--quiet", str(tmp_path)]) == 1
    assert "Found" not in capsys.readouterr().out


def test_progress_bar_for_a_long_run_on_a_terminal(tmp_path: Path, monkeypatch, capsys) -> None:
    from newslint.app import progress

    for number in range(6):
        (tmp_path / f"{number}.txt").write_text(DAMAGED if number == 3 else CLEAN)
    monkeypatch.setattr(progress, "FILES_DELAY", 0.0)
    monkeypatch.setattr(progress.Progress, "advance", _every_time(progress.Progress.advance))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", "-j", "1", "--no-cache", str(tmp_path)]) == 1
    drawn = terminal.getvalue()
    assert "\rchecking [#####-------------------------]  17% 1 files" in drawn
    assert "\rchecking [##############################] 100% 6 files" in drawn
    assert drawn.endswith("\r\x1b[2K")  # erased at the end
    assert drawn.count("\r\x1b[2K") == 2  # and before the findings were printed
    out = capsys.readouterr().out
    assert "\x1b" not in out and "3.txt:3:17: warning NL302" in out
    # not on a terminal, or a short run (the bar waits FILES_DELAY seconds): nothing drawn
    monkeypatch.setattr(progress, "FILES_DELAY", 60.0)
    terminal.seek(0)
    terminal.truncate()
    assert main(["check", "--no-cache", str(tmp_path)]) == 1
    assert terminal.getvalue() == ""


def _every_time(advance):
    """``Progress.advance`` drawing at every step (not at most every 0.1 s)."""

    def drawing(self, size: int = 1) -> None:
        self._shown = 0.0 if not self._shown else self._shown - 1
        advance(self, size)

    return drawing


# -- formats honour the fail level -----------------------------------------------------------


def test_junit_passes_findings_below_the_fail_level(tmp_path: Path, capsys) -> None:
    import xml.etree.ElementTree as ET

    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)  # NL302 a warning, NL201 an error
    assert main(["check", "--format", "junit", "--fail-on", "error", str(path)]) == 1
    root = ET.fromstring(capsys.readouterr().out)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    weekday, comment = root.iter("testcase")
    assert weekday.find("failure") is None
    assert "warning NL302(weekday-month-case)" in weekday.find("system-out").text
    assert comment.find("failure").get("type") == "NL201"
    # the config's fail_on counts the same
    (tmp_path / ".newslint.yaml").write_text("fail_on: error\n")
    path.write_text(WARNING_ONLY)
    assert main(["check", "--format", "junit", str(path)]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    assert root.get("failures") == "0" and not list(root.iter("failure"))


def test_sarif_makes_findings_below_the_fail_level_notes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    assert main(["check", "--format", "sarif", "--fail-on", "error", str(path)]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("NL302", "note"), ("NL201", "error")]
    assert main(["check", "--format", "sarif", str(path)]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning", "error"]


# -- options every command takes -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--no-cache"],
        ["fix", "--no-cache"],
        ["baseline", "--no-cache", "--baseline", "b.json"],
        ["stats", "--no-cache"],
        ["rules", "--no-cache"],
        ["explain", "--no-cache", "NL101"],
        ["config", "--no-cache", "a.txt"],
    ],
)
def test_no_cache_on_every_command(tmp_path: Path, monkeypatch, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(CLEAN)
    assert main(argv) == 0
    assert not (tmp_path / ".newslint_cache").exists()


def test_no_cache_keeps_grammar_answers_out_of_the_project(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("harper")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".newslint.yaml").write_text("grammar: {backend: harper}\n")
    (tmp_path / "a.md").write_text("# Vote\n\nThey could of won the vote on Monday.\n")
    assert main(["fix", "--no-cache", "a.md"]) == 1
    assert not (tmp_path / ".newslint_cache").exists()
    assert main(["fix", "a.md"]) == 1
    assert list((tmp_path / ".newslint_cache" / "harper").rglob("*.json"))


@pytest.mark.parametrize(
    "argv",
    [
        ["rules", "--format", "sarif"],
        ["explain", "NL101", "--format", "junit"],
        ["stats", "--format", "github"],
    ],
)
def test_format_a_command_cannot_write_is_rejected(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"argument --format: invalid choice: '{argv[-1]}'" in err
    assert "(choose from 'auto', 'text', 'json')" in err
    assert "ID  " not in err


def test_rules_and_explain_write_json(capsys) -> None:
    assert main(["rules", "--format", "json"]) == 0
    assert {"id": "NL101"}.items() <= json.loads(capsys.readouterr().out)[0].items()
    assert main(["explain", "--format", "json", "NL101"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "glued-caption"


def test_baseline_takes_no_format(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert main(["baseline", "--format", "json", "a.txt"]) == 2
    assert "unrecognized arguments: --format" in capsys.readouterr().err
    assert not (tmp_path / ".newslint-baseline.json").exists()


def test_rules_all_says_which_rules_are_on_by_default(capsys) -> None:
    assert main(["rules", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "CATEGORY", "SEVERITY", "FIXABLE", "PACK", "DEFAULT"]
    rows = {line.split()[0]: line.split()[-1] for line in lines[1:]}
    assert rows["NL101"] == "on" and rows["NL902"] == "off" and rows["NL505"] == "on"
    assert set(rows.values()) == {"on", "off"}
    assert main(["rules", "--all", "--format", "json"]) == 0
    defaults = {row["id"]: row["default"] for row in json.loads(capsys.readouterr().out)}
    assert defaults == rows
    assert main(["explain", "NL902"]) == 0
    assert "default: off" in capsys.readouterr().out.splitlines()[1]


# -- rule names in any case ----------------------------------------------------------------


def test_explain_in_any_case_and_did_you_mean(capsys) -> None:
    assert main(["explain", "nl101"]) == 0
    assert capsys.readouterr().out.startswith("NL101 glued-caption\n")
    assert main(["explain", "Glued-Caption"]) == 0
    assert capsys.readouterr().out.startswith("NL101 glued-caption\n")
    assert main(["explain", "glued-captoin"]) == 2
    err = capsys.readouterr().err
    assert err == "newslint: error: no rule 'glued-captoin'; did you mean 'glued-caption'?\n"
    assert main(["explain", "zzzz"]) == 2
    assert "`newslint rules --all` lists them" in capsys.readouterr().err


def test_selectors_in_any_case(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    for selector in ("nl302", "Weekday-Month-Case", "CASING", "nl3"):
        code, _ = _linted(capsys, "--select", selector, str(path))
        assert code == 1, selector
    assert main(["check", "--ignore", "nl302,BOILERPLATE", str(path)]) == 0


def test_unknown_selector_suggests_the_nearest(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    assert main(["check", "--select", "casng", str(path)]) == 2
    assert "matches 'casng'; did you mean 'casing'?" in capsys.readouterr().err
    (tmp_path / ".newslint.yaml").write_text("select: [all]\nignore: [weekday-month-cas]\n")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / '.newslint.yaml'}:2: ignore: no rule" in err
    assert "did you mean 'weekday-month-case'?" in err


# -- colour --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "argv", "coloured"),
    [
        ({}, [], True),
        ({"NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": ""}, [], True),  # set but empty: not set
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1"}, [], True),
    ],
)
def test_no_color_and_force_color(tmp_path: Path, monkeypatch, env, argv, coloured) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--no-cache", *argv, str(path)]) == 1
    assert ("\x1b[" in out.getvalue()) is coloured


def test_force_color_in_a_pipe(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    assert main(["check", str(path)]) == 1
    assert "\x1b[" not in capsys.readouterr().out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["check", str(path)]) == 1
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
    assert main(["check", str(path)]) == 1
    assert "\x1b[" not in capsys.readouterr().out


# -- walking: ignore files, hidden folders, no files ------------------------------------------


def test_walk_respects_gitignore_and_ignore_files(repo: Path, capsys) -> None:
    _write(
        repo,
        {
            ".gitignore": "drafts/\n*.tmp.md\n",
            "news/.ignore": "embargoed.md\n",
            "news/.gitignore": "!keep.tmp.md\n",
            "news/story.md": DAMAGED,
            "news/embargoed.md": DAMAGED,
            "news/keep.tmp.md": DAMAGED,
            "news/old.tmp.md": DAMAGED,
            "drafts/idea.md": DAMAGED,
            ".github/PULL_REQUEST_TEMPLATE.md": DAMAGED,
            ".git/info/exclude": "private.md\n",
            "private.md": DAMAGED,
        },
    )
    assert _linted(capsys, ".") == (1, {"news/story.md", "news/keep.tmp.md"})
    # walking a sub-folder honours the ignore files above it
    assert _linted(capsys, "news") == (1, {"news/story.md", "news/keep.tmp.md"})
    # a file named on the command line is always linted
    assert _linted(capsys, "drafts/idea.md") == (1, {"drafts/idea.md"})
    # a hidden folder named on the command line is walked
    assert _linted(capsys, ".github") == (1, {".github/PULL_REQUEST_TEMPLATE.md"})


def test_gitignore_applies_only_in_a_git_repository(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _write(
        tmp_path, {".gitignore": "a.md\n", ".ignore": "b.md\n", "a.md": DAMAGED, "b.md": DAMAGED}
    )
    assert _linted(capsys, ".") == (1, {"a.md"})  # .ignore counts anywhere, as for ripgrep


def test_respect_gitignore_false_walks_ignored_files(repo: Path, capsys) -> None:
    _write(repo, {".gitignore": "drafts/\n", "drafts/idea.md": DAMAGED, "story.md": DAMAGED})
    (repo / ".newslint.yaml").write_text("respect_gitignore: false\n")
    assert _linted(capsys, ".") == (1, {"drafts/idea.md", "story.md"})


def test_fix_leaves_gitignored_files_alone(repo: Path) -> None:
    _write(repo, {".gitignore": "build/\n", "build/copy.md": DAMAGED, "story.md": DAMAGED})
    assert main(["fix", "."]) == 0
    assert (repo / "build" / "copy.md").read_text() == DAMAGED
    assert (repo / "story.md").read_text() != DAMAGED


@pytest.mark.parametrize("command", ["check", "fix", "baseline", "stats"])
def test_no_files_is_a_warning_and_exit_2(repo: Path, capsys, command: str) -> None:
    (repo / "empty").mkdir()
    assert main([command, "empty"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: warning: no article files in 'empty' (extensions: .md,")
    assert err.count("\n") == 1
    assert not (repo / ".newslint-baseline.json").exists()


def test_baseline_prune_of_a_folder_whose_articles_are_gone(repo: Path, capsys) -> None:
    (repo / "news").mkdir()
    (repo / "news" / "vote.md").write_text(DAMAGED)
    assert main(["baseline", "news"]) == 0
    (repo / "news" / "vote.md").unlink()
    assert main(["baseline", "--prune", "news"]) == 0
    assert "Removed 2 stale entries" in capsys.readouterr().out


def test_only_ignored_files_is_no_files(repo: Path, capsys) -> None:
    _write(repo, {".gitignore": "*.md\n", "story.md": DAMAGED})
    assert main(["check", "."]) == 2
    assert "no article files in '.'" in capsys.readouterr().err


def test_extensions_without_the_dot(repo: Path, capsys) -> None:
    _write(repo, {"story.md": DAMAGED, "notes.txt": DAMAGED})
    (repo / ".newslint.yaml").write_text("extensions: [md]\n")
    assert _linted(capsys, ".") == (1, {"story.md"})
    (repo / ".newslint.yaml").write_text("extensions:\n  - '*.md'\n")
    assert main(["check", "."]) == 2
    err = capsys.readouterr().err
    expected = "key 'extensions': '*.md' is not valid (a file extension: .md)"
    assert f"{repo / '.newslint.yaml'}:1: {expected}" in err


def test_gitignore_through_the_installed_command(repo: Path) -> None:
    """The console script, as pre-commit and CI run it."""
    _write(repo, {".gitignore": "drafts/\n", "drafts/idea.md": DAMAGED, "story.md": CLEAN})
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-cache", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
