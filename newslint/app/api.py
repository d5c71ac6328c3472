"""The Python API for pipelines: lint or fix a string, with or without a config."""

from __future__ import annotations

from pathlib import Path

from newslint.config.project import Config, ConfigResolver
from newslint.core.document import Document
from newslint.core.engine import RuleTimeout, lint
from newslint.core.fixer import FixResult, fix
from newslint.core.model import Applicability, Finding, Rule
from newslint.formats import open_document


def _resolve(path: str | None, config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return Config(Path(config))
    return ConfigResolver(None).for_path(Path(path) if path else None)


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


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | str | Path | None = None,
    exact: bool | None = None,
) -> list[Finding]:
    """Findings for ``text``. ``path`` selects Markdown handling and per-path config;
    ``config`` is a Config, a config file path, or None to discover one from ``path``; with
    ``exact``, every rule reads every block of its scope (default: ``NEWSLINT_EXACT``)."""
    cfg = _resolve(path, config)
    doc = make_document(text, path, cfg)
    return lint(doc, cfg.rules_for(Path(path) if path else None), exact=exact)


def fix_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | str | Path | None = None,
    unsafe: bool = False,
    exact: bool | None = None,
) -> FixResult:
    """Fix ``text``: returns a FixResult with ``text``, ``fixed`` and ``remaining`` findings
    (``exact``: as for :func:`lint_text`)."""
    cfg = _resolve(path, config)
    doc = make_document(text, path, cfg)
    minimum = Applicability.UNSAFE if unsafe else Applicability.SAFE
    rules = cfg.rules_for(Path(path) if path else None)
    return fix_document(doc, rules, minimum, exact=exact)
