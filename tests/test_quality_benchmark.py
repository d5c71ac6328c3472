"""benchmarks/quality.py on a tiny labelled corpus: lines flagged per label, targets, deletions."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "quality.py"


def _module():
    if str(BENCHMARK.parent) not in sys.path:  # as when run as a script: eval_corpus beside it
        sys.path.insert(0, str(BENCHMARK.parent))
    spec = importlib.util.spec_from_file_location("quality", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _write(directory: Path, name: str, rows: list[dict]) -> None:
    with gzip.open(directory / name, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


@pytest.fixture
def eval_dir(tmp_path: Path) -> Path:
    page = {
        "id": "p1",
        "lang_guess": "en",
        "naive_text": "The river rose.\nAdvertisement\nShare prices fell.\nLeave a Reply\nMenu",
        "line_labels": ["content", "boilerplate", "content", "content", "boilerplate"],
    }
    german = {**page, "id": "p2", "lang_guess": "de"}
    for corpus in ("readability", "trafilatura"):
        for mode in ("article", "paragraphs"):
            rows = [page, german] if (corpus, mode) == ("readability", "article") else []
            _write(tmp_path, f"{corpus}.{mode}.jsonl.gz", rows)
    return tmp_path


def test_counts_lines_by_label(eval_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert _module().main(["--eval-dir", str(eval_dir), "--json", "--show-fp", "5"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pages"] == 1  # the German page is left out
    assert report["lines"] == {"content": 3, "boilerplate": 2}
    assert report["flagged"]["NL205"] == {"content": 0, "boilerplate": 1}
    assert report["flagged"]["NL201"] == {"content": 1, "boilerplate": 0}
    assert report["flagged"]["category:boilerplate"] == {"content": 1, "boilerplate": 1}
    assert report["boilerplate_recall"] == 0.5
    assert report["boilerplate_content_fp_rate"] == pytest.approx(1 / 3)
    assert report["safe_deletions"] == [["NL201", "readability.article/p1", "Leave a Reply"]]
    assert report["false_positive_examples"]["NL201"] == ["readability.article/p1:4: Leave a Reply"]


def test_missing_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _module().main(["--eval-dir", str(tmp_path)])
    assert "readability.article.jsonl.gz: not found" in str(exit_info.value)
