"""Check kinds: one module each, named after the kind a YAML rule gives in ``kind``.

Each module defines ``Options`` (a dataclass: the kind's own rule keys), ``Check`` (built from
the options; ``run(doc, blocks)`` yields ``Hit``s) and ``CAN_FIX`` (whether it proposes edits).
A ``Check`` may also have ``prefilter``: ``(pattern, re flags)`` pairs one of which matches in
every document the check reports something in (see :mod:`newslint.accel.prefilter`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS = (
    "balance",
    "boilerplate",
    "entity",
    "glued",
    "grammar",
    "line_model",
    "metric",
    "mojibake",
    "name_case",
    "pattern",
    "repeated_across_corpus",
    "repeated_block",
    "repeated_word",
    "sentence_case",
    "truncated",
    "word_case",
)


def load_kind(kind: str) -> ModuleType:
    """Import the module of a check kind (imported lazily: only kinds in use are loaded)."""
    return importlib.import_module(f"newslint.checks.{kind}")
