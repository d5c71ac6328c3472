"""``newslint vale``: Vale's command line, outputs (line, JSON, CLI) and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vale_helpers import vale, write

pytest.importorskip("pyromark")

STYLE = {
    ".vale.ini": "StylesPath = s\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = News\n",
    "s/News/Todo.yml": """
        extends: existence
        message: "'%s' left in text"
        level: error
        tokens: [TODO, FIXME]
        """,
    "s/News/Hedge.yml": """
        extends: existence
        message: "Consider removing '%s'"
        level: warning
        action:
          name: remove
        tokens: [very]
        """,
    "b.md": "# Notes\n\nA very fine TODO.\n",
    "a.txt": "FIXME now.\n",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write(tmp_path, STYLE)


def test_line_output_sorted_with_exit_status_1_on_an_error(root, monkeypatch, capsys) -> None:
    status, out, err = vale(monkeypatch, capsys, root, "b.md", "a.txt")
    assert out == (
        "a.txt:1:1:News.Todo:'FIXME' left in text\n"
        "b.md:3:3:News.Hedge:Consider removing 'very'\n"
        "b.md:3:13:News.Todo:'TODO' left in text\n"
    )
    assert (status, err) == (1, "")


def test_no_exit_and_min_alert_level(root, monkeypatch, capsys) -> None:
    status, out, _ = vale(monkeypatch, capsys, root, "--no-exit", "b.md")
    assert status == 0 and out.count("\n") == 2
    status, out, _ = vale(monkeypatch, capsys, root, "--minAlertLevel=error", "b.md")
    assert out == "b.md:3:13:News.Todo:'TODO' left in text\n"


def test_warnings_alone_exit_0(root, monkeypatch, capsys) -> None:
    status, out, _ = vale(monkeypatch, capsys, root, "--filter=.Level == 'warning'", "b.md")
    assert (status, out) == (0, "b.md:3:3:News.Hedge:Consider removing 'very'\n")


def test_json_output_is_vales(root, monkeypatch, capsys) -> None:
    status, out, _ = vale(monkeypatch, capsys, root, "--output=JSON", "b.md")
    data = json.loads(out)
    assert list(data) == ["b.md"]
    first = data["b.md"][0]
    assert list(first) == [
        "Action",
        "Span",
        "Check",
        "Description",
        "Link",
        "Message",
        "Severity",
        "Match",
        "Line",
    ]
    assert first["Action"] == {"Name": "remove", "Params": None}
    assert first["Span"] == [3, 6]
    assert (first["Check"], first["Match"], first["Line"]) == ("News.Hedge", "very", 3)


def test_cli_output_has_a_summary(root, monkeypatch, capsys) -> None:
    status, out, _ = vale(monkeypatch, capsys, root, "--output=CLI", "b.md")
    assert "3:13" in out and "News.Todo" in out
    assert out.rstrip().endswith("1 error, 1 warning and 0 suggestions in 1 file.")


def test_text_argument_and_stdin(root, monkeypatch, capsys) -> None:
    _, out, _ = vale(monkeypatch, capsys, root, "A TODO in a string.")
    assert out == "stdin.txt:1:3:News.Todo:'TODO' left in text\n"
    _, out, _ = vale(monkeypatch, capsys, root, "--ext=.md", stdin="`TODO` and TODO\n")
    assert out == "stdin.md:1:12:News.Todo:'TODO' left in text\n"


def test_glob_and_ignore_syntax(root, monkeypatch, capsys) -> None:
    _, out, _ = vale(monkeypatch, capsys, root, "--glob=!*.txt", ".")
    assert "a.txt" not in out and "b.md:3:13" in out
    write(root, {"c.md": "```\nTODO in code\n```\n"})
    _, out, _ = vale(monkeypatch, capsys, root, "c.md")
    assert out == ""
    _, out, _ = vale(monkeypatch, capsys, root, "--ignore-syntax", "c.md")
    assert out == "c.md:2:1:News.Todo:'TODO' left in text\n"


def test_errors_are_vales_e100_with_exit_status_2(root, monkeypatch, capsys) -> None:
    status, out, err = vale(monkeypatch, capsys, root, "missing.md", "b.md")
    assert (status, out) == (2, "")
    assert err.startswith("E100 [doLint] Runtime error\n\nargument 'missing.md' does not exist")
    write(root, {".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = Absent\n"})
    status, _, err = vale(monkeypatch, capsys, root, "b.md")
    assert status == 2
    assert err.startswith("E100 [loadStyles] Runtime error")
    assert "style 'Absent' does not exist on StylesPath" in err


def test_a_broken_rule_is_e201_naming_the_file(root, monkeypatch, capsys) -> None:
    write(root, {"s/News/Broken.yml": "extends: existence\nmessage: [unclosed\n"})
    status, _, err = vale(monkeypatch, capsys, root, "b.md")
    assert status == 2
    assert err.startswith("E201 Invalid value [") and "Broken.yml" in err


def test_exact_positions_flag_keeps_the_place_vale_would_move(root, monkeypatch, capsys) -> None:
    write(
        root,
        {
            "s/News/Rep.yml": """
                extends: repetition
                message: "'%s' is repeated!"
                alpha: true
                tokens: ['[^\\s.!?]+']
                """,
            "d.md": "See the Mermaid [Mermaid guide](https://example.org).\n",
        },
    )
    _, out, _ = vale(monkeypatch, capsys, root, "d.md")
    assert out == "d.md:1:1:News.Rep:'Mermaid' is repeated!\n"  # where Vale's search lands
    _, out, _ = vale(monkeypatch, capsys, root, "--exact-positions", "d.md")
    assert out == "d.md:1:9:News.Rep:'Mermaid' is repeated!\n"


def test_html_files_are_walked_like_rendered_markdown(root, monkeypatch, capsys) -> None:
    write(
        root,
        {
            "page.html": (
                "<html><body>\n<h1>TODO heading</h1>\n<pre>TODO in code</pre>\n"
                "<p>A <code>TODO</code> and a FIXME.</p>\n</body></html>\n"
            )
        },
    )
    _, out, _ = vale(monkeypatch, capsys, root, "page.html")
    assert out == (
        "page.html:2:5:News.Todo:'TODO' left in text\n"
        "page.html:4:30:News.Todo:'FIXME' left in text\n"
    )
