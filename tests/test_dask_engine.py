"""``--engine dask`` on a LocalCluster of one and of two workers gives what a local run gives:
the same findings and errors, the same fixed feed; Parquet in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from newslint.app.cli import main  # noqa: E402

NAV = "Home | News | Sport | Weather"
STORIES = [
    "The council approved the levee budget after a long night of debate about the river.",
    "Schools across the county will open an hour later next autumn under the new plan.",
    "The old mill on Route 9 will become a library once the repairs to its roof are done.",
    "Farmers along the valley say the late frost has cost them most of this year's apples.",
    "A new bus line will link the hospital with the railway station from the first of June.",
]


def _records(count: int) -> list[dict]:
    records = []
    for n in range(count):
        site = ("courier", "gazette", "herald")[n % 3]
        story = STORIES[n % 5].replace("The ", f"Story {n}: the ", 1)
        text = f"{site.title()} News\n{NAV}\n{story}\nIt was a tuesday.\nLeave a Comment\n"
        records.append({"id": f"r{n}", "url": f"https://{site}.example/{n}", "text": text})
    return records


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    lines = [json.dumps(r) for r in _records(60)]
    lines.insert(7, "{not json")  # reported with its line number by both engines
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_check_on_dask_matches_a_local_run(feed, capsys, workers) -> None:
    args = ["check", "--corpus", "--format", "concise", "--jsonl", str(feed)]
    local = _run(capsys, *args)
    dask = _run(capsys, *args, "--engine", "dask", "-j", workers, "--partition-size", "0.002")
    assert dask == local
    assert local[0] == 2 and f"{feed}:8: not a JSON object" in local[2]
    # 20 pages a site, each story four times (digits fold): its copies are not other pages
    assert "NL220 Line repeated on 16 other pages" in local[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_fix_on_dask_writes_the_feed_a_local_run_writes(feed, tmp_path, capsys, workers) -> None:
    args = ["fix", "--corpus", "--unsafe-fixes", "--jsonl", str(feed)]
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main([*args, "--output", str(local)]) == 2  # the bad line
    extra = ["--engine", "dask", "-j", workers, "--partition-size", "0.002"]
    assert main([*args, "--output", str(dask), *extra]) == 2
    capsys.readouterr()
    assert dask.read_bytes() == local.read_bytes()
    fixed = [json.loads(line) for line in local.read_text().splitlines() if line.startswith('{"')]
    # every line but the story is on every page of the site: all of it goes
    assert fixed[0]["text"] == STORIES[0].replace("The ", "Story 0: the ", 1) + "\n"


def test_parquet_in_and_out(feed, tmp_path, capsys) -> None:
    records = _records(60)
    table = pa.Table.from_pylist(records)
    source = tmp_path / "feed.parquet"
    pq.write_table(table, source, row_group_size=10)
    clean = tmp_path / "clean.jsonl"
    clean.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    local = _run(capsys, "check", "--corpus", "--format", "json-lines", "--jsonl", str(clean))
    target = tmp_path / "findings.parquet"
    code = main(
        [
            "check",
            "--corpus",
            "--engine",
            "dask",
            "-j",
            "2",
            "--partition-size",
            "0.001",
            "--jsonl",
            str(source),
            "--output-file",
            str(target),
        ]
    )
    capsys.readouterr()
    assert code == local[0] == 1
    rows = pq.read_table(target).to_pylist()
    expected = [json.loads(line) for line in local[1].splitlines()]
    assert len(rows) == len(expected) > 0
    for row, want in zip(rows, expected, strict=True):
        assert row["record"] == want["record"] and row["rule"] == want["rule"]
        assert (row["line"], row["column"], row["message"]) == (
            want["line"],
            want["column"],
            want["message"],
        )
        assert json.loads(row["fix"]) == want["fix"]
    fixed = tmp_path / "fixed.parquet"
    fix = ["fix", "--engine", "dask", "-j", "1", "--jsonl", str(source), "--output", str(fixed)]
    assert main(fix) == 0  # all fixed
    capsys.readouterr()
    out = pq.read_table(fixed).to_pylist()
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert all("It was a Tuesday." in r["text"] for r in out)
    assert out[0]["url"] == records[0]["url"]


def test_engine_dask_needs_a_feed(tmp_path, capsys) -> None:
    code, _, err = _run(capsys, "check", "--engine", "dask", str(tmp_path))
    assert code == 2 and "give it with --jsonl FEED" in err
