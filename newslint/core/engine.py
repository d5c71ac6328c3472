"""Run rules over a document: scopes, quoted speech, masks and inline suppressions
(:mod:`newslint.core.suppression`)."""

from __future__ import annotations

import bisect
import os
import time
from collections.abc import Iterable

from newslint.accel.narrowing import plan
from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.core.model import Finding, Fix, Hit, Rule
from newslint.core.patterns import PatternTimeout, time_limit
from newslint.core.suppression import directives, suppressed

RULE_TIME_LIMIT = 3.0  # seconds of regex matching per rule and document
FILE_TIME_LIMIT = 5.0  # seconds all of a document's rules that run out of time may take together


class _Values(dict[str, object]):
    """Message template values: ``{match}`` and the check's values; unknown names stay as
    written (``str.format_map`` asks ``__missing__`` for them)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _in_mask(masks: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    while i >= 0 and i < len(masks) and masks[i][0] < end:
        if masks[i][1] > start:
            return True
        i += 1
    return False


def exact_mode() -> bool:
    """Whether the environment asks for every rule to run exactly (``NEWSLINT_EXACT=1``)."""
    return os.environ.get("NEWSLINT_EXACT", "") not in ("", "0")


def lint(doc: Document, rules: Iterable[Rule], *, exact: bool | None = None) -> list[Finding]:
    """All findings of ``rules`` in ``doc``, sorted by position.

    Each rule's check reads the blocks of its scope; unless ``exact`` (by default
    :func:`exact_mode`), :func:`newslint.accel.narrowing.plan` leaves out the rules and blocks
    in which a check cannot report anything (the findings are the same). A rule whose patterns
    run out of time (:data:`RULE_TIME_LIMIT`, or what earlier rules that ran out left of
    :data:`FILE_TIME_LIMIT`) is skipped; after the other rules have run, :class:`RuleTimeout`
    is raised carrying their findings.
    """
    rules = tuple(rules)
    if exact is None:
        exact = exact_mode()
    work = ((rule, doc.blocks_of(rule.scope)) for rule in rules) if exact else plan(doc, rules)
    findings: list[Finding] = []
    timed_out: list[Rule] = []
    screen = _Screen(doc)
    lost = 0.0  # seconds taken by the rules that ran out of time
    for rule, blocks in work:
        if not blocks:
            continue
        before = len(findings)
        start = time.monotonic()
        try:
            with time_limit(max(min(RULE_TIME_LIMIT, FILE_TIME_LIMIT - lost), 0.0)):
                findings.extend(
                    _finding(doc, rule, hit)
                    for hit in rule.check.run(doc, blocks)
                    if screen.keeps(rule, hit)
                )
        except PatternTimeout:
            del findings[before:]
            timed_out.append(rule)
            lost += time.monotonic() - start
    findings.sort(key=lambda f: f.sort_key)
    findings = _without_misreadings(findings)
    if timed_out:
        raise RuleTimeout(doc.path, timed_out, findings)
    return findings


def _without_misreadings(findings: list[Finding]) -> list[Finding]:
    """The findings less those of other categories that start or end inside text an encoding
    finding reports as damaged (``â€œWe``: no word starts at the ``â``): they read characters
    that are not the ones written. The fixer repairs the encoding first; a re-lint reports
    whatever is still wrong in the repaired text."""
    damaged: list[tuple[int, int]] = []
    for f in findings:  # sorted by start: overlapping spans merged
        if f.category != "encoding":
            continue
        if damaged and f.start < damaged[-1][1]:
            damaged[-1] = (damaged[-1][0], max(damaged[-1][1], f.end))
        else:
            damaged.append((f.start, max(f.end, f.start + 1)))
    if not damaged:
        return findings
    starts = [start for start, _ in damaged]

    def misread(finding: Finding) -> bool:
        for offset in (finding.start, finding.end - 1):
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and damaged[i][0] <= offset < damaged[i][1]:
                return True
        return False

    return [f for f in findings if f.category == "encoding" or not misread(f)]


class _Screen:
    """What no rule reports: hits in masks (code, URLs), in quoted speech (unless the rule
    reads quotes) or where an inline directive disables the rule."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.masks = doc.masks
        self.mask_starts = [s for s, _ in self.masks]
        self.directives = directives(doc)

    def keeps(self, rule: Rule, hit: Hit) -> bool:
        if (
            self.masks
            and not getattr(rule.check, "sees_markup", False)  # e.g. Vale rules
            and _in_mask(self.masks, self.mask_starts, hit.start, max(hit.end, hit.start + 1))
        ):
            return False
        if not rule.in_quotes and self.doc.quotes.contains(hit.start, hit.end):
            return False
        return not (self.directives and suppressed(self.directives, rule, hit.start))


class RuleTimeout(NewslintError):
    """Rules whose patterns ran out of time; ``findings`` holds the other rules' results."""

    def __init__(self, path: str, rules: list[Rule], findings: list[Finding]) -> None:
        self.rules = rules
        self.findings = findings
        names = ", ".join(f"{r.id}({r.name}) from {r.source}" for r in rules)
        super().__init__(
            f"rule {names}: regex ran out of time ({RULE_TIME_LIMIT:g} s a rule,"
            f" {FILE_TIME_LIMIT:g} s a file; catastrophic backtracking?); rule skipped",
            path=path,
        )


def _finding(doc: Document, rule: Rule, hit: Hit) -> Finding:
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
