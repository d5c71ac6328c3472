"""Article feeds as JSON Lines: read records one at a time, put fixed text back in place.

Each line is a JSON object holding the article text in ``text_field`` and its id in
``id_field``. Blank lines are skipped; a line that is not a JSON object, lacks either field,
repeats a key, nests too deeply or holds a lone surrogate is an error naming the file and line
(:class:`newslint.app.inputs.RecordInput` reads them). ``fix`` replaces only the text value's
bytes in the line: every other field keeps its exact text (``1e400`` stays ``1e400``, not
``Infinity``; ``1.5e-400`` stays, not ``0.0``), key order and spacing included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.core.errors import NewslintError
from newslint.core.lines import json_line

if TYPE_CHECKING:
    from newslint.app.progress import Progress

_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Record(NamedTuple):
    """A parsed feed line: its decoded text, id and article, where the article's JSON string
    stands in the line (code points of ``line``), and all its fields."""

    line: str
    id: str
    text: str
    span: tuple[int, int]
    fields: dict[str, Any]


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members; a repeated key is an error (JSON parsers disagree on which wins,
    and rewriting the record would drop one)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"duplicate key {key[:60]!r}")
        data[key] = value
    return data


_DECODER = json.JSONDecoder(object_pairs_hook=_unique)


def _skip(line: str, at: int) -> int:
    """The position after the white space at ``at``."""
    space = _SPACE.match(line, at)
    return space.end() if space else at


def _members(line: str) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    """The top-level object of ``line`` and the span of each member's value."""
    at = _skip(line, 0)
    if not line.startswith("{", at):
        value = _DECODER.decode(line)  # an error for what is not JSON at all
        raise ValueError(f"not a JSON object (a JSON {type(value).__name__})")
    data: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    at = _skip(line, at + 1)
    closed = line.startswith("}", at)
    while not closed:
        key, value, span = _member(line, at)
        if key in data:
            raise ValueError(f"duplicate key {key[:60]!r}")
        data[key], spans[key] = value, span
        at = _skip(line, span[1])
        closed = line.startswith("}", at)
        if not closed and not line.startswith(",", at):
            raise json.JSONDecodeError("Expecting ',' delimiter", line, at)
        at = _skip(line, at + 1)
    if at != len(line):
        raise json.JSONDecodeError("Extra data", line, at)
    return data, spans


def _member(line: str, at: int) -> tuple[str, Any, tuple[int, int]]:
    """The key of the member at ``at``, its value and the value's span."""
    if not line.startswith('"', at):
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", line, at)
    key, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]
    at = _skip(line, at)
    if not line.startswith(":", at):
        raise json.JSONDecodeError("Expecting ':' delimiter", line, at)
    start = _skip(line, at + 1)
    value, end = _DECODER.raw_decode(line, start)
    return str(key), value, (start, end)


def parse_record(raw: bytes, text_field: str, id_field: str) -> Record:
    """The record of a feed line; a ValueError says why the line is no record."""
    try:
        line = raw.decode("utf-8")
        data, spans = _members(line)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise ValueError("not a JSON object (nested too deeply)") from None
    except ValueError as exc:  # json.JSONDecodeError too
        message = str(exc)
        if not message.startswith(("duplicate key", "not a JSON object")):
            message = f"not a JSON object ({message})"
        raise ValueError(message) from None
    text, ident = _fields(data, text_field, id_field)
    return Record(line, ident, text, spans[text_field], data)


def _fields(data: dict[str, Any], text_field: str, id_field: str) -> tuple[str, str]:
    """The text and id of a record's object, checked."""
    for field in (text_field, id_field):
        if field not in data:
            raise ValueError(f"no field {field!r}")
    text, ident = data[text_field], data[id_field]
    if not isinstance(text, str):
        raise ValueError(f"field {text_field!r} is not a string")
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise ValueError(f"field {id_field!r} is not a string or an integer")
    for field, value in ((text_field, text), (id_field, str(ident))):
        lone = _LONE_SURROGATE.search(value)
        if lone:
            code = f"\\u{ord(lone.group()):04x}"
            raise ValueError(f"field {field!r} holds a lone surrogate ({code}): not Unicode text")
    return text, str(ident)


def replace_text(record: Record, text: str) -> bytes:
    """The record's line with its text replaced; every other byte stays as it was."""
    start, end = record.span
    value = json_line(text)
    return (record.line[:start] + value + record.line[end:]).encode("utf-8")


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
