"""newslint: a cleanup and publishing linter for news articles."""

from newslint.api import FixResult, fix_text, lint_text
from newslint.model import Applicability, Edit, Finding, Fix, Severity

__version__ = "0.1.0"
__all__ = [
    "Applicability",
    "Edit",
    "Finding",
    "Fix",
    "FixResult",
    "Severity",
    "fix_text",
    "lint_text",
]
