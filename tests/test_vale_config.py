""".vale.ini discovery and reading: keys, shadows, sections and their globs, vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
from vale_helpers import vale, write

from newslint.vale.config import Flags, load_config
from newslint.vale.errors import ValeError
from newslint.vale.globs import Glob
from newslint.vale.ini import parse

ANNOTATIONS = """
    extends: existence
    message: "'%s' left in text"
    level: error
    tokens:
      - TODO
      - FIXME
    """


def test_ini_keeps_every_value_of_a_repeated_key_and_strips_quotes_and_comments() -> None:
    text = (
        "StylesPath = styles\n"
        "StylesPath = more ; a second folder\n"
        "Vocab = Base, Extra # both\n"
        "[*.md]\n"
        "TokenIgnores = '({#[^\\n}]+})'\n"
        "BasedOnStyles = A,B\n"
    )
    ini = parse(text, Path(".vale.ini"))
    core = ini.section("")
    assert core.keys["StylesPath"].values == ["styles", "more"]
    assert core.keys["Vocab"].split() == ["Base", "Extra"]
    markdown = ini.section("*.md")
    assert markdown.keys["TokenIgnores"].value == "({#[^\\n}]+})"
    assert markdown.keys["BasedOnStyles"].split() == ["A", "B"]
    assert markdown.keys["BasedOnStyles"].lines == [6]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "docs/guide/a.md", True),  # without ** a star crosses folders, as in Vale
        ("*.{md,txt}", "notes.txt", True),
        ("*.{md,txt}", "notes.rst", False),
        ("!*.py", "test.py", False),
        ("!*.py", "test.md", True),
        ("docs/**/*.md", "docs/a/b/c.md", True),
        ("docs/**/*.md", "src/a.md", False),
        ("test.md", "test.md", True),
        ("[!t]*.md", "test.md", False),
    ],
)
def test_globs_match_as_vale_sections_do(pattern: str, path: str, expected: bool) -> None:
    assert Glob.parse(pattern).match(path) is expected


def test_config_is_found_in_a_parent_folder_and_paths_are_relative_to_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "_vale": "StylesPath = styles\nMinAlertLevel = warning\n\n[*.md]\nBasedOnStyles = A\n",
            "styles/A/Annotations.yml": ANNOTATIONS,
            "docs/deep/page.md": "TODO\n",
        },
    )
    config = load_config(Flags(no_global=True), cwd=tmp_path / "docs" / "deep")
    assert config.path == tmp_path / "_vale"
    assert config.styles_paths == [tmp_path / "styles"]
    assert config.min_alert_level == 1
    assert config.base_styles_for("docs/deep/page.md") == ["A"]
    assert config.base_styles_for("page.txt") == []


def test_missing_config_is_vales_e100(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("VALE_CONFIG_PATH", raising=False)
    with pytest.raises(ValeError) as caught:
        load_config(Flags(no_global=True), cwd=tmp_path)
    assert caught.value.vale_text().startswith("E100 [.vale.ini not found] Runtime error")


def test_core_option_in_a_section_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, {".vale.ini": "[*]\nStylesPath = styles\n"})
    with pytest.raises(ValeError) as caught:
        load_config(Flags(no_global=True), cwd=tmp_path)
    assert caught.value.code == "E201"
    assert caught.value.line == 2
    assert "is a core option" in caught.value.message


def test_unknown_keys_are_warnings_not_failures(tmp_path, monkeypatch, capsys) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\nColour = blue\n\n[*.md]\nBasedOnStyles = A\n",
            "s/A/Annotations.yml": ANNOTATIONS,
            "a.md": "A TODO here.\n",
        },
    )
    status, out, err = vale(monkeypatch, capsys, tmp_path, "a.md")
    assert out == "a.md:1:3:A.Annotations:'TODO' left in text\n"
    assert status == 1
    assert "unknown key 'Colour'" in err


def test_sections_turn_rules_on_and_off_and_a_level_applies_everywhere(
    tmp_path, monkeypatch, capsys
) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": """
                StylesPath = s
                [*]
                BasedOnStyles = A
                [*.txt]
                A.Annotations = NO
                [notes/*.md]
                A.Annotations = suggestion
                """,
            "s/A/Annotations.yml": ANNOTATIONS,
            "a.md": "TODO\n",
            "b.txt": "TODO\n",
            "notes/c.md": "FIXME\n",
        },
    )
    status, out, _ = vale(monkeypatch, capsys, tmp_path, "a.md", "b.txt", "notes/c.md")
    assert out == (
        "a.md:1:1:A.Annotations:'TODO' left in text\n"
        "notes/c.md:1:1:A.Annotations:'FIXME' left in text\n"
    )
    assert status == 0  # Vale keeps one level per rule: the suggestion level is global
    status, out, _ = vale(monkeypatch, capsys, tmp_path, "--output=JSON", "a.md")
    assert '"Severity": "suggestion"' in out


def test_vocab_feeds_vale_terms_and_vale_avoid(tmp_path, monkeypatch, capsys) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\nVocab = News\n\n[*.md]\nBasedOnStyles = Vale\n"
            "Vale.Spelling = NO\n",
            "s/config/vocabularies/News/accept.txt": "GitHub\n# a comment\n",
            "s/config/vocabularies/News/reject.txt": "utilise\n",
            "a.md": "We host it on github and utilise it daily.\n",
        },
    )
    status, out, _ = vale(monkeypatch, capsys, tmp_path, "a.md")
    assert out == (
        "a.md:1:15:Vale.Terms:Use 'GitHub' instead of 'github'.\n"
        "a.md:1:26:Vale.Avoid:Avoid using 'utilise'.\n"
    )
    assert status == 1


def test_token_and_block_ignores_hide_text_without_moving_positions(
    tmp_path, monkeypatch, capsys
) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": """
                StylesPath = s
                [*.md]
                BasedOnStyles = A
                TokenIgnores = (\\{\\{[^}]+\\}\\})
                BlockIgnores = (?s)(<div class="raw">.*?</div>)
                """,
            "s/A/Annotations.yml": ANNOTATIONS,
            "a.md": (
                "Keep {{ TODO }} out, but this TODO in.\n\n"
                '<div class="raw">\nFIXME inside\n</div>\n\nLast FIXME.\n'
            ),
        },
    )
    _, out, _ = vale(monkeypatch, capsys, tmp_path, "a.md")
    assert out == (
        "a.md:1:31:A.Annotations:'TODO' left in text\na.md:7:6:A.Annotations:'FIXME' left in text\n"
    )


def test_formats_map_an_extension_to_markdown(tmp_path, monkeypatch, capsys) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[formats]\nmkd2 = md\n[*]\nBasedOnStyles = A\n",
            "s/A/Annotations.yml": ANNOTATIONS,
            "a.mkd2": "```\nTODO in code\n```\n\nTODO in prose\n",
        },
    )
    _, out, _ = vale(monkeypatch, capsys, tmp_path, "a.mkd2")
    assert out == "a.mkd2:5:1:A.Annotations:'TODO' left in text\n"


def test_local_package_folder_adds_its_styles(tmp_path, monkeypatch, capsys) -> None:
    write(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\nPackages = house\n\n[*.md]\nBasedOnStyles = House\n",
            "s/.keep": "",
            "house/styles/House/Annotations.yml": ANNOTATIONS,
            "a.md": "Ship it, FIXME.\n",
        },
    )
    _, out, _ = vale(monkeypatch, capsys, tmp_path, "a.md")
    assert out == "a.md:1:10:House.Annotations:'FIXME' left in text\n"
