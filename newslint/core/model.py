"""Core value types: severities, edits, fixes, rules and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from newslint.core.check import Check


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``>=`` compares levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.upper()]


class Applicability(enum.IntEnum):
    """How far a fix can be trusted; higher is safer."""

    DISPLAY_ONLY = 1
    UNSAFE = 2
    SAFE = 3

    def __str__(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, value: str) -> Applicability:
        return cls[value.upper().replace("-", "_")]


SeverityName = Literal["info", "warning", "error"]
ApplicabilityName = Literal["safe", "unsafe", "display-only"]
Category = Literal[
    "artifact",
    "boilerplate",
    "casing",
    "quotes",
    "punctuation",
    "encoding",
    "repetition",
    "grammar",
    "readability",
    "style",
]
SEVERITIES: tuple[str, ...] = get_args(SeverityName)
APPLICABILITIES: tuple[str, ...] = get_args(ApplicabilityName)
CATEGORIES: tuple[str, ...] = get_args(Category)
# The order in which the fixer repairs overlapping text: what every other rule reads comes
# first. The characters themselves (encoding), then the lines and paragraphs they form
# (artifacts, page chrome), then the marks between words, then the words. A fix that overlaps
# one of an earlier category waits for the next pass, where its rule reads the repaired text.
FIX_ORDER: dict[str, int] = {
    "encoding": 0,
    "artifact": 1,
    "boilerplate": 1,
    "punctuation": 2,
    "quotes": 2,
    "repetition": 2,
    "casing": 3,
    "grammar": 3,
    "readability": 3,
    "style": 3,
}
LAST_FIX_ORDER = max(FIX_ORDER.values())


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets in code points)."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """A set of edits that together resolve one finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": str(self.applicability),
            "title": self.title,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class FixSpec:
    """The ``fix`` key of a rule: whether and how far its proposed edits may be applied."""

    applicability: Applicability
    title: str


@dataclass(frozen=True)
class Rule:
    """A rule loaded from a YAML pack, with its check kind compiled."""

    id: str
    name: str
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    pack: str
    source: str
    scope: tuple[str, ...]
    in_quotes: bool
    enabled: bool
    fix: FixSpec | None
    examples: dict[str, list[Any]]
    check: Check = field(compare=False, repr=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability != Applicability.DISPLAY_ONLY


@dataclass(frozen=True)
class Hit:
    """What a check kind reports: a span, values for the message, and proposed edits."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    applicability: Applicability | None = None  # a check may lower the rule's applicability


@dataclass(frozen=True)
class Finding:
    """One problem in one file, with exact positions."""

    path: str
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None
    record: str | None = None  # the id of the JSON Lines record the finding is in (``--jsonl``)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.start, self.end, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "fix": self.fix.to_dict() if self.fix else None,
        } | ({"record": self.record} if self.record is not None else {})
