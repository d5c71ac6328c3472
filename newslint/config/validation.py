"""One way to validate YAML values: a dataclass per mapping, checked field by field.

Types come from the annotations (``str``, ``int``, ``float``, ``bool``, ``Literal[...]``,
lists, mappings, unions, nested dataclasses); constraints a type cannot say come from the
field's metadata (see :func:`option`): a regular expression the value must match in full, a
value that must compile as a regex, a minimum, or a non-empty string. Every error names the key
and, when the values came from YAML, its line.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, get_args, get_origin

MISSING: Any = dataclasses.MISSING


class OptionError(ValueError):
    """A bad value for one key; ``line`` is where it stands when known (the caller adds the
    file and the rule)."""

    def __init__(self, key: str, message: str, line: int | None = None) -> None:
        self.key = key
        self.line = line
        super().__init__(message)


def option(
    default: Any = MISSING,
    *,
    regex: bool = False,
    fullmatch: str | None = None,
    minimum: float | None = None,
    non_empty: bool = False,
    expected: str = "",
) -> Any:
    """A dataclass field with constraints: ``regex`` (every string in the value compiles as a
    regular expression), ``fullmatch`` (a string must match it in full; ``expected`` says what
    it stands for), ``minimum`` (a number is at least this), ``non_empty`` (a string holds
    more than white space)."""
    metadata = {
        "regex": regex,
        "fullmatch": fullmatch,
        "minimum": minimum,
        "non_empty": non_empty,
        "expected": expected,
    }
    if isinstance(default, list | dict):
        copy = default.copy
        return dataclasses.field(default_factory=copy, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def regex_field(default: Any = MISSING) -> Any:
    """A field whose value(s) must compile as regular expressions."""
    return option(default, regex=True)


def _describe(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        names = [repr(a) for a in get_args(tp)]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if origin in (list, tuple):
        return f"a list of {_describe(get_args(tp)[0])}s"
    if origin is dict:
        return f"a mapping of {_describe(get_args(tp)[1])}s"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in get_args(tp) if a is not type(None))
    if dataclasses.is_dataclass(tp):
        return "a mapping (" + ", ".join(f.name for f in dataclasses.fields(tp)) + ")"
    return {str: "string", int: "integer", float: "number", bool: "true/false"}.get(tp, str(tp))


_SCALARS: dict[Any, Callable[[Any], bool]] = {
    bool: lambda v: isinstance(v, bool),
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    str: lambda v: isinstance(v, str),
    Any: lambda v: True,
}


def coerce(tp: Any, value: Any) -> Any:
    """Return ``value`` converted to ``tp`` or raise ValueError (OptionError inside a nested
    mapping, for its own key and line)."""
    origin = get_origin(tp)
    if origin is Literal:
        if value in get_args(tp):
            return value
    elif origin in (typing.Union, types.UnionType):
        return _coerce_union(tp, value)
    elif origin in (list, tuple, dict) or dataclasses.is_dataclass(tp):
        converted = _coerce_container(tp, origin, value)
        if converted is not None:
            return converted
    elif tp in _SCALARS and _SCALARS[tp](value):
        return float(value) if tp is float else value
    raise ValueError(f"expected {_describe(tp)}, got {value!r}")


def _coerce_container(tp: Any, origin: Any, value: Any) -> Any:
    """A list, mapping or nested dataclass converted item by item; None if ``value`` is not
    a container of that shape."""
    if origin in (list, tuple) and isinstance(value, list):
        items = [coerce(get_args(tp)[0], v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict and isinstance(value, dict):
        key_type, item = get_args(tp)
        return {coerce(key_type, k): coerce(item, v) for k, v in value.items()}
    if origin is None and isinstance(value, dict):
        return build(tp, value)
    return None


def _coerce_union(tp: Any, value: Any) -> Any:
    options = get_args(tp)
    if value is None and type(None) in options:
        return None
    for arg in options:
        if arg is not type(None):
            try:
                return coerce(arg, value)
            except OptionError:
                raise
            except ValueError:
                continue
    raise ValueError(f"expected {_describe(tp)}, got {value!r}")


def _check_constraints(key: str, value: Any, metadata: Any) -> None:
    """The metadata constraints of a field (see :func:`option`) on its coerced value."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        if not isinstance(item, str):
            continue
        if metadata.get("non_empty") and not item.strip():
            raise ValueError(f"key {key!r} must be a non-empty string")
        if metadata.get("fullmatch") and not re.fullmatch(metadata["fullmatch"], item):
            expected = metadata.get("expected")
            raise ValueError(
                f"key {key!r}: {item!r} is not valid" + (f" ({expected})" * bool(expected))
            )
        if metadata.get("regex"):
            try:
                with warnings.catch_warnings():  # re's FutureWarnings are not the user's
                    warnings.simplefilter("ignore")
                    re.compile(item)
            except re.error as exc:
                raise ValueError(f"key {key!r}: bad regex {item[:80]!r}: {exc}") from None
            except (RecursionError, OverflowError, MemoryError):
                raise ValueError(f"key {key!r}: regex {item[:80]!r}... nested too deeply") from None
    minimum = metadata.get("minimum")
    if minimum is not None and isinstance(value, int | float) and value < minimum:
        raise ValueError(f"key {key!r}: must be at least {minimum:g}, got {value!r}")


@cache
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(cls: type, values: dict[str, Any]) -> Any:
    """Instantiate dataclass ``cls`` from ``values``; every key must be a field, typed right."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = _type_hints(cls)
    line_of = getattr(values, "line_of", None)
    kwargs = {}
    for key, value in values.items():
        name = str(key).replace("-", "_")
        line = line_of(key) if line_of else None
        if name not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise OptionError(str(key), f"unknown key {key!r} (known keys: {known})", line)
        try:
            kwargs[name] = coerce(hints[name], value)
            _check_constraints(str(key), kwargs[name], fields[name].metadata)
        except OptionError:
            raise
        except ValueError as exc:
            message = str(exc) if str(exc).startswith("key ") else f"key {key!r}: {exc}"
            raise OptionError(str(key), message, line) from None
    for name, f in fields.items():
        required = f.default is MISSING and f.default_factory is MISSING
        if required and name not in kwargs:
            line = getattr(values, "line", None)
            raise OptionError(name, f"missing required key {name!r}", line)
    return cls(**kwargs)
