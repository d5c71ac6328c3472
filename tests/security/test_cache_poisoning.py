"""Issue 11, Medium: code execution through the user cache, and a damaged cache crashing runs.

Compiled packs were pickles in ``$XDG_CACHE_HOME/newslint/packs``, loaded without checks under
names anyone can compute: a planted entry ran a shell command (a shared cache, ``HOME=/tmp``,
or a restored CI cache). A single flipped bit in a cached pack made every later run crash until
the cache was deleted. What to build: "caches hold data only ..., are validated on read, and a
corrupt or foreign entry is a miss, never a crash".
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from security.seclib import Run, Sandbox, assert_no_traceback

ARTICLE = (
    "Headline\n\nThe vote was on tuesday.\n\n“The count goes on, said the clerk.\n\n"
    "Share this article\n\nResidents were told on Monday.\n"
)


class _Planted:
    """A pickle that, when loaded, creates ``marker`` (a stand-in for any shell command)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "newslint").rglob("*") if p.is_file())


def _reference(sandbox: Sandbox) -> Run:
    """A run that fills the empty user cache; its findings are what every later run must give."""
    sandbox.write("a.txt", ARTICLE)
    first = sandbox.run("check", "--no-cache", "a.txt")
    assert_no_traceback(first)
    assert first.code == 1, first
    cached = [p.relative_to(sandbox.cache / "newslint").parts for p in _entries(sandbox.cache)]
    assert any(parts[0] == "yaml" for parts in cached), (
        "no parsed rule pack was cached: the test does not reach the cache"
    )
    return first


def test_planted_cache_entries_run_no_code(cold_sandbox: Sandbox) -> None:
    """Issue 11, Medium: "a planted entry ran a shell command". Every entry of the user cache
    (packs first among them) is replaced by a pickle that would create a marker file."""
    sandbox = cold_sandbox
    reference = _reference(sandbox)
    marker = sandbox.outside / "code-ran"
    planted = pickle.dumps(_Planted(marker))
    for entry in _entries(sandbox.cache):
        entry.write_bytes(planted)

    run = sandbox.run("check", "--no-cache", "a.txt")

    assert not marker.exists(), "loading the user cache ran code"
    assert_no_traceback(run)
    assert (run.code, run.out) == (reference.code, reference.out), run


@pytest.mark.parametrize("near", [b"severity", b"message", b"applicability", b"sentence_starts"])
def test_flipped_bit_in_cache_is_a_miss(cold_sandbox: Sandbox, near: bytes) -> None:
    """Issue 11, Medium: "a single flipped bit in a cached pack makes every later run crash
    until the cache is deleted". One bit is flipped in every entry: just after the first
    ``near`` in it, else in its middle; the next two runs give the same findings as before."""
    sandbox = cold_sandbox
    reference = _reference(sandbox)
    for entry in _entries(sandbox.cache):
        data = bytearray(entry.read_bytes())
        found = data.find(near)
        at = found + 1 if found >= 0 else len(data) // 2
        data[at] ^= 0x01
        entry.write_bytes(bytes(data))

    for _ in range(2):
        run = sandbox.run("check", "--no-cache", "a.txt")
        assert_no_traceback(run)
        assert (run.code, run.out) == (reference.code, reference.out), run
