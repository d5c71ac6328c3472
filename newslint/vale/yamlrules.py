"""Read Vale rule files as Vale does (YAML 1.2: ``yes``, ``no``, ``on``, ``off`` are strings).

PyYAML follows YAML 1.1, so the loader here resolves only ``true``/``false`` as booleans, only
decimal, ``0o`` octal and ``0x`` hexadecimal integers and plain floats as numbers, and no dates.
The ``\\'`` escape inside double quotes, which Go's YAML reader accepts, reads as ``'``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from newslint.vale.errors import ValeError


class _Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types."""


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    assert isinstance(text, str)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_BAD_ESCAPE = re.compile(r"\\'")


def load_rule(path: Path) -> dict[str, Any]:
    """The mapping of one rule file; a parse error is Vale's E201 naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeError("ReadFile", str(exc), path=str(path)) from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        try:
            data = yaml.load(_BAD_ESCAPE.sub("'", text), Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            raise ValeError(
                "rule", f"yaml: line {line}: {problem}", code="E201", path=str(path), line=line
            ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValeError("rule", "a rule is a mapping of keys", code="E201", path=str(path), line=1)
    return data
