"""Readability offline: every metric with network access blocked, and ``newslint stats``."""

from __future__ import annotations

import json
import socket

import pytest
from conftest import EXAMPLES

from newslint.app.cli import main
from newslint.core.document import Document
from newslint.formats import open_document
from newslint.integrations import readability

SEED = EXAMPLES / "seed-article.txt"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection (an NLTK download, say) fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(nltk, "download", refuse)


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]


def test_every_metric_offline(no_network) -> None:
    text = SEED.read_text(encoding="utf-8")
    paragraphs = _paragraphs(open_document(text, str(SEED)))
    values = {f: readability.measure(f, text, paragraphs) for f in readability.FORMULAS}
    assert values["flesch_reading_ease"] == pytest.approx(43.78, abs=0.01)
    assert values["flesch_kincaid_grade"] == pytest.approx(12.35, abs=0.01)
    assert values["gunning_fog"] == pytest.approx(14.4, abs=0.01)
    assert values["smog_index"] == pytest.approx(13.67, abs=0.01)
    assert values["dale_chall"] == pytest.approx(10.59, abs=0.01)
    assert values["words_per_sentence"] == pytest.approx(670 / 32)
    assert values["sentences_per_paragraph"] == pytest.approx(32 / 21)


def test_syllables_come_from_the_bundled_cmu_dictionary(no_network) -> None:
    ts = readability._textstat()
    # CMU: "fire" F AY1 ER0 has two syllables; hyphenation rules alone count one
    assert ts.syllable_count("fire") == 2
    assert ts.syllable_count("Pentagon officials") == 6


def test_plain_and_dense_copy_score_apart(no_network) -> None:
    plain = "The cat sat on the mat. It was warm. The dog came in. They slept."
    dense = (
        "Institutional representatives systematically interrogated administrative "
        "officials regarding extraordinarily complicated infrastructure appropriations."
    )
    for text, easy in ((plain, True), (dense, False)):
        score = readability.measure("flesch_reading_ease", text, [(0, len(text))])
        assert (score > 80) is easy


def test_stats_json(no_network, capsys) -> None:
    assert main(["stats", "--format", "json", str(SEED)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row == {
        "path": str(SEED),
        "words": 670,
        "sentences": 32,
        "paragraphs": 21,
        "reading_ease": 43.8,
        "grade": 12.4,
        "reading_minutes": 2.8,
    }


def test_stats_plain_text_when_not_a_terminal(capsys, tmp_path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("Storm hits\n\nIt rained. The road flooded.\n", encoding="utf-8")
    assert main(["stats", str(short)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Article",
        "Words",
        "Sentences",
        "Paragraphs",
        "Reading",
        "ease",
        "Grade",
        "Minutes",
    ]
    assert lines[1].split()[:4] == [str(short), "5", "2", "1"]


def test_stats_bad_file_is_one_error_line(capsys, tmp_path) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["stats", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newslint: error: ") and str(missing) in err and "\n" not in err


def test_stats_reads_articles_as_check_does(capsys, tmp_path) -> None:
    """The same input rules as ``check``: a file over ``max_file_size`` is an error, the rest
    are counted."""
    (tmp_path / ".newslint.yaml").write_text("max_file_size: 60\n", encoding="utf-8")
    short = tmp_path / "a-short.txt"
    short.write_text("Storm hits\n\nIt rained. The road flooded.\n", encoding="utf-8")
    long = tmp_path / "b-long.txt"
    long.write_text("Storm hits\n\n" + "It rained all night. " * 4 + "\n", encoding="utf-8")
    assert main(["stats", "--format", "json", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert [row["path"] for row in json.loads(out)] == [str(short)]
    assert str(long) in err and "larger than max_file_size (60 bytes)" in err
