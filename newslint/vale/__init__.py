"""Vale compatibility: ``newslint vale`` (Vale's command line) and Vale styles as newslint rules.

:func:`extra_rules` is the one entry point newslint's configuration calls (for the ``vale``
key); the rest of the package is Vale's configuration, scopes, rule types and outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.core.model import Rule


def extra_rules(settings: dict[str, Any], root: Path) -> tuple[Rule, ...]:
    """The rules of the Vale configuration named by a newslint config's ``vale`` key."""
    from newslint.vale.integration import vale_rules

    return vale_rules(settings, root)
