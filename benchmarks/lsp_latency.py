"""Measure ``newslint server``: diagnostics latency after a change, and memory with many files.

Latency: a warm server has a 2,000-word and a 20,000-word Markdown article open; the client
types (inserts, then deletes, one letter in the middle) and times each change from sending
``textDocument/didChange`` to receiving the ``textDocument/publishDiagnostics`` of that version
(the server's debounce included), median of ``--runs``. Beside it, the same texts linted
in-process (config and rules as the server resolves them), to split the time into lint and
server overhead. Start-up: the import cost of the server's libraries, the time to the answer
to ``initialize``, and ``newslint check`` on one article. Memory: the server's resident set
(VmRSS, and its peak VmHWM) once 50 documents of 2,000 words are open and linted.

Articles are the English pages of ``../shared/eval`` joined to the word count (written nowhere);
without them, the repository's example article repeated. Targets (issue 17): 2,000 words
<= 50 ms, 20,000 words <= 300 ms, 50 documents < 150 MB.

    .venv/bin/python benchmarks/lsp_latency.py [--runs N] [--documents N] [--eval-dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_corpus import DEFAULT_EVAL, english_rows  # noqa: E402
from lsp_client import LspClient, position_of  # noqa: E402

TARGETS_MS = {2_000: 50.0, 20_000: 300.0}
MEMORY_TARGET_MB = 150.0


def source_texts(eval_dir: Path) -> list[str]:
    if (eval_dir / "readability.article.jsonl.gz").exists():
        rows = english_rows(
            eval_dir, "lsp_latency.py", ("readability.article", "trafilatura.article")
        )
        return [row["naive_text"] for _, row in rows if row["naive_text"]]
    return [(REPO / "examples" / "seed-article.txt").read_text(encoding="utf-8")]


def article(texts: list[str], words: int, start: int = 0) -> str:
    """Markdown of ``words`` words: pages from ``texts`` (from ``start`` on, round the list),
    each page's lines as paragraphs, cut at the word count."""
    paragraphs: list[str] = []
    count = 0
    index = start
    while count < words:
        for line in texts[index % len(texts)].splitlines():
            taken = line.split()[: words - count]
            if taken:
                paragraphs.append(" ".join(taken))
                count += len(taken)
            if count >= words:
                break
        index += 1
    return "# " + paragraphs[0] + "\n\n" + "\n\n".join(paragraphs[1:]) + "\n"


def wait_version(client: LspClient, uri: str, version: int, after: int) -> list[dict]:
    def found() -> list[dict] | None:
        for message in client.received[after:]:
            params = message.get("params") or {}
            if (
                message["method"] == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                return params["diagnostics"]
        return None

    return client.wait_for(found, 120, f"diagnostics of version {version}")


def latency(client: LspClient, uri: str, text: str, runs: int) -> list[float]:
    """Seconds from each change to its diagnostics (after three changes to warm up)."""
    middle = text.index(" ", len(text) // 2)
    at = position_of(text, middle)
    after_insert = {"line": at["line"], "character": at["character"] + 1}
    times = []
    for version in range(2, runs + 5):
        insert = version % 2 == 0
        change = {
            "range": {"start": at, "end": at if insert else after_insert},
            "text": "x" if insert else "",
        }
        mark = client.mark()
        started = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        wait_version(client, uri, version, mark)
        if version >= 5:
            times.append(time.perf_counter() - started)
    return times


def lint_in_process(path: Path, text: str, runs: int) -> list[float]:
    """Seconds to lint ``text`` as the server does, without the server (after a warm-up)."""
    from newslint.lsp import adapter

    project = adapter.Project()
    times = []
    for run in range(runs + 5):
        changed = text + ("x" if run % 2 else "")
        started = time.perf_counter()
        config, rules = project.rules_for(path, None)
        adapter.lint_text(changed, str(path), config, rules)
        if run >= 5:
            times.append(time.perf_counter() - started)
    return times


def import_cost(runs: int = 7) -> dict[str, float]:
    """Median seconds to import the server's libraries (over ``python -c pass``), to start
    ``newslint check`` on a short article, and from starting the server to its answer to
    ``initialize``."""

    def median_of(command: list[str]) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=False, capture_output=True)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    python = [sys.executable, "-c"]
    empty = median_of([*python, "pass"])
    libraries = median_of([*python, "import pygls.lsp.server, lsprotocol.types"]) - empty
    check = median_of(
        [
            sys.executable,
            "-m",
            "newslint.app.cli",
            "check",
            str(REPO / "examples" / "seed-article.txt"),
        ]
    )
    starts = []
    for _ in range(3):
        started = time.perf_counter()
        client = LspClient(REPO)
        client.initialize(REPO)
        starts.append(time.perf_counter() - started)
        client.close()
    return {
        "libraries_ms": libraries * 1000,
        "check_ms": check * 1000,
        "server_initialize_ms": statistics.median(starts) * 1000,
    }


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def measure(
    texts: list[str], runs: int, documents: int, workdir: Path, debounce_ms: float | None
) -> dict[str, Any]:
    results: dict[str, Any] = {"latency": {}, "memory": {}, "debounce_ms": debounce_ms}
    client = LspClient(workdir)
    try:
        options = {} if debounce_ms is None else {"debounceMs": debounce_ms}
        client.initialize(workdir, initializationOptions=options)
        for words in TARGETS_MS:
            text = article(texts, words)
            path = workdir / f"article-{words}.md"
            uri = client.open(path, text)
            wait_version(client, uri, 1, 0)
            served = latency(client, uri, text, runs)
            alone = lint_in_process(path, text, runs)
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            results["latency"][words] = {
                "findings": len(wait_version(client, uri, runs + 4, 0)),
                "median_ms": statistics.median(served) * 1000,
                "p90_ms": sorted(served)[int(len(served) * 0.9)] * 1000,
                "lint_median_ms": statistics.median(alone) * 1000,
                "target_ms": TARGETS_MS[words],
            }
        uris = []
        mark = client.mark()
        for number in range(documents):
            path = workdir / f"open-{number:02d}.md"
            uris.append(client.open(path, article(texts, 2_000, start=number)))
        for uri in uris:
            wait_version(client, uri, 1, mark)
        results["memory"] = {
            "documents": documents,
            **{k: v / 1024 for k, v in memory_kib(client.process.pid).items()},
            "target_mb": MEMORY_TARGET_MB,
        }
    finally:
        client.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="changes timed per article")
    parser.add_argument("--documents", type=int, default=50, help="documents open for memory")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument(
        "--debounce-ms", type=float, help="the server's debounce (default: its own, 20 ms)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = source_texts(args.eval_dir)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / ".git").mkdir()  # a repository of its own: no config from above
        results = measure(texts, args.runs, args.documents, Path(tmp), args.debounce_ms)
    results["start_up"] = import_cost()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"source: {'eval pages' if len(texts) > 1 else 'examples/seed-article.txt'}")
    debounce = 20 if args.debounce_ms is None else args.debounce_ms
    for words, row in results["latency"].items():
        verdict = "ok" if row["median_ms"] <= row["target_ms"] else "MISSED"
        print(
            f"{words:>6} words ({row['findings']} findings): change -> diagnostics median"
            f" {row['median_ms']:.1f} ms (p90 {row['p90_ms']:.1f}), target {row['target_ms']:.0f}"
            f" {verdict}; debounce {debounce:g} ms; the same text linted in this process"
            f" {row['lint_median_ms']:.1f} ms"
        )
    start = results["start_up"]
    print(
        f"start-up: pygls + lsprotocol imports {start['libraries_ms']:.0f} ms; server answers"
        f" initialize after {start['server_initialize_ms']:.0f} ms; `newslint check` on one"
        f" article {start['check_ms']:.0f} ms (imports neither)"
    )
    memory = results["memory"]
    verdict = "ok" if memory["VmRSS"] < memory["target_mb"] else "MISSED"
    print(
        f"{memory['documents']} open documents: RSS {memory['VmRSS']:.1f} MB"
        f" (peak {memory['VmHWM']:.1f}), target < {memory['target_mb']:.0f} MB {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
