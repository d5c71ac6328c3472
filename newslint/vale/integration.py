"""Vale styles as newslint rules: ``vale: {config: .vale.ini}`` in a newslint config.

:func:`vale_rules` reads the Vale configuration and returns one newslint :class:`Rule` per Vale
rule it enables, named ``Style.Rule`` (pack: the style), so that ``check``, ``fix``, SARIF,
baselines and the pre-commit hooks run them beside the packs. Each rule's check lints the
document with its Vale rule only (the document's Vale blocks are built once and shared) and
reports exact positions. A Vale ``action`` becomes a fix: ``replace`` (one suggestion),
``remove`` and ``edit`` are unsafe (they are style choices); several suggestions, or a match
inside quoted speech, make it display-only; a match that spans markup gets none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.core.errors import NewslintError
from newslint.core.model import Applicability, Edit, FixSpec, Hit, Rule, Severity
from newslint.vale.config import Flags, ValeConfig, load_config
from newslint.vale.errors import ValeError
from newslint.vale.lint import Linter, Prepared
from newslint.vale.manager import Manager
from newslint.vale.rules import Rule as ValeRule
from newslint.vale.rules import suggestions

if TYPE_CHECKING:
    from newslint.core.blocks import Block
    from newslint.core.document import Document

KEYS = ("config", "min_alert_level")
SEVERITIES = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
ALL_REGIONS = ("front-matter", "code", "html-comment", "table", "headline", "heading", "paragraph")


def vale_rules(settings: dict[str, Any], root: Path) -> tuple[Rule, ...]:
    """The newslint rules of the Vale configuration that ``settings`` (the ``vale`` key of a
    newslint config, whose folder is ``root``) names."""
    unknown = sorted(set(settings) - set(KEYS))
    if unknown:
        raise NewslintError(f"vale: unknown key {unknown[0]!r} ({', '.join(KEYS)})")
    config_path = settings.get("config")
    if config_path is not None and not isinstance(config_path, str):
        raise NewslintError("vale: 'config' must be the path of a .vale.ini")
    level = settings.get("min_alert_level")
    if level is not None and level not in SEVERITIES:
        raise NewslintError(f"vale: 'min_alert_level' must be one of {', '.join(SEVERITIES)}")
    flags = Flags(
        config=str((root / config_path).resolve()) if config_path else None,
        min_alert_level=level,
        no_global=True,
    )
    try:
        config = load_config(flags, cwd=root)
        manager = Manager(config)
    except ValeError as exc:
        raise NewslintError(f"vale: {exc.message}", path=exc.path) from None
    linter = Linter(config, manager)
    fingerprint = _fingerprint(config, manager)
    rules = []
    for name, rule in sorted(manager.rules.items()):
        check = ValeCheck(linter, name, rule, fingerprint)
        rules.append(
            Rule(
                id=name,
                name=name,
                kind=f"vale-{rule.extends}",
                category="style",
                severity=SEVERITIES[rule.level],
                message="{vale_message}",
                description=rule.description or rule.message,
                pack=name.split(".")[0],
                source=rule.path if rule.path != "internal" else str(config.path or root),
                scope=ALL_REGIONS,
                in_quotes=True,
                enabled=True,
                fix=FixSpec(Applicability.UNSAFE, "{vale_fix}") if _can_fix(rule) else None,
                examples={"bad": [], "good": [], "fixed": []},
                check=check,
            )
        )
    return tuple(rules)


def _can_fix(rule: ValeRule) -> bool:
    return rule.action.name in ("replace", "remove", "edit", "convert")


def _fingerprint(config: ValeConfig, manager: Manager) -> str:
    """A digest of what the rules read besides their own files: the .vale.ini, vocabularies,
    ignore lists and dictionaries (so that the findings cache notices a change to them)."""
    digest = hashlib.sha256()
    paths: list[Path] = [config.path] if config.path else []
    if config.styles_path:
        paths.extend(sorted((config.styles_path / "config").rglob("*")))
    for path in paths:
        if path.is_file():
            digest.update(f"{path}\0".encode())
            digest.update(path.read_bytes())
    digest.update(repr(sorted(manager.skipped)).encode())
    return digest.hexdigest()


class _Shared(NamedTuple):
    prepared: Prepared
    original: list[int] | None  # offsets in the document of the sanitised text's (None: same)


class ValeCheck:
    """The check of one Vale rule: its alerts in a document, as newslint hits."""

    sees_markup = True  # Vale's scopes decide what it reads: the engine's prose masks do not apply

    def __init__(self, linter: Linter, name: str, rule: ValeRule, fingerprint: str) -> None:
        self.linter = linter
        self.name = name
        self.rule = rule
        self.fingerprint = fingerprint

    def _prepared(self, doc: Document) -> _Shared:
        """The document's Vale blocks, prepared once for all the rules of this linter."""
        key = ("vale", id(self.linter))
        shared = doc.memo.get(key)
        if not isinstance(shared, _Shared):
            prepared = self.linter.prepare(doc.path, doc.text)
            shared = doc.memo[key] = _Shared(prepared, _original_offsets(doc.text, prepared.text))
        return shared

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        prepared, original = self._prepared(doc)
        if not prepared.units:
            return
        for alert in self.linter.run_rule(prepared, self.name, self.rule):
            start = original[alert.start] if original else alert.start
            end = original[alert.end] if original else alert.end
            values = {"vale_message": alert.message, "vale_fix": "", "match": alert.match}
            edits: tuple[Edit, ...] = ()
            applicability = None
            fixes = suggestions(alert.action, alert.match) if alert.exact else []
            if fixes and alert.end > alert.start and fixes[0] != alert.match:
                edit = _edit(doc.text, start, end, alert.match, fixes[0])
                edits = (edit,)
                values["vale_fix"] = (
                    f"Remove '{alert.match.strip()}'"
                    if not fixes[0]
                    else f"Replace '{alert.match.strip()}' with '{fixes[0].strip()}'"
                )
                if len(fixes) > 1 or doc.quotes.contains(start, end):
                    applicability = Applicability.DISPLAY_ONLY
            yield Hit(start, max(end, start), values, edits, applicability)


def _edit(text: str, start: int, end: int, match: str, replacement: str) -> Edit:
    """The edit putting ``replacement`` for ``match`` at ``[start, end)``: the white space
    around the match is kept (a rule whose match takes the space after a word must not glue
    the next word on), and a deleted word takes one of the spaces around it along."""
    if replacement:
        lead = match[: len(match) - len(match.lstrip())]
        trail = match[len(match.rstrip()) :]
        core = replacement.strip()
        word = match.strip()
        if core[:1].islower() and word[:1].isupper() and not word.isupper():
            core = core[0].upper() + core[1:]  # "It is" -> "It's", not "it's"
        return Edit(start, end, lead + core + trail if core else replacement)
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n"):
        return Edit(start, end + 1, "")
    if start > 0 and text[start - 1] == " ":
        return Edit(start - 1, end, "")
    return Edit(start, end, "")


def _original_offsets(original: str, sanitised: str) -> list[int] | None:
    """Offsets in ``original`` of each position of its sanitised text (None: they are equal)."""
    if original == sanitised:
        return None
    offsets: list[int] = []
    i = 0
    for char in sanitised:
        offsets.append(i)
        if original.startswith("&rsquo;", i) and char == "'":
            i += 7
        elif original.startswith("\r\n", i) and char == "\n":
            i += 2
        else:
            i += 1
    offsets.append(i)
    return offsets
