"""Corpus evidence: what a site's other pages say about each line of an article.

A first pass over the documents of a run counts, per site, the documents holding each
normalised line and paragraph (:class:`Evidence`, keys from :func:`document_keys`); the
evidence is saved as a profile (:mod:`newslint.corpus.profile`) or used at once; checks read it
through the document (:mod:`newslint.corpus.context`). From Python::

    evidence = Evidence()
    for site, text in articles:
        evidence.add(site, document_keys(text, site))
    newslint.lint_text(text, corpus=(evidence, site))
"""

from newslint.corpus.evidence import Evidence
from newslint.corpus.sites import site_name
from newslint.corpus.units import document_keys

__all__ = ["Evidence", "document_keys", "site_name"]
