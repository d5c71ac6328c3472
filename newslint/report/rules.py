"""Rules described for people: the ``rules`` table and ``explain``'s text (editors reuse it)."""

from __future__ import annotations

import json
from typing import Any

from newslint.core.model import Rule
from newslint.core.printable import printable_lines

COLUMNS = ("id", "name", "category", "severity", "fixable", "pack")  # of the table
ROW = (*COLUMNS, "kind", "default")  # a rule in ``rules --format json``
EXPLAINED = ("id", "name", "kind", "category", "severity", "pack", "fixable", "message")


def fixable(rule: Rule) -> str:
    """The applicability of the rule's fix, or ``-``."""
    return str(rule.fix.applicability) if rule.fixable and rule.fix else "-"


def default(rule: Rule) -> str:
    """``on`` for a rule the default config runs, ``off`` for an opt-in rule."""
    return "on" if rule.enabled else "off"


def _fields(rule: Rule, names: tuple[str, ...]) -> dict[str, Any]:
    values = {"severity": str(rule.severity), "fixable": fixable(rule), "default": default(rule)}
    return {name: values[name] if name in values else getattr(rule, name) for name in names}


def rules_table(rules: tuple[Rule, ...], *, as_json: bool = False, every: bool = False) -> str:
    """One row per rule: aligned columns, or a JSON array; ``every`` (``rules --all``) adds
    whether each rule is on by default."""
    rows = [_fields(r, ROW) for r in rules]
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    columns = (*COLUMNS, "default") if every else COLUMNS
    widths = {c: max([len(c)] + [len(row[c]) for row in rows]) for c in columns}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip()]
    lines += ["  ".join(row[c].ljust(widths[c]) for c in columns).rstrip() for row in rows]
    return printable_lines("\n".join(lines)) + "\n"


def explain_json(rule: Rule) -> str:
    fields = _fields(rule, (*EXPLAINED, "description", "examples"))
    return json.dumps(fields, indent=2, ensure_ascii=False) + "\n"


def explain(rule: Rule) -> str:
    """What the rule finds, how it fixes it, and its examples (bad, good, before and after)."""
    lines = [
        f"{rule.id} {rule.name}",
        f"category: {rule.category}  severity: {rule.severity}  kind: {rule.kind}"
        f"  pack: {rule.pack}  default: {default(rule)}",
        f"fix: {fixable(rule)}" + (f" ({rule.fix.title})" if rule.fix else ""),
        "",
        rule.description,
    ]
    for label in ("bad", "good"):
        if rule.examples[label]:
            lines.append(f"\n{label.capitalize()}:")
            lines += ["  " + example.replace("\n", "\n  ") for example in rule.examples[label]]
    if rule.examples["fixed"]:
        lines.append("\nFixed:")
        for pair in rule.examples["fixed"]:
            lines.append("  before: " + pair["before"].replace("\n", "\n          "))
            lines.append("  after:  " + pair["after"].replace("\n", "\n          "))
    return printable_lines("\n".join(lines)) + "\n"


def _fenced(text: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def explain_markdown(rule: Rule) -> str:
    """The same explanation as Markdown (examples in fenced blocks, so nothing is rendered)."""
    parts = [
        f"**{rule.id} {rule.name}**",
        f"category: {rule.category} · severity: {rule.severity} · fix: {fixable(rule)}"
        + (f" ({rule.fix.title})" if rule.fix else ""),
        rule.description.strip(),
    ]
    for label in ("bad", "good"):
        if rule.examples[label]:
            parts.append(f"{label.capitalize()}:\n\n" + _fenced("\n".join(rule.examples[label])))
    if rule.examples["fixed"]:
        pairs = "\n".join(
            f"before: {pair['before']}\nafter:  {pair['after']}" for pair in rule.examples["fixed"]
        )
        parts.append("Fixed:\n\n" + _fenced(pairs))
    return "\n\n".join(parts)
