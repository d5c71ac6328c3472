"""What a repository's config may decide, and what only the user may (issue 11).

A project config (``.newslint.yaml``, ``pyproject.toml``, what they ``extends``, ``--config``) may
come from anyone who can open a pull request. It chooses rules, packs and paths inside the
project; it never chooses where articles are sent or what is started: ``languagetool.server``
and ``languagetool.local`` come only from the user, through ``--languagetool-server``,
``$NEWSLINT_LANGUAGETOOL_URL`` or the user config, ``$XDG_CONFIG_HOME/newslint/config.yaml``
(``~/.config/newslint/config.yaml``), which may hold the ``languagetool`` and ``grammar``
mappings. In a project config those keys, and a grammar cache folder outside the project, are
ignored with one warning naming the file and line (a warning, not an error: the other rules
still run, and a shared config keeps working for a user who allowed a server).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

USER_CONFIG_KEYS = ("languagetool", "grammar")  # what the user config may hold
_USER_ONLY = {"languagetool": ("server", "local")}  # never from a project config
_CACHE_KEYS = {"languagetool": "cache", "grammar": "cache"}  # a folder: inside the project
_ALLOWED = "--languagetool-server, $NEWSLINT_LANGUAGETOOL_URL or the user config"
_warned: set[str] = set()


def user_config_path() -> Path:
    """``$XDG_CONFIG_HOME/newslint/config.yaml``, else ``~/.config/newslint/config.yaml``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "newslint" / "config.yaml"


def _warn(message: str) -> None:
    """A warning line on standard error, once a process (a config is loaded by each worker)."""
    from newslint.core.printable import printable

    if message not in _warned:
        _warned.add(message)
        print(f"newslint: warning: {printable(message)}", file=sys.stderr)


def project_values(
    name: str, values: dict[str, Any], where: Callable[[str], str], project: Path
) -> dict[str, Any]:
    """The validated values of the mapping ``name`` (``languagetool``, ``grammar``) of a project
    config, less what only the user may set; ``where(key)`` is ``FILE:LINE`` of a key."""
    kept = dict(values)
    for key in _USER_ONLY.get(name, ()):
        if kept.pop(key, None):
            _warn(
                f"{where(key)}: {name}.{key} is ignored in a project config: only you choose"
                f" where articles are sent and what is started ({_ALLOWED},"
                f" {user_config_path()})"
            )
    cache_key = _CACHE_KEYS.get(name)
    if cache_key is not None:
        folder = kept.get(cache_key)
        if isinstance(folder, str) and not Path(folder).is_relative_to(project):
            del kept[cache_key]
            _warn(
                f"{where(cache_key)}: {name}.{cache_key} is outside the project ({project});"
                f" ignored (your user config may put it anywhere: {user_config_path()})"
            )
    return kept
