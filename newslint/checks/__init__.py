"""Check kinds: one module each, named after the kind a YAML rule gives in ``kind``.

Each module defines ``Options`` (a dataclass: the kind's own rule keys), ``Check`` (built from
the options; ``run(doc, blocks)`` yields ``Hit``s) and ``CAN_FIX`` (whether it proposes edits):
see :mod:`newslint.core.check`. A check holds its rule's exact logic; what only makes it faster
lives in its narrowing hook (:mod:`newslint.accel.narrowing`). A module whose hits carry values
besides ``match`` names them in ``MESSAGE_VALUES``: a rule's message and fix title may use only
those (checked when a pack is loaded).
"""

from __future__ import annotations

import importlib
from typing import cast

from newslint.core.check import CheckKind

KINDS = (
    "balance",
    "boilerplate",
    "entity",
    "glued",
    "lost_break",
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


def load_kind(kind: str) -> CheckKind:
    """Import the module of a check kind (imported lazily: only kinds in use are loaded)."""
    return cast(CheckKind, importlib.import_module(f"newslint.checks.{kind}"))
