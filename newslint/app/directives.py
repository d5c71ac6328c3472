"""Warnings for suppression comments that name no rule: a typo would silently suppress nothing."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.config.selectors import suggestion
from newslint.core.document import Document
from newslint.core.model import Rule
from newslint.core.suppression import directive_selectors


def unknown_selectors(doc: Document, rules: Iterable[Rule]) -> list[str]:
    """One warning per name in a ``newslint-disable`` comment of ``doc`` that is no id, name,
    category or pack of ``rules`` (as written: the comments match names exactly)."""
    directives = directive_selectors(doc)
    if not directives:
        return []
    rules = tuple(rules)
    known = {name for r in rules for name in (r.id, r.name, r.category, r.pack)}
    warnings = []
    for start, selectors in directives:
        line, _column = doc.position(start)
        for selector in sorted(selectors - known):
            hint = suggestion(selector, rules) or "; `newslint rules --all` lists the rules"
            where = f"{doc.path}:{line}" if doc.path else f"line {line}"
            warnings.append(f"{where}: suppression comment names no rule {selector!r}{hint}")
    return warnings
