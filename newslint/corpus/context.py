"""Corpus evidence given to a document: it carries its site's :class:`SiteView`, which checks
read as :class:`~newslint.core.site_evidence.SiteEvidence`."""

from __future__ import annotations

from newslint.core.document import Document
from newslint.corpus.evidence import Evidence, SiteView


def attach(doc: Document, evidence: Evidence, site: str) -> SiteView:
    """Give ``doc`` (and documents made from it by ``with_text``) the evidence of ``site``."""
    view = SiteView(evidence, site, doc.text)
    doc.corpus = view
    return view
