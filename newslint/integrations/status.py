"""Why grammar rules were skipped in a run: one warning line per reason, for every backend.

A backend that cannot be used (no server, server down, extra not installed, a crash inside it)
calls :func:`warn` (or :func:`note` for a normal state not worth a line, such as no server
configured). ``--require-grammar`` turns any of them into an error (:func:`problems`). In a
worker process (``-j``) warnings are held (:func:`hold`) and handed to the main process with the
file's outcome, which prints each reason once.
"""

from __future__ import annotations

import sys

_warned: list[str] = []
_silent: list[str] = []
_held: list[str] = []
_holding = False


def warn(message: str) -> None:
    """Print ``newslint: warning: message`` once a run (or hold it, in a worker)."""
    if message in _warned:
        return
    _warned.append(message)
    if _holding:
        _held.append(message)
    else:
        from newslint.core.printable import printable

        print(f"newslint: warning: {printable(message)}", file=sys.stderr)


def note(message: str) -> None:
    """Record a reason grammar did not run that needs no warning line."""
    if message not in _silent:
        _silent.append(message)


def problems() -> list[str]:
    """Why grammar rules were skipped since ``reset_problems`` (warned or not)."""
    return _warned + _silent


def unreported() -> list[str]:
    """Reasons not shown as warnings."""
    return list(_silent)


def reset_problems() -> None:
    _warned.clear()
    _silent.clear()


def hold() -> None:
    """In a worker process: keep warnings for :func:`take_held` instead of printing them."""
    global _holding
    _holding = True


def take_held() -> list[str]:
    """The warnings held since the last call."""
    held = list(_held)
    _held.clear()
    return held
