"""Article feeds as JSON Lines: read records one at a time.

Each line is a JSON object holding the article text in ``text_field`` and its id in
``id_field``. Blank lines are skipped; a line that is not a JSON object, or lacks either field, is
an error naming the file and line (:class:`newslint.app.inputs.RecordInput` reads them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.core.errors import NewslintError

if TYPE_CHECKING:
    from newslint.app.progress import Progress


def parse_record(raw: bytes, text_field: str, id_field: str) -> tuple[dict[str, Any], str, str]:
    """The object, id and text of a feed line; a ValueError says why the line is no record."""
    try:
        data = json.loads(raw)
    except ValueError as exc:  # UnicodeDecodeError too
        raise ValueError(f"not a JSON object ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"not a JSON object (a JSON {type(data).__name__})")
    for field in (text_field, id_field):
        if field not in data:
            raise ValueError(f"no field {field!r}")
    text, ident = data[text_field], data[id_field]
    if not isinstance(text, str):
        raise ValueError(f"field {text_field!r} is not a string")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        raise ValueError(f"field {id_field!r} is not a string or an integer")
    return data, str(ident), text


def iter_lines(path: Path, progress: Progress | None = None) -> Iterator[tuple[int, bytes]]:
    """The feed's lines with their numbers, read one at a time (blank lines skipped)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if progress:
                progress.advance(len(raw))
            if raw.strip():
                yield number, raw


def replace_text(data: dict[str, Any], raw: bytes, text_field: str, text: str) -> bytes:
    """The record's line with its text replaced; the other fields are kept as they were."""
    line = json.dumps({**data, text_field: text}, ensure_ascii=False).encode("utf-8")
    return line + raw[len(raw.rstrip(b"\r\n")) :]
