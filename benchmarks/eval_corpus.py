"""The English pages of ``../shared/eval``, read alike by every benchmark (never copied here)."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

DEFAULT_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
EVAL_FILES = (
    "readability.article",
    "readability.paragraphs",
    "trafilatura.article",
    "trafilatura.paragraphs",
)


def english_rows(
    eval_dir: Path, script: str, names: Sequence[str] = EVAL_FILES
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, row) of each English row of the ``names``.jsonl.gz files of ``eval_dir``, in
    order; a missing file ends ``script`` with a one-line message."""
    for name in names:
        source = eval_dir / f"{name}.jsonl.gz"
        if not source.exists():
            sys.exit(f"{script}: {source}: not found (use --eval-dir)")
        with gzip.open(source, "rt", encoding="utf-8") as lines:
            for raw in lines:
                row = json.loads(raw)
                if row["lang_guess"] == "en":
                    yield name, row
