"""Offsets <-> LSP positions: line breaks as LSP counts them, and the three encodings."""

from __future__ import annotations

import pytest

from newslint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, apply_change

TEXT = "Residents 🌳 cheered.\r\nThe café\u2028closed on tuesday.\rLast line"


def test_lines_end_at_lf_crlf_and_cr_only() -> None:
    index = LineIndex(TEXT)
    assert len(index.starts) == 3  # U+2028 is not an LSP line break
    assert index.position(TEXT.index("The")) == (1, 0)
    assert index.position(TEXT.index("Last")) == (2, 0)
    assert index.position(TEXT.index("\r\n")) == (0, len("Residents 🌳 cheered.") + 1)
    assert index.position(TEXT.index("\n")) == index.position(TEXT.index("\r\n"))  # not in CRLF


@pytest.mark.parametrize(
    ("encoding", "emoji", "e_acute"), [(UTF16, 2, 1), (UTF8, 4, 2), (UTF32, 1, 1)]
)
def test_positions_count_the_negotiated_units(encoding: str, emoji: int, e_acute: int) -> None:
    index = LineIndex(TEXT, encoding)
    cheered = TEXT.index("cheered")
    assert index.position(cheered) == (0, len("Residents ") + emoji + 1)
    tuesday = TEXT.index("tuesday")
    character = len("The caf") + e_acute + len("\u2028".encode()) * (encoding == UTF8)
    character += len("\u2028closed on ") - (encoding == UTF8)
    assert index.position(tuesday) == (1, character)
    for offset in (cheered, tuesday, len(TEXT), 0, TEXT.index("Last")):
        assert index.offset(*index.position(offset)) == offset


def test_positions_past_a_line_or_the_text_are_clamped() -> None:
    index = LineIndex(TEXT)
    assert index.offset(0, 999) == TEXT.index("\r\n")
    assert index.offset(9, 0) == len(TEXT)
    assert index.position(len(TEXT) + 5) == (2, len("Last line"))


def test_incremental_changes_after_an_emoji() -> None:
    start = LineIndex(TEXT).position(TEXT.index("cheered"))
    changed = apply_change(TEXT, start, start, "loudly ", UTF16)
    assert changed == TEXT.replace("cheered", "loudly cheered")
    end = (start[0], start[1] + len("cheered"))
    assert apply_change(TEXT, start, end, "sang", UTF16) == TEXT.replace("cheered", "sang")
    assert apply_change(TEXT, None, (0, 0), "new", UTF16) == "new"


def test_text_edits_replace_only_changed_lines() -> None:
    pytest.importorskip("lsprotocol", reason="the language server needs newslint[lsp]")
    from newslint.core.fixer import apply_edits
    from newslint.lsp.protocol import text_edits

    old = "Headline\n\nOn tuesday we met.\n\nLeave a Comment\n\nThe end.\n"
    new = "Headline\n\nOn Tuesday we met.\n\nThe end.\n"
    edits = text_edits(old, new)
    assert apply_edits(old, edits) == new
    # the headline and the last paragraph, unchanged, are outside every edit
    assert all(old.index("On") <= e.start and e.end <= old.index("The end.") for e in edits)
