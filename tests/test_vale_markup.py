"""Vale's scopes of a Markdown file, built from CommonMark events with exact source offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyromark")

from newslint.vale.config import ValeConfig
from newslint.vale.lint import Linter
from newslint.vale.manager import Manager

ARTICLE = """\
---
title: "City opens a park"
author: Jane Doe
---

# City opens *new* park

The mayor said the park, at [Elm Street](https://example.org/elm), opens `daily` at 9.
Read more at https://example.org/news &amp; \\*updates\\*.

- Families welcome
- Dogs on a **leash**

| Day | Hours |
|-----|-------|
| Mon | 9-5   |

> "It is a good day," she said.

![A child on a swing](swing.png)

```python
council = "not prose"
```

$$
x = y
$$

<!-- vale off -->

Hidden text.

<!-- vale on -->

Visible again.
"""


def units(text: str, path: str = "page.md") -> list:
    """The blocks of ``text`` under a configuration that switches on one (absent) rule."""
    config = ValeConfig(global_checks={"House.Rule": True})
    return Linter(config, Manager(config)).prepare(path, text).units


def by_scope(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for unit in units(text):
        found.setdefault(unit.scope, []).append(unit.span.text)
    return found


def test_scopes_of_a_markdown_article() -> None:
    scopes = by_scope(ARTICLE)
    assert scopes["text.frontmatter.title.md"] == ["City opens a park"]
    assert scopes["text.heading.h1.md"] == ["City opens new park"]
    assert scopes["text.list.md"] == ["Families welcome", "Dogs on a leash"]
    assert scopes["text.table.header.md"] == ["Day", "Hours"]
    assert scopes["text.table.cell.md"] == ["Mon", "9-5"]
    assert scopes["text.blockquote.md"] == ['"It is a good day," she said.']
    assert scopes["text.attr.alt.md"] == ["A child on a swing"]
    paragraphs = scopes["text.md"]
    # code spans are masked; so is a bare URL (a link whose text is its address), as in Vale
    assert paragraphs[0] == (
        "The mayor said the park, at Elm Street, opens ***** at 9.\n"
        "Read more at " + "*" * 24 + " & *updates*."
    )
    assert paragraphs[1] == "Visible again."
    assert "Hidden text." not in "".join(paragraphs)  # <!-- vale off -->
    assert not any("not prose" in t or "x = y" in t for ts in scopes.values() for t in ts[:-1])
    assert scopes["raw.md"] == [ARTICLE]


def test_every_character_maps_to_where_it_is_written() -> None:
    for unit in units(ARTICLE):
        for char, offset in zip(unit.span.text, unit.span.offsets, strict=True):
            if char in "* \n":  # masks and the spaces Vale puts before inline markup
                continue
            written = ARTICLE[offset]
            assert written == char or (char == "&" and ARTICLE.startswith("&amp;", offset)), (
                unit.scope,
                char,
                offset,
            )


def test_offsets_of_emphasis_link_and_alt_text() -> None:
    found = {u.scope: u.span for u in units(ARTICLE)}
    heading = found["text.heading.h1.md"]
    start = heading.text.index("new")
    assert ARTICLE[heading.offsets[start] : heading.offsets[start] + 3] == "new"
    assert ARTICLE[heading.offsets[start] - 1] == "*"
    alt = found["text.attr.alt.md"]
    assert ARTICLE[alt.offsets[0] : alt.offsets[-1] + 1] == "A child on a swing"


def test_crlf_text_keeps_lines_and_columns() -> None:
    text = "# Title\r\n\r\nFirst line\r\nsecond TODO line\r\n"
    paragraph = next(u for u in units(text) if u.scope == "text.md")
    at = paragraph.span.offsets[paragraph.span.text.index("TODO")]
    sanitised = text.replace("\r\n", "\n")
    assert sanitised[at : at + 4] == "TODO"


@pytest.mark.parametrize(
    ("markdown", "scope", "expected"),
    [
        ("1. one\n2. two\n", "text.list.md", ["one", "two"]),
        ("> a\n>\n> b\n", "text.blockquote.md", ["a"]),  # Vale: later paragraphs are "text"
        ("Title\n=====\n", "text.heading.h1.md", ["Title"]),
        ("###### Six\n", "text.heading.h6.md", ["Six"]),
        ("A <b>bold</b> claim.\n", "text.md", ["A bold claim."]),
        ("Use <kbd>Ctrl</kbd> now.\n", "text.md", ["Use **** now."]),
    ],
)
def test_scope_of_constructs(markdown: str, scope: str, expected: list[str]) -> None:
    assert by_scope(markdown)[scope] == expected


def test_plain_text_is_one_prose_block_and_raw(tmp_path: Path) -> None:
    found = by_scope_path("First.\n\nSecond TODO.\n", "notes.txt")
    assert found == {
        "text.txt": ["First.\n\nSecond TODO.\n"],
        "raw.txt": ["First.\n\nSecond TODO.\n"],
    }


def by_scope_path(text: str, path: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for unit in units(text, path):
        found.setdefault(unit.scope, []).append(unit.span.text)
    return found
