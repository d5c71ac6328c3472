"""Rule packs and configs from elsewhere can neither run code nor stall a run."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from newslint.app.cli import main
from newslint.config.packs import load_pack
from newslint.config.plugins import load_plugin
from newslint.core import engine
from newslint.core.patterns import MATCH_TIMEOUT, PatternTimeout, compile_pattern

RULE = """  - id: {id}
    name: {name}
    kind: {kind}
    category: style
    severity: warning
    message: "Found {{match}}"
    description: A test rule.
"""
DAMAGED = "Headline\n\nThe vote was on tuesday.\n"


@pytest.fixture(autouse=True)
def _fresh_caches():
    load_pack.cache_clear()
    load_plugin.cache_clear()
    yield
    load_pack.cache_clear()
    load_plugin.cache_clear()


def _err(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


# -- YAML: a safe loader only -------------------------------------------------------------------
PYTHON_TAGS = [
    "!!python/object/apply:os.mkdir ['{marker}']",
    "!!python/object/new:os.mkdir ['{marker}']",
    "!<tag:yaml.org,2002:python/object/apply:os.mkdir> ['{marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tags_in_a_config_are_refused_and_never_run(tmp_path, capsys, tag) -> None:
    marker = tmp_path / "pwned"
    config = tmp_path / ".newslint.yaml"
    config.write_text("select: [all]\nencoding: " + tag.format(marker=marker) + "\n")
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    err = _err(capsys)
    assert f"{config}:2: invalid YAML" in err
    assert not marker.exists()


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tags_in_a_pack_are_refused_and_never_run(tmp_path, capsys, tag) -> None:
    marker = tmp_path / "pwned"
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "description: House rules.\nrules:\n"
        + RULE.format(id="XX101", name="x", kind="pattern")
        + "    patterns:\n      - "
        + tag.format(marker=marker)
        + "\n"
    )
    (tmp_path / ".newslint.yaml").write_text("packs: [house.yaml]\n")
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    assert f"{pack}:11: invalid YAML" in _err(capsys)
    assert not marker.exists()


# -- Python check kinds only from installed entry points the config names -----------------------
SHOUT = '''"""A check kind from a plugin: words in capitals, with a fix to title case."""
import re
from dataclasses import dataclass

from newslint.core.model import Edit, Hit

CAN_FIX = True


@dataclass
class Options:
    min_length: int = 4


class Check:
    def __init__(self, options):
        self.regex = re.compile(r"\\b[A-Z]{%d,}\\b" % options.min_length)

    def run(self, doc, blocks):
        for block in blocks:
            for m in self.regex.finditer(doc.text, block.start, block.end):
                fix = Edit(m.start(), m.end(), m.group().capitalize())
                yield Hit(m.start(), m.end(), {}, (fix,))
'''


def _site(tmp_path: Path, monkeypatch, entry_points: str, modules: dict[str, str]) -> Path:
    """A directory on sys.path holding modules and an installed distribution's metadata."""
    site = tmp_path / "site"
    info = site / "newslint_house-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-house\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    for name, source in modules.items():
        (site / f"{name}.py").write_text(source)
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(site))
    return site


def _project(tmp_path: Path, config: str) -> Path:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "description: House rules.\nrules:\n"
        + RULE.format(id="XX101", name="shouting", kind="shout")
        + "    min_length: 5\n    fix: {applicability: safe, title: Title case}\n"
    )
    (tmp_path / ".newslint.yaml").write_text("builtin: false\npacks: [house.yaml]\n" + config)
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nThe MAYOR said the VOTE was on Tuesday.\n")
    return article


def test_a_plugin_kind_loads_only_when_the_config_names_its_entry_point(
    tmp_path, monkeypatch, capsys
) -> None:
    _site(tmp_path, monkeypatch, "[newslint.checks]\nshout = shoutkind\n", {"shoutkind": SHOUT})
    article = _project(tmp_path, "")
    assert main(["check", str(article)]) == 2
    assert f"{tmp_path / 'house.yaml'}:5: rule XX101(shouting): unknown kind 'shout'" in _err(
        capsys
    )
    assert "shoutkind" not in sys.modules

    load_pack.cache_clear()
    (tmp_path / ".newslint.yaml").write_text(
        "builtin: false\npacks: [house.yaml]\nplugins: [shout]\n"
    )
    assert main(["check", "--format", "json", str(article)]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert (finding["rule"], finding["line"], finding["column"]) == ("XX101", 3, 5)
    assert main(["fix", str(article)]) == 0
    assert article.read_text() == "Headline\n\nThe Mayor said the VOTE was on Tuesday.\n"


@pytest.mark.parametrize(
    ("entry_points", "plugin", "message"),
    [
        ("", "evilmod", "plugins: no installed entry point 'evilmod' in group 'newslint.checks'"),
        ("", "os:system", "plugins: no installed entry point 'os:system'"),
        ("[newslint.checks]\nshout = evilmod\n", "shout", "plugins: cannot load 'shout'"),
        (
            "[newslint.checks]\nshout = json\n",
            "shout",
            "plugins: 'shout' (json) is not a check kind",
        ),
        ("[other.group]\nevilmod = evilmod\n", "evilmod", "plugins: no installed entry point"),
        ("", "pattern", "plugins: 'pattern' is a built-in kind"),
    ],
)
def test_plugins_that_are_not_installed_check_kinds_are_refused(
    tmp_path, monkeypatch, capsys, entry_points, plugin, message
) -> None:
    marker = tmp_path / "imported"
    evil = f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nraise ImportError('no')\n"
    _site(tmp_path, monkeypatch, entry_points, {"evilmod": evil})
    article = _project(tmp_path, f"plugins: [{plugin!r}]\n")
    assert main(["check", str(article)]) == 2
    err = _err(capsys)
    assert f"{tmp_path / '.newslint.yaml'}:3: {message}" in err
    assert marker.exists() == ("cannot load" in message)  # imported only via an entry point


@pytest.mark.parametrize("kind", ["os", "newslint.app.cli", "../evilmod", "checks.pattern", "base"])
def test_a_pack_kind_never_names_a_module(tmp_path, monkeypatch, capsys, kind) -> None:
    marker = tmp_path / "imported"
    _site(tmp_path, monkeypatch, "", {"evilmod": f"open({str(marker)!r}, 'w').close()\n"})
    pack = tmp_path / "house.yaml"
    pack.write_text("description: x\nrules:\n" + RULE.format(id="XX101", name="x", kind=kind))
    (tmp_path / ".newslint.yaml").write_text("packs: [house.yaml]\n")
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    assert f"{pack}:5: rule XX101(x): unknown kind {kind!r}" in _err(capsys)
    assert not marker.exists()


# -- Catastrophic backtracking cannot hang a run -------------------------------------------------
def _slow_pack(tmp_path: Path, kind: str, pattern: str) -> Path:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "description: House rules.\nrules:\n"
        + RULE.format(id="XX901", name="backtracker", kind=kind)
        + f"    patterns: ['{pattern}']\n"
    )
    (tmp_path / ".newslint.yaml").write_text("packs: [house.yaml]\n")
    return pack


@pytest.mark.parametrize(("kind", "pattern"), [("pattern", "(a|aa)+$"), ("boilerplate", "(a|aa)+")])
def test_a_backtracking_rule_is_reported_and_the_rest_still_runs(
    tmp_path, monkeypatch, capsys, kind, pattern
) -> None:
    """The regex engine's timeouts count CPU time, so CPU time is measured (the machine may
    be busy with other work)."""
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 1.0)
    _slow_pack(tmp_path, kind, pattern)
    slow = tmp_path / "a-slow.txt"
    slow.write_text(DAMAGED + "\n" + "a" * 60 + "b\n")
    other = tmp_path / "b-other.txt"
    other.write_text(DAMAGED)
    start = time.process_time()
    code = main(["check", "--format", "json", str(slow), str(other)])
    assert code == 2 and time.process_time() - start < 4
    out, err = capsys.readouterr()
    assert {(f["path"], f["rule"]) for f in json.loads(out)} == {
        (str(slow), "NL302"),
        (str(other), "NL302"),
    }
    assert err.startswith(f"newslint: error: {slow}: rule XX901(backtracker) from ")
    assert err.count("\n") == 1


def test_backtracking_error_names_the_rule_and_fix_leaves_the_file(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.5)
    pack = _slow_pack(tmp_path, "pattern", "(a|aa)+$")
    slow = tmp_path / "a-slow.txt"
    before = DAMAGED + "\n" + "a" * 60 + "b\n"
    slow.write_text(before)
    other = tmp_path / "b-other.txt"
    other.write_text(DAMAGED)
    start = time.process_time()
    assert main(["fix", str(slow), str(other)]) == 2
    assert time.process_time() - start < 4
    out, err = capsys.readouterr()
    assert err == (
        f"newslint: error: {slow}: rule XX901(backtracker) from {pack}: regex ran out of time"
        " (0.5 s a rule, 5 s a file; catastrophic backtracking?); rule skipped\n"
    )
    assert slow.read_text() == before  # a bad rule is bad input: nothing written
    assert other.read_text() == DAMAGED.replace("tuesday", "Tuesday")
    assert "NL302" in out  # the other rules' findings on the untouched file


def test_patterns_outside_a_rule_budget_time_out_per_search() -> None:
    pattern = compile_pattern("(a|aa)+$")
    start = time.process_time()
    with pytest.raises(PatternTimeout):
        pattern.search("a" * 60 + "b")
    assert time.process_time() - start < MATCH_TIMEOUT + 1
    assert [m.span() for m in compile_pattern("(?<=a)b", 2).finditer("AB ab")] == [(1, 2), (4, 5)]


def test_nested_quantifier_on_a_long_line_times_out_inside_a_rule_budget() -> None:
    pattern = compile_pattern("(a+)+$")
    assert pattern.search("b" + "a" * 100_000).span() == (1, 100_001)  # a match is found fast
    start = time.process_time()
    with pytest.raises(PatternTimeout), engine.time_limit(0.5):
        pattern.search("a" * 100_000 + "!")
    assert time.process_time() - start < 1.5
