"""``newslint stats PATH ...``: words, sentences, paragraphs and readability per article.

A rich table on a terminal, aligned plain text otherwise, JSON with ``--format json``. Counts are
newslint's (sentence boundaries know abbreviations); scores are textstat's over the paragraphs.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from newslint.app.inputs import collect_inputs
from newslint.app.options import RunOptions
from newslint.app.output import print_error
from newslint.core.errors import NewslintError

if TYPE_CHECKING:
    from newslint.integrations.readability import ArticleStats

COLUMNS = (
    ("path", "Article"),
    ("words", "Words"),
    ("sentences", "Sentences"),
    ("paragraphs", "Paragraphs"),
    ("reading_ease", "Reading ease"),
    ("grade", "Grade"),
    ("reading_minutes", "Minutes"),
)


def collect(options: RunOptions) -> tuple[list[ArticleStats], bool]:
    """The statistics of each input, and whether any could not be read."""
    from newslint.integrations.readability import article_stats

    resolver = options.resolver()
    rows, errored = [], False
    for inp in collect_inputs(options, resolver):
        try:
            doc = inp.read(resolver.for_path(inp.config_path))
        except NewslintError as exc:
            print_error(str(exc))
            errored = True
            continue
        paragraphs = [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]
        rows.append(article_stats(inp.name, doc.text, paragraphs))
    return rows, errored


def render_text(rows: list[ArticleStats]) -> str:
    table = [[label for _, label in COLUMNS]]
    table += [[str(getattr(row, key)) for key, _ in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = []
    for line in table:
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _print_rich(rows: list[ArticleStats]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Article statistics")
    for key, label in COLUMNS:
        table.add_column(label, justify="left" if key == "path" else "right", overflow="fold")
    for row in rows:
        table.add_row(*(str(getattr(row, key)) for key, _ in COLUMNS))
    Console().print(table)


def run(options: RunOptions, fmt: str) -> int:
    """``newslint stats``: the table (``fmt`` auto, text or json); 2 if an input failed."""
    rows, errored = collect(options)
    if fmt == "json":
        print(json.dumps([row.to_dict() for row in rows], indent=2, ensure_ascii=False))
    elif fmt == "auto" and sys.stdout.isatty():
        _print_rich(rows)
    else:
        sys.stdout.write(render_text(rows))
    return 2 if errored else 0
