"""The grammar backend a config names (``grammar.backend``): LanguageTool (default) or Harper.

A backend has ``configured`` (whether it can be asked at all), ``one_process`` (whether a run
must keep it in one process, so that its trouble is told once), ``safe_rules`` (its rule ids
whose first suggestion is a safe fix) and ``matches(units)`` (its findings, or None when it
cannot be used and the grammar rules are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from newslint.config.project import Config
    from newslint.integrations.prose import GrammarMatch, Unit


@dataclass
class GrammarSettings:
    """The ``grammar`` config key (see the README's Grammar section)."""

    backend: Literal["languagetool", "harper"] = "languagetool"
    # Harper's settings (LanguageTool's are under the ``languagetool`` key)
    dialect: Literal["american", "british", "australian", "canadian", "indian"] = "american"
    enabled_rules: list[str] = field(default_factory=list)  # Harper rules to turn on ("Expand*")
    disabled_rules: list[str] = field(default_factory=list)  # Harper rules to turn off
    safe_rules: list[str] = field(default_factory=list)  # their first suggestion is a safe fix
    cache: bool | str = True

    def validate(self) -> tuple[str, str] | None:
        """(key, problem) for Harper rule names Harper does not have (checked when the
        ``harper`` extra is installed; without it the grammar rules warn when they run)."""
        from newslint.integrations.harper import rule_names

        for key in ("enabled_rules", "disabled_rules", "safe_rules"):
            names = getattr(self, key)
            if not names:
                continue
            known = rule_names()
            if known is None:
                return None
            unknown = [
                name
                for name in names
                if name not in known
                and not (name.endswith("*") and any(k.startswith(name[:-1]) for k in known))
            ]
            if unknown:
                return key, f"key '{key}': Harper has no rule {unknown[0]!r}"
        return None


if TYPE_CHECKING:  # for annotations only: nothing to build when a run imports this module

    class Backend(Protocol):
        @property
        def configured(self) -> bool: ...

        @property
        def one_process(self) -> bool: ...

        @property
        def safe_rules(self) -> list[str]: ...

        def matches(self, units: list[Unit]) -> list[GrammarMatch] | None: ...


def backend_for(config: Config, spelling: bool = False) -> Backend:
    """The shared backend of ``config``; ``spelling``: a rule wants spelling findings."""
    if config.grammar.backend == "harper":
        from newslint.integrations import harper

        backend = harper.backend_for(config.grammar, config.root)
        backend.spelling = backend.spelling or spelling
        return backend
    from newslint.integrations import languagetool

    return languagetool.client_for(config.languagetool, config.root)
