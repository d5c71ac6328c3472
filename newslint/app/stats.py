"""``newslint stats PATH ...``: words, sentences, paragraphs and readability per article.

A rich table on a terminal, aligned plain text otherwise, JSON with ``--format json``. Counts are
newslint's (sentence boundaries know abbreviations); scores are textstat's over the paragraphs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.app.files import iter_files, read_bytes
from newslint.config.project import ConfigResolver
from newslint.core.errors import NewslintError
from newslint.formats import read_document

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


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("stats", help="words, sentences and readability per article")
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    parser.add_argument("--config", type=Path, help="use this config file for every file")
    parser.add_argument("--format", choices=("auto", "text", "json"), default="auto")
    parser.add_argument("--encoding", help="decode files with this encoding (default utf-8)")
    parser.add_argument("--stdin-filename", help="path to assume for text read from '-'")


def _documents(args: argparse.Namespace) -> Any:
    overrides = {"encoding": args.encoding} if args.encoding else {}
    resolver = ConfigResolver(args.config, overrides)
    for name in args.paths:
        if name == "-":
            shown = args.stdin_filename or "-"
            config = resolver.for_path(Path(shown) if args.stdin_filename else None)
            yield shown, config, None
        else:
            for path in iter_files([name], resolver):
                yield str(path), resolver.for_path(path), path


def collect(args: argparse.Namespace) -> tuple[list[ArticleStats], bool]:
    from newslint.integrations.readability import article_stats

    rows, errored = [], False
    for name, config, path in _documents(args):
        try:
            data = sys.stdin.buffer.read() if path is None else read_bytes(path)
            doc = read_document(
                data,
                name,
                encoding=config.settings.encoding,
                paragraph_breaks=config.settings.paragraph_breaks,
            )
        except NewslintError as exc:
            print(f"newslint: error: {exc}", file=sys.stderr)
            errored = True
            continue
        paragraphs = [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]
        rows.append(article_stats(name, doc.text, paragraphs))
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


def run(args: argparse.Namespace) -> int:
    rows, errored = collect(args)
    if args.format == "json":
        print(json.dumps([row.to_dict() for row in rows], indent=2, ensure_ascii=False))
    elif args.format == "auto" and sys.stdout.isatty():
        _print_rich(rows)
    else:
        sys.stdout.write(render_text(rows))
    return 2 if errored else 0
