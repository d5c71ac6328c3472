"""newslint's two caches, both :class:`~newslint.storage.blobs.BlobStore`s of signed data:

- the findings of ``check`` in ``.newslint_cache/`` under the project root, keyed by the file's
  bytes and display path, the rules that ran (ids, severities and the bytes of their packs), the
  settings that shape the document, and newslint's version and code, so an edit to the file, its
  config or its rule packs, or a newslint upgrade, misses the cache;
- the user's cache (``$XDG_CACHE_HOME/newslint``): parsed config files and rule packs (as JSON)
  and compiled Hyperscan databases, keyed by their bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from newslint.core.model import Applicability, Edit, Finding, Fix, Rule, Severity
from newslint.storage.blobs import BlobStore
from newslint.version import __version__

CACHE_DIR = ".newslint_cache"


@cache
def code_fingerprint() -> str:
    """newslint's version and the size and mtime of its modules and built-in packs."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.rglob("*.py"), *package.parent.glob("rules/*.y*ml")]):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{__version__}-{digest.hexdigest()[:12]}"


@cache
def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def rules_fingerprint(rules: tuple[Rule, ...], settings: Any) -> str:
    """A hash of the rules that run (with their packs' bytes) and the config's settings."""
    digest = hashlib.sha256(repr(settings).encode())
    for rule in rules:
        digest.update(f"{rule.id}:{rule.severity}:{rule.source}:{rule.in_quotes};".encode())
        digest.update(getattr(rule.check, "fingerprint", "").encode())  # what else it reads
    for source in sorted({rule.source for rule in rules}):
        digest.update(_file_hash(source).encode())
    return digest.hexdigest()


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return finding.to_dict()


def finding_from_json(data: dict[str, Any], path: str) -> Finding:
    fix = data["fix"]
    return Finding(
        path=path,
        rule=data["rule"],
        name=data["name"],
        category=data["category"],
        severity=Severity.parse(data["severity"]),
        message=data["message"],
        start=data["start"],
        end=data["end"],
        line=data["line"],
        column=data["column"],
        end_line=data["end_line"],
        end_column=data["end_column"],
        fix=Fix(
            tuple(Edit(e["start"], e["end"], e["replacement"]) for e in fix["edits"]),
            Applicability.parse(fix["applicability"]),
            fix["title"],
        )
        if fix
        else None,
    )


class FindingsCache:
    """Findings of files already checked, one signed JSON entry per file and rule set."""

    def __init__(self, root: Path) -> None:
        self.store = BlobStore(root, CACHE_DIR, code_fingerprint())
        self.hits = self.misses = 0
        self._fingerprints: dict[int, tuple[tuple[Rule, ...], str]] = {}

    def key(self, name: str, data: bytes, rules: tuple[Rule, ...], settings: Any) -> str:
        known = self._fingerprints.get(id(rules))
        if known is None or known[0] is not rules:
            known = (rules, rules_fingerprint(rules, settings))
            self._fingerprints[id(rules)] = known
        digest = hashlib.sha256(f"{known[1]}\0{name}\0".encode())
        digest.update(data)
        return digest.hexdigest() + ".json"

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The cached findings (with ``path``), or None on a miss or an unusable entry."""
        data = self.store.get("findings", key)
        try:
            found = [finding_from_json(item, path) for item in json.loads(data or b"")]
        except (ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, findings: list[Finding]) -> None:
        data = json.dumps([finding_to_json(f) for f in findings], ensure_ascii=False)
        self.store.put("findings", key, data.encode("utf-8"))


def _user_store() -> BlobStore:
    return _store_in(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache"))


@cache
def _store_in(base: str) -> BlobStore:
    return BlobStore(Path(base), "newslint", code_fingerprint())


def cached_blob(kind: str, key: str) -> bytes | None:
    """Bytes saved by :func:`store_blob` under ``kind`` and ``key`` for this newslint, or None."""
    return _user_store().get(kind, key)


def store_blob(kind: str, key: str, data: bytes) -> None:
    """Save ``data`` in the user's cache (silently skipped on any failure)."""
    _user_store().put(kind, key, data)
