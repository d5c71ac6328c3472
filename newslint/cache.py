"""A content-hash cache of ``check`` findings in ``.newslint_cache/`` under the project root.

An entry is keyed by the file's bytes and display path, the rules that ran (ids, severities and
the bytes of their packs), the settings that shape the document, and newslint's version and code,
so an edit to the file, its config or its rule packs, or a newslint upgrade, misses the cache.
Entries are JSON (never pickle: a cache directory may come from anywhere). Writes are atomic, and
a cache that cannot be written is silently not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from newslint.model import Applicability, Edit, Finding, Fix, Rule, Severity

CACHE_DIR = ".newslint_cache"
_STALE_AFTER = 86400.0  # seconds
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# Created by newslint; safe to delete.\n"


@cache
def code_fingerprint() -> str:
    """newslint's version and the size and mtime of its modules and built-in packs."""
    from newslint import __version__  # noqa: PLC0415 - newslint/__init__ imports this module

    package = Path(__file__).resolve().parent
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
    """Findings of files already checked, one JSON file per entry under ``root/.newslint_cache``."""

    def __init__(self, root: Path) -> None:
        self.base = root / CACHE_DIR
        self.dir = self.base / "findings" / code_fingerprint()
        self.hits = self.misses = 0
        self._prepared = False
        self._fingerprints: dict[int, tuple[tuple[Rule, ...], str]] = {}

    def key(self, name: str, data: bytes, rules: tuple[Rule, ...], settings: Any) -> str:
        known = self._fingerprints.get(id(rules))
        if known is None or known[0] is not rules:
            known = (rules, rules_fingerprint(rules, settings))
            self._fingerprints[id(rules)] = known
        digest = hashlib.sha256(f"{known[1]}\0{name}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key[2:]}.json"

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The cached findings (with ``path``), or None on a miss or an unreadable entry."""
        try:
            raw = json.loads(self._entry(key).read_text(encoding="utf-8"))
            found = [finding_from_json(item, path) for item in raw]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, findings: list[Finding]) -> None:
        try:
            self._prepare()
        except OSError:
            return
        data = json.dumps([finding_to_json(f) for f in findings], ensure_ascii=False)
        write_quietly(self._entry(key), data.encode("utf-8"))

    def _prepare(self) -> None:
        """Create the cache directory (tagged, git-ignored) and drop other versions' findings."""
        if self._prepared:
            return
        self._prepared = True
        self.dir.mkdir(parents=True, exist_ok=True)
        tag = self.base / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")
            (self.base / ".gitignore").write_text("*\n", encoding="utf-8")
        for other in self.dir.parent.iterdir():
            if other.is_dir() and other != self.dir:
                shutil.rmtree(other, ignore_errors=True)


def _user_cache(kind: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint" / kind


def _pack_key(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(f"{sys.version}\0{path}\0".encode())
    digest.update(data)
    return f"{digest.hexdigest()}.pickle"


def cached_pack(path: Path) -> tuple[Rule, ...] | None:
    """The compiled rules of a pack saved by :func:`store_pack`, or None.

    Compiling a pack (YAML, validation, regexes) takes most of a short run's time; the compiled
    rules are pickled in the user's cache directory (never a project's: pickles run code), keyed
    by the pack's bytes and path, newslint's code and the Python version.
    """
    key = _pack_key(path)
    data = cached_blob("packs", key) if key else None
    if data is None:
        return None
    try:
        rules = pickle.loads(data)  # noqa: S301 - written by store_pack, user-owned
    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss
        return None
    return rules if isinstance(rules, tuple) else None


def store_pack(path: Path, rules: tuple[Rule, ...]) -> None:
    """Save a pack's compiled rules for :func:`cached_pack` (silently skipped on any failure)."""
    key = _pack_key(path)
    if key is None:
        return
    try:
        data = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - e.g. a check holding something that does not pickle
        return
    store_blob("packs", key, data)


def cached_blob(kind: str, key: str) -> bytes | None:
    """Bytes saved by :func:`store_blob` under ``kind`` and ``key`` for this newslint, or None."""
    try:
        return (_user_cache(kind) / code_fingerprint() / key).read_bytes()
    except OSError:
        return None


def store_blob(kind: str, key: str, data: bytes) -> None:
    """Save ``data`` in the user's cache directory, atomically (silently skipped on any
    failure). A new newslint first drops what other versions left there that was not used for
    a day (two installed versions do not drop each other's entries)."""
    entry = _user_cache(kind) / code_fingerprint() / key
    try:
        if not entry.parent.is_dir():
            stale = time.time() - _STALE_AFTER
            for other in _user_cache(kind).glob("*"):
                if other.stat().st_mtime > stale:
                    continue
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink()
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return
    write_quietly(entry, data)


def write_quietly(entry: Path, data: bytes) -> None:
    """Replace ``entry`` with ``data`` atomically (a temporary file, then a rename). A cache
    that cannot be written only costs speed: failures are silent, and leave no temporary file."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
