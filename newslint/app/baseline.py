"""Baselines: record an archive's existing findings so that only new ones are reported.

An entry identifies a finding by its file (relative to the baseline file), its rule, the text it
matched and a hash of the words around it on its line, never by line number, so edits elsewhere
in the file leave it matched. Identical findings in one file share an entry with a count.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.app.files import read_bytes, write_atomic
from newslint.core.errors import NewslintError
from newslint.core.model import Finding

BASELINE_NAME = ".newslint-baseline.json"
VERSION = 1
CONTEXT = 30  # characters of the finding's line either side of it that belong to its fingerprint

Key = tuple[str, str, str]  # path, rule, fingerprint


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fingerprint(finding: Finding, text: str) -> tuple[str, str]:
    """The finding's normalised matched text, and a hash of it with its rule and line context.

    The hash ignores case, so that a casing fix next to a baselined finding does not make it new.
    """
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, finding.start - CONTEXT) : finding.start]
    after = text[finding.end : min(line_end, finding.end + CONTEXT)]
    match = _normal(text[finding.start : finding.end])
    parts = (finding.rule, match, _normal(before), _normal(after))
    digest = hashlib.sha256("\x00".join(parts).casefold().encode("utf-8")).hexdigest()[:16]
    return match, digest


@dataclass
class Linted:
    """One file's findings as ``newslint baseline`` saw them."""

    name: str
    path: Path | None
    text: str
    findings: list[Finding]


class Baseline:
    """The entries of one baseline file: counts by (path, rule, fingerprint), and the matches."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.root = file.resolve().parent
        self.entries: Counter[Key] = Counter()
        self.matches: dict[Key, str] = {}

    @classmethod
    def load(cls, file: Path) -> Baseline:
        if not file.exists():
            raise NewslintError("no such baseline file", path=str(file))
        try:
            data = json.loads(read_bytes(file).decode("utf-8"))  # a regular file: not /dev/zero
        except UnicodeDecodeError as exc:
            raise NewslintError(f"cannot read baseline: {exc}", path=str(file)) from None
        except json.JSONDecodeError as exc:
            raise NewslintError(
                f"invalid JSON: {exc.msg}", path=str(file), line=exc.lineno
            ) from None
        except RecursionError:
            raise NewslintError("invalid JSON: nested too deeply", path=str(file)) from None
        baseline = cls(file)
        try:
            if data["newslint_baseline"] != VERSION:
                version = repr(data["newslint_baseline"])
                raise ValueError(f"unsupported version {version[:40]}")
            for item in data["findings"]:
                key = (item["path"], item["rule"], item["fingerprint"])
                if not all(isinstance(part, str) for part in (*key, item["match"])):
                    raise ValueError("path, rule, match and fingerprint are strings")
                if not isinstance(item["count"], int) or item["count"] < 1:
                    raise ValueError("count is a positive integer")
                baseline.entries[key] += item["count"]
                baseline.matches[key] = item["match"]
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
            raise NewslintError(f"not a newslint baseline: {reason}", path=str(file)) from None
        return baseline

    def relative(self, name: str, path: Path | None) -> str:
        """The file's key in this baseline: its path relative to the baseline's directory."""
        if path is None:
            return name
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()

    def _keys(self, item: Linted) -> Iterator[tuple[Key, str, Finding]]:
        relative = self.relative(item.name, item.path)
        for finding in item.findings:
            match, digest = fingerprint(finding, item.text)
            yield (relative, finding.rule, digest), match, finding

    def unmatched(self, item: Linted) -> list[Finding]:
        """The findings not in the baseline; duplicates beyond an entry's count are new."""
        used: Counter[Key] = Counter()
        kept = []
        for key, _, finding in self._keys(item):
            if used[key] < self.entries[key]:
                used[key] += 1
            else:
                kept.append(finding)
        return kept

    def record(self, linted: list[Linted]) -> None:
        """Replace the entries of the linted files with their current findings."""
        names = {self.relative(item.name, item.path) for item in linted}
        for key in [k for k in self.entries if k[0] in names]:
            del self.entries[key], self.matches[key]
        for item in linted:
            for key, match, _ in self._keys(item):
                self.entries[key] += 1
                self.matches[key] = match

    def prune(self, linted: list[Linted]) -> list[tuple[str, str, str, int]]:
        """Drop entries no current finding matches (also those of deleted files).

        Returns (path, rule, match, count) of what was dropped.
        """
        current: dict[str, Counter[Key]] = {}
        for item in linted:
            current[self.relative(item.name, item.path)] = Counter(
                k for k, _, _ in self._keys(item)
            )
        stale: Counter[Key] = Counter()
        for key, count in self.entries.items():
            path = key[0]
            if path in current:
                surplus = count - current[path][key]
            elif path != "-" and not (self.root / path).exists():
                surplus = count
            else:
                continue
            if surplus > 0:
                stale[key] = surplus
        dropped = [(p, r, self.matches[(p, r, h)], n) for (p, r, h), n in sorted(stale.items())]
        self.entries -= stale
        self.matches = {key: match for key, match in self.matches.items() if key in self.entries}
        return dropped

    def save(self) -> None:
        items = [
            {"path": p, "rule": r, "match": self.matches[(p, r, h)], "fingerprint": h, "count": n}
            for (p, r, h), n in sorted(self.entries.items())
        ]
        body = json.dumps(
            {"newslint_baseline": VERSION, "findings": items}, indent=2, ensure_ascii=False
        )
        write_atomic(self.file, (body + "\n").encode("utf-8"), create=True)

    @property
    def total(self) -> int:
        return sum(self.entries.values())


class Baselines:
    """Each file's baseline.

    The baseline is ``--baseline FILE``, else one in the current directory, else the one beside
    the file's config.
    """

    def __init__(self, explicit: Path | None, enabled: bool = True) -> None:
        self.enabled = enabled
        self._loaded: dict[Path, Baseline | None] = {}  # by the baseline file
        self._found: dict[Path, Baseline | None] = {}  # by the directory looked in
        self._primary = Baseline.load(explicit) if enabled and explicit else None
        if enabled and self._primary is None:
            self._primary = self._find(Path.cwd())

    def _find(self, directory: Path) -> Baseline | None:
        if directory not in self._found:  # a run asks once a file, of a few directories
            file = (directory / BASELINE_NAME).resolve()
            if file not in self._loaded:
                self._loaded[file] = Baseline.load(file) if file.is_file() else None
            self._found[directory] = self._loaded[file]
        return self._found[directory]

    def for_root(self, root: Path) -> Baseline | None:
        """The baseline for files under the config rooted at ``root`` (None: none applies)."""
        if not self.enabled:
            return None
        return self._primary or self._find(root)
