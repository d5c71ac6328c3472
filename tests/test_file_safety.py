"""What ``check``, ``fix``, ``baseline`` and ``init`` may read and write (issue 11): symlinks,
special files, hard links, edits saved meanwhile. The attacks themselves are in tests/security/;
these are the cases a user meets on purpose."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from newslint.app import files
from newslint.app.cli import main

DAMAGED = "Headline\n\nThe vote was on tuesday.\n"
FIXED = "Headline\n\nThe vote was on Tuesday.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project as the current directory, and a folder outside it."""
    root = tmp_path / "project"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (tmp_path / "outside").mkdir()
    monkeypatch.chdir(root)
    return root


def _error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: "), err
    return lines[0]


def test_follow_symlinks_fixes_the_target_and_keeps_the_link(project: Path) -> None:
    target = project.parent / "outside" / "story.txt"
    target.write_text(DAMAGED)
    (project / "story.txt").symlink_to(target)
    assert main(["fix", "--follow-symlinks", "story.txt"]) == 0
    assert target.read_text() == FIXED
    assert (project / "story.txt").is_symlink()


def test_walk_takes_symlinked_files_only_when_asked(project: Path, capsys) -> None:
    (project / "desk").mkdir()
    (project / "real.txt").write_text(DAMAGED)
    (project / "desk" / "alias.txt").symlink_to(project / "real.txt")
    assert main(["check", "--format", "concise", "desk", "real.txt"]) == 1
    assert "alias.txt" not in capsys.readouterr().out
    assert main(["check", "--format", "concise", "--follow-symlinks", "desk"]) == 1
    assert "desk/alias.txt:3:" in capsys.readouterr().out


def test_named_symlink_inside_the_project_is_checked_not_fixed(project: Path, capsys) -> None:
    (project / "real.txt").write_text(DAMAGED)
    (project / "alias.txt").symlink_to("real.txt")
    assert main(["check", "--format", "concise", "alias.txt"]) == 1
    assert "alias.txt:3:" in capsys.readouterr().out
    assert main(["fix", "alias.txt"]) == 2
    line = _error_line(capsys.readouterr().err)
    assert "alias.txt: a symlink; not written through (--follow-symlinks" in line
    assert (project / "real.txt").read_text() == DAMAGED


def test_named_symlink_out_of_the_project_is_not_read(project: Path, capsys) -> None:
    secret = project.parent / "outside" / "notes.txt"
    secret.write_text("Private\n\nMy PIN-4417 is due on tuesday.\n")
    (project / "notes.txt").symlink_to(secret)
    assert main(["check", "notes.txt"]) == 2
    captured = capsys.readouterr()
    line = _error_line(captured.err)
    assert "notes.txt: a symlink to a file outside the project" in line
    assert "PIN-4417" not in captured.out + captured.err
    assert main(["check", "--format", "concise", "--follow-symlinks", "notes.txt"]) == 1


def _without_blocking(args: list[str]) -> int:
    """``main(args)`` in a thread: a run blocked on a FIFO fails the test instead of hanging."""
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(args)), daemon=True)
    thread.start()
    thread.join(20)
    assert codes, f"newslint {' '.join(args)} blocked"
    return codes[0]


def test_a_fifo_is_left_out_of_the_walk_and_refused_when_named(project: Path, capsys) -> None:
    os.mkfifo(project / "pipe.txt")
    (project / "real.txt").write_text(DAMAGED)
    assert _without_blocking(["check", "--format", "concise", "."]) == 1
    assert "pipe.txt" not in capsys.readouterr().out
    assert _without_blocking(["check", "pipe.txt"]) == 2
    assert "pipe.txt: not a regular file" in _error_line(capsys.readouterr().err)


def test_hard_linked_article_is_left_whole_with_an_error(project: Path, capsys) -> None:
    (project / "a.txt").write_text(DAMAGED)
    os.link(project / "a.txt", project / "b.txt")
    assert main(["fix", "a.txt"]) == 2
    assert "a.txt: has 2 hard links; left unchanged" in _error_line(capsys.readouterr().err)
    assert os.path.samefile(project / "a.txt", project / "b.txt")
    assert (project / "b.txt").read_text() == DAMAGED


def test_fix_keeps_the_mode_of_the_file(project: Path) -> None:
    article = project / "a.txt"
    article.write_text(DAMAGED)
    article.chmod(0o640)
    assert main(["fix", "a.txt"]) == 0
    assert article.read_text() == FIXED
    assert article.stat().st_mode & 0o777 == 0o640


def test_edit_saved_meanwhile_wins(project: Path, monkeypatch, capsys) -> None:
    """The fixed text is computed from what was read; an editor's newer version is kept."""
    article = project / "a.txt"
    article.write_text(DAMAGED)
    edited = DAMAGED + "\nA paragraph the editor added.\n"
    real = files.os.fsync

    def save_while_writing(fd: int) -> None:
        real(fd)
        article.write_text(edited)

    monkeypatch.setattr(files.os, "fsync", save_while_writing)
    assert main(["fix", "a.txt"]) == 2
    assert "a.txt: changed while it was being fixed" in _error_line(capsys.readouterr().err)
    assert article.read_text() == edited
    assert sorted(p.name for p in project.iterdir()) == [".git", "a.txt"]  # no temporary file


def test_baseline_is_written_atomically_with_the_usual_mode(project: Path) -> None:
    (project / "a.txt").write_text(DAMAGED)
    old = os.umask(0o022)
    try:
        assert main(["baseline", "a.txt"]) == 0
    finally:
        os.umask(old)
    baseline = project / ".newslint-baseline.json"
    assert baseline.stat().st_mode & 0o777 == 0o644
    assert '"rule": "NL302"' in baseline.read_text()


def test_init_writes_through_no_symlink(project: Path, capsys) -> None:
    target = project.parent / "outside" / "planted.yaml"
    (project / ".newslint.yaml").symlink_to(target)  # dangling
    assert main(["init"]) == 2
    assert ".newslint.yaml: cannot write: File exists" in _error_line(capsys.readouterr().err)
    assert not target.exists()


def test_a_baseline_that_is_no_regular_file_is_an_error(project: Path, capsys) -> None:
    """A committed ``.newslint-baseline.json -> /dev/zero`` would be read for ever."""
    (project / "a.txt").write_text(DAMAGED)
    (project / ".newslint-baseline.json").symlink_to("/dev/zero")
    assert _without_blocking(["check", "a.txt"]) == 1  # not taken for a baseline
    assert _without_blocking(["check", "--baseline", ".newslint-baseline.json", "a.txt"]) == 2
    line = _error_line(capsys.readouterr().err)
    assert ".newslint-baseline.json: not a regular file" in line
