"""Article feeds as JSON Lines: read records one at a time, and show progress on a terminal.

Each line is a JSON object holding the article text in ``text_field`` and its id in
``id_field``. A record is linted as a document named ``FILE#ID``; findings carry the id in
``record``. Blank lines are skipped; a line that is not a JSON object, or lacks either field, is
an error naming the file and line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newslint.core.errors import NewslintError


@dataclass
class Record:
    """One line of a feed: its number, raw bytes, decoded object, id and article text."""

    line: int
    raw: bytes
    data: dict[str, Any] | None = None
    id: str = ""
    text: str = ""
    error: str | None = None  # why the line is not a usable record

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_record(raw: bytes, line: int, text_field: str, id_field: str) -> Record:
    """A record from one line; a bad line gives a Record with ``error`` set."""
    record = Record(line, raw)
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        record.error = f"not a JSON object ({exc})"
        return record
    if not isinstance(data, dict):
        record.error = f"not a JSON object (a JSON {type(data).__name__})"
        return record
    for field in (text_field, id_field):
        if field not in data:
            record.error = f"no field {field!r}"
            return record
    text, ident = data[text_field], data[id_field]
    if not isinstance(text, str):
        record.error = f"field {text_field!r} is not a string"
        return record
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        record.error = f"field {id_field!r} is not a string or an integer"
        return record
    record.data, record.id, record.text = data, str(ident), text
    return record


def iter_records(
    path: Path, text_field: str, id_field: str, progress: Progress | None = None
) -> Iterator[Record]:
    """The records of a feed, read one line at a time (blank lines skipped)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if progress:
                progress.advance(len(raw))
            if raw.strip():
                yield parse_record(raw, number, text_field, id_field)


def replace_text(record: Record, text_field: str, text: str) -> bytes:
    """The record's line with its text replaced; the other fields are kept as they were."""
    assert record.data is not None
    data = dict(record.data)
    data[text_field] = text
    ending = record.raw[len(record.raw.rstrip(b"\r\n")) :]
    return json.dumps(data, ensure_ascii=False).encode("utf-8") + ending


class Progress:
    """A one-line progress bar on ``stream`` (only when it is a terminal), by bytes read."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.records = 0
        self._shown = 0.0

    @classmethod
    def for_file(cls, path: Path) -> Progress:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        return cls(str(path), size)

    def advance(self, size: int) -> None:
        self.done += size
        self.records += 1
        now = time.monotonic()
        if self.enabled and now - self._shown >= 0.1:
            self._shown = now
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"\r{self.label} [{bar}] {share:4.0%} {self.records} lines"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
