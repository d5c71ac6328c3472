"""Run rules over a document: scopes, quoted speech, masks and inline suppressions."""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.core.model import Finding, Fix, Rule
from newslint.core.patterns import PatternTimeout, time_limit

if TYPE_CHECKING:
    from newslint.accel.prefilter import Prefilter

RULE_TIME_LIMIT = 3.0  # seconds of regex matching per rule and document
# Documents linted with a rule set before its prefilter is compiled: a run over a few short
# files does not pay for that (findings are the same either way). A prefilter compiled before
# (kept in the user's cache) is used from the first document.
PREFILTER_AFTER = 4
_DIRECTIVE = re.compile(r"<!--\s*newslint-(disable-next-line|disable|enable)\b(.*?)-->", re.S)


class _Values(dict):
    """Message template values: ``{match}`` and the check's values; unknown names stay as
    written (``str.format_map`` asks ``__missing__`` for them)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class _Directive:
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
    matches = (_DIRECTIVE.fullmatch(doc.text, start, end) for start, end in spans)
    return [(match.start(), _selectors(match)) for match in matches if match]


def _directives(doc: Document) -> list[_Directive]:
    text = doc.text
    found = []
    for start, end in doc.format.comment_spans(doc):
        match = _DIRECTIVE.fullmatch(text, start, end)
        if not match:
            continue
        selectors = _selectors(match)
        action = match.group(1)
        if action == "disable-next-line":
            _, line_end = doc.line_span(end)
            nxt = line_end
            while nxt < len(text):  # the next line that is not blank
                nxt = text.find("\n", nxt)
                if nxt == -1:
                    nxt = len(text)
                    break
                nxt += 1
                line_start, next_end = doc.line_span(nxt)
                if text[line_start:next_end].strip():
                    found.append(_Directive(action, selectors, line_start, next_end))
                    break
        else:
            found.append(_Directive(action, selectors, end))
    return found


def _suppressed(directives: list[_Directive], rule: Rule, offset: int) -> bool:
    disabled = False
    for directive in directives:
        if directive.action == "disable-next-line":
            if directive.offset <= offset <= directive.until and _matches(
                directive.selectors, rule
            ):
                return True
        elif directive.offset <= offset and _matches(directive.selectors, rule):
            disabled = directive.action == "disable"
    return disabled


def _in_mask(masks: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    while i >= 0 and i < len(masks) and masks[i][0] < end:
        if masks[i][1] > start:
            return True
        i += 1
    return False


def lint(doc: Document, rules: Iterable[Rule]) -> list[Finding]:
    """All findings of ``rules`` in ``doc``, sorted by position.

    A rule whose patterns run out of time is skipped; after the other rules have run,
    :class:`RuleTimeout` is raised carrying their findings.
    """
    findings: list[Finding] = []
    masks = doc.masks
    mask_starts = [s for s, _ in masks]
    directives = _directives(doc)
    timed_out: list[Rule] = []
    rules = tuple(rules)
    prefilter, long_run = _prefilter(rules)
    scan = prefilter.scan(doc.text, locate=long_run) if prefilter else None
    for index, rule in enumerate(rules):
        if scan is not None and index not in scan.possible:
            continue
        blocks = doc.blocks_of(rule.scope)
        if scan is not None:
            blocks = scan.narrow(index, blocks)
        if not blocks:
            continue
        before = len(findings)
        try:
            with time_limit(RULE_TIME_LIMIT):
                for hit in rule.check.run(doc, blocks):
                    if (
                        masks
                        and not getattr(rule.check, "sees_markup", False)  # e.g. Vale rules
                        and _in_mask(masks, mask_starts, hit.start, max(hit.end, hit.start + 1))
                    ):
                        continue
                    if not rule.in_quotes and doc.quotes.contains(hit.start, hit.end):
                        continue
                    if directives and _suppressed(directives, rule, hit.start):
                        continue
                    findings.append(_finding(doc, rule, hit))
        except PatternTimeout:
            del findings[before:]
            timed_out.append(rule)
    findings.sort(key=lambda f: f.sort_key)
    if timed_out:
        raise RuleTimeout(doc.path, timed_out, findings)
    return findings


# ids of a rule set's rules -> [the rules (kept alive, so ids stay theirs), documents, Prefilter]
_prefilters: dict[tuple[int, ...], list] = {}


def _prefilter(rules: tuple[Rule, ...]) -> tuple[Prefilter | None, bool]:
    """The prefilter of ``rules`` (from the user's cache at once, else compiled once
    PREFILTER_AFTER documents were linted with them; None before, or without ``hyperscan``),
    and whether that many documents were linted (blocks are worth locating matches in)."""
    key = tuple(map(id, rules))
    entry = _prefilters.get(key)
    if entry is None:
        if len(_prefilters) >= 8:
            _prefilters.clear()
        entry = _prefilters[key] = [rules, 0, None]
    entry[1] += 1
    long_run = entry[1] > PREFILTER_AFTER
    if entry[2] is None and entry[1] in (1, PREFILTER_AFTER + 1):
        from newslint.accel.prefilter import Prefilter

        with contextlib.suppress(ImportError):  # no hyperscan for this platform: rules all run
            specs = [getattr(rule.check, "prefilter", None) for rule in rules]
            prefilter = Prefilter(specs, compile=long_run)
            entry[2] = prefilter if prefilter.ready else None
    return entry[2], long_run


class RuleTimeout(NewslintError):
    """Rules whose patterns ran out of time; ``findings`` holds the other rules' results."""

    def __init__(self, path: str, rules: list[Rule], findings: list[Finding]) -> None:
        self.rules = rules
        self.findings = findings
        names = ", ".join(f"{r.id}({r.name}) from {r.source}" for r in rules)
        super().__init__(
            f"rule {names}: regex took over {RULE_TIME_LIMIT:g} s (catastrophic backtracking?);"
            " rule skipped",
            path=path,
        )


def _finding(doc: Document, rule: Rule, hit) -> Finding:  # type: ignore[no-untyped-def]
    values = _Values(match=doc.text[hit.start : hit.end])
    values.update(hit.values)  # a check's own "match" wins
    fix = None
    if rule.fix and hit.edits:
        applicability = rule.fix.applicability
        if hit.applicability is not None:
            applicability = min(applicability, hit.applicability)
        fix = Fix(tuple(sorted(hit.edits)), applicability, rule.fix.title.format_map(values))
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    return Finding(
        path=doc.path,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=rule.message.format_map(values),
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
    )
