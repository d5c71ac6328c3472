"""Profiles: corpus evidence saved by ``newslint learn`` for ``check``/``fix`` to use later.

A profile is a JSON file: its format, the newslint version and unit normalisation that made it,
how sites were told apart, documents per site, and the keys seen in at least ``min_count``
documents with their counts (packed, base64), with a digest of both. A profile of another
format or normalisation is stale; one that does not parse or add up is corrupt: each is a
one-line error naming the file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
from array import array
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from newslint.core.errors import NewslintError
from newslint.corpus.evidence import Evidence
from newslint.corpus.units import UNITS_VERSION
from newslint.version import __version__

FORMAT = "newslint-profile"
FORMAT_VERSION = 1
MIN_COUNT = 2  # keys seen in fewer documents are not saved (they tell nothing)


class Profile(NamedTuple):
    evidence: Evidence
    site_field: str
    made_by: str  # newslint version


def _digest(keys: bytes, counts: bytes) -> str:
    return hashlib.sha256(keys + counts).hexdigest()


def save(path: Path, evidence: Evidence, site_field: str) -> None:
    """Write ``evidence`` as a profile, atomically."""
    kept = evidence.repeated(MIN_COUNT)
    keys = _little_endian(array("Q", kept.counts.keys()))
    counts = _little_endian(array("I", kept.counts.values()))
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "newslint": __version__,
        "units_version": UNITS_VERSION,
        "site_field": site_field,
        "min_count": MIN_COUNT,
        "pruned": kept.pruned,
        "sites": dict(sorted(kept.sites.items())),
        "keys": base64.b64encode(keys).decode("ascii"),
        "counts": base64.b64encode(counts).decode("ascii"),
        "digest": _digest(keys, counts),
    }
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
    os.replace(tmp, path)


def _little_endian(values: array[int]) -> bytes:
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def load(path: Path) -> Profile:
    """Read a profile; a missing, corrupt or stale one is a :class:`NewslintError`."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise NewslintError(f"cannot read profile: {exc.strerror or exc}", path=str(path)) from None
    except ValueError:
        raise NewslintError("corrupt profile: not JSON", path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NewslintError("not a newslint profile (newslint learn makes one)", path=str(path))
    made_by = str(data.get("newslint"))
    if (data.get("format_version"), data.get("units_version")) != (FORMAT_VERSION, UNITS_VERSION):
        raise NewslintError(
            f"stale profile: made by newslint {made_by} (format {data.get('format_version')},"
            f" units {data.get('units_version')}); newslint {__version__} reads format"
            f" {FORMAT_VERSION}, units {UNITS_VERSION}: run newslint learn again",
            path=str(path),
        )
    try:
        return Profile(_evidence(data), str(data["site_field"]), made_by)
    except (KeyError, TypeError, ValueError) as exc:
        raise NewslintError(f"corrupt profile: {exc}", path=str(path)) from None


def _evidence(data: dict[str, Any]) -> Evidence:
    keys_bytes = base64.b64decode(data["keys"], validate=True)
    counts_bytes = base64.b64decode(data["counts"], validate=True)
    if _digest(keys_bytes, counts_bytes) != data["digest"]:
        raise ValueError("its digest does not match its keys")
    keys, counts = array("Q"), array("I")
    keys.frombytes(keys_bytes)
    counts.frombytes(counts_bytes)
    if sys.byteorder == "big":
        keys.byteswap()
        counts.byteswap()
    if len(keys) != len(counts):
        raise ValueError("keys and counts differ in number")
    evidence = Evidence()
    evidence.counts = Counter(dict(zip(keys, counts, strict=True)))
    evidence.sites = Counter({str(site): int(n) for site, n in data["sites"].items()})
    evidence.pruned = int(data["pruned"])
    return evidence
