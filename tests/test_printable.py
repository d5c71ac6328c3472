"""Control characters from articles and file names are shown escaped (issue 11)."""

from __future__ import annotations

import pytest

from newslint.app.cli import main
from newslint.core.printable import printable
from newslint.report.text import excerpt


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain “quoted” text\twith a tab", "plain “quoted” text\twith a tab"),
        ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("line\r::error::x", "line\\x0d::error::x"),
        ("name\n::warning::x", "name\\x0a::warning::x"),
        ("del\x7f", "del\\x7f"),
        ("sep\u2028par\u2029", "sep\\u2028par\\u2029"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("lone\ud800", "lone\\ud800"),
    ],
)
def test_printable_escapes_what_a_terminal_or_runner_acts_on(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_excerpt_carets_stay_under_an_escaped_span() -> None:
    line = "The \x1b[2J vote on tuesday"
    start = line.index("tuesday")
    shown, carets = excerpt(line, start, start + len("tuesday"))
    assert shown == "The \\x1b[2J vote on tuesday"
    assert carets == " " * shown.index("tuesday") + "^" * len("tuesday")
    span_start = line.index("\x1b")
    shown, carets = excerpt(line, span_start, span_start + 1)
    assert carets == " " * 4 + "^" * len("\\x1b")


def test_rules_explain_and_config_show_a_packs_control_characters_escaped(tmp_path, capsys) -> None:
    """A rule pack or config from a pull request cannot move the terminal of whoever lists its
    rules or settings."""
    pack = tmp_path / "evil.yaml"
    pack.write_text(
        "rules:\n  - id: EV101\n    name: evil\n    kind: pattern\n    category: style\n"
        "    severity: warning\n    message: \"'{match}'\"\n"
        '    description: "Title\\e]0;pwned\\a\\rforged"\n    patterns: [x]\n',
        encoding="utf-8",
    )
    config = tmp_path / ".newslint.yaml"
    config.write_text(f'packs: [{pack}]\nexclude: ["\\e[2J"]\n', encoding="utf-8")
    shown = {}
    for args in (["rules"], ["explain", "EV101"], ["config", str(tmp_path / "a.md")]):
        assert main([*args, "--config", str(config)]) == 0
        shown[args[0]] = capsys.readouterr().out
        assert not {"\x1b", "\r", "\x07"} & set(shown[args[0]]), args
    assert "Title\\x1b]0;pwned\\x07\\x0dforged" in shown["explain"]
    assert '"\\u001b[2J"' in shown["config"]
