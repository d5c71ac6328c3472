"""Findings, fixes and explanations in the shapes of the Language Server Protocol."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from lsprotocol import types

from newslint.lsp.adapter import Applicability, Edit, Finding, Rule, Severity, explain_markdown
from newslint.lsp.positions import LineIndex

SOURCE = "newslint"
# Every rule's page: RULE_DOCS_BASE + "<ID>.md" (docs/rules/ in the repository).
RULE_DOCS_BASE = "https://git.example.org/tools/newslint/blob/main/docs/rules/"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
QUICK_FIX = types.CodeActionKind.QuickFix.value
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_docs_url(rule_id: str) -> str:
    return f"{RULE_DOCS_BASE}{rule_id}.md"


def lsp_range(index: LineIndex, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(*index.position(start)), end=types.Position(*index.position(end))
    )


def diagnostic(index: LineIndex, finding: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(index, finding.start, finding.end),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_docs_url(finding.rule)),
        source=SOURCE,
    )


def workspace_edit(
    uri: str, version: int | None, index: LineIndex, edits: Iterable[Edit], versioned: bool
) -> types.WorkspaceEdit:
    """Edits (code-point offsets into ``index.text``) as a workspace edit: a versioned
    ``documentChanges`` entry where the client supports it, else plain ``changes``."""
    text_edits: Sequence[types.TextEdit] = [
        types.TextEdit(range=lsp_range(index, e.start, e.end), new_text=e.replacement)
        for e in edits
    ]
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=text_edits)]
        )
    return types.WorkspaceEdit(changes={uri: list(text_edits)})


def fix_action(
    uri: str, version: int | None, index: LineIndex, finding: Finding, versioned: bool
) -> types.CodeAction | None:
    """The quick fix of a finding: preferred if safe, labelled if unsafe; None if it has no
    fix that may be applied (display-only fixes are shown by ``newslint check`` only)."""
    fix = finding.fix
    if fix is None or fix.applicability < Applicability.UNSAFE:
        return None
    safe = fix.applicability == Applicability.SAFE
    return types.CodeAction(
        title=f"{finding.rule}: {fix.title}" + ("" if safe else " (unsafe fix: check the result)"),
        kind=QUICK_FIX,
        diagnostics=[diagnostic(index, finding)],
        is_preferred=safe,
        edit=workspace_edit(uri, version, index, fix.edits, versioned),
    )


def disable_action(
    uri: str, version: int | None, index: LineIndex, finding: Finding, edit: Edit, versioned: bool
) -> types.CodeAction:
    return types.CodeAction(
        title=f"Disable {finding.rule} ({finding.name}) for this line",
        kind=QUICK_FIX,
        diagnostics=[diagnostic(index, finding)],
        edit=workspace_edit(uri, version, index, [edit], versioned),
    )


def fix_all_action(data: dict[str, str] | None = None) -> types.CodeAction:
    return types.CodeAction(title="Fix all safe newslint findings", kind=FIX_ALL_KIND, data=data)


def text_edits(old: str, new: str) -> list[Edit]:
    """Edits turning ``old`` into ``new``: each run of changed lines replaced, so that the
    editor keeps marks and cursor positions in the lines a fix did not touch."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return [
        Edit(starts[i1], starts[i2], "".join(new_lines[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` answers a request limited to the kinds ``only``."""
    if not only:
        return True
    names = [str(getattr(k, "value", k)) for k in only]
    return any(kind == name or kind.startswith(name + ".") for name in names)


def hover(index: LineIndex, findings: Sequence[Finding], rules: dict[str, Rule]) -> types.Hover:
    """The message and the explanation (as ``newslint explain``) of each finding at a point."""
    parts = []
    for finding in findings:
        rule = rules.get(finding.rule)
        text = f"**{finding.rule}**: {finding.message}"
        if rule is not None:
            text += "\n\n" + explain_markdown(rule)
        parts.append(text + f"\n\n[{finding.rule} documentation]({rule_docs_url(finding.rule)})")
    start = min(f.start for f in findings)
    end = max(f.end for f in findings)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=lsp_range(index, start, end),
    )
