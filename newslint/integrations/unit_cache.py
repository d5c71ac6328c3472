"""A grammar backend's answers per unit, in memory and on disk (``.newslint_cache/<backend>/``).

An entry is the list of matches of one unit: ``(start, end, rule, category, message,
replacements)`` with offsets relative to the unit. The key hashes everything the answer depends
on (backend version and settings, the unit's annotated text), so an unchanged paragraph is never
checked twice and a changed setting never reads a stale answer.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from newslint.cache import write_quietly
from newslint.integrations.prose import Entry


def cache_dir(cache: bool | str, root: Path, backend: str) -> Path | None:
    """The directory of ``backend``'s answers for a ``cache`` setting (False: none)."""
    if cache is False:
        return None
    base = root / ".newslint_cache" if cache is True else root / Path(cache).expanduser()
    return base / backend


def unit_key(payload: Any) -> str:
    """The key of an answer: a hash of ``payload`` (JSON-serialisable)."""
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


class UnitCache:
    """Answers per unit key, kept in memory and (with a directory) on disk."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.memory: dict[str, list[Entry]] = {}

    def get(self, key: str) -> list[Entry] | None:
        if key in self.memory:
            return self.memory[key]
        if self.directory is None:
            return None
        try:
            data = json.loads((self.directory / key[:2] / f"{key}.json").read_text("utf-8"))
            entries = [
                (int(a), int(b), str(r), str(c), str(m), tuple(str(x) for x in reps))
                for a, b, r, c, m, reps in data
            ]
        except (OSError, ValueError, TypeError):
            return None
        self.memory[key] = entries
        return entries

    def put(self, key: str, entries: list[Entry]) -> None:
        self.memory[key] = entries
        if self.directory is None:
            return
        data = json.dumps([[*e[:5], list(e[5])] for e in entries], ensure_ascii=False)
        write_quietly(self.directory / key[:2] / f"{key}.json", data.encode("utf-8"))
