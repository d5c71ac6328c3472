"""Kind ``grammar``: a grammar backend's matches as findings (newslint/integrations/backends.py).

A check needs the project's ``grammar`` and ``languagetool`` settings, which a rule pack cannot
know (packs are loaded once and shared by every config). So ``Config.rules`` calls
``for_config(config, rule)`` on each check that has it and uses the rule it returns: here, the
rule with a copy of the check bound to the config's backend (LanguageTool, or Harper with
``grammar.backend: harper``) and to the rule's ``in_quotes``. An unbound check (a rule used
outside a Config) uses LanguageTool's defaults and ``$NEWSLINT_LANGUAGETOOL_URL``. With no
LanguageTool server configured the check reports nothing.

The finding's values: ``lt_rule`` (the backend's rule id), ``lt_category`` (a LanguageTool
category id), ``lt_message``, ``replacement`` (the first suggestion) and ``suggestions``. The
first suggestion is the fix, at most as safe as the rule's ``fix``; when the backend's
``safe_rules`` is set, the rule's ceiling becomes safe and only matches of the listed rules get
safe fixes.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Applicability, Edit, FixSpec, Hit, Rule
from newslint.integrations import languagetool
from newslint.integrations.backends import backend_for
from newslint.integrations.prose import build_units

if TYPE_CHECKING:
    from newslint.config.project import Config
    from newslint.integrations.backends import Backend

CAN_FIX = True


MESSAGE_VALUES = (
    "lt_rule",
    "lt_category",
    "lt_message",
    "replacement",
    "suggestions",
)  # for messages, besides {match}


@dataclass
class Options:
    categories: list[str] = field(default_factory=list)  # LanguageTool category ids; [] = all
    exclude_categories: list[str] = field(default_factory=list)


class Check:
    def __init__(self, options: Options) -> None:
        self.categories = set(options.categories)
        self.excluded = set(options.exclude_categories)
        self.client: Backend | None = None
        self.in_quotes = False

    def for_config(self, config: Config, rule: Rule) -> Rule:
        """``rule`` with a copy of this check asking the grammar backend ``config`` names."""
        bound = copy.copy(self)
        bound.client = backend_for(config, spelling=self._wanted("TYPOS"))
        bound.in_quotes = rule.in_quotes
        fix = rule.fix
        if fix and bound.client.safe_rules:
            fix = FixSpec(Applicability.SAFE, fix.title)
        return dataclasses.replace(rule, check=bound, fix=fix)

    def _wanted(self, category: str) -> bool:
        if category in self.excluded:
            return False
        return not self.categories or category in self.categories

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        client = self.client or languagetool.client_for(
            languagetool.settings_from_env(), Path.cwd()
        )
        if not client.configured:
            client.matches([])  # notes that grammar is off (for --require-grammar); no work
            return
        units = build_units(doc, blocks, self.in_quotes)
        matches = client.matches(units) if units else []
        safe = set(client.safe_rules)
        for match in matches or []:
            if not self._wanted(match.category) or match.end <= match.start:
                continue
            values = {
                "lt_rule": match.rule_id,
                "lt_category": match.category,
                "lt_message": match.message,
                "replacement": match.replacements[0] if match.replacements else "",
                "suggestions": ", ".join(r or "(delete)" for r in match.replacements) or "none",
            }
            edits: tuple[Edit, ...] = ()
            if match.replacements:
                edits = (Edit(match.start, match.end, match.replacements[0]),)
            applicability = Applicability.SAFE if match.rule_id in safe else Applicability.UNSAFE
            yield Hit(match.start, match.end, values, edits, applicability)
