"""Issue 11, Lower: ``fix --jsonl`` writes a feed that loses nothing and is still JSON.

"fix --jsonl writes 1e400 as Infinity (not JSON), drops duplicate keys silently, writes its
output with mode 0600 and leaves a partial temporary file on a full disk" (and, under Medium,
the full disk was a traceback).
"""

from __future__ import annotations

import json
import os
import resource
import signal
from decimal import Decimal

from security.seclib import Sandbox, assert_one_line_error


def _strict(line: str) -> dict:
    """``line`` parsed as standard JSON (no NaN/Infinity), numbers kept exactly."""

    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse, parse_float=Decimal)


def test_numbers_of_other_fields_are_kept(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "fix --jsonl writes 1e400 as Infinity (not JSON)"; a number too small
    for a float (1.5e-400) became 0.0. The text is fixed; the other fields stay as they were."""
    line = (
        '{"id": 1, "text": "Headline\\n\\nThe vote was on tuesday.", '
        '"score": 1e400, "weight": 1.5e-400, "views": 123456789012345678901234567890}\n'
    )
    sandbox.write("feed.jsonl", line)

    run = sandbox.run("fix", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl")

    assert run.code in (0, 1) and "Traceback" not in run.err, run
    record = _strict((sandbox.project / "fixed.jsonl").read_text(encoding="utf-8"))
    assert record["text"] == "Headline\n\nThe vote was on Tuesday."
    assert record["score"] == Decimal("1e400")
    assert record["weight"] == Decimal("1.5e-400")
    assert record["views"] == 123456789012345678901234567890


def test_duplicate_keys_are_not_dropped_silently(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "drops duplicate keys silently". Either the record keeps both values,
    or the run reports the record (one line naming the feed and its line)."""
    line = (
        '{"id": 1, "tag": "politics", "tag": "local", '
        '"text": "Headline\\n\\nThe vote was on tuesday."}\n'
    )
    sandbox.write("feed.jsonl", line)

    run = sandbox.run("fix", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl")

    written = (sandbox.project / "fixed.jsonl").read_text(encoding="utf-8")
    if run.code == 2:
        error = assert_one_line_error(run)
        assert "feed.jsonl:1" in error, run
    else:
        assert '"politics"' in written and '"local"' in written, written


def _umask_022() -> None:
    os.umask(0o022)


def test_new_output_feed_gets_the_usual_mode(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "writes its output with mode 0600": a new feed gets the mode any new
    file gets (0644 under umask 022)."""
    sandbox.write("feed.jsonl", '{"id": 1, "text": "Headline\\n\\nThe vote was on tuesday."}\n')

    run = sandbox.run("fix", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl", preexec=_umask_022)

    assert run.code in (0, 1), run
    assert oct((sandbox.project / "fixed.jsonl").stat().st_mode & 0o777) == oct(0o644)


def test_existing_output_feed_keeps_its_mode(sandbox: Sandbox) -> None:
    """Issue 11, Lower ("writes its output with mode 0600"): replacing an existing feed keeps
    the mode it had (0640 here, readable by the group that publishes it)."""
    sandbox.write("feed.jsonl", '{"id": 1, "text": "Headline\\n\\nThe vote was on tuesday."}\n')
    output = sandbox.write("fixed.jsonl", "")
    output.chmod(0o640)

    run = sandbox.run("fix", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl")

    assert run.code in (0, 1), run
    assert oct(output.stat().st_mode & 0o777) == oct(0o640)


def _small_disk() -> None:
    """Files may grow to 16 KB: writing more fails with EFBIG, as a full disk fails."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))


def test_full_disk_leaves_no_partial_file_and_no_traceback(sandbox: Sandbox) -> None:
    """Issue 11, Lower and Medium: "leaves a partial temporary file on a full disk" and
    "disk full during fix --jsonl" was a traceback. The previous output is kept."""
    records = [
        {"id": n, "text": "Headline\n\nThe vote was on tuesday. " + "More words here. " * 20}
        for n in range(200)
    ]
    sandbox.write("feed.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    previous = sandbox.write("fixed.jsonl", '{"id": "previous run"}\n')
    before = set(os.listdir(sandbox.project))

    run = sandbox.run(
        "fix", "--quiet", "--jsonl", "feed.jsonl", "--output", "fixed.jsonl", preexec=_small_disk
    )

    assert_one_line_error(run, previous, cwd=sandbox.project)
    assert set(os.listdir(sandbox.project)) == before, "a temporary file was left behind"
    assert previous.read_text(encoding="utf-8") == '{"id": "previous run"}\n'
