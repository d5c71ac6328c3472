"""Issue 11, Medium: "16 distinct tracebacks". Every one of them must become a one-line error
naming the file (and the line, for configs and packs) with exit 2, or a warning and the other
findings: never a traceback (whose exit code, 1, also read as "findings").

The cases of the issue's list that belong to another subject are tested with it: YAML nesting,
the ``extends`` chain of 1,200 and the alias bomb in test_config_bombs.py, the flipped cache bit
in test_cache_poisoning.py, the full disk under ``fix --jsonl --output`` in test_jsonl_fix.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from security.seclib import (
    ARTICLE,
    Sandbox,
    assert_no_traceback,
    assert_one_line_error,
    assert_safe_outcome,
)


def test_html_report_with_workers_on_a_cold_cache(cold_sandbox: Sandbox) -> None:
    """Issue 11, Medium: "check --format html with 4 or more files on a cold cache on any
    multi-core machine ("cannot pickle 'module'": the README's CI example)"."""
    sandbox = cold_sandbox
    for n in range(5):
        sandbox.write(f"articles/story-{n}.txt", f"Story {n}\n\nThe vote was on tuesday.\n")

    run = sandbox.run("check", "--format", "html", "-j", "2", "--output-file", "r.html", "articles")

    assert_no_traceback(run)
    assert run.code == 1, run
    report = (sandbox.project / "r.html").read_text(encoding="utf-8")
    for n in range(5):
        assert f"story-{n}.txt" in report


def test_integer_config_key(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): "an integer config key" (``1: on`` in .newslint.yaml)."""
    config = sandbox.write(".newslint.yaml", "fail_on: warning\n1: on\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_one_line_error(run, config, cwd=sandbox.project, with_line=True)


def test_integer_of_5000_digits(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): "an integer of 5,000 digits" (Python refuses to convert
    more than 4,300 digits)."""
    config = sandbox.write(".newslint.yaml", "max_file_size: " + "9" * 5000 + "\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_one_line_error(run, config, cwd=sandbox.project, with_line=True)


def test_deeply_nested_jsonl_record(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): nesting in JSONL. The record is an error naming the feed
    and its line; the records around it are still linted."""
    good = json.dumps({"id": "ok", "text": ARTICLE})
    deep = '{"id": "deep", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    sandbox.write("feed.jsonl", f"{good}\n{deep}\n{good.replace('ok', 'ok2')}\n")

    run = sandbox.run("check", "--format", "concise", "--jsonl", "feed.jsonl")

    line = assert_one_line_error(run)
    assert "feed.jsonl:2" in line, run
    assert "#ok:" in run.out and "#ok2:" in run.out, run


def test_deeply_nested_baseline(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): nesting in a baseline (``.newslint-baseline.json``)."""
    baseline = sandbox.write(
        ".newslint-baseline.json",
        '{"newslint_baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
    )
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_one_line_error(run, baseline, cwd=sandbox.project)


@pytest.mark.parametrize("groups", [300, 1000])
def test_pattern_with_deeply_nested_groups(sandbox: Sandbox, groups: int) -> None:
    """Issue 11, Medium (tracebacks): "nesting ... in a pattern (300 groups)"."""
    pattern = "(" * groups + "tuesday" + ")" * groups
    pack = sandbox.write(
        "packs/deep.yaml",
        "rules:\n  - id: EV301\n    name: deep-groups\n    kind: pattern\n"
        "    category: style\n    severity: warning\n    message: \"deep '{match}'\"\n"
        f"    description: Deeply nested groups.\n    patterns: ['{pattern}']\n",
    )
    sandbox.write(".newslint.yaml", "packs: [packs/deep.yaml]\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_safe_outcome(run, pack, cwd=sandbox.project)


def test_pack_pattern_python_warns_about_is_not_a_python_warning(sandbox: Sandbox) -> None:
    """A pack pattern ``re`` warns about (a possible nested set) printed Python's warning, with
    newslint's source path and line, on standard error of every run."""
    sandbox.write(
        "packs/sets.yaml",
        "rules:\n  - id: EV302\n    name: nested-set\n    kind: pattern\n"
        "    category: style\n    severity: warning\n    message: \"set '{match}'\"\n"
        "    description: A set that opens with a bracket.\n    patterns: ['[[t]uesday']\n",
    )
    sandbox.write(".newslint.yaml", "packs: [packs/sets.yaml]\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "--no-cache", "a.txt")

    assert_no_traceback(run)
    assert run.code == 1 and "EV302(nested-set)" in run.out, run
    assert run.err == "", run


LONE_SURROGATE_FEED = (
    '{"id": 1, "text": "Headline\\n\\nThe vote was on tuesday \\ud800 in the hall."}\n'
    '{"id": 2, "text": "Headline\\n\\nThe count ended on friday."}\n'
)


def test_lone_surrogate_in_jsonl_record_check(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): "a lone surrogate in a JSONL record (check ...)"."""
    feed = sandbox.write("feed.jsonl", LONE_SURROGATE_FEED)

    run = sandbox.run("check", "--jsonl", "feed.jsonl")

    assert_safe_outcome(run, feed, cwd=sandbox.project)
    assert "#2:" in run.out, run  # the other record is reported


def test_lone_surrogate_in_jsonl_record_fix(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): "a lone surrogate in a JSONL record (... and fix)". The
    fixed feed is written whole, one JSON object a line."""
    sandbox.write("feed.jsonl", LONE_SURROGATE_FEED)

    run = sandbox.run("fix", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl")

    assert_safe_outcome(run, sandbox.project / "feed.jsonl", cwd=sandbox.project)
    lines = (sandbox.project / "fixed.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2]
    assert "friday" not in lines[1]  # the clean record was fixed


def test_latin1_file_with_a_mojibake_fix(sandbox: Sandbox) -> None:
    """Issue 11, Medium (tracebacks): "--encoding latin-1 with a mojibake fix" (the repair,
    ’, cannot be written in Latin-1). The file keeps its content whatever is decided."""
    data = b"Headline\n\nThe minister\xe2\x80\x99s plan was on Tuesday.\n"
    article = sandbox.write("legacy.txt", data)

    run = sandbox.run("fix", "--encoding", "latin-1", "legacy.txt")

    assert_safe_outcome(run, article, cwd=sandbox.project)
    after = article.read_bytes()
    assert after == data or (b"The minister" in after and b"s plan was on Tuesday." in after)


@pytest.mark.parametrize(
    "args",
    [["check", "a.txt"], ["check", "--format", "json", "a.txt"], ["fix", "--jsonl", "feed.jsonl"]],
    ids=["check-text", "check-json", "fix-jsonl"],
)
def test_full_disk_on_standard_output(sandbox: Sandbox, args: list[str]) -> None:
    """Issue 11, Medium (tracebacks): "disk full during fix --jsonl" (the fixed feed goes to
    standard output); ``check``'s report on a full disk likewise."""
    sandbox.write("a.txt", ARTICLE)
    sandbox.write("feed.jsonl", json.dumps({"id": 1, "text": ARTICLE}) + "\n")

    run = sandbox.run(*args, stdout_file=Path("/dev/full"))

    assert_one_line_error(run)
