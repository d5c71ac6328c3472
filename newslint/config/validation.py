"""Strict validation of YAML values against a dataclass's field types (rule and config keys)."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, Literal, get_args, get_origin


class OptionError(ValueError):
    """A bad value for one key; the caller adds file, line and rule."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


def _describe(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    if origin in (list, tuple):
        return f"a list of {_describe(get_args(tp)[0])}s"
    if origin is dict:
        return f"a mapping of {_describe(get_args(tp)[1])}s"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in get_args(tp) if a is not type(None))
    return {str: "string", int: "integer", float: "number", bool: "true/false"}.get(tp, str(tp))


def coerce(tp: Any, value: Any) -> Any:
    """Return ``value`` converted to ``tp`` or raise ValueError."""
    origin = get_origin(tp)
    if origin is Literal:
        if value in get_args(tp):
            return value
    elif origin in (typing.Union, types.UnionType):
        if value is None and type(None) in get_args(tp):
            return None
        for arg in get_args(tp):
            if arg is type(None):
                continue
            try:
                return coerce(arg, value)
            except ValueError:
                continue
    elif origin in (list, tuple):
        (item,) = get_args(tp)[:1]
        if isinstance(value, list):
            items = [coerce(item, v) for v in value]
            return tuple(items) if origin is tuple else items
    elif origin is dict:
        key_type, item = get_args(tp)
        if isinstance(value, dict):
            return {coerce(key_type, k): coerce(item, v) for k, v in value.items()}
    elif tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif tp is Any:
        return value
    raise ValueError(f"expected {_describe(tp)}, got {value!r}")


def build(cls: type, values: dict[str, Any]) -> Any:
    """Instantiate dataclass ``cls`` from ``values``; every key must be a field, typed right."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for key, value in values.items():
        name = key.replace("-", "_")
        if name not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise OptionError(key, f"unknown key {key!r} (known keys: {known})")
        try:
            kwargs[name] = coerce(hints[name], value)
        except ValueError as exc:
            raise OptionError(key, f"key {key!r}: {exc}") from None
        if fields[name].metadata.get("regex"):
            for pattern in (
                kwargs[name] if isinstance(kwargs[name], list | tuple) else [kwargs[name]]
            ):
                if pattern is None:
                    continue
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise OptionError(key, f"key {key!r}: bad regex {pattern!r}: {exc}") from None
    for name, f in fields.items():
        if (
            f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
            and name not in kwargs
        ):
            raise OptionError(name, f"missing required key {name!r}")
    return cls(**kwargs)


def regex_field(default: Any = dataclasses.MISSING, **kw: Any) -> Any:
    """A dataclass field whose value(s) must compile as regular expressions."""
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda: list(default), metadata={"regex": True})
    return dataclasses.field(default=default, metadata={"regex": True}, **kw)
