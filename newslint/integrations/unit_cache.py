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

from newslint.integrations.prose import Entry
from newslint.storage.blobs import BlobStore
from newslint.storage.cache import CACHE_DIR


def unit_key(payload: Any) -> str:
    """The key of an answer: a hash of ``payload`` (JSON-serialisable)."""
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


class UnitCache:
    """Answers per unit key, kept in memory and (with a store) on disk."""

    def __init__(self, store: BlobStore | None, backend: str) -> None:
        self.store = store
        self.backend = backend
        self.memory: dict[str, list[Entry]] = {}

    def get(self, key: str) -> list[Entry] | None:
        if key in self.memory:
            return self.memory[key]
        if self.store is None:
            return None
        try:
            data = json.loads(self.store.get(self.backend, f"{key}.json") or b"")
            entries = [
                (int(a), int(b), str(r), str(c), str(m), tuple(str(x) for x in reps))
                for a, b, r, c, m, reps in data
            ]
        except (ValueError, TypeError):
            return None
        self.memory[key] = entries
        return entries

    def put(self, key: str, entries: list[Entry]) -> None:
        self.memory[key] = entries
        if self.store is None:
            return
        data = json.dumps([[*e[:5], list(e[5])] for e in entries], ensure_ascii=False)
        self.store.put(self.backend, f"{key}.json", data.encode("utf-8"))


def unit_cache(cache: bool | str, root: Path, backend: str, version: str) -> UnitCache:
    """``backend``'s answers for a ``cache`` setting: ``.newslint_cache/`` of the project
    (True), a folder of the project (a path), or memory only (False)."""
    if cache is False:
        return UnitCache(None, backend)
    folder = root / CACHE_DIR if cache is True else root / Path(cache).expanduser()
    return UnitCache(BlobStore(folder.parent, folder.name, version), backend)
