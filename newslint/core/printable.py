"""Text from articles, packs and file names made safe to print on a terminal or a CI log.

A terminal acts on C0 and C1 control characters (ESC starts sequences that set the window
title, clear the screen or write the clipboard); the GitHub Actions runner starts a new line at
CR or LF, and a line starting with ``::`` is a workflow command. :func:`printable` writes every
such character as an escape (``\\x1b``, ``\\u2028``), so a finding's message, matched text or
path is always one inert line. TAB is kept (formats that align columns replace it).
"""

from __future__ import annotations

import re

# C0 controls but TAB, DEL, C1 controls, the Unicode line and paragraph separators, the bidi
# embedding/override/isolate controls (which reorder what a reader sees), lone surrogates
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters (see the module doc) written as escapes."""
    if text.isprintable() or not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Several lines (LF between them) each made :func:`printable`."""
    return "\n".join(map(printable, text.split("\n")))
