"""Vale's scope selectors: ``heading.h2``, ``~blockquote``, ``table.cell & ~heading``, ..."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selector:
    sections: frozenset[str]
    negated: bool = False

    @classmethod
    def parse(cls, text: str) -> Selector:
        text = text.strip()
        negated = text.startswith("~")
        parts = [p.strip() for p in text.lstrip("~").split(".")]
        return cls(frozenset(p for p in parts if p), negated)


class Scope:
    """The ``scope`` of a rule: it runs on a block if one of its entries matches."""

    def __init__(self, values: list[str]) -> None:
        self.values = list(values)
        self.entries = [[Selector.parse(p) for p in value.split("&")] for value in values]
        self.bases = {value.lstrip("~ ").split(".")[0] for value in values}

    def matches(self, block_scope: str) -> bool:
        target = frozenset(block_scope.split("."))
        return any(self._entry_matches(entry, target) for entry in self.entries)

    @staticmethod
    def _entry_matches(entry: list[Selector], target: frozenset[str]) -> bool:
        for part in entry:
            contained = part.sections <= target
            if part.negated and not contained:
                if "raw" in target or "summary" in target:
                    return False  # a negation cannot apply to sized scopes
            elif (not part.negated and not contained) or (part.negated and contained):
                return False
        return True
