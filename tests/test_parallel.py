"""``-j N``: worker processes give the same output, in the same order, as one process."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import EXAMPLES

from newslint.app.cli import main
from newslint.app.parallel import ordered_map

SEED = EXAMPLES / "seed-article.txt"
STORIES = [
    "Council backs budget\n\nThe council met on tuesday and approved it.\n\nLeave a Comment\n",
    "Storm closes roads\n\nThe storm closed roads across the county. officials said.\n",
    "A clean story\n\nThe mayor opened the new library on Monday, aides said.\n",
    "Talks end\n\nThe talks ended without a deal (the unions said.\n\nShare this article\n",
]


@pytest.fixture
def archive(tmp_path):
    """Twelve articles in two folders: the seed article and short damaged and clean stories."""
    for folder in ("desk-a", "desk-b"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(SEED, tmp_path / folder / "seed.txt")
        for number, story in enumerate(STORIES):
            (tmp_path / folder / f"story-{number}.txt").write_text(story, encoding="utf-8")
    (tmp_path / "desk-b" / "late.md").write_text("# Late\n\nThe vote was on friday.\n")
    return tmp_path


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("fmt", ["text", "json", "concise"])
def test_two_jobs_print_what_one_job_prints(archive, capsys, fmt) -> None:
    one = _run(capsys, "-j", "1", "--format", fmt, str(archive))
    two = _run(capsys, "-j", "2", "--format", fmt, str(archive))
    assert one == two
    assert one[0] == 1 and one[1]


def test_findings_come_in_file_order(archive, capsys) -> None:
    code, out, _ = _run(capsys, "-j", "2", "--format", "json", str(archive))
    paths = [finding["path"] for finding in json.loads(out)]
    order = [os.path.relpath(p, archive) for p in dict.fromkeys(paths)]
    assert order == sorted(order)
    assert {"desk-a/seed.txt", "desk-b/seed.txt", "desk-b/late.md"} <= set(order)
    assert paths.count(str(archive / "desk-b" / "seed.txt")) == 7


def test_fix_with_two_jobs_writes_what_one_job_writes(archive, tmp_path_factory, capsys) -> None:
    other = tmp_path_factory.mktemp("copy") / "archive"
    shutil.copytree(archive, other)
    assert main(["fix", "-j", "1", str(archive)]) == 1
    first = capsys.readouterr().out.replace(str(archive), "ROOT")
    assert main(["fix", "-j", "2", str(other)]) == 1
    second = capsys.readouterr().out.replace(str(other), "ROOT")
    assert first == second and "Fixed" in first
    for path in sorted(archive.rglob("*.*")):
        assert (other / path.relative_to(archive)).read_bytes() == path.read_bytes()
    fixed = (archive / "desk-a" / "seed.txt").read_bytes()
    assert fixed != SEED.read_bytes()


def test_an_unreadable_file_is_reported_in_place(archive, capsys) -> None:
    (archive / "desk-a" / "story-2.txt").write_bytes(b"Caf\xe9 story\n\nThe caf\xe9 opened.\n")
    one = _run(capsys, "-j", "1", str(archive))
    two = _run(capsys, "-j", "2", str(archive))
    assert one == two
    assert one[0] == 2 and "story-2.txt: not valid utf-8" in one[2]
    assert "desk-b/seed.txt" in one[1]  # the files after it are still checked


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_ordered_map_keeps_input_order_across_workers() -> None:
    results = list(ordered_map(_square_and_pid, range(50), 2, batch=3))
    assert [square for square, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid in results}


def test_ordered_map_with_one_job_runs_here() -> None:
    results = list(ordered_map(_square_and_pid, range(5), 1))
    assert results == [(n * n, os.getpid()) for n in range(5)]


def test_batches_hold_about_a_byte_budget() -> None:
    from newslint.app.parallel import batches

    sizes = [10, 30, 70, 5, 200, 1, 1, 1]
    got = list(batches(sizes, lambda n: n, limit=100))
    assert got == [[10, 30, 70], [5, 200], [1, 1, 1]]  # each closes once it holds 100 bytes
    assert list(batches(range(7), lambda n: 0, limit=100, most=3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_ordered_map_sends_byte_sized_batches() -> None:
    results = list(ordered_map(_square_and_pid, range(40), 2, size=lambda n: 1000 * n))
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}


def test_the_default_jobs_are_one_process_for_a_small_run(archive, monkeypatch) -> None:
    from newslint.app import parallel, runner
    from newslint.app.inputs import open_source
    from newslint.app.options import RunOptions

    monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    for jobs, expected in ((None, 1), (2, 2)):  # an explicit -j is honoured
        options = RunOptions(paths=(str(archive),), jobs=jobs)
        source = open_source(options, options.resolver())
        assert source.size == sum(p.stat().st_size for p in archive.rglob("*.*"))
        worker = runner._Worker.build(options, False, True)
        assert worker.jobs(source) == expected
    monkeypatch.setattr(parallel, "SMALL_RUN_BYTES", 1000)  # as if the articles were long
    options = RunOptions(paths=(str(archive),))
    assert (
        runner._Worker.build(options, False, True).jobs(open_source(options, options.resolver()))
        == 2
    )
