"""Where newslint's built-in data files are: the rule packs, and the models beside them."""

from __future__ import annotations

from pathlib import Path


def builtin_pack_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "rules"  # the wheel ships rules/ inside the package
    return installed if installed.is_dir() else package.parent / "rules"
