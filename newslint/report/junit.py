"""``--format junit``: JUnit XML, one testsuite per file and one testcase per finding (a finding
below the fail level is a passing testcase, so CI test tabs agree with the exit code)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from newslint.core.model import Finding
from newslint.core.printable import printable
from newslint.report import FileReport

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text with control characters (see :mod:`newslint.core.printable`) and characters XML
    1.0 cannot hold written as escapes: one inert line."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


def _testcase(suite: ET.Element, finding: Finding, fails: bool) -> None:
    """A finding's testcase: failed, or (below the fail level) passed with the finding as its
    output."""
    path = xml_safe(finding.path)
    case = ET.SubElement(
        suite,
        "testcase",
        name=xml_safe(f"{finding.rule} {finding.name} at {finding.line}:{finding.column}"),
        classname=path,
        file=path,
        line=str(finding.line),
    )
    detail = xml_safe(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} "
        f"{finding.rule}({finding.name}) {finding.message}"
    )
    if finding.fix:
        detail += f"\nfix ({finding.fix.applicability}): {xml_safe(finding.fix.title)}"
    if fails:
        failure = ET.SubElement(
            case, "failure", message=xml_safe(finding.message), type=xml_safe(finding.rule)
        )
        failure.text = detail
    else:
        ET.SubElement(case, "system-out").text = detail


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    """One testsuite per file: a testcase per finding, failed at or above the file's fail
    level, passed below it; a passing testcase for a file without findings."""
    failing = [sum(map(report.fails, report.findings)) for report in reports]
    total = sum(max(1, len(r.findings)) for r in reports)
    root = ET.Element(
        "testsuites", name="newslint", tests=str(total), failures=str(sum(failing)), errors="0"
    )
    for report, failures in zip(reports, failing, strict=True):
        path = xml_safe(report.path)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(max(1, len(report.findings))),
            failures=str(failures),
            errors="0",
            skipped="0",
        )
        for finding in report.findings:
            _testcase(suite, finding, report.fails(finding))
        if not report.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=path, file=path)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
