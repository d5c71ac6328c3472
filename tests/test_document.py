"""The document model: decoding, newline style, regions, offsets <-> line/column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.formats import open_document, read_document

MARKDOWN = """---
title: "Council approves budget"
tags: [local]
---

# Council approves budget

The council met on Monday.
It voted 5-2.

<!-- a note
over two lines -->

```python
print("code")
```

    indented code

## Reaction

“We are pleased,” the mayor said.
"""


def _kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


def test_markdown_regions() -> None:
    doc = open_document(MARKDOWN, "a.md")
    assert _kinds(doc) == [
        ("front-matter", MARKDOWN[: MARKDOWN.index("---\n\n") + 3]),
        ("headline", "Council approves budget"),  # the title in front matter
        ("heading", "Council approves budget"),  # the H1 comes after the title: a heading
        ("paragraph", "The council met on Monday.\nIt voted 5-2."),
        ("html-comment", "<!-- a note\nover two lines -->"),
        ("code", '```python\nprint("code")\n```'),
        ("code", "    indented code"),
        ("heading", "Reaction"),
        ("paragraph", "“We are pleased,” the mayor said."),
    ]


def test_h1_is_headline_without_title() -> None:
    doc = open_document("# Title here\n\nBody.\n", "a.md")
    assert _kinds(doc) == [("headline", "Title here"), ("paragraph", "Body.")]


def test_toml_front_matter() -> None:
    doc = open_document('+++\ntitle = "A story"\n+++\n\nBody.\n', "a.md")
    assert _kinds(doc)[:2] == [
        ("front-matter", '+++\ntitle = "A story"\n+++'),
        ("headline", "A story"),
    ]


def test_text_file_headline_and_paragraphs() -> None:
    doc = open_document("Headline\n\nFirst para\nwrapped.\n\nSecond.\n", "a.txt")
    assert _kinds(doc) == [
        ("headline", "Headline"),
        ("paragraph", "First para\nwrapped."),
        ("paragraph", "Second."),
    ]


def test_scraped_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    doc = open_document("Headline\nFirst line.\nSecond line.\n", "a.txt")
    assert [k for k, _ in _kinds(doc)] == ["headline", "paragraph", "paragraph"]
    forced = open_document(
        "Headline\nFirst line.\nSecond line.\n", "a.txt", paragraph_breaks="blank-line"
    )
    assert _kinds(forced) == [("paragraph", "Headline\nFirst line.\nSecond line.")]


def test_crlf_offsets_and_positions() -> None:
    text = "Headline\r\n\r\nSecond para.\r\n"
    doc = open_document(text, "a.txt")
    assert doc.newline == "\r\n"
    assert _kinds(doc) == [("headline", "Headline"), ("paragraph", "Second para.")]
    offset = text.index("para")
    assert doc.position(offset) == (3, 8)
    assert doc.offset(3, 8) == offset
    assert doc.line_span(offset) == (12, 24)


def test_positions_count_code_points() -> None:
    doc = open_document("🎉 Héllo\nnext", "a.txt")
    assert doc.position(doc.text.index("H")) == (1, 3)
    assert doc.position(doc.text.index("next")) == (2, 1)


def test_decode_bom_and_round_trip() -> None:
    data = b"\xef\xbb\xbfHeadline\r\nBody\r\n"
    doc = read_document(data, "a.txt")
    assert doc.bom and doc.text == "Headline\r\nBody\r\n"
    assert doc.to_bytes() == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "binary file"),
        (b"ok \xc3\x28 bad", "not valid utf-8: byte 0xc3 at offset 3"),
    ],
)
def test_decode_errors_name_the_file(data: bytes, message: str) -> None:
    with pytest.raises(NewslintError) as exc:
        read_document(data, "news/a.txt")
    assert str(exc.value).startswith("news/a.txt: ") and message in str(exc.value)


def test_masks_cover_urls_code_and_emails() -> None:
    doc = open_document("# T\n\nSee `codeWord` at https://ex.com/aB. Mail desk@ex.com.\n", "a.md")
    masked = [doc.text[s:e] for s, e in doc.masks]
    assert masked == ["`codeWord`", "https://ex.com/aB", "desk@ex.com"]


def test_quoted_speech_spans() -> None:
    text = "Headline\n\n“We tried,” he said. “It is done.\n\n“Really done,” he added.\n"
    doc = open_document(text, "a.txt")
    spans = [text[s:e] for s, e in doc.quotes.spans]
    assert spans == ["“We tried,”", "“It is done.", "“Really done,”"]
    assert doc.quotes.problems == []


PLAIN_MASK_TEXTS = [
    "Write to news@example.com or visit https://example.com/a.b, today.\nwww.example.org!\n",
    "---\ntitle: www.example.com\n---\nSee http://x.test/path?q=1 and me@x.test.\n",
    "Line one has a@b.co and http://a.b/c@d.e here.\n\nSecond paragraph: ftp://f.example/x.\n",
    "No links at all.\n",
    "  indented www.example.com/x;\n\tuser.name+tag@mail.example.org: hi\n",
]


@pytest.mark.parametrize("text", PLAIN_MASK_TEXTS)
def test_masks_of_a_text_file_are_those_a_search_per_block_finds(text):
    from newslint.core.blocks import PROSE_KINDS
    from newslint.formats.plaintext import _URL, _URL_OR_EMAIL

    doc = open_document(text, "a.txt")
    expected = []
    for block in doc.blocks:
        if block.kind in PROSE_KINDS:
            pattern = _URL_OR_EMAIL if "@" in text[block.start : block.end] else _URL
            for match in pattern.finditer(text, block.start, block.end):
                end = match.end()
                while end > match.start() and text[end - 1] in ".,;:!?":
                    end -= 1
                expected.append((match.start(), end))
    assert doc.masks == expected
    assert expected or "links" in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab \t\n\u00a0\u2003x."\u2028\r', max_size=40))
def test_line_paragraphs_are_those_the_line_loop_finds(text):
    """Text files with a paragraph per line take a one-search path; it gives the blocks the
    general line loop gives."""
    from newslint.formats import plaintext

    fast = open_document(text, "a.txt", paragraph_breaks="line").blocks
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plaintext, "_only_newlines", lambda _text: False)
        slow = open_document(text, "a.txt", paragraph_breaks="line").blocks
    assert fast == slow
