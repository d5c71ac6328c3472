"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (rules, regions, fixes).

Columns and character offsets count Unicode code points (``columnKind: unicodeCodePoints``),
as newslint's own positions do; ``endColumn`` is the column after the region. Offsets are
into the decoded text, without a BOM.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from newslint.core.document import Document
from newslint.core.model import Edit, Finding, Rule, Severity
from newslint.formats import open_document
from newslint.report import FileReport
from newslint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a relative path, a file: URI for an absolute one."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def region(doc: Document, start: int, end: int) -> dict[str, Any]:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return flat.split(". ")[0].rstrip(".") + "." if flat else ""


def _descriptor(rule: Rule | None, finding: Finding | None) -> dict[str, Any]:
    if rule is None:
        assert finding is not None
        return {
            "id": finding.rule,
            "name": finding.name,
            "properties": {"category": finding.category, "tags": [finding.category]},
        }
    properties: dict[str, Any] = {
        "category": rule.category,
        "tags": [rule.category],
        "pack": rule.pack,
        "fix": str(rule.fix.applicability) if rule.fixable and rule.fix else "none",
    }
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(rule.description) or rule.name},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.description},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _replacement(doc: Document, edit: Edit) -> dict[str, Any]:
    return {
        "deletedRegion": region(doc, edit.start, edit.end),
        "insertedContent": {"text": edit.replacement},
    }


def _result(finding: Finding, index: int, doc: Document, uri: str, fails: bool) -> dict[str, Any]:
    """A finding as a result; below the fail level it is a ``note`` (code scanning does not
    fail a check on notes)."""
    location = {"artifactLocation": {"uri": uri}, "region": region(doc, finding.start, finding.end)}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity] if fails else "note",
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
    }
    if finding.fix:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [_replacement(doc, e) for e in finding.fix.edits],
                    }
                ],
                "properties": {"applicability": str(finding.fix.applicability)},
            }
        ]
    return result


def sarif_log(reports: list[FileReport]) -> dict[str, Any]:
    """The SARIF log as a dict: one run, the rules that ran or fired, every finding."""
    rules: dict[str, Rule | None] = {}
    for report in reports:
        for rule in report.rules:
            rules.setdefault(rule.id, rule)
    firsts: dict[str, Finding] = {}
    for report in reports:
        for finding in report.findings:
            rules.setdefault(finding.rule, None)
            firsts.setdefault(finding.rule, finding)
    ids = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    results: list[dict[str, Any]] = []
    artifacts = []
    for report in reports:
        doc = open_document(report.text, report.path)
        uri = artifact_uri(report.path)
        artifacts.append({"location": {"uri": uri}})
        results.extend(
            _result(f, index[f.rule], doc, uri, report.fails(f)) for f in report.findings
        )
    driver = {
        "name": "newslint",
        "version": __version__,
        "rules": [_descriptor(rules[i], firsts.get(i)) for i in ids],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"
