"""Read YAML rule packs, validate every key, and compile each rule's check once."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newslint import checks
from newslint.config import yamlfile
from newslint.config.plugins import load_plugin
from newslint.config.validation import OptionError, build, option
from newslint.core.blocks import PROSE_KINDS, BlockKind
from newslint.core.check import CheckKind
from newslint.core.data_files import builtin_pack_dir
from newslint.core.errors import NewslintError
from newslint.core.model import (
    Applicability,
    ApplicabilityName,
    Category,
    FixSpec,
    Rule,
    Severity,
    SeverityName,
)
from newslint.core.patterns import deferred_compile
from newslint.storage.cache import cached_blob, store_blob

_ID = r"[A-Z]{2,}[0-9]{3,}"
_NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"


@dataclass
class FixKeys:
    """A rule's ``fix``: how far its edits may be trusted, and the title of the fix."""

    applicability: ApplicabilityName
    title: str = "Apply the suggested fix"


@dataclass
class FixedExample:
    before: str
    after: str


@dataclass
class ExampleKeys:
    """A rule's ``examples``: texts it flags, texts it leaves alone, and fixes."""

    bad: list[str] = option([])
    good: list[str] = option([])
    fixed: list[FixedExample] = option([])


@dataclass
class RuleKeys:
    """The keys every rule has, whatever its kind (the kind's own keys are its ``Options``)."""

    id: str = option(fullmatch=_ID)
    name: str = option(fullmatch=_NAME)
    kind: str = option(non_empty=True)
    category: Category = option()
    severity: SeverityName = option()
    message: str = option(non_empty=True)
    description: str = option(non_empty=True)
    scope: list[BlockKind] | BlockKind = option(list(PROSE_KINDS))
    in_quotes: bool = False
    enabled: bool = True
    fix: FixKeys | None = None
    examples: ExampleKeys = dataclasses.field(default_factory=ExampleKeys)


COMMON_KEYS = {f.name for f in dataclasses.fields(RuleKeys)}


def builtin_packs() -> list[Path]:
    return sorted(builtin_pack_dir().glob("*.yaml"))


def _fail(path: Path, line: int | None, rule: str | None, message: str) -> NewslintError:
    label = f"rule {rule}: " if rule else ""
    return NewslintError(f"{label}{message}", path=str(path), line=line)


def _kind(kind: str, plugins: tuple[str, ...]) -> CheckKind | None:
    """The module of a check kind: a plugin the config enables, or a built-in one."""
    if kind in plugins:
        module: CheckKind = load_plugin(kind)
        return module
    return checks.load_kind(kind) if kind in checks.KINDS else None


def parse_rule(raw: Any, path: Path, pack: str, plugins: tuple[str, ...] = ()) -> Rule:
    """Validate one rule mapping from a pack and compile its check (built-in or plugin kind)."""
    if not isinstance(raw, yamlfile.Mapping):
        raise _fail(path, getattr(raw, "line", None), None, "each rule must be a mapping")
    rule_id, name = raw.get("id"), raw.get("name")
    label = f"{rule_id}({name})" if rule_id and name else str(rule_id or name or f"at {raw.line}")
    try:
        keys: RuleKeys = build(RuleKeys, raw.subset(COMMON_KEYS))
    except OptionError as exc:
        raise _fail(path, exc.line, label, str(exc)) from None
    label = f"{keys.id}({keys.name})"
    module = _kind(keys.kind, plugins)
    if module is None:
        known = ", ".join((*checks.KINDS, *plugins))
        raise _fail(path, raw.line_of("kind"), label, f"unknown kind {keys.kind!r} ({known})")
    option_keys = {f.name for f in dataclasses.fields(module.Options)}
    for key in raw:
        if key not in COMMON_KEYS and key not in option_keys:
            known = ", ".join(sorted(option_keys)) or "none"
            message = f"unknown key {key!r} (kind {keys.kind!r} takes: {known})"
            raise _fail(path, raw.line_of(key), label, message)
    if keys.fix is not None and not module.CAN_FIX:
        message = f"kind {keys.kind!r} proposes no fixes; remove 'fix'"
        raise _fail(path, raw.line_of("fix"), label, message)
    given: tuple[str, ...] | None = None  # a plugin kind not naming its values: any name may be
    if keys.kind not in plugins or hasattr(module, "MESSAGE_VALUES"):
        given = ("match", *getattr(module, "MESSAGE_VALUES", ()))
    _check_placeholders(keys, given, raw, path)
    return _rule(keys, path, pack, _check(module, raw.subset(option_keys), path, label))


def _check(module: CheckKind, options: yamlfile.Mapping, path: Path, label: str) -> Any:
    """The kind's check built from the rule's options (an error at the option's line)."""
    try:
        return module.Check(build(module.Options, options))
    except OptionError as exc:
        raise _fail(path, exc.line, label, str(exc)) from None
    except (ValueError, re.error) as exc:
        raise _fail(path, options.line, label, str(exc)) from None
    except (RecursionError, OverflowError, MemoryError):
        message = "a pattern nested too deeply or too large"
        raise _fail(path, options.line, label, message) from None


def _placeholders(template: str) -> list[str]:
    """The names a message template uses (``{match}``, ``{value:.1f}``, ``{match!r}``); a
    ValueError for a template ``str.format`` cannot read or that would fail when a finding is
    written: a positional ``{}``, an attribute or item (``{match.x}``, ``{match[0]}``), a
    conversion other than ``!r``, ``!s``, ``!a``, or a format no value could take."""
    names = []
    for _text, field, spec, conversion in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"{{{field}}} is not a named value")
        if conversion not in (None, "r", "s", "a"):
            raise ValueError(f"{{{field}!{conversion}}}: no such conversion (!r, !s or !a)")
        _check_spec(field, spec or "", textual=conversion is not None or field == "match")
        names.append(field)
    return names


def _check_spec(field: str, spec: str, *, textual: bool) -> None:
    """A format spec must suit a value the field may hold (text for ``match`` and a converted
    value; text or a number for the others)."""
    if not spec:
        return
    if "{" in spec:
        raise ValueError(f"{{{field}:{spec}}}: no nested fields in a format")
    samples: tuple[object, ...] = ("text",) if textual else ("text", 1, 1.5)
    for sample in samples:
        try:
            format(sample, spec)
            return
        except ValueError:
            continue
    raise ValueError(f"{{{field}:{spec}}}: not a format for {'text' if textual else 'a value'}")


def _check_placeholders(
    keys: RuleKeys, known: tuple[str, ...] | None, raw: yamlfile.Mapping, path: Path
) -> None:
    """The message and fix title can be written for every finding, using only values the kind
    gives (``known``; a typo would be printed as it is in every finding)."""
    label = f"{keys.id}({keys.name})"
    templates = [("message", keys.message)] + ([("fix", keys.fix.title)] if keys.fix else [])
    for key, template in templates:
        try:
            names = _placeholders(template)
            unknown = [name for name in names if known is not None and name not in known]
        except ValueError as exc:
            raise _fail(path, raw.line_of(key), label, f"{key}: {exc}") from None
        if unknown:
            values = ", ".join(f"{{{name}}}" for name in known or ())
            message = (
                f"{key}: unknown placeholder {{{unknown[0]}}} (kind {keys.kind!r} gives {values})"
            )
            raise _fail(path, raw.line_of(key), label, message)


def _rule(keys: RuleKeys, path: Path, pack: str, check: Any) -> Rule:
    fix = keys.fix
    examples = keys.examples
    return Rule(
        id=keys.id,
        name=keys.name,
        kind=keys.kind,
        category=keys.category,
        severity=Severity.parse(keys.severity),
        message=keys.message,
        description=keys.description.strip(),
        pack=pack,
        source=str(path),
        scope=tuple([keys.scope] if isinstance(keys.scope, str) else keys.scope),
        in_quotes=keys.in_quotes,
        enabled=keys.enabled,
        fix=FixSpec(Applicability.parse(fix.applicability), fix.title) if fix else None,
        examples={
            "bad": examples.bad,
            "good": examples.good,
            "fixed": [dataclasses.asdict(pair) for pair in examples.fixed],
        },
        check=check,
    )


@cache
def load_pack(path: Path, plugins: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Load one pack file: a mapping with ``description`` and ``rules`` (a list of rules).

    ``plugins`` names the entry-point kinds (see newslint.config.plugins) the config enables.
    """
    raw = yamlfile.read_bytes(path)
    data = yamlfile.parse_cached(raw, path)
    if not isinstance(data, yamlfile.Mapping) or not isinstance(data.get("rules"), list):
        raise NewslintError("a rule pack is a mapping with a 'rules' list", path=str(path), line=1)
    for key in data:
        if key not in ("description", "rules"):
            raise _fail(path, data.line_of(key), None, f"unknown top-level key {key!r}")
    pack = path.stem
    built = _built_key(raw, plugins)
    known = cached_blob("built-packs", built) is not None
    with deferred_compile(known):
        rules = tuple(parse_rule(raw, path, pack, plugins) for raw in data["rules"])
    _check_unique_in_pack(path, data["rules"])
    if not known:
        store_blob("built-packs", built, b"")
    return rules


def _built_key(raw: bytes, plugins: tuple[str, ...]) -> str:
    """The name under which the user's cache notes that this newslint built a pack's rules
    (its patterns compiled) from exactly these bytes with these plugins."""
    digest = hashlib.sha256(b"built-pack-v1\0" + raw)
    digest.update("\0".join(plugins).encode())
    return digest.hexdigest()


def _check_unique_in_pack(path: Path, raws: list[yamlfile.Mapping]) -> None:
    """No two rules of a pack share an id or a name (the error gives both lines)."""
    seen: dict[tuple[str, str], int] = {}
    for raw in raws:
        for key in ("id", "name"):
            line = raw.line_of(key)
            first = seen.setdefault((key, raw[key]), line)
            if first != line:
                label = f"{raw['id']}({raw['name']})"
                message = f"{key} {raw[key]!r} is already used by the rule at line {first}"
                raise _fail(path, line, label, message)


def _check_unique(rules: tuple[Rule, ...]) -> None:
    """No two rules of different packs share an id or a name."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        for key, value in (("id", rule.id), ("name", rule.name)):
            other = seen.setdefault(value, rule)
            if other is not rule:
                message = (
                    f"{key} {value!r} is already used by rule {other.id}({other.name})"
                    f" in {other.source}:{_line(other, key)}"
                )
                raise _fail(Path(rule.source), _line(rule, key), f"{rule.id}({rule.name})", message)


def _line(rule: Rule, key: str) -> int | None:
    """The line of ``key`` of ``rule`` in its pack (read again: only an error needs it)."""
    raw = rule_mapping(rule)
    return raw.line_of(key) if raw is not None else None


def rule_mapping(rule: Rule) -> yamlfile.Mapping | None:
    """The rule as its pack holds it, with the lines of its keys (the pack is read again)."""
    data = yamlfile.load_cached(Path(rule.source))
    for raw in data.get("rules", []) if isinstance(data, yamlfile.Mapping) else []:
        if isinstance(raw, yamlfile.Mapping) and (raw.get("id"), raw.get("name")) == (
            rule.id,
            rule.name,
        ):
            return raw
    return None


def load_packs(paths: list[Path], plugins: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Load several packs; ids and names must be unique across all of them."""
    rules = tuple(rule for path in paths for rule in load_pack(path.resolve(), plugins))
    _check_unique(rules)
    return rules
