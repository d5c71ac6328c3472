"""The nominating fast path of NL104 (repeated_block) against its exact per-block logic.

``Check.run`` splits into sentences only the blocks whose cheap pieces repeat; these tests run
the plain logic (``_exact`` on every block) beside it, on edge cases of the argument in
``repeated_block._pieces`` and on many generated texts, and require the same hits.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from newslint.checks import repeated_block
from newslint.formats import open_document

PROSE = ("headline", "heading", "paragraph")
SENTENCE = "the council approved the budget after a long debate"


def _both(text: str, path: str = "a.md", **options: object) -> tuple[list, list]:
    check = repeated_block.Check(repeated_block.Options(**options))
    doc = open_document(text, path)
    blocks = [b for b in doc.blocks if b.kind in PROSE]
    fast = [(h.start, h.end, h.values, h.edits) for h in check.run(doc, blocks)]
    exact = check._exact(doc, blocks, range(len(blocks)))
    return fast, [(h.start, h.end, h.values, h.edits) for h in exact]


EDGES = [
    # leads before the copy: quotes, brackets, list numbers with "." and ")", a dash after one
    f"Vote\n\n“The {SENTENCE}.” “The {SENTENCE}.” “It ended.”\n",
    f"Vote\n\n(The {SENTENCE}.) (The {SENTENCE}.) (It ended.)\n",
    f"Vote\n\n1) The {SENTENCE}. 2) The {SENTENCE}. 2) It ended.\n",
    f"Vote\n\n1. -The {SENTENCE}. 2. -The {SENTENCE}. 3. -It ended.\n",
    f"Vote\n\n1) -The {SENTENCE}. 1. -The {SENTENCE}. 1.\n",
    f'Vote\n\nIt began. "The {SENTENCE}. "The {SENTENCE}. "\n',
    # abbreviations, initials and dates inside; ellipses and quoted questions at the end
    f"Vote\n\nDr. Ann B. Smith said the U.S. {SENTENCE} on Oct. 15. "
    f"Dr. Ann B. Smith said the U.S. {SENTENCE} on Oct. 15.\n",
    f"Vote\n\nThe {SENTENCE}… The {SENTENCE}… It ended.\n",
    f"Vote\n\n“Did the {SENTENCE}?” “Did the {SENTENCE}?” she asked.\n",
    f"Vote\n\nWhy did the {SENTENCE}?! Why did the {SENTENCE}?!\n",
    # white space: a line break in one copy, runs of spaces, a tab
    f"Vote\n\nThe {SENTENCE}.\nThe {SENTENCE}.\n",
    f"Vote\n\nThe council approved  the budget\tafter a long debate. {SENTENCE.capitalize()}.\n",
    # at the block start and end, between other sentences, and case differences (no finding)
    f"Vote\n\nIt rained. The {SENTENCE}. The {SENTENCE}. It ended.\n",
    f"Vote\n\nThe {SENTENCE}. THE {SENTENCE.upper()}.\n",
    # white space other than the plain space (no line break): keys collapse it
    f"Vote\n\nThe {SENTENCE}.\xa0The {SENTENCE}.\n",
    f"Vote\n\nThe {SENTENCE}.\u3000The\u2009{SENTENCE}. It ended.\n",
    f"Vote\n\n The {SENTENCE}. The {SENTENCE}. \n\nThe {SENTENCE}. The {SENTENCE}.\n",
    # sentences without letters
    "Vote\n\n1 2 3 4 5 6 7 8 9. 1 2 3 4 5 6 7 8 9.\n",
    "Vote\n\n… … … … … … … … . … … … … … … … … .\n",
    "Vote\n\n(- - - - - - - - -.) (- - - - - - - - -.) (\n",
    # repeated paragraphs, short repeated lines, plain text with one paragraph a line
    f"Vote\n\nThe {SENTENCE}.\n\nAdvertisement\n\nThe {SENTENCE}.\n\nAdvertisement\n",
    f"Vote\nThe {SENTENCE}. The {SENTENCE}.\nThe {SENTENCE}. The {SENTENCE}.\n",
    # a blank line inside a block, and a NUL in the text (both take the exact path)
    f"Vote\n\n```\nThe {SENTENCE}\n\nThe {SENTENCE}\n```\n",
    f"Vote\n\nThe {SENTENCE}. The {SENTENCE}. It\x00 ended.\n",
]


@pytest.mark.parametrize("text", EDGES)
@pytest.mark.parametrize("min_words", [3, 8])
def test_edge_cases_match_the_exact_logic(text: str, min_words: int) -> None:
    for path in ("a.md", "a.txt"):
        fast, exact = _both(text, path, min_words=min_words)
        assert fast == exact


def test_edge_cases_are_found() -> None:
    found = [text for text in EDGES if _both(text)[1]]
    assert len(found) >= 12  # most edges above really hold repeats


def test_sentences_off_keeps_paragraphs() -> None:
    text = next(text for text in EDGES if "Advertisement" in text)
    fast, exact = _both(text, sentences=False)
    assert fast == exact and [hit[2]["what"] for hit in fast] == ["paragraph"]


WORDS = [
    *("the", "council", "approved", "budget", "after", "long", "debate", "said", "it’s"),
    *("Mr.", "Dr.", "U.S.", "Oct.", "15", "1)", "2.", "A.", "J.", "2024", "Inc.", "etc.", "e.g."),
    *("“quote”", "(aside)", "[note]", "'yes'", "«non»", "-", "*", "#", ">", "...", "…", "?", "!"),
]
ENDS = [".", "?", "!", "…", ".”", "?”", '."', ".)", "!’", "..."]
SPACES = [" ", " ", " ", "  ", "\n", "\t", " \n ", "\xa0", "\u2009 "]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 11))]
    lead = rng.choice(["", "", "", "“", "(", "1) ", "2. ", '"', "- ", "3. -"])
    return lead + rng.choice(["The", "It", "Mr.", "A"]) + " " + " ".join(words) + rng.choice(ENDS)


def _paragraph(rng: random.Random) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(1, 5))]
    if rng.random() < 0.6:  # a copy right after a sentence, its white space maybe changed
        i = rng.randrange(len(sentences))
        copy = sentences[i].replace(" ", rng.choice(SPACES), rng.randint(0, 2))
        sentences.insert(i + 1, copy)
    text = rng.choice(SPACES).join(sentences)
    return text.replace("\n\n", "\n")


def test_generated_texts_match_the_exact_logic() -> None:
    rng = random.Random(104)
    found = 0
    for _ in range(600):
        paragraphs = [_paragraph(rng) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.2:
            paragraphs.append(rng.choice(paragraphs))
        text = "Headline\n\n" + "\n\n".join(paragraphs) + "\n"
        path = rng.choice(["a.md", "a.txt"])
        min_words = rng.choice([2, 4, 8])
        fast, exact = _both(text, path, min_words=min_words)
        assert fast == exact, text
        found += bool(exact)
    assert found > 100  # many texts hold a repeat: the comparison is not vacuous


def test_odd_space_is_all_white_space_but_the_plain_space() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {" "}
    found = {m.group() for m in repeated_block._ODD_SPACE.finditer("".join(sorted(spaces)))}
    assert found == spaces
    assert not repeated_block._ODD_SPACE.search("plain text, one space\x00apart")


def test_plain_space_is_the_only_printable_white_space() -> None:
    """``Check.run`` skips the white space and NUL searches when every block is printable."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    assert not "\x00".isprintable()


@pytest.mark.parametrize("last", ["It ended.", "It\u00adended."])  # printable or not
def test_nul_outside_the_blocks_leaves_the_findings(last: str) -> None:
    text = f"Vote\n\n```\nx\x00y\n```\n\nThe {SENTENCE}. The {SENTENCE}.\n\n{last}\n"
    fast, exact = _both(text)
    assert fast == exact
    assert [values["what"] for _, _, values, _ in fast] == ["sentence"]


_EDGE_KEYS = [
    "-----",
    "1) 2)",
    "U.S",
    "wait..",
    'He said "no"',
    'said."',
    "x?)",
    "foo. -",
    "“Yes!”",
]


def _placed_pieces(keys: list[str]) -> list[tuple[int, str]]:
    """(block, piece) of the split of the NUL-joined keys by _CUT, marks written "."."""
    joined = ("\x00".join(keys) + "\x00").lstrip(repeated_block._LEADING)
    parts = re.split(f"({repeated_block._CUT.pattern})", joined)
    block = 0
    placed = []
    for i, part in enumerate(parts):
        if i % 2:
            block += part.count("\x00")
        else:
            placed.append((block, part.replace("!", ".").replace("?", ".").replace("…", ".")))
    return placed


def test_suspects_are_the_blocks_placing_a_piece_twice() -> None:
    """The suspects are exactly the blocks whose pieces of the one split by _CUT repeat."""
    rng = random.Random(11)
    found = 0
    for _ in range(1000):
        keys = [" ".join(_paragraph(rng).split()) for _ in range(rng.randint(1, 6))]
        keys = [rng.choice(_EDGE_KEYS) if rng.random() < 0.2 else key for key in keys]
        placed = _placed_pieces(keys)
        expected = sorted({b for b, piece in placed if placed.count((b, piece)) > 1})
        assert repeated_block.Check._suspects(keys) == expected, keys
        found += bool(expected)
    assert found > 300  # many hold a repeat: the comparison is not vacuous


@pytest.mark.parametrize(
    "parts",
    [
        ["The vote.", "It ended. ", " Then"],
        ["The  vote.", "It\xa0ended.", "Then\u2009it\tran"],
        ["", "a b", "  "],
    ],
)
def test_keys_equal_collapsed_parts(parts: list[str]) -> None:
    joined = "\x00".join(parts)
    plain = repeated_block._ODD_SPACE.search(joined) is None
    keys = repeated_block._keys(parts, joined, plain=plain)
    assert keys == [" ".join(part.split()) for part in parts]


def test_suspects_hold_every_block_with_equal_pieces() -> None:
    rng = random.Random(7)
    for _ in range(300):
        keys = [" ".join(_paragraph(rng).split()) for _ in range(rng.randint(1, 6))]
        suspects = set(repeated_block.Check._suspects(keys))
        for i, key in enumerate(keys):
            pieces = repeated_block._pieces(key + "\x00")
            if repeated_block._has_repeat(pieces) or pieces.count("") >= 3:
                assert i in suspects, keys


def test_shortest_block_holding_a_repeated_sentence_is_split() -> None:
    """Blocks shorter than two sentences of min_words words (by length) are left out of the
    split; a block near that bound still gets its finding."""
    sentence = "we go to a b c d ok."
    text = f"Vote\n\nq r s t.\n\n{sentence} {sentence[:-1]}!\n\n{sentence} {sentence}\n"
    fast, exact = _both(text)
    assert fast == exact
    assert [values["what"] for _, _, values, _ in fast] == ["sentence"]
    assert len(f"{sentence} {sentence}") < 2 * (2 * 8 - 1) - 1 + 15
