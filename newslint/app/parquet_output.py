"""Parquet for ``--engine dask`` output: findings, or a fixed feed, converted from JSON Lines in
batches (bounded memory) with pyarrow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError

BATCH = 10_000  # rows converted at a time
FINDING_COLUMNS = (
    ("path", "string"),
    ("record", "string"),
    ("rule", "string"),
    ("name", "string"),
    ("category", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("line", "int64"),
    ("column", "int64"),
    ("end_line", "int64"),
    ("end_column", "int64"),
    ("start", "int64"),
    ("end", "int64"),
    ("fix", "string"),  # the fix as JSON (null: none)
)


def _batches(source: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with source.open("rb") as lines:
        for raw in lines:
            if raw.strip():
                batch.append(json.loads(raw))
            if len(batch) >= BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise NewslintError("writing Parquet needs pyarrow: pip install 'newslint[dask]'") from None
    return pyarrow


def findings_to_parquet(source: Path, target: Path) -> None:
    """Findings written as JSON Lines (``--format json-lines``) as a Parquet table."""
    pa = _pyarrow()
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in FINDING_COLUMNS])
    with pa.parquet.ParquetWriter(target, schema) as writer:
        for batch in _batches(source):
            rows = [
                {**row, "fix": json.dumps(row["fix"]) if row.get("fix") else None} for row in batch
            ]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        if writer.is_open and not source.stat().st_size:
            writer.write_table(schema.empty_table())


def records_to_parquet(source: Path, target: Path) -> None:
    """A fixed feed written as JSON Lines as a Parquet table (columns from its first records)."""
    pa = _pyarrow()
    writer = None
    try:
        for batch in _batches(source):
            table = pa.Table.from_pylist(batch, schema=writer.schema if writer else None)
            if writer is None:
                writer = pa.parquet.ParquetWriter(target, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
