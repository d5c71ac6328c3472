"""Load YAML safely, remembering the line of every mapping key for error messages."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError


class Mapping(dict[Any, Any]):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def subset(self, keys: set[str]) -> Mapping:
        """The items of these keys, with their lines."""
        part = Mapping({k: v for k, v in self.items() if k in keys})
        part.line, part.key_lines = self.line, self.key_lines
        return part


@cache
def _line_loader() -> type:
    """A SafeLoader (no Python tags) whose mappings carry line numbers; built on first use, so
    that a run reading no YAML (built-in packs come compiled from the cache) never imports it.

    Booleans follow YAML 1.2: only true/false, so word lists may hold "on", "no" or "yes".
    """
    import yaml

    class LineLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    LineLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return LineLoader


def _construct_mapping(loader: Any, node: Any) -> Mapping:
    import yaml

    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain scalars", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def parse(text: str, path: str) -> Any:
    """Parse YAML text; any syntax error or unsafe tag becomes a one-line NewslintError."""
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise NewslintError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise NewslintError(f"invalid YAML: {exc}", path=path) from None


def load(path: Path) -> Any:
    return parse(_decoded(_read(path), path), str(path))


def load_cached(path: Path) -> Any:
    """:func:`load`, remembered in the user's cache by the file's bytes (as JSON, with the
    lines of every key), so that a run reading only a small config does not import PyYAML."""
    from newslint.storage.cache import cached_blob, store_blob

    data = _read(path)
    key = hashlib.sha256(b"yaml-v1\0" + data).hexdigest() + ".json"
    cached = cached_blob("yaml", key)
    if cached is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            return _decode(json.loads(cached))
    parsed = parse(_decoded(data, path), str(path))
    encoded = _encode(parsed)
    if encoded is not _UNSUPPORTED:
        store_blob("yaml", key, json.dumps(encoded).encode())
    return parsed


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NewslintError("file not found", path=str(path)) from None
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc}", path=str(path)) from None


def _decoded(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NewslintError(f"cannot read: {exc}", path=str(path)) from None


_UNSUPPORTED = object()  # a value JSON does not keep as it is (a date, say): not cached


def _encode(value: Any) -> Any:
    if isinstance(value, Mapping):
        items = [[k, _encode(v)] for k, v in value.items()]
        if not all(isinstance(k, str | int | float | bool) or k is None for k, _ in items):
            return _UNSUPPORTED
        if any(v is _UNSUPPORTED for _, v in items):
            return _UNSUPPORTED
        return {"m": value.line, "k": value.key_lines, "i": items}
    if isinstance(value, list):
        items = [_encode(v) for v in value]
        return _UNSUPPORTED if any(v is _UNSUPPORTED for v in items) else {"l": items}
    if value is None or type(value) in (str, int, float, bool):
        return value
    return _UNSUPPORTED


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "l" in value:
            return [_decode(v) for v in value["l"]]
        mapping = Mapping()
        mapping.line = value["m"]
        mapping.key_lines = value["k"]
        for k, v in value["i"]:
            mapping[k] = _decode(v)
        return mapping
    return value
