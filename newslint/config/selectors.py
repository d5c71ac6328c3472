"""Rule selectors (``--select``, ``ignore``, ``explain RULE``...): an id, a name, a category, a
pack or an id prefix, in any case; a selector that matches nothing gets a "did you mean"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newslint.core.model import Rule

_PREFIX = re.compile(r"[A-Z]{2,}\d*")


def selects(selector: str, rule: Rule) -> bool:
    """Whether ``selector`` names the rule, its category or pack, or prefixes its id."""
    wanted = selector.strip().casefold()
    if wanted in (rule.id.casefold(), rule.name, rule.category, rule.pack.casefold()):
        return True
    upper = selector.strip().upper()
    return bool(_PREFIX.fullmatch(upper)) and rule.id.startswith(upper)


def find_rule(wanted: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule whose id or name is ``wanted`` (in any case)."""
    key = wanted.strip().casefold()
    return next((r for r in rules if key in (r.id.casefold(), r.name.casefold())), None)


def suggestion(selector: str, rules: Iterable[Rule], *, rules_only: bool = False) -> str:
    """``"; did you mean 'X'?"`` for the nearest id, name (or, unless ``rules_only``, category
    or pack) to a selector that matched nothing, else ``""``."""
    import difflib  # only for an error or a warning

    names: dict[str, str] = {}
    for rule in rules:
        shown = (
            (rule.id, rule.name) if rules_only else (rule.id, rule.name, rule.category, rule.pack)
        )
        names.update((name.casefold(), name) for name in shown)
    close = difflib.get_close_matches(selector.strip().casefold(), names, n=1, cutoff=0.6)
    return f"; did you mean {names[close[0]]!r}?" if close else ""
