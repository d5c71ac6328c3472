"""No traceback, ever (issue 11): an exception no code path expected is one line, exit 2; a
feed record that cannot be linted is one line naming the feed and line, and ``fix --jsonl``
keeps every byte it does not fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.app import runner
from newslint.app.cli import main
from newslint.report import REPORTERS, Reporter

ARTICLE = "Headline\n\nThe vote was on tuesday.\n"


def _lines(err: str) -> list[str]:
    assert "Traceback" not in err
    return err.strip().splitlines()


@pytest.fixture
def two_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _crash_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lint`` fails as a bug would, for the article ``name`` only."""
    real = runner.lint

    def lint(doc, rules):  # type: ignore[no-untyped-def]
        if doc.path.endswith(name):
            raise KeyError("a bug")
        return real(doc, rules)

    monkeypatch.setattr(runner, "lint", lint)


def test_a_bug_while_linting_a_file_is_one_line_and_the_run_goes_on(
    two_articles, monkeypatch, capsys
) -> None:
    _crash_on("a.txt", monkeypatch)
    assert main(["check", "--no-cache", "--format", "concise", "a.txt", "b.txt"]) == 2
    captured = capsys.readouterr()
    assert _lines(captured.err) == [
        "newslint: error: internal error while processing a.txt: KeyError: 'a bug' (please"
        " report it; NEWSLINT_DEBUG=1 shows the traceback)"
    ]
    assert captured.out.startswith("b.txt:3:17: NL302")


def test_debug_shows_the_traceback(two_articles, monkeypatch) -> None:
    _crash_on("a.txt", monkeypatch)
    monkeypatch.setenv("NEWSLINT_DEBUG", "1")
    with pytest.raises(KeyError, match="a bug"):
        main(["check", "--no-cache", "a.txt"])


def test_a_bug_outside_any_file_names_the_command(two_articles, monkeypatch, capsys) -> None:
    class Broken(Reporter):
        def render(self, reports, *, color=False, quiet=False):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(REPORTERS, "json", Broken("json", json=True))
    assert main(["check", "--format", "json", "a.txt"]) == 2
    assert _lines(capsys.readouterr().err) == [
        "newslint: error: internal error while processing 'newslint check': ZeroDivisionError:"
        " division by zero (please report it; NEWSLINT_DEBUG=1 shows the traceback)"
    ]


def _feed(tmp_path: Path, *lines: str) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return feed


GOOD = json.dumps({"id": "ok", "text": ARTICLE})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 1, "id": 2, "text": "x"}', "duplicate key 'id'"),
        ('{"id": 1, "meta": {"a": 1, "a": 2}, "text": "x"}', "duplicate key 'a'"),
        ('{"id": 1, "text": "x"} trailing', "not a JSON object (Extra data"),
        ('{"id": 1, "text": "lone \\udc80"}', "field 'text' holds a lone surrogate (\\udc80)"),
        ('{"id": "\\ud800", "text": "x"}', "field 'id' holds a lone surrogate (\\ud800)"),
        (
            '{"id": 1, "text": "x", "deep": ' + "[" * 50_000 + "]" * 50_000 + "}",
            "not a JSON object (nested",
        ),
        ("[1, 2]", "not a JSON object (a JSON list)"),
    ],
)
def test_records_that_cannot_be_linted_are_one_line(tmp_path, capsys, line, message) -> None:
    feed = _feed(tmp_path, GOOD, line, GOOD.replace('"ok"', '"ok2"'))
    assert main(["check", "--format", "concise", "--jsonl", str(feed)]) == 2
    captured = capsys.readouterr()
    (error,) = _lines(captured.err)
    assert error.startswith(f"newslint: error: {feed}:2: {message}")
    assert "#ok:3" in captured.out and "#ok2:3" in captured.out


def test_a_record_over_max_file_size_is_not_linted(tmp_path, capsys) -> None:
    (tmp_path / ".newslint.yaml").write_text("max_file_size: 1000\n", encoding="utf-8")
    big = json.dumps({"id": "big", "text": "Headline\n\n" + "Word on tuesday. " * 100})
    feed = _feed(tmp_path, GOOD, big)
    assert main(["check", "--format", "concise", "--jsonl", str(feed)]) == 2
    captured = capsys.readouterr()
    (error,) = _lines(captured.err)
    assert error == (
        f"newslint: error: {feed}:2: text larger than max_file_size (1000 bytes); not linted"
    )
    assert "#ok:3" in captured.out


def test_fix_replaces_only_the_text_of_a_record(tmp_path) -> None:
    line = (
        '{ "id" : 7,"score":1E+400, "text":"Headline\\n\\nThe vote was on tuesday.\\u0021",'
        ' "tags": ["a" ,"\\u00e9"], "n": -0.0}\r'
    )
    feed = _feed(tmp_path, line)
    output = tmp_path / "fixed.jsonl"
    assert main(["fix", "--jsonl", str(feed), "--output", str(output)]) == 0
    assert output.read_bytes() == (
        b'{ "id" : 7,"score":1E+400, "text":"Headline\\n\\nThe vote was on Tuesday.!",'
        b' "tags": ["a" ,"\\u00e9"], "n": -0.0}\r\n'
    )


def test_a_record_that_cannot_be_fixed_goes_to_the_output_as_it_was(tmp_path) -> None:
    bad = '{"id": 1, "id": 2, "text": "The vote was on tuesday."}'
    feed = _feed(tmp_path, bad, GOOD)
    output = tmp_path / "fixed.jsonl"
    assert main(["fix", "--jsonl", str(feed), "--output", str(output)]) == 2
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == bad
    assert json.loads(lines[1])["text"] == ARTICLE.replace("tuesday", "Tuesday")
