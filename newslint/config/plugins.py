"""Check kinds written in Python outside newslint, loaded only from installed entry points.

A config names them (``plugins: [name, ...]``); each name must be an entry point of an
installed distribution in the group ``newslint.checks``, pointing at a module (or object) with
the attributes of a built-in kind module: ``Options`` (a dataclass), ``Check`` and ``CAN_FIX``.
Rule packs then use the name as ``kind``. Nothing else in a config or pack imports code: a
file path or module name that no installed distribution declares is refused.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING, Any

from newslint import checks
from newslint.core.errors import NewslintError

if TYPE_CHECKING:
    from importlib import metadata

GROUP = "newslint.checks"


def _entry_point(name: str) -> metadata.EntryPoint:
    from importlib import metadata

    found = list(metadata.entry_points(group=GROUP, name=name))
    if not found:
        raise NewslintError(
            f"plugins: no installed entry point {name!r} in group {GROUP!r}"
            " (install the package that provides it)"
        )
    if len({ep.value for ep in found}) > 1:
        values = ", ".join(sorted({ep.value for ep in found}))
        raise NewslintError(f"plugins: entry point {name!r} is ambiguous ({values})")
    return found[0]


@cache
def load_plugin(name: str) -> Any:
    """The check kind module of the entry point ``name`` (loaded once per process)."""
    if name in checks.KINDS:
        raise NewslintError(f"plugins: {name!r} is a built-in kind; do not list it")
    entry = _entry_point(name)
    try:
        kind = entry.load()
    except Exception as exc:  # a broken plugin is a one-line error, not a traceback
        raise NewslintError(
            f"plugins: cannot load {name!r} ({entry.value}): {type(exc).__name__}: {exc}"
        ) from None
    options = getattr(kind, "Options", None)
    if not (
        isinstance(options, type)
        and dataclasses.is_dataclass(options)
        and callable(getattr(kind, "Check", None))
        and isinstance(getattr(kind, "CAN_FIX", None), bool)
    ):
        raise NewslintError(
            f"plugins: {name!r} ({entry.value}) is not a check kind"
            " (needs an Options dataclass, Check and CAN_FIX)"
        )
    return kind


def load_plugins(names: tuple[str, ...]) -> dict[str, Any]:
    """Kind name -> module for each named plugin, in order."""
    return {name: load_plugin(name) for name in names}
