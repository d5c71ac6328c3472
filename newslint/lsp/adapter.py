"""Everything the language server uses from the rest of newslint, in one place.

Config resolution per file, linting and fixing a text, explanations and suppression comments.
The functions here run on the server's one lint thread; they raise :class:`NewslintError` (a
one-line message) for a bad config or input, and :class:`RuleTimeout` is reported as a result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newslint.app.api import fix_document, make_document
from newslint.app.files import too_large
from newslint.config import packs as loader
from newslint.config.project import CONFIG_NAMES, Config, ConfigResolver, find_config_file
from newslint.core import suppression
from newslint.core.document import Document
from newslint.core.engine import RuleTimeout, lint
from newslint.core.errors import NewslintError
from newslint.core.model import Applicability, Edit, Finding, Rule, Severity
from newslint.report.rules import explain_markdown

__all__ = [
    "Applicability",
    "Config",
    "Edit",
    "Finding",
    "LintResult",
    "NewslintError",
    "Project",
    "Rule",
    "Severity",
    "explain_markdown",
    "fix_all",
    "is_config_name",
    "lint_text",
    "suppression_edits",
]

PROSE_KINDS = ("headline", "heading", "paragraph")
_LINE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")  # indentation and blockquote markers


def is_config_name(path: Path) -> bool:
    return path.name in (*CONFIG_NAMES, "pyproject.toml")


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


class Project:
    """The configs of the open files: the nearest config of each (or ``--config`` for all)."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = explicit
        self._resolver: ConfigResolver | None = None  # made at the first lint: errors are told
        self._seen: dict[Path, int | None] = {}  # config and pack files read, and their mtimes
        self._configs: dict[Path, Path | None] = {}  # directory -> its config file
        self._tracked: set[int] = set()  # ids of the configs whose files are in _seen

    def rules_for(
        self, path: Path | None, fallback_dir: Path | None
    ) -> tuple[Config, tuple[Rule, ...]]:
        """The config of a file (of ``fallback_dir`` for an unsaved one) and its rules."""
        where = path if path is not None else (fallback_dir / "untitled" if fallback_dir else None)
        try:
            if self._resolver is None:
                self._resolver = ConfigResolver(self.explicit)
            config = self._resolver.for_path(where)
            rules = config.rules_for(path)
        except NewslintError as exc:
            if exc.path:  # a broken config or pack: its repair reloads
                self._seen.setdefault(Path(exc.path), _mtime(Path(exc.path)))
            raise
        if where is not None:
            self._configs[where.parent] = config.path
        self._track(config)
        return config, rules

    def _track(self, config: Config) -> None:
        if id(config) in self._tracked:
            return
        self._tracked.add(id(config))
        files = {path for path, _ in config._lines.values() if path}
        if config.path:
            files.add(config.path)
        for entry in config.settings.packs:
            pack = Path(entry)
            files.add(pack)
            if pack.is_dir():
                files.update(pack.glob("*.yaml"))
                files.update(pack.glob("*.yml"))
        for file in files:
            self._seen.setdefault(Path(file), _mtime(Path(file)))

    def depends_on(self, path: Path) -> bool:
        """Whether a change to ``path`` may change a config: a config file anywhere, or a file
        (or pack directory) a loaded config read."""
        path = path.resolve()
        return is_config_name(path) or path in self._seen or path.parent in self._seen

    def stale(self) -> bool:
        """Whether a config or pack file read changed on disk, or a directory of an open file
        now has another nearest config (for clients that do not watch files)."""
        if any(_mtime(path) != mtime for path, mtime in self._seen.items()):
            return True
        if self.explicit:
            return False
        return any(find_config_file(d) != found for d, found in self._configs.items())

    def reload(self) -> None:
        """Forget every config and compiled pack: the next lint reads them anew."""
        loader.load_pack.cache_clear()
        self._resolver = None
        self._seen.clear()
        self._configs.clear()
        self._tracked.clear()


@dataclass
class LintResult:
    findings: list[Finding]
    timed_out: list[Rule]  # rules skipped because their patterns ran out of time
    markdown: bool


def _document(text: str, name: str, config: Config) -> Document:
    if "\x00" in text:
        raise NewslintError("binary file (contains NUL characters), not an article", path=name)
    too_large(text.encode("utf-8", "surrogatepass"), config.settings.max_file_size, name)
    return make_document(text, name, config)


def document_name(path: Path | None, language_id: str) -> str:
    """The name a document is linted under: its path, or for an unsaved buffer one whose
    suffix selects Markdown handling from the editor's language id."""
    if path is not None:
        return str(path)
    return "<untitled>" + (".md" if language_id == "markdown" else ".txt")


def lint_text(text: str, name: str, config: Config, rules: tuple[Rule, ...]) -> LintResult:
    doc = _document(text, name, config)
    try:
        findings = lint(doc, rules)
        timed_out: list[Rule] = []
    except RuleTimeout as exc:
        findings, timed_out = exc.findings, exc.rules
    return LintResult(findings, timed_out, doc.format.name == "markdown")


def fix_all(text: str, name: str, config: Config, rules: tuple[Rule, ...]) -> str | None:
    """``text`` with every safe fix applied (as ``newslint fix``), or None if a rule timed out."""
    doc = _document(text, name, config)
    try:
        return fix_document(doc, rules, Applicability.SAFE).text
    except RuleTimeout:
        return None


def _trailing_break(line: str) -> int:
    """Length of a Markdown hard line break ending ``line`` (two spaces or a backslash)."""
    stripped = line.rstrip(" \t")
    if len(line) - len(stripped) >= 2:
        return len(line) - len(stripped)
    return 1 if line.endswith("\\") else len(line) - len(stripped)


def suppression_edits(
    text: str, name: str, config: Config, findings: list[tuple[Finding, Rule]]
) -> list[tuple[Finding, Edit]]:
    """For each finding where one fits, an edit that adds ``<!-- newslint-disable-next-line
    ID -->`` without changing how the Markdown renders: none in plain text (it has no
    suppression comments), outside prose or in a table. Each edit is checked: with it applied,
    the rule no longer reports the finding."""
    doc = _document(text, name, config)
    if doc.format.name != "markdown":
        return []
    found = []
    for finding, rule in findings:
        edit = _suppression(doc, finding)
        if edit is None:
            continue
        changed = doc.with_text(text[: edit.start] + edit.replacement + text[edit.end :])
        moved = finding.start + len(edit.replacement)
        if suppression.suppressed(suppression.directives(changed), rule, moved):
            found.append((finding, edit))
    return found


def _suppression(doc: Document, finding: Finding) -> Edit | None:
    """Where the comment for ``finding`` goes: on a line of its own before a line that starts
    a block, else at the end of the line before (inside a paragraph, where a comment line would
    split it), before a hard line break there."""
    text = doc.text
    prose = doc.blocks_of(PROSE_KINDS)
    if not any(b.start <= finding.start < b.end for b in prose):
        return None
    comment = f"<!-- newslint-disable-next-line {finding.rule} -->"
    line_start, line_end = doc.line_span(finding.start)
    line = text[line_start:line_end]
    previous = doc.line_span(line_start - 1) if line_start else None
    before = text[previous[0] : previous[1]] if previous else ""
    if line.lstrip().startswith("|") or before.lstrip().startswith("|"):
        return None  # a table row: a comment would add a cell or end the table
    if previous and before.strip() and any(b.start < previous[1] <= b.end for b in prose):
        at = previous[1] - _trailing_break(before)
        return Edit(at, at, " " + comment)
    match = _LINE_PREFIX.match(line)  # always matches, if only the empty string
    prefix = match.group() if match else ""
    return Edit(line_start, line_start, prefix + comment + doc.newline)
