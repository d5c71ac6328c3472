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
from typing import Any, BinaryIO, ParamSpec, TypeVar, cast

from lsprotocol import types
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.lsp import adapter, protocol
from newslint.lsp.session import Change, Linted, Session
from newslint.lsp.transport import NewslintProtocol, NewslintServer, OneLineFormatter, Utf8Input

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")
WATCHED = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.{yaml,yml}")


def _guarded(default: Any) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """A handler that logs an exception and answers ``default`` instead of an error."""

    def wrap(handler: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(handler)
        async def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return await handler(*args, **kwargs)
            except Exception:
                log.exception("%s failed", handler.__name__)
                result: T = default
                return result

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
    handlers = Handlers(server, session)
    for method, options, handler in FEATURES:
        # pygls marks the function it registers, which a bound method does not allow
        server.feature(method, options)(functools.partial(handler, handlers))
    return server


class Handlers:
    """The server's handlers of LSP messages, over one session, and what the client said at
    ``initialize`` it supports."""

    def __init__(self, server: NewslintServer, session: Session) -> None:
        self.server = server
        self.session = session
        self.versioned = False  # workspace edits may name the document version they apply to
        self.resolve_support = False  # a code action's edit may be computed when it is chosen
        self.watch = False  # file watchers may be registered

    def root(self) -> Path | None:
        folders = self.server.workspace.folders
        uri = next(iter(folders.values())).uri if folders else self.server.workspace.root_uri
        return _path(uri) if uri else None

    def initialize(self, params: types.InitializeParams) -> None:
        encoding = self.server.workspace.position_encoding
        self.session.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            self.session.debounce = max(0.0, options["debounceMs"] / 1000)
        caps = params.capabilities
        self.versioned = bool(_capability(caps, "workspace.workspace_edit.document_changes"))
        properties = _capability(caps, "text_document.code_action.resolve_support.properties")
        self.resolve_support = "edit" in (properties or ())
        self.watch = bool(
            _capability(caps, "workspace.did_change_watched_files.dynamic_registration")
        )
        self.session.root = self.root()

    async def initialized(self, params: types.InitializedParams) -> None:
        if not self.watch:
            return  # configs are then re-checked on save
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        registration = types.Registration(
            id="newslint-configs",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await self.server.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:
            log.warning("file watching not registered: %s", exc)

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        self.session.open(item.uri, _path(item.uri), item.language_id, item.text, item.version)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        changes: list[Change] = []
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = (change.range.start.line, change.range.start.character)
                end = (change.range.end.line, change.range.end.character)
                changes.append((start, end, change.text))
            else:
                changes.append((None, None, change.text))
        self.session.change(params.text_document.uri, params.text_document.version, changes)

    @_guarded(None)
    async def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        session = self.session
        if not await session.reload_if(session.project.stale):
            uri = params.text_document.uri
            if uri in session.docs:
                session.schedule(uri, 0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self.session.close(params.text_document.uri)

    @_guarded(None)
    async def watched(self, params: types.DidChangeWatchedFilesParams) -> None:
        session = self.session
        paths = [p for p in (_path(change.uri) for change in params.changes) if p]
        await session.reload_if(lambda: any(session.project.depends_on(p) for p in paths))

    def folders(self, params: types.DidChangeWorkspaceFoldersParams) -> None:
        self.session.root = self.root()

    @_guarded(None)
    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = await self.session.current(params.text_document.uri)
        if linted is None:
            return None
        at = linted.index.offset(params.position.line, params.position.character)
        hits = [f for f in linted.findings if f.start <= at < f.end or f.start == f.end == at]
        return protocol.hover(linted.index, hits, linted.rules) if hits else None

    @_guarded([])
    async def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = await self.session.current(uri)
        if linted is None:
            return []
        index, only = linted.index, params.context.only
        first = index.offset(params.range.start.line, params.range.start.character)
        last = index.offset(params.range.end.line, params.range.end.character)
        hits = [f for f in linted.findings if f.start <= last and f.end >= first]
        actions: list[types.CodeAction] = []
        if protocol.wanted(protocol.QUICK_FIX, only):
            actions.extend(await self._quick_fixes(uri, linted, hits))
        safe = adapter.Applicability.SAFE
        fixable = any(f.fix and f.fix.applicability == safe for f in linted.findings)
        if fixable and protocol.wanted(protocol.FIX_ALL_KIND, only):
            action = protocol.fix_all_action({"uri": uri})
            if not self.resolve_support:
                action.edit = await _fix_all(self.session, linted, uri, self.versioned)
            if self.resolve_support or action.edit:
                actions.append(action)
        return actions

    async def _quick_fixes(
        self, uri: str, linted: Linted, hits: list[adapter.Finding]
    ) -> list[types.CodeAction]:
        """The fix of each finding that has one, then "disable this rule here" for each."""
        index, versioned = linted.index, self.versioned
        actions: list[types.CodeAction] = []
        for finding in hits:
            action = protocol.fix_action(uri, linted.version, index, finding, versioned)
            if action:
                actions.append(action)
        for finding, edit in await _suppressions(self.session, linted, hits):
            actions.append(
                protocol.disable_action(uri, linted.version, index, finding, edit, versioned)
            )
        return actions

    @_guarded(None)
    async def resolve(self, action: types.CodeAction) -> types.CodeAction:
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        if not isinstance(uri, str) or action.kind != protocol.FIX_ALL_KIND:
            return action
        linted = await self.session.current(uri)
        if linted is not None:
            action.edit = await _fix_all(self.session, linted, uri, self.versioned)
        return action

    def shutdown(self, params: None) -> None:
        self.session.shutdown()


FEATURES: tuple[tuple[str, object, Callable[..., object]], ...] = (
    (types.INITIALIZE, None, Handlers.initialize),
    (types.INITIALIZED, None, Handlers.initialized),
    (types.TEXT_DOCUMENT_DID_OPEN, None, Handlers.did_open),
    (types.TEXT_DOCUMENT_DID_CHANGE, None, Handlers.did_change),
    (types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False), Handlers.did_save),
    (types.TEXT_DOCUMENT_DID_CLOSE, None, Handlers.did_close),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, Handlers.watched),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, None, Handlers.folders),
    (types.TEXT_DOCUMENT_HOVER, None, Handlers.hover),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, protocol.FIX_ALL_KIND],
            resolve_provider=True,
        ),
        Handlers.code_action,
    ),
    (types.CODE_ACTION_RESOLVE, None, Handlers.resolve),
    (types.SHUTDOWN, None, Handlers.shutdown),
)


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
    stdin = cast(BinaryIO, Utf8Input(sys.stdin.buffer))  # pygls reads it by readline() and read()
    server.start_io(stdin, sys.stdout.buffer)
    return 0
