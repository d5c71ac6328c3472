"""Load the rules a Vale configuration names: built-in ``Vale.*`` rules, styles, single rules.

A style is a folder on StylesPath; each ``.yml`` file in it (and its subfolders) is a rule named
``<folder>.<file name>``. A rule of a type newslint cannot run (``sequence``, ``script``) or whose
dictionary is missing is named in a warning and left out; every other problem is an error.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from newslint.vale.config import ValeConfig
from newslint.vale.errors import ValeError, warn
from newslint.vale.factory import build_rule
from newslint.vale.rules import Action, Context, Rule, UnsupportedRule
from newslint.vale.yamlrules import load_rule

BUILTIN_STYLE = "Vale"
DEFAULT_RULES: dict[str, dict[str, Any]] = {
    "Avoid": {
        "extends": "existence",
        "message": "Avoid using '%s'.",
        "level": "error",
        "scope": "text",
        "ignorecase": False,
        "tokens": [],
    },
    "Terms": {
        "extends": "substitution",
        "message": "Use '%s' instead of '%s'.",
        "level": "error",
        "scope": "text",
        "ignorecase": True,
        "swap": {},
        "vocab": False,
    },
    "Repetition": {
        "extends": "repetition",
        "message": "'%s' is repeated!",
        "level": "error",
        "scope": "text",
        "ignorecase": True,
        "alpha": True,
        "action": {"name": "edit", "params": ["truncate", " "]},
        "tokens": [r"[^\s.!?]+"],
    },
    "Spelling": {
        "extends": "spelling",
        "message": "Did you really mean '%s'?",
        "level": "error",
        "scope": "text",
        "action": {"name": "suggest", "params": ["spellings"]},
        "ignore": [],
    },
}


class Manager:
    """The rules of one configuration, by name, in the order they were loaded."""

    def __init__(self, config: ValeConfig) -> None:
        self.config = config
        self.rules: dict[str, Rule] = {}
        self.skipped: dict[str, str] = {}  # rule name -> why newslint cannot run it
        self.context = Context(
            accepted=list(config.accepted),
            word_template=config.word_template,
            styles_path=config.styles_path,
            search_paths=list(config.search_paths),
            config_path=config.path,
        )
        self.styles: list[str] = []
        if self._needs_style(BUILTIN_STYLE):
            self._load_defaults()
        self._load_styles(config.styles)
        for check in config.checks:
            if "." not in check:
                continue
            style, name = check.split(".", 1)
            if style in self.styles or style == BUILTIN_STYLE:
                continue
            for base in config.search_paths:
                path = base / style / f"{name}.yml"
                if path.is_file():
                    self._add_file(path.name, path)
        self.scopes = {base for rule in self.rules.values() for base in rule.scope.bases}

    def _needs_style(self, name: str) -> bool:
        config = self.config
        if name in config.global_styles or any(c.startswith(name) for c in config.global_checks):
            return True
        for section in config.sections:
            if section.base_styles and name in section.base_styles:
                return True
            if any(c.startswith(name) for c in section.checks):
                return True
        return False

    def _level(self, name: str, data: dict[str, Any]) -> None:
        if name in self.config.rule_levels:
            data["level"] = self.config.rule_levels[name]
        elif "level" not in data:
            data["level"] = "warning"

    def _build(self, name: str, data: dict[str, Any]) -> None:
        try:
            self.rules[name] = build_rule(data, self.context)
        except UnsupportedRule as exc:
            self.skipped[name] = exc.message
            warn(f"rule {name} skipped: {exc.message}")

    def _load_defaults(self) -> None:
        for name in ("Repetition", "Spelling"):
            data = copy.deepcopy(DEFAULT_RULES[name])
            data.update(name=f"Vale.{name}", path="internal")
            self._level(data["name"], data)
            self._build(data["name"], data)
        if self.config.accepted:
            data = copy.deepcopy(DEFAULT_RULES["Terms"])
            for term in self.config.accepted:
                data["swap"][term.lower()] = term
            data.update(name="Vale.Terms", path="internal")
            self._level("Vale.Terms", data)
            self._build("Vale.Terms", data)
        if self.config.rejected:
            data = copy.deepcopy(DEFAULT_RULES["Avoid"])
            data["tokens"] = list(self.config.rejected)
            data.update(name="Vale.Avoid", path="internal")
            self._level("Vale.Avoid", data)
            self._build("Vale.Avoid", data)

    def _load_styles(self, styles: list[str]) -> None:
        found: list[str] = []
        missing: list[str] = []
        for base in self.config.search_paths:
            for style in styles:
                if style in self.styles or style in found or style == BUILTIN_STYLE:
                    continue
                folder = base / style
                if not folder.is_dir():
                    missing.append(style)
                    continue
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        self._add_file(path.name, path)
                found.append(style)
        for style in missing:
            if style not in found:
                raise ValeError("loadStyles", f"style '{style}' does not exist on StylesPath")
        self.styles.extend(found)

    def _add_file(self, filename: str, path: Path) -> None:
        if not filename.endswith(".yml"):
            return
        name = f"{path.parent.name}.{filename.split('.')[0]}"
        if name in self.rules or name in self.skipped:
            return
        data = load_rule(path)
        data["name"] = name
        data["path"] = str(path)
        self._level(name, data)
        if data.get("scope") is None:
            data["scope"] = ["text"]
        self._build(name, data)


def default_action(rule: Rule) -> Action:
    return rule.action
