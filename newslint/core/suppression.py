"""Inline suppression: ``newslint-disable``, ``-enable`` and ``-disable-next-line`` comments.

One directive grammar, ``<!-- newslint-ACTION [rule ...] -->``, in the comments a format
allows: HTML comments anywhere in Markdown, and in plain text a line that holds nothing but
such a comment (:meth:`~newslint.core.document.DocumentFormat.comment_spans`). Without rule
names a directive covers every rule; names may be rule ids, names, categories or packs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newslint.core.document import Document
from newslint.core.model import Rule

DIRECTIVE = re.compile(r"<!--\s*newslint-(disable-next-line|disable|enable)\b(.*?)-->", re.S)


@dataclass(frozen=True)
class Directive:
    action: str
    selectors: frozenset[str]
    offset: int  # where it takes effect
    until: int | None = None  # for disable-next-line: end of that line


def _matches(selectors: frozenset[str], rule: Rule) -> bool:
    return not selectors or bool(selectors & {rule.id, rule.name, rule.category, rule.pack})


def _selectors(match: re.Match[str]) -> frozenset[str]:
    return frozenset(match.group(2).replace(",", " ").split())


def directive_selectors(doc: Document) -> list[tuple[int, frozenset[str]]]:
    """Where each suppression comment starts and the rules, categories or packs it names."""
    spans = doc.format.comment_spans(doc) if "newslint-" in doc.text else []
    matches = (DIRECTIVE.fullmatch(doc.text, start, end) for start, end in spans)
    return [(match.start(), _selectors(match)) for match in matches if match]


def directives(doc: Document) -> list[Directive]:
    """The document's directives, in order."""
    text = doc.text
    found = []
    for start, end in doc.format.comment_spans(doc):
        match = DIRECTIVE.fullmatch(text, start, end)
        if not match:
            continue
        selectors = _selectors(match)
        action = match.group(1)
        if action == "disable-next-line":
            starts = doc.line_starts
            for index in range(bisect.bisect_right(starts, end), len(starts)):
                line_start, next_end = doc.line_span(starts[index])  # the next line not blank
                if text[line_start:next_end].strip():
                    found.append(Directive(action, selectors, line_start, next_end))
                    break
        else:
            found.append(Directive(action, selectors, end))
    return found


def suppressed(found: list[Directive], rule: Rule, offset: int) -> bool:
    """Whether ``rule``'s finding at ``offset`` is turned off by the directives ``found``."""
    disabled = False
    for directive in found:
        if not _matches(directive.selectors, rule):
            continue
        if directive.until is not None:  # disable-next-line
            if directive.offset <= offset <= directive.until:
                return True
        elif directive.offset <= offset:
            disabled = directive.action == "disable"
    return disabled
