"""Corpus evidence: what a site's other pages say about each line of an article.

A first pass over the documents of a run (:mod:`newslint.corpus.learn`) counts, per site, the
documents holding each normalised line and paragraph (:mod:`newslint.corpus.evidence`); the
evidence is saved as a profile (:mod:`newslint.corpus.profile`) or used at once; checks read it
through the document (:mod:`newslint.corpus.context`).
"""
