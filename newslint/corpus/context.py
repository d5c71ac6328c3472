"""Where checks find corpus evidence: the document carries a :class:`SiteView` (one place)."""

from __future__ import annotations

from newslint.core.document import Document
from newslint.corpus.evidence import Evidence, SiteView


def attach(doc: Document, evidence: Evidence, site: str) -> SiteView:
    """Give ``doc`` (and documents made from it by ``with_text``) the evidence of ``site``."""
    view = SiteView(evidence, site, doc.text)
    doc.corpus = view
    return view


def view_of(doc: Document) -> SiteView | None:
    """The corpus evidence about ``doc``; None when the run has none."""
    view = doc.corpus
    return view if isinstance(view, SiteView) else None
