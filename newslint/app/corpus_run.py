"""Corpus evidence in ``check``/``fix`` runs and ``newslint learn``.

``check --corpus`` and ``fix --corpus`` read every input of the run twice: the first pass
(:func:`learn`) counts each site's units, the second lints each document with its site's
evidence attached (:meth:`CorpusRun.attach`). A config's ``profile:`` gives evidence saved by
``newslint learn`` instead. Only one document is held at a time, and the evidence is bounded
(:mod:`newslint.corpus.evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from newslint.app.inputs import FileInput, Input, RecordInput, open_source
from newslint.app.options import RunOptions
from newslint.config.project import Config, ConfigResolver
from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.corpus.context import attach
from newslint.corpus.evidence import DEFAULT_BUDGET, Evidence
from newslint.corpus.sites import FOLDER, front_matter_value, site_name
from newslint.corpus.units import document_keys


def site_of(inp: Input, doc: Document, field: str, config: Config) -> str:
    """The site of an input: its record's ``field`` (a URL's host), the field in its front
    matter, with ``@folder`` its folder in the project; else the run's one site ("")."""
    if isinstance(inp, RecordInput):
        return site_name(inp.field(field))
    if field == FOLDER and isinstance(inp, FileInput):
        try:
            return inp.path.resolve().parent.relative_to(config.project).as_posix()
        except ValueError:
            return str(inp.path.parent)
    return site_name(front_matter_value(doc.text, field))


class CorpusRun(NamedTuple):
    """Evidence for the documents of a run, and how their sites are told."""

    evidence: Evidence
    site_field: str

    def attach(self, inp: Input, doc: Document, config: Config) -> None:
        attach(doc, self.evidence, site_of(inp, doc, self.site_field, config))


def learn(
    inputs: Iterable[Input],
    resolver: ConfigResolver,
    site_field: str,
    budget: int = DEFAULT_BUDGET,
) -> tuple[Evidence, list[str]]:
    """The evidence of ``inputs`` (first pass), and the errors of those that could not be read
    (the second pass reports them in place)."""
    evidence = Evidence(budget)
    errors: list[str] = []
    for inp in inputs:
        config = resolver.for_path(inp.config_path)
        try:
            doc = inp.read(config)
        except NewslintError as exc:
            errors.append(str(exc))
            continue
        site = site_of(inp, doc, site_field, config)
        evidence.add(site, document_keys(doc.text, site))
    return evidence, errors


def for_document(run: CorpusRun | None, inp: Input, doc: Document, config: Config) -> None:
    """Attach the run's evidence, or the config's profile, to ``doc``."""
    if run is not None:
        run.attach(inp, doc, config)
        return
    profile = config.profile
    if profile is not None:
        attach(doc, profile.evidence, site_of(inp, doc, profile.site_field, config))


def prepare(options: RunOptions, resolver: ConfigResolver) -> CorpusRun:
    """The first pass of ``--corpus``: the evidence of every input ``options`` name."""
    if "-" in options.paths and options.feed is None:
        raise NewslintError("--corpus reads its inputs twice; standard input cannot be read so")
    source = open_source(options, resolver)
    # the inputs that cannot be read are reported by the second pass
    evidence, _errors = learn(source.inputs, resolver, options.site_field)
    if source.progress:
        source.progress.close()
    return CorpusRun(evidence.repeated(2), options.site_field)
