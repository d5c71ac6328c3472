"""Counts of the documents holding each unit, per site, in bounded memory.

Keys are counted in one table (a key hashes its site with the unit). When the table holds more
than ``budget`` keys, the keys seen least (first those seen in one document) are dropped: a
count is then a lower bound, so evidence never makes a line look more repeated than it is, and
the page chrome of a site, which recurs on a large share of its pages, is counted again at
once. Evidence from several workers is merged by adding counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newslint.core.lines import text_lines
from newslint.core.site_evidence import LONG_UNIT_WORDS
from newslint.corpus.units import has_letters, key, normal

DEFAULT_BUDGET = 2_000_000  # keys counted at once (some 150 MB)


class Evidence:
    """Documents per site, and per key the documents holding it."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.counts: Counter[int] = Counter()
        self.sites: Counter[str] = Counter()
        self.budget = budget
        self.pruned = 0  # times keys seen least were dropped

    def add(self, site: str, keys: Iterable[int]) -> None:
        """Count one document of ``site`` holding ``keys`` (each once)."""
        self.sites[site] += 1
        self.counts.update(keys)
        if len(self.counts) > self.budget:
            self.prune()

    def merge(self, other: Evidence) -> Evidence:
        """Add ``other``'s counts to these (the evidence of another share of the corpus)."""
        self.sites.update(other.sites)
        self.counts.update(other.counts)
        self.pruned += other.pruned
        if len(self.counts) > self.budget:
            self.prune()
        return self

    def prune(self) -> None:
        """Drop the keys seen least until at most half the budget is held."""
        floor = 1
        while len(self.counts) > self.budget // 2:
            self.counts = Counter({k: n for k, n in self.counts.items() if n > floor})
            floor += 1
        self.pruned += 1

    def repeated(self, minimum: int = 2) -> Evidence:
        """Only the keys seen in at least ``minimum`` documents (what judging needs, shipped
        to workers or saved as a profile)."""
        kept = Evidence(self.budget)
        kept.sites = Counter(self.sites)
        kept.counts = Counter({k: n for k, n in self.counts.items() if n >= minimum})
        kept.pruned = self.pruned
        return kept


class SiteView:
    """The evidence about one article: how many other documents of its site hold a unit.

    The article is taken to be in the evidence itself, once or as several copies (a syndicated
    story published again): ``copies`` (see :func:`copies_of`) is at least 1, and
    only documents beyond those copies are others. (An article newer than a profile thus needs
    one page more to be judged: evidence errs towards finding less.)
    """

    def __init__(self, evidence: Evidence, site: str, text: str) -> None:
        self.evidence = evidence
        self.site = site
        self.documents = evidence.sites.get(site, 0)
        self._counts: dict[str, int] = {}  # by unit text: checks ask about a line several times
        self.copies = self._copies(text)

    def count(self, unit: str) -> int:
        """Documents of the site holding ``unit`` (a line or paragraph's text)."""
        known = self._counts.get(unit)
        if known is None:
            form = normal(unit)
            known = self.evidence.counts.get(key(self.site, form), 0) if has_letters(form) else 0
            self._counts[unit] = known
        return known

    def others(self, unit: str) -> int:
        """Documents of the site holding ``unit`` besides this article and its copies."""
        return max(0, self.count(unit) - self.copies)

    def share(self, others: int) -> float:
        """``others`` as a share of the site's other documents."""
        return others / max(1, self.documents - self.copies)

    def _copies(self, text: str) -> int:
        counts = [
            self.count(text[start:end])
            for start, end in text_lines(text)
            if text.count(" ", start, end) + 1 >= LONG_UNIT_WORDS
        ]
        return max(1, copies_of(counts))


def copies_of(counts: list[int]) -> int:
    """How many times an article is in the evidence, from the counts of its long lines: the
    lowest count that three of them share (or all, if fewer). Chrome lines count more (they are
    on every copy and more pages), a paragraph quoted elsewhere a little more; a line edited in
    one copy alone counts less, and is outvoted. With no count so shared, the lowest."""
    if not counts:
        return 1
    needed = min(3, len(counts))
    tally = Counter(counts)
    shared = [count for count, times in tally.items() if times >= needed]
    return min(shared) if shared else min(counts)
