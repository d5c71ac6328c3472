"""A Vale rule mapping (with ``name`` and ``path`` set) validated and built as its type."""

from __future__ import annotations

from typing import Any

from newslint.vale import language
from newslint.vale.errors import ValeError
from newslint.vale.rules import (
    EXTENSION_POINTS,
    LEVELS,
    TYPES,
    UNSUPPORTED,
    Context,
    Rule,
    UnsupportedRule,
)


def build_rule(data: dict[str, Any], ctx: Context) -> Rule:
    """Validate a rule mapping (with ``name`` and ``path`` set) and build its type."""
    path = data["path"]
    extends = data.get("extends")
    if extends is None:
        raise ValeError(
            "rule", "Missing the required 'extends' key.", code="E201", path=path, line=1
        )
    if extends not in EXTENSION_POINTS:
        raise ValeError(
            "rule",
            f"'extends' key must be one of {list(EXTENSION_POINTS)}.",
            code="E201",
            path=path,
            line=1,
        )
    if "message" not in data:
        raise ValeError(
            "rule", "Missing the required 'message' key.", code="E201", path=path, line=1
        )
    level = data.get("level")
    if level not in LEVELS:
        raise ValeError(
            "rule", f"'level' must be one of {list(LEVELS)}", code="E201", path=path, line=1
        )
    if data.get("code") is True:
        raise ValeError(
            "rule",
            "`code` is deprecated; please use `scope: raw` instead.",
            code="E201",
            path=path,
            line=1,
        )
    if extends in UNSUPPORTED:
        raise UnsupportedRule(
            "rule",
            f"rule {data['name']} ({path}): 'extends: {extends}' is not supported:"
            f" {UNSUPPORTED[extends]}",
            code="E201",
            path=path,
            line=1,
        )
    if extends in ("capitalization", "metric", "readability", "spelling"):
        return language.build(extends, data, ctx)
    return TYPES[extends](data, ctx)
