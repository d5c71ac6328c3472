"""``newslint server``: the language server, on pygls 2 (LSP over stdio).

Diagnostics on open, change (debounced) and save; quick fixes, "fix all safe findings" and
"disable this rule here" as code actions; the rule's explanation on hover; configs reloaded
when a config or pack changes. No handler lets an exception reach the client: a request that
fails answers with an empty result and the reason goes to the log.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.lsp import adapter, protocol
from newslint.lsp.session import Change, Linted, Session
from newslint.lsp.transport import NewslintProtocol, NewslintServer, OneLineFormatter, Utf8Input

log = logging.getLogger(__name__)
T = TypeVar("T")
WATCHED = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.{yaml,yml}")


def _guarded(default: Any) -> Callable[[Callable[..., Awaitable[T]]], Callable[..., Awaitable[T]]]:
    """A handler that logs an exception and answers ``default`` instead of an error."""

    def wrap(handler: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        @functools.wraps(handler)
        async def guarded(*args: Any) -> Any:
            try:
                return await handler(*args)
            except Exception:
                log.exception("%s failed", handler.__name__)
                return default

        return guarded

    return wrap


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def _capability(root: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        root = getattr(root, name, None)
    return root


def build(config: Path | None = None) -> NewslintServer:
    """The server with every handler registered (``config``: one config for every file)."""
    server = NewslintServer("newslint", __version__, protocol_cls=NewslintProtocol)
    session = Session(
        adapter.Project(config),
        server.text_document_publish_diagnostics,
        lambda kind, message: server.window_show_message(
            types.ShowMessageParams(type=kind, message=message)
        ),
    )
    client: dict[str, bool] = {}

    def root() -> Path | None:
        folders = server.workspace.folders
        uri = next(iter(folders.values())).uri if folders else server.workspace.root_uri
        return _path(uri) if uri else None

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        encoding = server.workspace.position_encoding
        session.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            session.debounce = max(0.0, options["debounceMs"] / 1000)
        caps = params.capabilities
        client["versioned"] = bool(_capability(caps, "workspace.workspace_edit.document_changes"))
        properties = _capability(caps, "text_document.code_action.resolve_support.properties")
        client["resolve"] = "edit" in (properties or ())
        client["watch"] = bool(
            _capability(caps, "workspace.did_change_watched_files.dynamic_registration")
        )
        session.root = root()

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        if not client.get("watch"):
            return  # configs are then re-checked on save
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        registration = types.Registration(
            id="newslint-configs",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await server.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:
            log.warning("file watching not registered: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        session.open(item.uri, _path(item.uri), item.language_id, item.text, item.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        changes: list[Change] = []
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = (change.range.start.line, change.range.start.character)
                end = (change.range.end.line, change.range.end.character)
                changes.append((start, end, change.text))
            else:
                changes.append((None, None, change.text))
        session.change(params.text_document.uri, params.text_document.version, changes)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @_guarded(None)
    async def did_save(params: types.DidSaveTextDocumentParams) -> None:
        if not await session.reload_if(session.project.stale):
            uri = params.text_document.uri
            if uri in session.docs:
                session.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        session.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded(None)
    async def watched(params: types.DidChangeWatchedFilesParams) -> None:
        paths = [p for p in (_path(change.uri) for change in params.changes) if p]
        await session.reload_if(lambda: any(session.project.depends_on(p) for p in paths))

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(params: types.DidChangeWorkspaceFoldersParams) -> None:
        session.root = root()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded(None)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        linted = await session.current(params.text_document.uri)
        if linted is None:
            return None
        at = linted.index.offset(params.position.line, params.position.character)
        hits = [f for f in linted.findings if f.start <= at < f.end or f.start == f.end == at]
        return protocol.hover(linted.index, hits, linted.rules) if hits else None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, protocol.FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    @_guarded([])
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = await session.current(uri)
        if linted is None:
            return []
        index, only = linted.index, params.context.only
        first = index.offset(params.range.start.line, params.range.start.character)
        last = index.offset(params.range.end.line, params.range.end.character)
        hits = [f for f in linted.findings if f.start <= last and f.end >= first]
        actions: list[types.CodeAction] = []
        versioned = client.get("versioned", False)
        if protocol.wanted(protocol.QUICK_FIX, only):
            for finding in hits:
                action = protocol.fix_action(uri, linted.version, index, finding, versioned)
                if action:
                    actions.append(action)
            for finding, edit in await _suppressions(session, linted, hits):
                actions.append(
                    protocol.disable_action(uri, linted.version, index, finding, edit, versioned)
                )
        safe = adapter.Applicability.SAFE
        fixable = any(f.fix and f.fix.applicability == safe for f in linted.findings)
        if fixable and protocol.wanted(protocol.FIX_ALL_KIND, only):
            action = protocol.fix_all_action({"uri": uri})
            if not client.get("resolve"):
                action.edit = await _fix_all(session, linted, uri, versioned)
            if client.get("resolve") or action.edit:
                actions.append(action)
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    @_guarded(None)
    async def resolve(action: types.CodeAction) -> types.CodeAction:
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        if not isinstance(uri, str) or action.kind != protocol.FIX_ALL_KIND:
            return action
        linted = await session.current(uri)
        if linted is not None:
            action.edit = await _fix_all(session, linted, uri, client.get("versioned", False))
        return action

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        session.shutdown()

    return server


async def _suppressions(
    session: Session, linted: Linted, findings: list[adapter.Finding]
) -> list[tuple[adapter.Finding, adapter.Edit]]:
    """The "disable this rule here" edits of ``findings`` (Markdown only)."""
    if not linted.markdown or not findings or linted.context is None:
        return []
    name, config, _ = linted.context
    pairs = [(f, linted.rules[f.rule]) for f in findings if f.rule in linted.rules]
    return await session.run(adapter.suppression_edits, linted.text, name, config, pairs)


async def _fix_all(
    session: Session, linted: Linted, uri: str, versioned: bool
) -> types.WorkspaceEdit | None:
    if linted.context is None:
        return None
    fixed = await session.run(adapter.fix_all, linted.text, *linted.context)
    if fixed is None or fixed == linted.text:
        return None
    edits = protocol.text_edits(linted.text, fixed)
    return protocol.workspace_edit(uri, linted.version, linted.index, edits, versioned)


def serve(config: Path | None = None, verbose: bool = False) -> int:
    """Run the server on standard input and output until the client exits it; ``verbose``
    logs everything, tracebacks included, to standard error."""
    handler = logging.StreamHandler(sys.stderr)
    if not verbose:
        handler.setFormatter(OneLineFormatter())
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])
    server = build(config)
    server.start_io(Utf8Input(sys.stdin.buffer), sys.stdout.buffer)  # type: ignore[arg-type]
    return 0
