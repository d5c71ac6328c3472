"""The command line is read once into typed options: every ``check``/``fix`` option arrives."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.app import cli
from newslint.app.options import RunOptions


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> list[RunOptions]:
    """The options each ``main`` call hands to the runner (which does not run)."""
    seen: list[RunOptions] = []

    def record(options: RunOptions) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(cli, "run", record)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return seen


def test_fix_options(given: list[RunOptions]) -> None:
    argv = "fix a.txt - --config c.yaml --format sarif --select NL1,NL2 --select casing"
    argv += " --extend-select NL9 --ignore NL3 --fail-on error --stdin-filename s.md"
    argv += " --encoding latin-1 --color never --output-file r.json --statistics --show-fixes"
    argv += " --quiet --unsafe-fixes --diff --exit-non-zero-on-fix --require-grammar"
    argv += " --baseline b.json --no-baseline -j 3 --jsonl f.jsonl --text-field body"
    argv += " --id-field key --output out.jsonl"
    assert cli.main(argv.split()) == 0
    overrides = {
        "select": ["NL1", "NL2", "casing"],
        "extend_select": ["NL9"],
        "ignore": ["NL3"],
        "encoding": "latin-1",
    }
    assert given == [
        RunOptions(
            paths=("a.txt", "-"),
            config=Path("c.yaml"),
            overrides=overrides,
            stdin_filename="s.md",
            fixing=True,
            format="sarif",
            color="never",
            fail_on="error",
            output_file=Path("r.json"),
            statistics=True,
            show_fixes=True,
            quiet=True,
            unsafe_fixes=True,
            diff=True,
            exit_non_zero_on_fix=True,
            require_grammar=True,
            baseline=Path("b.json"),
            no_baseline=True,
            jobs=3,
            feed=Path("f.jsonl"),
            text_field="body",
            id_field="key",
            output=Path("out.jsonl"),
        )
    ]


def test_check_defaults_and_no_cache(given: list[RunOptions], monkeypatch) -> None:
    assert cli.main(["check"]) == 0
    assert cli.main(["check", "--no-cache", "x.md"]) == 0
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["check"]) == 0
    assert given == [
        RunOptions(),
        RunOptions(paths=("x.md",), cache=False),
        RunOptions(format="github"),
    ]
