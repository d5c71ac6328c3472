"""The command line through main([...]): exit codes, JSON contract, fix, diff, stdin, errors."""

from __future__ import annotations

import io
import json
import shutil
import sys

import pytest
from conftest import EXAMPLES

from newslint.app.cli import main

SEED = EXAMPLES / "seed-article.txt"
CLEAN = "Headline of a clean story\n\nThe council met on Monday and approved the budget.\n"
DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "clean.md").write_text("# A clean story\n\nThe council met on Monday.\n")
    (tmp_path / "damaged.txt").write_text(DAMAGED)
    (tmp_path / "notes.rst").write_text("Leave a Comment\n")  # not an article extension
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "story.markdown").write_text("# Title\n\nThe talks ended. the delegates left.\n")
    return tmp_path


def test_exit_0_on_clean_file(tmp_path, capsys) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    assert main(["check", "--quiet", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_exit_1_on_findings_with_text_format(capsys) -> None:
    assert main(["check", str(SEED)]) == 1
    out = capsys.readouterr().out
    name_case = "warning NL303(name-case) Name in lower case? The article writes 'lloyd austin'"
    assert f"{SEED}:15:22: {name_case}" in out
    assert "15 | Secretary of Defense lloyd austinSpeaking" in out
    assert "   |                      ^^^^^^^^^^^^\n" in out
    assert out.rstrip().endswith(
        "Found 7 findings (4 fixable with `newslint fix`;"
        " 3 more with `newslint fix --unsafe-fixes`)."
    )


def test_fail_on_threshold(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nThe vote was on tuesday.\n")  # a warning only
    assert main(["check", str(path)]) == 1
    assert main(["check", "--fail-on", "error", str(path)]) == 0


def test_json_contract(capsys) -> None:
    assert main(["check", "--format", "json", str(SEED)]) == 1
    findings = json.loads(capsys.readouterr().out)
    text = SEED.read_text(encoding="utf-8")
    assert len(findings) == 7
    keys = {
        "path",
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "fix",
    }
    for finding in findings:
        assert set(finding) == keys
        assert finding["path"] == str(SEED)
        lines = text.split("\n")
        line = lines[finding["line"] - 1]
        assert (
            line[finding["column"] - 1 : finding["end_column"] - 1]
            == text[finding["start"] : finding["end"]]
        )
    glued = next(f for f in findings if f["rule"] == "NL101")
    assert glued["name"] == "glued-caption" and glued["category"] == "artifact"
    assert glued["severity"] == "error"
    assert text[glued["start"] : glued["end"]] == "austinSpeaking"
    assert glued["fix"]["applicability"] == "unsafe"
    edit = glued["fix"]["edits"][0]
    assert text[edit["start"] : edit["start"] + 8] == "Speaking" and edit["replacement"] == "\n\n"
    quote = next(f for f in findings if f["rule"] == "NL401")
    assert quote["fix"]["title"] == "Close the quotation at the end of its paragraph"


def test_json_offsets_after_astral_characters(tmp_path, capsys) -> None:
    path = tmp_path / "emoji.txt"
    path.write_text("Headline 🎉\n\n🎉🎉 The vote was on tuesday.\n", encoding="utf-8")
    main(["check", "--format", "json", str(path)])
    (finding,) = json.loads(capsys.readouterr().out)
    assert (finding["line"], finding["column"], finding["start"]) == (3, 20, 31)


def test_fix_writes_and_reports(tmp_path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    assert main(["fix", str(path)]) == 0
    assert path.read_text() == "Headline\n\nThe vote was on Tuesday.\n"
    assert f"Fixed 2 findings in {path}" in capsys.readouterr().out


def test_fix_reports_remaining_and_unsafe_needs_opt_in(tmp_path, capsys) -> None:
    path = tmp_path / "seed.txt"
    shutil.copyfile(SEED, path)
    assert main(["fix", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"Fixed 4 findings in {path}" in out
    assert "NL303(name-case)" in out  # a name's case is an editor's call: an unsafe fix
    assert "NL101(glued-caption)" in out and "NL401(unclosed-quote)" in out
    assert main(["fix", "--unsafe-fixes", str(path)]) == 0


def test_diff_writes_nothing(tmp_path, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED)
    before = path.stat().st_mtime_ns
    assert (
        main(["fix", "--diff", str(path)]) == 1
    )  # a diff: fix would change the file (as ruff --diff)
    out = capsys.readouterr().out
    assert "-The vote was on tuesday.\n-\n-Leave a Comment\n+The vote was on Tuesday.\n" in out
    assert path.read_text() == DAMAGED and path.stat().st_mtime_ns == before


def test_fix_keeps_crlf_and_bom(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        b"\xef\xbb\xbfHeadline\r\n\r\nThe vote was on tuesday.\r\n\r\nLeave a Comment\r\n"
    )
    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == b"\xef\xbb\xbfHeadline\r\n\r\nThe vote was on Tuesday.\r\n"


def test_unchanged_file_is_not_rewritten(tmp_path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN)
    before = path.stat().st_mtime_ns
    assert main(["fix", str(path)]) == 0
    assert path.stat().st_mtime_ns == before


def test_stdin_check_and_fix(monkeypatch, capsys) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(DAMAGED.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["check", "--format", "json", "-", "--stdin-filename", "news/a.txt"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["path"] for f in findings} == {"news/a.txt"}
    stdin = io.TextIOWrapper(io.BytesIO(DAMAGED.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["fix", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Headline\n\nThe vote was on Tuesday.\n"
    assert "Fixed 2 findings in -" in captured.err


def test_directory_walk(articles, capsys) -> None:
    assert main(["check", "--format", "json", str(articles)]) == 1
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)}
    assert paths == {str(articles / "damaged.txt"), str(articles / "desk" / "story.markdown")}


def test_directory_walk_honours_exclude_and_extensions(articles, capsys) -> None:
    (articles / ".newslint.yaml").write_text("exclude: ['desk/']\nextensions: [.txt, .rst]\n")
    assert main(["check", "--format", "json", str(articles)]) == 1
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)}
    assert paths == {str(articles / "damaged.txt"), str(articles / "notes.rst")}


def test_config_unknown_key_exit_2(tmp_path, capsys) -> None:
    (tmp_path / ".newslint.yaml").write_text("select: [all]\nignroe: [NL101]\n")
    (tmp_path / "a.txt").write_text(CLEAN)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{tmp_path / '.newslint.yaml'}:2: unknown key 'ignroe'" in err


def test_missing_file_exit_2(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    assert (
        capsys.readouterr().err
        == f"newslint: error: {tmp_path / 'nope.txt'}: no such file or directory\n"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (
            b"Headline\n\nCaf\xe9 society met on tuesday.\n",
            "not valid utf-8: byte 0xe9 at offset 13",
        ),
    ],
)
def test_bad_input_exit_2_file_untouched(tmp_path, capsys, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    for command in (["check"], ["fix"], ["fix", "--unsafe-fixes"]):
        assert main([*command, str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err and message in err
    assert path.read_bytes() == data


def test_encoding_option_reads_legacy_files(tmp_path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Headline\n\nCafé society met on tuesday.\n".encode("latin-1"))
    assert main(["fix", "--encoding", "latin-1", str(path)]) == 0
    assert path.read_bytes() == "Headline\n\nCafé society met on Tuesday.\n".encode("latin-1")


def test_select_and_ignore(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    main(["check", "--format", "json", "--select", "casing", str(path)])
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)} == {"NL302"}
    assert main(["check", "--ignore", "NL302,boilerplate", str(path)]) == 0
    assert main(["check", "--select", "nonsense", str(path)]) == 2
    assert "no rule, category or pack matches 'nonsense'" in capsys.readouterr().err


def test_rules_and_explain(capsys) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["ID", "NAME", "CATEGORY", "SEVERITY", "FIXABLE", "PACK"]
    assert any(
        line.split()[:6] == ["NL101", "glued-caption", "artifact", "error", "unsafe", "artifact"]
        for line in out.splitlines()
    )
    assert main(["explain", "glued-caption"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NL101 glued-caption\n")
    assert "Bad:\n  Secretary of Defense lloyd austinSpeaking" in out
    assert main(["explain", "NL999"]) == 2


def test_usage_error_exit_2(capsys) -> None:
    assert main(["check", "--format", "nope"]) == 2
    assert main(["frobnicate"]) == 2
