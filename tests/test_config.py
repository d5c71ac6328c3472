"""Config discovery, merging, strict validation, selection and per-path ignores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint import lint_text
from newslint.config.project import Config, ConfigResolver, find_config_file
from newslint.core.errors import NewslintError

DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"


def _rules(text: str, path: Path) -> set[str]:
    return {f.rule for f in lint_text(text, path=str(path))}


def test_discovery_walks_up_to_repository_root(tmp_path) -> None:
    (tmp_path / ".newslint.yaml").write_text("ignore: [NL201]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "desk").mkdir()
    assert find_config_file(repo / "desk") is None  # stops at the repository root
    (repo / ".newslint.yaml").write_text("ignore: [NL302]\n")
    assert find_config_file(repo / "desk") == repo / ".newslint.yaml"
    assert _rules(DAMAGED, repo / "desk" / "a.txt") == {"NL201"}


def test_home_directory_config_is_not_merged(tmp_path, monkeypatch) -> None:
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    (home / ".newslint.yaml").write_text("ignore: [all]\n")
    monkeypatch.setenv("HOME", str(home))
    assert find_config_file(home / "articles") is None


def test_pyproject_table(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["boilerplate"]\n')
    assert _rules(DAMAGED, tmp_path / "a.txt") == {"NL302"}


def test_pyproject_without_table_is_skipped(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config_file(tmp_path) is None


def test_pyproject_error_names_line(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newslint]\nfail_on = "fatal"\n'
    )
    with pytest.raises(NewslintError) as exc:
        Config(tmp_path / "pyproject.toml")
    assert str(exc.value).startswith(f"{tmp_path / 'pyproject.toml'}:5: key 'fail_on'")


def test_extends_and_merging(tmp_path) -> None:
    (tmp_path / "base.yaml").write_text("ignore: [NL201]\nseverity: {casing: error}\n")
    (tmp_path / ".newslint.yaml").write_text("extends: base.yaml\nseverity: {NL101: info}\n")
    config = Config(tmp_path / ".newslint.yaml")
    rules = {r.id: r for r in config.rules}
    assert "NL201" not in rules
    assert str(rules["NL302"].severity) == "error"
    assert str(rules["NL101"].severity) == "info"


def test_extends_loop_is_an_error(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(NewslintError, match="extends itself in a loop"):
        Config(tmp_path / "a.yaml")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            "select: [all]\nfail_on: loud\n",
            2,
            "key 'fail_on': expected 'info', 'warning' or 'error'",
        ),
        ("ignore: NL101\n", 1, "key 'ignore': expected a list of strings"),
        ("extends: missing.yaml\n", 1, "extends: no such file 'missing.yaml'"),
        ("severity:\n  NL101: loud\n", 1, "key 'severity'"),
        ("select: [all\n", 2, "invalid YAML"),
        ("a: !!python/object/apply:os.system ['echo hi']\n", 1, "invalid YAML"),
        ("fail_on: error\nmax_file_size: -5\n", 2, "key 'max_file_size': must be at least 0"),
    ],
)
def test_strict_validation(tmp_path, content: str, line: int, message: str) -> None:
    (tmp_path / ".newslint.yaml").write_text(content)
    with pytest.raises(NewslintError) as exc:
        Config(tmp_path / ".newslint.yaml")
    assert f".newslint.yaml:{line}: " in str(exc.value)
    assert message in str(exc.value)


def test_unknown_selector_names_config_line(tmp_path) -> None:
    (tmp_path / ".newslint.yaml").write_text("fail_on: error\nignore: [NL999]\n")
    with pytest.raises(NewslintError, match=r"\.newslint\.yaml:2: ignore: no rule.*'NL999'"):
        _ = Config(tmp_path / ".newslint.yaml").rules


def test_select_by_id_name_category_pack_prefix() -> None:
    def ids(select: list[str]) -> set[str]:
        return {r.id for r in Config(None, {"select": select}).rules}

    assert ids(["NL101"]) == {"NL101"}
    assert ids(["glued-caption"]) == {"NL101"}
    assert "NL201" in ids(["boilerplate"])
    assert {"NL401", "NL402"} <= ids(["quotes"])
    assert {"NL301", "NL302", "NL303"} <= ids(["NL3"])


def test_per_path_ignores_and_local_packs(tmp_path) -> None:
    pack = tmp_path / "packs" / "desk.yaml"
    pack.parent.mkdir()
    pack.write_text(
        """description: Desk rules.
rules:
  - id: DK101
    name: newsletter-prompt
    kind: boilerplate
    category: boilerplate
    severity: error
    message: "Newsletter prompt: '{match}'"
    description: The sign-up line our CMS appends.
    patterns: ['sign up for the daily briefing\\.?']
    fix: {applicability: safe, title: Delete the line}
    examples:
      bad: ["Sign up for the Daily Briefing"]
      good: ["Readers can sign up for the daily briefing at the library."]
"""
    )
    (tmp_path / ".newslint.yaml").write_text(
        "packs: [packs/]\nper_path_ignores:\n  'archive/**': [casing, DK101]\n"
    )
    text = "Headline\n\nThe vote was on tuesday.\n\nSign up for the Daily Briefing\n"
    resolver = ConfigResolver(None)
    news = tmp_path / "news" / "a.txt"
    archive = tmp_path / "archive" / "2019" / "a.txt"
    assert _rules(text, news) == {"NL302", "DK101"}
    assert _rules(text, archive) == set()
    assert resolver.for_path(news) is resolver.for_path(tmp_path / "news" / "b.txt")


def test_home_config_used_when_asked(tmp_path) -> None:
    config = tmp_path / "mine.yaml"
    config.write_text("ignore: [casing]\n")
    assert _rules(DAMAGED, tmp_path / "a.txt") == {"NL201", "NL302"}
    assert {f.rule for f in lint_text(DAMAGED, config=str(config))} == {"NL201"}


CACHED_CONFIG = """# house settings
select: [all]
ignore: [doubled-space]
severity:
  boilerplate: error
per_path_ignores:
  "wire/**": [name-case]
"""


def test_a_config_read_again_comes_from_the_cache_without_yaml(tmp_path) -> None:
    import subprocess
    import sys

    config = tmp_path / ".newslint.yaml"
    config.write_text(CACHED_CONFIG, encoding="utf-8")
    probe = (
        "import sys; from pathlib import Path; from newslint.config.yamlfile import load_cached;"
        f"d = load_cached(Path({str(config)!r}));"
        "print('yaml' in sys.modules, d.line_of('ignore'), d['severity'].line_of('boilerplate'),"
        " sorted(d))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, second = (run.stdout.split(" ", 1) for run in runs)
    assert first[0] == "True" and second[0] == "False"  # parsed once, then read as JSON
    assert first[1] == second[1] == "3 5 ['ignore', 'per_path_ignores', 'select', 'severity']\n"


def test_errors_name_the_same_line_from_the_cache(tmp_path) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text("select: [all]\nseverity:\n  boilerplate: loud\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(NewslintError) as caught:
            Config(config)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and ".newslint.yaml:2: key 'severity'" in messages[0]


def test_extends_and_packs_stay_inside_the_project(tmp_path) -> None:
    """A repository config cannot make newslint read files outside its repository, and the
    error quotes nothing from them."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("select: [TOP-SECRET-VALUE]\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    config = repo / ".newslint.yaml"
    for key in ("extends", "packs"):
        config.write_text(f"{key}: ['../secret.yaml']\n", encoding="utf-8")
        with pytest.raises(NewslintError) as exc:
            _ = Config(config).available_rules
        assert f"{key}: '../secret.yaml' is outside the project" in str(exc.value)
        assert "TOP-SECRET" not in str(exc.value)
    (repo / "desk").mkdir()
    (repo / "base.yaml").write_text("ignore: [NL302]\n", encoding="utf-8")
    nested = repo / "desk" / ".newslint.yaml"
    nested.write_text("extends: ../base.yaml\n", encoding="utf-8")
    assert "NL302" not in {r.id for r in Config(nested).rules}


def test_a_symlinked_pack_to_a_device_is_refused(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / ".newslint.yaml").write_text("packs: [packs]\n", encoding="utf-8")
    with pytest.raises(NewslintError, match="zero.yaml' links outside the project"):
        _ = Config(tmp_path / ".newslint.yaml").available_rules
    (packs / "zero.yaml").unlink()
    os.mkfifo(packs / "fifo.yaml")
    with pytest.raises(NewslintError, match="fifo.yaml: not a regular file"):
        _ = Config(tmp_path / ".newslint.yaml").available_rules


def test_extends_fan_out_and_chains_are_bounded(tmp_path) -> None:
    """Each file extending the next one twice loads each file once; an endless chain stops."""
    for i in range(30):
        (tmp_path / f"c{i}.yaml").write_text(
            f"extends: [c{i + 1}.yaml, c{i + 1}.yaml]\n" if i < 29 else "fail_on: error\n",
            encoding="utf-8",
        )
    with pytest.raises(NewslintError, match="a chain of over 20 configs"):
        Config(tmp_path / "c0.yaml")
    config = Config(tmp_path / "c12.yaml")  # 17 files, each extending the next twice
    assert config.settings.fail_on == "error"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
                for a, b in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "too many values",
        ),
        ("a: " + "[" * 900 + "]" * 900 + "\n", "nested"),
        ("max_file_size: " + "9" * 5000 + "\n", "invalid YAML"),
        ("fail_on: error\n" + "# padding\n" * 120_000, "larger than"),
    ],
    ids=["alias-bomb", "deep-nesting", "huge-integer", "huge-file"],
)
def test_hostile_yaml_is_refused_quickly(tmp_path, content: str, message: str) -> None:
    (tmp_path / ".newslint.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(NewslintError, match=message):
        Config(tmp_path / ".newslint.yaml")


@pytest.mark.parametrize("opening", ["[", "{a: ", "[{a: "])
def test_flow_nesting_is_refused_as_it_is_read(tmp_path, opening) -> None:
    """Open flow collections cost the YAML scanner work for each one still open (6 KB of ``[``
    took 2 s before a RecursionError), so nesting past the limit stops at its line."""
    (tmp_path / ".git").mkdir()
    config = tmp_path / ".newslint.yaml"
    config.write_text("fail_on: warning\n\nignore: " + opening * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(NewslintError, match=r"\.newslint\.yaml:3: invalid YAML: nested deeper"):
        _ = Config(config).rules
    config.write_text("ignore: " + "[" * 90 + "'*.md'" + "]" * 90 + "\n", encoding="utf-8")
    with pytest.raises(NewslintError, match="ignore"):  # parsed: the value is a nested list
        _ = Config(config).rules
