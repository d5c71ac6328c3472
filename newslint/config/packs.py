"""Read YAML rule packs, validate every key, and compile each rule's check once."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path
from typing import Any

from newslint import checks
from newslint.config import yamlfile
from newslint.config.plugins import load_plugin
from newslint.config.validation import OptionError, build
from newslint.core.blocks import BLOCK_KINDS, PROSE_KINDS
from newslint.core.errors import NewslintError
from newslint.core.model import (
    APPLICABILITIES,
    CATEGORIES,
    SEVERITIES,
    Applicability,
    FixSpec,
    Rule,
    Severity,
)

COMMON_KEYS = {
    "id",
    "name",
    "kind",
    "category",
    "severity",
    "message",
    "description",
    "scope",
    "in_quotes",
    "enabled",
    "fix",
    "examples",
}
REQUIRED_KEYS = ("id", "name", "kind", "category", "severity", "message", "description")
_ID = re.compile(r"[A-Z]{2,}[0-9]{3,}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_EXAMPLE_KEYS = {"bad", "good", "fixed"}


def builtin_pack_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "rules"  # the wheel ships rules/ inside the package
    return installed if installed.is_dir() else package.parent / "rules"


def builtin_packs() -> list[Path]:
    return sorted(builtin_pack_dir().glob("*.yaml"))


class _RuleError(NewslintError):
    pass


def _fail(path: Path, line: int, rule: Any, message: str) -> _RuleError:
    label = f"rule {rule}: " if rule else ""
    return _RuleError(f"{label}{message}", path=str(path), line=line)


def _check_str(
    raw: dict, key: str, path: Path, label: str, pattern: re.Pattern | None = None
) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, raw.line_of(key), label, f"key {key!r} must be a non-empty string")
    if pattern and not pattern.fullmatch(value):
        raise _fail(path, raw.line_of(key), label, f"key {key!r}: {value!r} is not valid")
    return value


def _choice(raw: dict, key: str, choices: tuple[str, ...], path: Path, label: str) -> str:
    value = raw.get(key)
    if value not in choices:
        raise _fail(
            path, raw.line_of(key), label, f"key {key!r} must be one of {', '.join(choices)}"
        )
    return value


def _fix_spec(raw: dict, path: Path, label: str, can_fix: bool) -> FixSpec | None:
    fix = raw.get("fix")
    if fix is None:
        return None
    line = raw.line_of("fix")
    if not isinstance(fix, dict):
        raise _fail(path, line, label, "key 'fix' must be a mapping (applicability, title)")
    unknown = set(fix) - {"applicability", "title"}
    if unknown:
        raise _fail(path, fix.line_of(min(unknown)), label, f"fix: unknown key {min(unknown)!r}")
    if not can_fix:
        raise _fail(path, line, label, f"kind {raw['kind']!r} proposes no fixes; remove 'fix'")
    applicability = _choice(fix, "applicability", APPLICABILITIES, path, label)
    title = fix.get("title", "Apply the suggested fix")
    if not isinstance(title, str):
        raise _fail(path, fix.line_of("title"), label, "fix: key 'title' must be a string")
    return FixSpec(Applicability.parse(applicability), title)


def _examples(raw: dict, path: Path, label: str) -> dict[str, list[Any]]:
    examples = raw.get("examples", {})
    line = raw.line_of("examples")
    if not isinstance(examples, dict):
        raise _fail(path, line, label, "key 'examples' must be a mapping (bad, good, fixed)")
    for key, value in examples.items():
        if key not in _EXAMPLE_KEYS:
            raise _fail(path, examples.line_of(key), label, f"examples: unknown key {key!r}")
        if not isinstance(value, list):
            raise _fail(path, examples.line_of(key), label, f"examples: {key!r} must be a list")
        for item in value:
            ok = (
                isinstance(item, str)
                if key != "fixed"
                else (isinstance(item, dict) and set(item) == {"before", "after"})
            )
            if not ok:
                expected = "strings" if key != "fixed" else "{before, after} mappings"
                raise _fail(
                    path, examples.line_of(key), label, f"examples: {key!r} needs {expected}"
                )
    return {k: list(examples.get(k, [])) for k in _EXAMPLE_KEYS}


def _scope(raw: dict, path: Path, label: str) -> tuple[str, ...]:
    scope = raw.get("scope", list(PROSE_KINDS))
    if isinstance(scope, str):
        scope = [scope]
    if not isinstance(scope, list) or not all(s in BLOCK_KINDS for s in scope) or not scope:
        raise _fail(
            path,
            raw.line_of("scope"),
            label,
            f"key 'scope' must list regions among {', '.join(BLOCK_KINDS)}",
        )
    return tuple(scope)


def parse_rule(raw: Any, path: Path, pack: str, plugins: tuple[str, ...] = ()) -> Rule:
    """Validate one rule mapping from a pack and compile its check (built-in or plugin kind)."""
    if not isinstance(raw, dict):
        raise _fail(path, getattr(raw, "line", 0), None, "each rule must be a mapping")
    label = raw.get("id") or raw.get("name") or f"at line {raw.line}"
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise _fail(path, raw.line, label, f"missing required key {key!r}")
    rule_id = _check_str(raw, "id", path, label, _ID)
    name = _check_str(raw, "name", path, label, _NAME)
    label = f"{rule_id}({name})"
    kind = raw["kind"]
    if kind in plugins:
        module = load_plugin(kind)
    elif kind in checks.KINDS:
        module = checks.load_kind(kind)
    else:
        known = ", ".join((*checks.KINDS, *plugins))
        raise _fail(path, raw.line_of("kind"), label, f"unknown kind {kind!r} ({known})")
    option_keys = {f.name for f in dataclasses.fields(module.Options)}
    for key in raw:
        if key not in COMMON_KEYS and key not in option_keys:
            known = ", ".join(sorted(option_keys)) or "none"
            raise _fail(
                path,
                raw.line_of(key),
                label,
                f"unknown key {key!r} (kind {kind!r} takes: {known})",
            )
    for key in ("in_quotes", "enabled"):
        if key in raw and not isinstance(raw[key], bool):
            raise _fail(path, raw.line_of(key), label, f"key {key!r} must be true or false")
    options_raw = {k: v for k, v in raw.items() if k in option_keys}
    try:
        options = build(module.Options, options_raw)
        check = module.Check(options)
    except OptionError as exc:
        raise _fail(path, raw.line_of(exc.key), label, str(exc)) from None
    except (ValueError, re.error) as exc:
        raise _fail(path, raw.line, label, str(exc)) from None
    return Rule(
        id=rule_id,
        name=name,
        kind=kind,
        category=_choice(raw, "category", CATEGORIES, path, label),
        severity=Severity.parse(_choice(raw, "severity", SEVERITIES, path, label)),
        message=_check_str(raw, "message", path, label),
        description=_check_str(raw, "description", path, label).strip(),
        pack=pack,
        source=str(path),
        scope=_scope(raw, path, label),
        in_quotes=raw.get("in_quotes", False),
        enabled=raw.get("enabled", True),
        fix=_fix_spec(raw, path, label, module.CAN_FIX),
        examples=_examples(raw, path, label),
        check=check,
    )


@cache
def load_pack(path: Path, plugins: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Load one pack file: a mapping with ``description`` and ``rules`` (a list of rules).

    ``plugins`` names the entry-point kinds (see newslint.config.plugins) the config enables.
    """
    data = yamlfile.load_cached(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise NewslintError("a rule pack is a mapping with a 'rules' list", path=str(path), line=1)
    for key in data:
        if key not in ("description", "rules"):
            raise _fail(path, data.line_of(key), None, f"unknown top-level key {key!r}")
    pack = path.stem
    rules = tuple(parse_rule(raw, path, pack, plugins) for raw in data["rules"])
    _check_unique(rules)
    return rules


def _check_unique(rules: tuple[Rule, ...]) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                other = seen[key]
                raise NewslintError(
                    f"rule {rule.id}({rule.name}) reuses {key!r} of rule {other.id}"
                    f" in {other.source}",
                    path=rule.source,
                )
            seen[key] = rule


def load_packs(paths: list[Path], plugins: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Load several packs; ids and names must be unique across all of them."""
    rules = tuple(rule for path in paths for rule in load_pack(path.resolve(), plugins))
    _check_unique(rules)
    return rules
