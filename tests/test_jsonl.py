"""``--jsonl``: article feeds as JSON Lines, findings keyed by record id, fix writes a new feed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newslint.app.cli import main
from newslint.app.progress import Progress

RECORDS = [
    {"id": "a1", "title": "Vote", "body": "Vote held\n\nThe vote was on tuesday.\n"},
    {"id": "a2", "title": "Clean", "body": "Library opens\n\nThe mayor opened it on Monday.\n"},
    {"id": 7, "title": "Chrome", "body": "Storm\n\nRoads closed on Friday.\n\nLeave a Comment\n"},
]


def _feed(path, records=RECORDS) -> str:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def feed(tmp_path) -> str:
    return _feed(tmp_path / "feed.jsonl")


def test_findings_carry_the_record_id(feed, capsys) -> None:
    code = main(["check", "--jsonl", feed, "--text-field", "body", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["record"], f["path"], f["rule"]) for f in findings] == [
        ("a1", f"{feed}#a1", "NL302"),
        ("7", f"{feed}#7", "NL201"),
    ]
    assert (findings[0]["line"], findings[0]["column"], findings[0]["end_column"]) == (3, 17, 24)


def test_text_format_names_file_and_record(feed, capsys) -> None:
    assert main(["check", "--jsonl", feed, "--text-field", "body"]) == 1
    out = capsys.readouterr().out
    assert f"{feed}#a1:3:17: warning NL302" in out
    assert "3 | The vote was on tuesday." in out
    assert out.endswith("Found 2 findings (2 fixable with `newslint fix`).\n")


def test_a_bad_record_names_file_and_line(tmp_path, capsys) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(RECORDS[0]), "{not json", json.dumps({"id": "x"}), json.dumps(RECORDS[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["check", "--jsonl", str(path), "--text-field", "body", "--format", "concise"])
    captured = capsys.readouterr()
    assert code == 2
    errors = captured.err.splitlines()
    assert errors[0].startswith(f"newslint: error: {path}:2: not a JSON object")
    assert errors[1] == f"newslint: error: {path}:3: no field 'body'"
    assert f"{path}#a1:3:17: NL302" in captured.out and f"{path}#7:5:1: NL201" in captured.out


def test_a_missing_feed_is_an_error(tmp_path, capsys) -> None:
    assert main(["check", "--jsonl", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl: cannot read" in capsys.readouterr().err


def test_fix_writes_a_new_feed_and_keeps_the_input(feed, tmp_path, capsys) -> None:
    before = Path(feed).read_bytes()
    output = tmp_path / "fixed.jsonl"
    code = main(["fix", "--jsonl", feed, "--text-field", "body", "--output", str(output)])
    assert code == 0
    assert Path(feed).read_bytes() == before
    lines = output.read_bytes().splitlines(keepends=True)
    assert lines[1] == before.splitlines(keepends=True)[1]  # unchanged records byte for byte
    records = [json.loads(line) for line in lines]
    assert records[0] == {**RECORDS[0], "body": "Vote held\n\nThe vote was on Tuesday.\n"}
    assert records[2]["body"] == "Storm\n\nRoads closed on Friday.\n"
    assert records[2]["id"] == 7 and records[2]["title"] == "Chrome"
    assert f"Fixed 1 finding in {feed}#a1" in capsys.readouterr().out


def test_fix_to_standard_output_reports_on_stderr(feed, capsys) -> None:
    assert main(["fix", "--jsonl", feed, "--text-field", "body", "--unsafe-fixes"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2", 7]
    assert "Tuesday" in records[0]["body"]
    assert "Fixed 1 finding" in captured.err


def test_paths_and_jsonl_do_not_mix(feed, tmp_path, capsys) -> None:
    assert main(["check", "--jsonl", feed, str(tmp_path)]) == 2
    assert "give no PATH" in capsys.readouterr().err


def test_two_jobs_on_a_large_feed_match_one_job(tmp_path, capsys) -> None:
    filler = "".join(f"\n\nResident {n} asked the council about the plan." for n in range(60))
    many = [
        {**record, "id": f"{n}-{record['id']}", "body": record["body"] + filler}
        for n in range(100)
        for record in RECORDS
    ]
    feed = _feed(tmp_path / "big.jsonl", many)
    assert (tmp_path / "big.jsonl").stat().st_size > 256 * 1024  # big enough for workers
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "-j", jobs, "--jsonl", feed, "--text-field", "body"])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1
    first, last = f"{feed}#0-a1:3:17: warning NL302", f"{feed}#99-7:5:1: error NL201"
    assert outputs[0][1].startswith(first) and last in outputs[0][1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress("feed.jsonl", 1000, stream)
        progress.advance(500)
        progress.close()
    assert "\rfeed.jsonl [###############---------------]  50% 1 lines" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[2K")
    assert pipe.getvalue() == ""


def test_exit_non_zero_on_fix_counts_fixed_records(feed, tmp_path, capsys) -> None:
    args = ["fix", "--jsonl", feed, "--text-field", "body", "--output", str(tmp_path / "out")]
    assert main([*args, "--exit-non-zero-on-fix"]) == 1
    fixed = ["fix", "--jsonl", str(tmp_path / "out"), "--text-field", "body"]
    assert main([*fixed, "--output", str(tmp_path / "again"), "--exit-non-zero-on-fix"]) == 0
    assert (tmp_path / "again").read_bytes() == (tmp_path / "out").read_bytes()


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_fixed_feed_keeps_a_record_a_line_for_every_line_reader(tmp_path, capsys, separator):
    """Line breaks that JSON may leave raw (NEL, U+2028, U+2029) are written escaped, as the
    feed wrote them, so a reader splitting on every line break (Python's splitlines) still
    sees one record a line; the json-lines report likewise (here in the record's id)."""
    body = f"Vote held{separator}The vote was on tuesday.{separator}Share this article"
    ident = f"a{separator}1"
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": ident, "body": body}) + "\n", encoding="utf-8")
    fixed = tmp_path / "fixed.jsonl"
    args = ["--jsonl", str(path), "--text-field", "body"]
    assert main(["fix", *args, "--output", str(fixed)]) == 0
    lines = fixed.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == {
        "id": ident,
        "body": f"Vote held{separator}The vote was on Tuesday.",
    }
    capsys.readouterr()
    assert main(["check", *args, "--format", "json-lines"]) == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["record"], f["rule"]) for f in findings] == [(ident, "NL302"), (ident, "NL202")]
