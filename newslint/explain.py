"""A rule's explanation: what ``newslint explain`` prints and the language server's hover shows."""

from __future__ import annotations

from typing import Any

from newslint.model import Rule


def fixability(rule: Rule) -> str:
    """``safe``, ``unsafe`` or ``-`` (no fix, or a display-only one)."""
    return str(rule.fix.applicability) if rule.fixable and rule.fix else "-"


def explain_data(rule: Rule) -> dict[str, Any]:
    """The explanation as data (``newslint explain --format json``)."""
    return {
        "id": rule.id,
        "name": rule.name,
        "kind": rule.kind,
        "category": rule.category,
        "severity": str(rule.severity),
        "pack": rule.pack,
        "fixable": fixability(rule),
        "message": rule.message,
        "description": rule.description,
        "examples": rule.examples,
    }


def _fix_line(rule: Rule) -> str:
    return f"fix: {fixability(rule)}" + (f" ({rule.fix.title})" if rule.fix else "")


def explain_text(rule: Rule) -> str:
    """The explanation as plain text: header, description, then bad, good and fixed examples."""
    lines = [
        f"{rule.id} {rule.name}",
        f"category: {rule.category}  severity: {rule.severity}  kind: {rule.kind}"
        f"  pack: {rule.pack}",
        _fix_line(rule),
        "",
        rule.description,
    ]
    for label in ("bad", "good"):
        if rule.examples[label]:
            lines.append(f"\n{label.capitalize()}:")
            lines.extend("  " + example.replace("\n", "\n  ") for example in rule.examples[label])
    if rule.examples["fixed"]:
        lines.append("\nFixed:")
        for pair in rule.examples["fixed"]:
            lines.append("  before: " + pair["before"].replace("\n", "\n          "))
            lines.append("  after:  " + pair["after"].replace("\n", "\n          "))
    return "\n".join(lines)


def _fenced(text: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def explain_markdown(rule: Rule) -> str:
    """The same explanation as Markdown (examples in fenced blocks, so nothing is rendered)."""
    parts = [
        f"**{rule.id} {rule.name}**",
        f"category: {rule.category} · severity: {rule.severity} · {_fix_line(rule)}",
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
