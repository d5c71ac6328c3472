"""Odd, huge, broken or vanishing input: a correct result or one clear line and exit 2.

Never a traceback and never a partly written file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.app import files, inputs
from newslint.app.api import fix_text, lint_text
from newslint.app.cli import main

DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"
FIXED = "Headline\n\nThe vote was on Tuesday.\n"


def _one_line_error(err: str, *needles: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newslint: error: ")
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  ", b"\r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_and_blank_files_are_clean_and_untouched(tmp_path, capsys, data) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    assert main(["check", str(path)]) == 0
    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == data
    assert "error" not in capsys.readouterr().err
    assert lint_text(data.decode("utf-8-sig")) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 8, "binary file (contains NUL bytes)"),
        (b"Headline\n\nThe vote\x00 was on tuesday.\n", "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n" + b"\xde\xad\xbe\xef" * 64, "not valid utf-8: byte 0x89 at offset 0"),
        (b"Headline\n\nCaf\xe9 met on tuesday.\n", "not valid utf-8: byte 0xe9 at offset 13"),
    ],
)
def test_binary_and_undecodable_files_fail_in_one_line(tmp_path, capsys, data, message) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert main(["fix", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, str(path), message)
    assert path.read_bytes() == data


def test_nul_characters_through_the_api_are_just_text() -> None:
    text = "Headline\n\nThe vote\x00 was on tuesday.\n"
    (finding,) = lint_text(text)
    assert (finding.rule, finding.line, finding.column) == ("NL302", 3, 18)
    assert fix_text(text).text == "Headline\n\nThe vote\x00 was on Tuesday.\n"


def test_legacy_encoding_option_decodes_and_writes_back_the_same_bytes(tmp_path, capsys) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Headline\r\n\r\nCafé “society” met on tuesday.\r\n".encode("cp1252"))
    assert main(["fix", str(path)]) == 2
    assert "--encoding" in capsys.readouterr().err
    assert main(["fix", "--encoding", "cp1252", str(path)]) == 0
    assert path.read_bytes() == "Headline\r\n\r\nCafé “society” met on Tuesday.\r\n".encode(
        "cp1252"
    )
    assert main(["check", "--encoding", "no-such-codec", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, "unknown encoding 'no-such-codec'")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_bom_are_decoded_and_written_back_alike(
    tmp_path, capsys, codec
) -> None:
    path = tmp_path / "wide.txt"
    before = "\ufeffHeadline 🎉\r\n\r\nThe vote was on tuesday.\r\n"
    path.write_bytes(before.encode(codec))
    assert main(["check", "--format", "json", str(path)]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert (finding["rule"], finding["line"], finding["column"]) == ("NL302", 3, 17)
    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == before.replace("tuesday", "Tuesday").encode(codec)


def test_utf16_without_bom_is_refused_as_binary(tmp_path, capsys) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nThe vote.\n".encode("utf-16-le"))
    assert main(["check", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, "binary file")


def _timed(argv: list[str]) -> tuple[int, float]:
    start = time.monotonic()
    code = main(argv)
    return code, time.monotonic() - start


def test_a_20_mb_single_line_is_refused_fast_and_untouched(tmp_path, capsys) -> None:
    path = tmp_path / "huge.txt"
    data = b"The council met on tuesday and agreed the budget. " * 400_000  # 20.4 MB
    path.write_bytes(data)
    code, seconds = _timed(["fix", str(path)])
    assert code == 2 and seconds < 2
    _one_line_error(capsys.readouterr().err, str(path), "larger than max_file_size")
    assert path.stat().st_size == len(data)


def test_a_million_short_lines_are_refused_fast(tmp_path, capsys) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"A short line.\n" * 1_000_000)
    code, seconds = _timed(["check", str(path)])
    assert code == 2 and seconds < 2
    _one_line_error(capsys.readouterr().err, "larger than max_file_size (1000000 bytes)")


def test_standard_input_has_the_same_size_limit(monkeypatch, capsys) -> None:
    stdin = type("Stdin", (), {"buffer": __import__("io").BytesIO(b"x" * 2_000_000)})()
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["fix", "-", "--stdin-filename", "big.txt"]) == 2
    _one_line_error(capsys.readouterr().err, "big.txt", "larger than max_file_size")


def test_the_size_limit_is_configurable(tmp_path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\n" + "The vote was on tuesday. " * 6 + "\n")  # 161 bytes
    config = tmp_path / ".newslint.yaml"
    config.write_text("max_file_size: 160\n")
    assert main(["check", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, "larger than max_file_size (160 bytes)")
    config.write_text("max_file_size: 161\n")
    assert main(["check", str(path)]) == 1
    config.write_text("max_file_size: 0  # no limit\n")
    assert main(["check", str(path)]) == 1
    config.write_text("max_file_size: 1MB\n")
    assert main(["check", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, f"{config}:1: key 'max_file_size': expected integer")


def test_largest_allowed_single_line_is_linted_and_fixed_correctly(tmp_path, capsys) -> None:
    """Just under the default limit (1 MB) on one line: a representative worst case."""
    path = tmp_path / "one-line.txt"
    text = "".join(f"Meeting {i} of the council was on tuesday. " for i in range(20_000))
    path.write_text(text + "\n")  # 940 kB, 20,000 findings
    code, seconds = _timed(["fix", str(path)])
    assert code == 0 and seconds < 30
    assert path.read_text() == text.replace("tuesday", "Tuesday") + "\n"


def test_many_short_lines_are_linted_correctly(tmp_path, capsys) -> None:
    """20,000 one-line paragraphs (280 kB): each line's finding, with its own line number."""
    path = tmp_path / "lines.txt"
    path.write_text("Headline\n" + "They met on tuesday.\n" * 20_000)
    code, seconds = _timed(["check", "--format", "json", "--select", "NL302", str(path)])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1 and seconds < 30
    assert [f["line"] for f in findings] == list(range(2, 20_002))
    assert {f["column"] for f in findings} == {13}


def test_deeply_nested_quotes_and_brackets(tmp_path, capsys) -> None:
    path = tmp_path / "nested.txt"
    depth = 20_000
    text = (
        "Headline\n\n"
        + "He said "
        + "“" * depth
        + "yes"
        + "”" * depth
        + " on tuesday.\n\n"
        + "(" * depth
        + "\n"
    )
    path.write_text(text)
    code, seconds = _timed(["check", "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1 and seconds < 10
    rules = {f["rule"] for f in findings}
    assert "NL302" in rules  # tuesday, outside the (closed) quotes
    # a paragraph of 20,000 brackets is no prose (core.quotes.MANY_MARKS): none is unbalanced
    assert not any(f["line"] == 5 for f in findings)
    path.write_text(text.replace("(" * depth, "The plan (first shown in May was dropped."))
    code, seconds = _timed(["check", "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["line"]) for f in findings if f["rule"] == "NL402"] == [("NL402", 5)]


def test_directory_symlink_loop_is_walked_once(tmp_path, capsys) -> None:
    desk = tmp_path / "desk"
    (desk / "inner").mkdir(parents=True)
    (desk / "inner" / "story.txt").write_text(DAMAGED)
    (desk / "inner" / "loop").symlink_to(desk, target_is_directory=True)
    (desk / "self").symlink_to(".", target_is_directory=True)
    code, seconds = _timed(["check", "--format", "json", str(desk)])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1 and seconds < 10
    assert {f["path"] for f in findings} == {str(desk / "inner" / "story.txt")}


def test_read_only_file_is_an_error_and_untouched_others_are_fixed(tmp_path, capsys) -> None:
    locked, open_ = tmp_path / "a-locked.txt", tmp_path / "b-open.txt"
    locked.write_text(DAMAGED)
    open_.write_text(DAMAGED)
    locked.chmod(0o444)
    assert main(["fix", str(tmp_path)]) == 2
    _one_line_error(capsys.readouterr().err, str(locked), "read-only; left unchanged")
    assert locked.read_text() == DAMAGED
    assert open_.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-locked.txt", "b-open.txt"]


def test_file_vanishing_before_it_is_read(tmp_path, monkeypatch, capsys) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(DAMAGED)
    second.write_text(DAMAGED)
    real = inputs.read_bytes

    def read_and_delete_the_next(path: Path, limit: int = 0) -> bytes:
        if path.name == "a.txt":
            second.unlink()
        return real(path, limit)

    monkeypatch.setattr(inputs, "read_bytes", read_and_delete_the_next)
    assert main(["fix", str(tmp_path)]) == 2
    _one_line_error(capsys.readouterr().err, str(second), "no such file")
    assert first.read_text() == FIXED and not second.exists()


def test_file_vanishing_before_it_is_written_is_not_recreated(
    tmp_path, monkeypatch, capsys
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    real = inputs.write_atomic

    def delete_then_write(target: Path, data: bytes, **options: object) -> None:
        target.unlink()
        real(target, data, **options)

    monkeypatch.setattr(inputs, "write_atomic", delete_then_write)
    assert main(["fix", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, str(path), "cannot write")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_interrupt_while_writing_leaves_the_original(tmp_path, monkeypatch, capsys, where) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, where, interrupted)
    assert main(["fix", str(path)]) == 130
    _one_line_error(capsys.readouterr().err, "interrupted")
    assert path.read_text() == DAMAGED
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_sigint_during_a_fix_run_leaves_each_file_original_or_fixed(tmp_path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    paths = [desk / f"story{i:03}.txt" for i in range(300)]
    for path in paths:
        path.write_text(DAMAGED)
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint.app.cli", "fix", str(desk)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    deadline = time.monotonic() + 20
    while paths[0].read_text() != FIXED and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    contents = [p.read_text() for p in paths]
    assert set(contents) <= {DAMAGED, FIXED}
    assert sorted(os.listdir(desk)) == sorted(p.name for p in paths)  # no temporary files
    if process.returncode == 130:  # interrupted before the end, as intended
        assert err.decode().strip() == "newslint: error: interrupted"
        assert contents.count(FIXED) < len(paths)
    else:  # the run was faster than the signal
        assert process.returncode == 0 and set(contents) == {FIXED}
