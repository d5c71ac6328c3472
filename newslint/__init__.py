"""newslint: a cleanup and publishing linter for news articles."""

from newslint.app.api import fix_text, lint_text
from newslint.core.fixer import FixResult
from newslint.core.model import Applicability, Edit, Finding, Fix, Severity
from newslint.version import __version__

__all__ = [
    "__version__",
    "Applicability",
    "Edit",
    "Finding",
    "Fix",
    "FixResult",
    "Severity",
    "fix_text",
    "lint_text",
]
