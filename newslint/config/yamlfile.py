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
from newslint.core.regular_files import NotRegularFile, read_regular


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

        def fetch_flow_collection_start(self, token_class: Any) -> None:
            """Refuse flow nesting beyond :data:`MAX_DEPTH` as it is read: the scanner's work
            per token grows with the open ``[`` (6 KB of them took 2 s)."""
            if self.flow_level >= MAX_DEPTH:
                mark = self.get_mark()
                message = f"nested deeper than {MAX_DEPTH}"
                raise yaml.scanner.ScannerError(None, None, message, mark)
            super().fetch_flow_collection_start(token_class)

    LineLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    return LineLoader


def _construct_int(loader: Any, node: Any) -> int:
    """An integer; one of more digits than Python converts is an error at its line."""
    import yaml

    try:
        return int(yaml.SafeLoader.construct_yaml_int(loader, node))
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"an integer of {len(node.value):,} characters", node.start_mark
        ) from None


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
    """Parse YAML text; any syntax error, unsafe tag or excess (see :func:`_check_size`) becomes
    a one-line NewslintError."""
    import yaml

    loader = _line_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise NewslintError(f"invalid YAML: {problem}", path=path, line=line) from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an integer of too many digits
        raise NewslintError(f"invalid YAML: {_one_line(exc)}", path=path) from None
    except RecursionError:
        line = loader.get_mark().line + 1  # where reading stopped
        raise NewslintError("invalid YAML: nested too deeply", path=path, line=line) from None
    finally:
        loader.dispose()


MAX_NODES = 200_000  # values a document may expand to, aliases counted as often as used
MAX_DEPTH = 100  # nested mappings and lists


def _check_size(root: Any, path: str) -> None:
    """Refuse a document whose aliases expand it beyond :data:`MAX_NODES` values (a
    "billion laughs" of a few hundred bytes) or that nests deeper than :data:`MAX_DEPTH`;
    counted once a node, in time linear in the document."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded values, depth)
    entered: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes or (not children_done and id(node) in entered):
            continue  # counted, or an alias of a node that holds it (counted once)
        children = _children(node)
        if not children_done:
            entered.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            if len(stack) > MAX_NODES:
                raise NewslintError("invalid YAML: too many values", path=path)
            continue
        known = [sizes.get(id(child), (1, 1)) for child in children]  # (1, 1): a recursion
        size = 1 + sum(s for s, _ in known)
        depth = 1 + max((d for _, d in known), default=0)
        line = node.start_mark.line + 1
        if size > MAX_NODES:
            message = "invalid YAML: aliases expand it to too many values"
            raise NewslintError(message, path=path, line=line)
        if depth > MAX_DEPTH:
            message = f"invalid YAML: nested deeper than {MAX_DEPTH}"
            raise NewslintError(message, path=path, line=line)
        sizes[id(node)] = (size, depth)


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]
    return []


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def load(path: Path) -> Any:
    return parse(_decoded(read_bytes(path), path), str(path))


def load_cached(path: Path) -> Any:
    """:func:`load`, remembered in the user's cache by the file's bytes (as JSON, with the
    lines of every key), so that a run reading only a small config does not import PyYAML."""
    return parse_cached(read_bytes(path), path)


def parse_cached(data: bytes, path: Path) -> Any:
    """The YAML of ``data`` (the bytes of ``path``), as :func:`load_cached` keeps it."""
    from newslint.storage.cache import cached_blob, store_blob

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


MAX_FILE_BYTES = 1_000_000  # a config or rule pack larger than this is refused


def read_bytes(path: Path) -> bytes:
    """The bytes of a config or pack file: a regular file of at most :data:`MAX_FILE_BYTES`
    (a device, a FIFO or a huge file is refused before anything is read)."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile:
        raise NewslintError("not a regular file", path=str(path)) from None
    except FileNotFoundError:
        raise NewslintError("file not found", path=str(path)) from None
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    if len(data) > MAX_FILE_BYTES:
        raise NewslintError(f"larger than {MAX_FILE_BYTES:,} bytes", path=str(path))
    return data


def _decoded(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NewslintError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None


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
