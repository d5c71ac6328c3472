"""Sentence splitting (core/sentences.py, shared by every check that splits sentences): its two
shortcuts, the sure-end branch of ``_END`` and the spans found with the starts, give exactly
what asking ``ends_sentence`` at every end and trimming every span gives.

The plain versions below are the splitting without those shortcuts; texts are the
test articles and generated prose full of abbreviations, initials, odd case and the Kelvin sign
(which lowers to "k"), so that an end accepted wrongly changes the result.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newslint.core import sentences
from newslint.core.sentences import ABBREVIATIONS, ends_sentence, sentence_spans, sentence_starts
from newslint.formats import open_document

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.*"))
ARTICLES.append(Path(__file__).parent.parent / "examples" / "seed-article.txt")


def _plain_starts(text: str, start: int, end: int) -> list[int]:
    first = sentences._LEAD.match(text, start, end)
    starts = [first.end() if first else start]
    for match in sentences._END.finditer(text, start, end):
        punct_end = match.end(1) if match.end(1) >= 0 else match.end(2)
        after = sentences._LEAD.match(text, match.end(), end).end()
        ends = punct_end < 0 or ends_sentence(text, match.start(), punct_end, after)
        if ends and after < end:
            starts.append(after)
    return starts


def _plain_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    starts = _plain_starts(text, start, end)
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _assert_same(text: str) -> int:
    sentences._cache.clear()
    doc = open_document(text, "a.txt")
    for block in doc.blocks:
        assert list(sentence_starts(text, block.start, block.end)) == _plain_starts(
            text, block.start, block.end
        ), text[block.start : block.end]
        assert sentence_spans(text, block.start, block.end) == _plain_spans(
            text, block.start, block.end
        ), text[block.start : block.end]
    return sum(1 for m in sentences._END.finditer(text) if m.end(1) >= 0)


def test_sure_ends_are_ends_the_slow_way_accepts() -> None:
    """Every match of the sure branch is one ``ends_sentence`` accepts."""
    words = sorted(ABBREVIATIONS) + ["\u212aans", "\u212ay", "Xmr", "emr", "amr", "2019", "Ok"]
    words += ["Ph.D", "B.Sc", "D-N.Y", "D-Minn", "ID", "NATO", "9p.m", "8:30a.m", "5min", "iOS"]
    for word in words:
        for variant in {word, word.upper(), word.title()}:
            for before in ("", " ", "(", "“", "-", "é", "\u212a", "x.", "lt.", "D-", "3"):
                for after in ("Next", "next", "The", "2"):
                    text = f"{before}{variant}. {after}"
                    for match in sentences._END.finditer(text):
                        if match.end(1) >= 0:
                            assert ends_sentence(
                                text, match.start(), match.end(1), len(text) - len(after)
                            ), text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_split_as_before(path: Path) -> None:
    _assert_same(path.read_text(encoding="utf-8"))


def test_generated_prose_splits_as_before() -> None:
    rng = random.Random(7)
    pieces = [
        "the",
        "council",
        "Mr.",
        "MR.",
        "Dr.",
        "U.S.",
        "e.g.",
        "Lt.Gov.",
        "lt.gov.",
        "Kans.",
        "\u212aans.",
        "\u212ay.",
        "Gen.",
        "A.",
        "J.R.R.",
        "approx.",
        "vs.",
        "rose.",
        "fell!",
        "why?",
        "it.”",
        "done.)",
        "wait...",
        "so…",
        ". .",
        "2019.",
        "3.5",
        "café.",
        "naïve.",
        "“Quote",
        "(aside",
        "1.",
        "12)",
        "\n\n",
        "\n",
        "—",
        "x",
        "Ph.D.",
        "ID.",
        "(D-N.Y.)",
        "9p.m.",
        "a.m.",
        "min.",
        "No.",
        "Inc.",
        "U.N.",
        "said.[12]",
        "vital.”",
        "His",
        "Monday",
    ]
    sure = 0
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        sure += _assert_same(text + rng.choice(["", ".", " ", "\n"]))
    assert sure > 500  # the sure branch was taken often: the comparison is not vacuous


CASES = [
    line
    for line in (Path(__file__).parent / "sentence_cases.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize("case", CASES)
def test_written_cases_split_where_marked(case: str) -> None:
    """Abbreviations (Ph.D., a.m., p.m., U.S., D-N.Y., ID., No., Inc.), initials, decimals and
    domains: each sentence starts where a "|" marks it, and nowhere else."""
    parts = case.split("|")
    text = "".join(parts)
    wanted, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        wanted.append(at)
    sentences._cache.clear()
    assert list(sentence_starts(text, 0, len(text)))[1:] == wanted  # the first: after the lead
    for at in wanted:  # and each start is one when asked about alone
        assert sentences.is_sentence_start(text, at, 0), text[at:]
