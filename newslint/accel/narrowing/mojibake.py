"""Narrowing of kind ``mojibake``: ftfy repairs only a line its badness heuristic flags.

``ftfy.fix_encoding`` returns a text unchanged unless ``ftfy.badness.is_bad`` flags it: a search
of ftfy's ``BADNESS_RE`` in the text. The check reports a line only when ftfy changes it, so that
regex matches in the line on its own, hence (widened, see
:func:`~newslint.accel.hyperscan_syntax.to_hyperscan`) in the document, ending inside the line
and its block; so does the check's pattern of a closing mark that lost its last byte, which
the check restores before ftfy reads the line (where it matches, ftfy reads the restored line).
The check is block-local (each line is repaired on its own). The regex is kept as data
(``ftfy_badness.json``, copied from ftfy, whose version tests/test_ftfy_data.py checks), so
that a document without mojibake never imports ftfy.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from newslint.accel.hyperscan import Expression
from newslint.checks.mojibake import LOST_BYTE, Check


@cache
def badness_pattern() -> Expression:
    """ftfy's ``BADNESS_RE`` (source and ``re`` flags), as stored in ``ftfy_badness.json``."""
    data = json.loads(Path(__file__).with_name("ftfy_badness.json").read_text(encoding="utf-8"))
    flags = 0
    for name in data["flags"]:
        flags |= re.RegexFlag[name]
    return data["source"], flags


def document_patterns(check: Check) -> list[Expression]:
    """ftfy's regex, and the lost byte of a closing mark (``â€`` then no third byte), which the
    check gives back before ftfy reads the line."""
    return [badness_pattern(), (LOST_BYTE.pattern, 0)]


block_patterns = document_patterns
