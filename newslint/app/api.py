"""The Python API for pipelines: lint or fix a string, with or without a config."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

from newslint.config.project import Config, find_config_file
from newslint.core.document import Document
from newslint.core.engine import RuleTimeout, lint
from newslint.core.fixer import FixResult, fix
from newslint.core.model import Applicability, Finding, Rule
from newslint.corpus.context import attach
from newslint.corpus.evidence import Evidence
from newslint.formats import open_document

Corpus = tuple[Evidence, str]  # evidence, and the site the text belongs to
Stamp = tuple[int, int] | None
REDISCOVER_AFTER = 2.0  # seconds: how long a folder's config file is taken as found


def _stamp(path: Path | None) -> Stamp:
    """When and how large the file was last written (None: no file)."""
    try:
        info = os.stat(path) if path else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info else None


class _Found(NamedTuple):
    file: Path | None
    stamp: Stamp
    config: Config
    at: float  # when the file was looked for


class _Configs:
    """The configs ``lint_text``/``fix_text`` found, each with everything compiled from it
    (rules, prefilters), reused while its file is unchanged: a pipeline calling them article
    by article pays for a config once. A folder's config file is looked for again after
    REDISCOVER_AFTER seconds (a config written meanwhile is then seen)."""

    def __init__(self) -> None:
        self._by_folder: dict[tuple[str, str], _Found] = {}
        self._by_file: dict[tuple[Path | None, str], tuple[Stamp, Config]] = {}

    def for_path(self, path: str | None) -> Config:
        folder, cwd = os.path.dirname(path) if path else "", os.getcwd()
        now = time.monotonic()
        found = self._by_folder.get((folder, cwd))
        fresh = found is not None and now - found.at < REDISCOVER_AFTER
        if found is not None and fresh and _stamp(found.file) == found.stamp:
            return found.config
        file = find_config_file(Path(folder or "."))
        stamp = _stamp(file)
        config = self._config(file, stamp, cwd)
        if len(self._by_folder) >= 256:
            self._by_folder.clear()
        self._by_folder[(folder, cwd)] = _Found(file, stamp, config, now)
        return config

    def _config(self, file: Path | None, stamp: Stamp, cwd: str) -> Config:
        key = (file, "" if file else cwd)  # no file: the defaults, rooted in the folder
        known = self._by_file.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        if len(self._by_file) >= 64:
            self._by_file.clear()
        config = Config(file)
        self._by_file[key] = (stamp, config)
        return config


_CONFIGS = _Configs()


def _resolve(path: str | None, config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return Config(Path(config))
    return _CONFIGS.for_path(path)


def make_document(text: str, path: str | None, config: Config) -> Document:
    return open_document(
        text,
        path,
        paragraph_breaks=config.settings.paragraph_breaks,
        encoding=config.settings.encoding,
    )


def fix_document(
    doc: Document,
    rules: tuple[Rule, ...],
    minimum: Applicability = Applicability.SAFE,
    *,
    exact: bool | None = None,
) -> FixResult:
    """Fix ``doc`` with ``rules``; re-lints each candidate text as a document like ``doc``
    (``exact``: see :func:`~newslint.core.engine.lint`).

    If a rule's pattern times out, nothing is fixed: :class:`RuleTimeout` is raised with the
    other rules' findings on ``doc``.
    """

    def relint(text: str) -> list[Finding]:
        candidate = doc.with_text(text)
        return lint(candidate, rules, exact=exact)

    try:
        return fix(doc.text, relint, minimum, doc.path)
    except RuleTimeout as exc:
        slow = list(exc.rules)
    while True:
        slow_ids = {r.id for r in slow}
        try:
            findings = lint(doc, tuple(r for r in rules if r.id not in slow_ids), exact=exact)
        except RuleTimeout as exc:
            slow.extend(exc.rules)
            continue
        raise RuleTimeout(doc.path, slow, findings)


def _document(text: str, path: str | None, cfg: Config, corpus: Corpus | None) -> Document:
    doc = make_document(text, path, cfg)
    if corpus is not None:
        attach(doc, *corpus)
    return doc


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | str | Path | None = None,
    exact: bool | None = None,
    corpus: Corpus | None = None,
) -> list[Finding]:
    """Findings for ``text``. ``path`` selects Markdown handling and per-path config;
    ``config`` is a Config, a config file path, or None to discover one from ``path``; with
    ``exact``, every rule reads every block of its scope (default: ``NEWSLINT_EXACT``);
    ``corpus`` is corpus evidence and the text's site (see :mod:`newslint.corpus`)."""
    cfg = _resolve(path, config)
    doc = _document(text, path, cfg, corpus)
    return lint(doc, cfg.rules_for(Path(path) if path else None), exact=exact)


def fix_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | str | Path | None = None,
    unsafe: bool = False,
    exact: bool | None = None,
    corpus: Corpus | None = None,
) -> FixResult:
    """Fix ``text``: returns a FixResult with ``text``, ``fixed`` and ``remaining`` findings
    (``exact``: as for :func:`lint_text`)."""
    cfg = _resolve(path, config)
    doc = _document(text, path, cfg, corpus)
    minimum = Applicability.UNSAFE if unsafe else Applicability.SAFE
    rules = cfg.rules_for(Path(path) if path else None)
    return fix_document(doc, rules, minimum, exact=exact)
