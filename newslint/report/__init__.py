"""Output formats: one module per format, each with ``render(reports, color=...) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from newslint.model import Finding

FORMATS = ("text", "json")


@dataclass
class FileReport:
    """What a run found in one file; ``text`` is the decoded text the findings point into."""

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)


def render(name: str, reports: list[FileReport], *, color: bool = False) -> str:
    module = importlib.import_module(f"newslint.report.{name.replace('-', '_')}")
    return module.render(reports, color=color)
