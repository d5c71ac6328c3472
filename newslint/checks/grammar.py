"""Kind ``grammar``: LanguageTool matches as findings (see newslint/languagetool.py).

A check needs the project's ``languagetool`` settings, which a rule pack cannot know (packs are
loaded once and shared by every config). So ``Config.rules`` calls ``for_config(config, rule)``
on each check that has it and uses the rule it returns: here, the rule with a copy of the check
bound to the config's LanguageTool client and to the rule's ``in_quotes``. An unbound check (a
rule used outside a Config) uses the defaults and ``$NEWSLINT_LANGUAGETOOL_URL``. With no server
configured the check reports nothing.

The finding's values: ``lt_rule`` (LanguageTool's rule id), ``lt_category``, ``lt_message``,
``replacement`` (the first suggestion) and ``suggestions``. The first suggestion is the fix, at
most as safe as the rule's ``fix``; when ``languagetool.safe_rules`` is set, the rule's ceiling
becomes safe and only matches of the listed LanguageTool rules get safe fixes.
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

if TYPE_CHECKING:
    from newslint.config.project import Config

CAN_FIX = True


@dataclass
class Options:
    categories: list[str] = field(default_factory=list)  # LanguageTool category ids; [] = all
    exclude_categories: list[str] = field(default_factory=list)


class Check:
    def __init__(self, options: Options) -> None:
        self.categories = set(options.categories)
        self.excluded = set(options.exclude_categories)
        self.client: languagetool.Client | None = None
        self.in_quotes = False

    def for_config(self, config: Config, rule: Rule) -> Rule:
        """``rule`` with a copy of this check talking to the server ``config`` names."""
        bound = copy.copy(self)
        bound.client = languagetool.client_for(config.languagetool, config.root)
        bound.in_quotes = rule.in_quotes
        fix = rule.fix
        if fix and config.languagetool.safe_rules:
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
        units = languagetool.build_units(doc, blocks, self.in_quotes)
        matches = client.matches(units) if units else []
        safe = set(client.settings.safe_rules)
        for match in matches or []:
            if not self._wanted(match.category) or match.end <= match.start:
                continue
            values = {
                "lt_rule": match.rule_id,
                "lt_category": match.category,
                "lt_message": match.message,
                "replacement": match.replacements[0] if match.replacements else "",
                "suggestions": ", ".join(match.replacements) or "none",
            }
            edits: tuple[Edit, ...] = ()
            if match.replacements:
                edits = (Edit(match.start, match.end, match.replacements[0]),)
            applicability = Applicability.SAFE if match.rule_id in safe else Applicability.UNSAFE
            yield Hit(match.start, match.end, values, edits, applicability)
