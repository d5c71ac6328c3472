"""Rule documentation as Markdown pages (ruff's rule pages are the model): one page per rule, what
it finds, why it matters, examples and how far its fix can be trusted, and an index of them all.

``python scripts/rule_docs.py`` writes them to ``docs/rules/``; a test fails when they are stale.
"""

from __future__ import annotations

from collections.abc import Iterable

from newslint.core.model import Applicability, Rule
from newslint.report.rules import default, fixable

# Why a rule of each category matters to a newsroom (a rule's description says what it finds).
WHY = {
    "artifact": "Scraping and conversion leave text glued together, markup and repeated or cut"
    " fragments in copy. Readers see broken sentences, and the damage follows the article into"
    " archives, feeds, search snippets and text-to-speech.",
    "boilerplate": "Page chrome copied into the article body (comment forms, share bars,"
    " prompts, ad labels, credits, footers) is not part of the story. Republished or"
    " syndicated copy shows it to readers, and it pollutes archives, search and summaries.",
    "casing": "Names, weekdays, months and sentence starts in lower case read as careless"
    " copy, and usually mark text damaged on its way from the source.",
    "quotes": "Where quoted speech starts and ends is who said what. An unclosed quotation or"
    " bracket leaves readers unsure, and often means text was lost.",
    "punctuation": "Orphaned, doubled or misplaced punctuation is what machines leave when they"
    " cut and join text; readers take it for a typo.",
    "encoding": "Mojibake, entities and invisible characters make names and words unreadable"
    " or unsearchable, and show that text was decoded wrongly somewhere in the pipeline.",
    "repetition": "Doubled words and repeated passages come from edits and scrapers; readers"
    " notice them at once.",
    "grammar": "Grammar and spelling mistakes undermine trust in the reporting.",
    "readability": "Long sentences and dense paragraphs are hard to follow, on small screens"
    " most of all; the scores help editors keep copy readable.",
    "style": "House style keeps copy consistent across writers and desks.",
}

SAFETY = {
    Applicability.SAFE: "The fix is **safe**: it is right every time, so `newslint fix`"
    " applies it.",
    Applicability.UNSAFE: "The fix is **unsafe**: it is right in most articles but may be"
    " wrong in some, so `newslint fix` applies it only with `--unsafe-fixes`. Look at the"
    " change (`newslint fix --unsafe-fixes --diff`).",
    Applicability.DISPLAY_ONLY: "The fix is **display-only**: it is shown as a suggestion and"
    " never applied.",
}


def page_name(rule: Rule) -> str:
    return f"{rule.name}.md"


def _block(text: str) -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"{fence}text", text, fence]


def _examples(rule: Rule) -> list[str]:
    lines: list[str] = []
    sections = (("bad", "Flagged:"), ("good", "Not flagged:"))
    for key, label in sections:
        if rule.examples[key]:
            lines += ["", label]
        for text in rule.examples[key]:
            lines += ["", *_block(text)]
    for pair in rule.examples["fixed"]:
        command = "newslint fix --unsafe-fixes" if _unsafe(rule) else "newslint fix"
        lines += ["", "Before:", "", *_block(pair["before"])]
        lines += ["", f"After `{command}`:", "", *_block(pair["after"])]
    return ["## Examples", *lines] if lines else []


def _unsafe(rule: Rule) -> bool:
    return bool(rule.fix and rule.fix.applicability == Applicability.UNSAFE)


def _fix_safety(rule: Rule) -> list[str]:
    if rule.fix is None:
        text = "The rule proposes no fix: what to do is an editor's call."
    else:
        text = SAFETY[rule.fix.applicability] + f" It is shown as: `{rule.fix.title}`."
    return ["## Fix safety", "", text]


def _settings(rule: Rule) -> list[str]:
    on = "on by default" if rule.enabled else "off by default: `extend_select: [" + rule.id + "]`"
    quotes = "also inside" if rule.in_quotes else "not inside"
    return [
        "## Settings",
        "",
        f"- {on}; select or ignore it by `{rule.id}`, `{rule.name}`, its category"
        f" `{rule.category}` or its pack `{rule.pack}`",
        f"- looks at: {', '.join(rule.scope)}; {quotes} quoted speech",
        f"- check kind: `{rule.kind}`; message: `{rule.message}`",
        f"- in a terminal: `newslint explain {rule.id}`",
    ]


def rule_page(rule: Rule) -> str:
    """The Markdown page of one rule."""
    facts = (
        f"Category: {rule.category} · Severity: {rule.severity} · Fix: {fixable(rule)}"
        f" · Default: {default(rule)} · Pack: {rule.pack}"
    )
    sections = [
        [f"# {rule.name} ({rule.id})", "", facts],
        ["## What it finds", "", rule.description.strip()],
        ["## Why it matters", "", WHY.get(rule.category, "")],
        _examples(rule),
        _fix_safety(rule),
        _settings(rule),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


def index_page(rules: Iterable[Rule]) -> str:
    """The table of every rule, each linked to its page, in id order."""
    lines = [
        "# Rules",
        "",
        "Every built-in rule, generated from the packs in `rules/` by `python"
        " scripts/rule_docs.py` (do not edit these pages by hand). `newslint rules --all`"
        " prints the same table; `newslint explain RULE` a rule's page in the terminal.",
        "",
        "| id | name | category | severity | fix | default |",
        "|---|---|---|---|---|---|",
    ]
    for rule in sorted(rules, key=lambda r: r.id):
        lines.append(
            f"| {rule.id} | [{rule.name}]({page_name(rule)}) | {rule.category}"
            f" | {rule.severity} | {fixable(rule)} | {default(rule)} |"
        )
    return "\n".join(lines) + "\n"


def pages(rules: Iterable[Rule]) -> dict[str, str]:
    """File name -> content: a page per rule and ``README.md``, the index."""
    rules = tuple(rules)
    return {"README.md": index_page(rules), **{page_name(r): rule_page(r) for r in rules}}
