"""Where the language server's "disable this rule here" puts its comment in Markdown."""

from __future__ import annotations

import pytest

from newslint import lint_text
from newslint.config.project import Config
from newslint.core.fixer import apply_edits
from newslint.lsp import adapter  # no pygls needed

COMMENT = "<!-- newslint-disable-next-line NL302 -->"


def _disabled(text: str, path: str = "a.md") -> str | None:
    """``text`` with the NL302 finding on its "tuesday" silenced, or None if not offered."""
    config = Config(None)
    finding = next(f for f in lint_text(text, path=path) if text[f.start : f.end] == "tuesday")
    rule = next(r for r in config.rules if r.id == "NL302")
    edits = adapter.suppression_edits(text, path, config, [(finding, rule)])
    if not edits:
        return None
    changed = apply_edits(text, [edits[0][1]])
    assert "tuesday" not in [changed[f.start : f.end] for f in lint_text(changed, path=path)]
    return changed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # first line of a paragraph: a comment line of its own before it
        ("# Vote\n\nOn tuesday we met.\n", f"# Vote\n\n{COMMENT}\nOn tuesday we met.\n"),
        # inside a paragraph: at the end of the line before, which stays in the paragraph
        (
            "# Vote\n\nThe council met late.\nOn tuesday it voted.\n",
            f"# Vote\n\nThe council met late. {COMMENT}\nOn tuesday it voted.\n",
        ),
        # ... before a hard line break of two spaces or a backslash, which keeps working
        (
            "# Vote\n\nThe council met late.  \nOn tuesday it voted.\n",
            f"# Vote\n\nThe council met late. {COMMENT}  \nOn tuesday it voted.\n",
        ),
        (
            "# Vote\n\nThe council met late.\\\nOn tuesday it voted.\n",
            f"# Vote\n\nThe council met late. {COMMENT}\\\nOn tuesday it voted.\n",
        ),
        # a quotation block and an indented list paragraph keep their markers
        ("# Vote\n\n> On tuesday we met.\n", f"# Vote\n\n> {COMMENT}\n> On tuesday we met.\n"),
        (
            "# Vote\n\n- The council:\n\n  On tuesday it met.\n",
            f"# Vote\n\n- The council:\n\n  {COMMENT}\n  On tuesday it met.\n",
        ),
        # CRLF files get a CRLF after the comment
        (
            "# Vote\r\n\r\nOn tuesday we met.\r\n",
            f"# Vote\r\n\r\n{COMMENT}\r\nOn tuesday we met.\r\n",
        ),
    ],
)
def test_the_comment_goes_where_the_markdown_renders_the_same(text: str, expected: str) -> None:
    assert _disabled(text) == expected


def test_no_comment_in_a_table_or_in_plain_text() -> None:
    table = "# Vote\n\n| day | vote |\n| --- | --- |\n| tuesday | yes |\n"
    # a table is data, not prose: nothing in it is reported, so there is nothing to silence
    assert not [f for f in lint_text(table, path="a.md") if table[f.start : f.end] == "tuesday"]
    assert _disabled("Vote\n\nOn tuesday we met.\n", path="a.txt") is None
