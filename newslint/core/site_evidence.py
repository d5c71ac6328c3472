"""Corpus evidence as checks read it: what a site's other pages say about a document's lines.

The evidence is counted and kept by :mod:`newslint.corpus`, which gives a document the view of
its site (``Document.corpus``); checks read it through :class:`SiteEvidence` alone.
"""

from __future__ import annotations

from typing import Protocol

LONG_UNIT_WORDS = 12  # lines of this many words tell whether an article is a copy


class SiteEvidence(Protocol):
    """How many other documents of a document's site hold a line or paragraph."""

    @property
    def site(self) -> str:
        """The site's name ("" for a run's one site)."""
        ...

    @property
    def documents(self) -> int:
        """Documents of the site in the evidence (the document itself included)."""
        ...

    def others(self, unit: str) -> int:
        """Documents of the site holding ``unit`` (compared normalised) besides this one and
        its copies."""
        ...

    def share(self, others: int) -> float:
        """``others`` as a share of the site's other documents."""
        ...
