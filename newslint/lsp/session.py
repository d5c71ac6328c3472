"""The open documents of an editor session and the linting of them.

All of newslint's work runs on one thread (``self.executor``), one job at a time, so that the
event loop keeps answering while an article is linted. A change schedules a lint after a short
debounce; a newer change cancels a lint not yet started and the result of one under way is
dropped (it belongs to an older text). Code actions and hover use the findings of the current
text, linting it first when they are not there yet.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types

from newslint.lsp import adapter
from newslint.lsp.positions import UTF16, LineIndex, apply_change
from newslint.lsp.protocol import diagnostic

log = logging.getLogger(__name__)
T = TypeVar("T")
Position = tuple[int, int]
Change = tuple[Position | None, Position | None, str]  # a range's start and end, new text
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
DEBOUNCE = 0.02  # seconds after a change before it is linted; initializationOptions.debounceMs


@dataclass
class Linted:
    """One lint of one version of a document, with what fixing and explaining it needs."""

    version: int | None
    text: str
    index: LineIndex
    findings: list[adapter.Finding]
    rules: dict[str, adapter.Rule]
    context: tuple[str, adapter.Config, tuple[adapter.Rule, ...]] | None  # name, config, rules
    markdown: bool


@dataclass
class OpenDocument:
    uri: str
    path: Path | None
    language_id: str
    text: str
    version: int | None
    linted: Linted | None = None
    skipped: set[str] = field(default_factory=set)  # rules that timed out on this document
    task: asyncio.Task[None] | None = None


class Session:
    """Documents, configs and diagnostics of one client. ``publish`` and ``tell`` send the
    ``textDocument/publishDiagnostics`` and ``window/showMessage`` notifications."""

    def __init__(
        self,
        project: adapter.Project,
        publish: Callable[[types.PublishDiagnosticsParams], None],
        tell: Callable[[types.MessageType, str], None],
    ) -> None:
        self.project = project
        self.publish = publish
        self.tell = tell
        self.encoding = UTF16
        self.debounce = DEBOUNCE
        self.root: Path | None = None  # where an unsaved document looks for its config
        self.docs: dict[str, OpenDocument] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self._told: set[str] = set()

    # -- running on the lint thread ----------------------------------------------------------
    async def run(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def tell_once(self, kind: types.MessageType, message: str) -> None:
        """Show ``message`` once (a config error is not repeated at each keystroke)."""
        if message not in self._told:
            self._told.add(message)
            self.tell(kind, message)

    # -- documents ---------------------------------------------------------------------------
    def open(self, uri: str, path: Path | None, language_id: str, text: str, version: int) -> None:
        self.close(uri, clear=False)
        self.docs[uri] = OpenDocument(uri, path, language_id, _clean(text), version)
        self.schedule(uri, 0)

    def change(self, uri: str, version: int, changes: list[Change]) -> None:
        """Apply content changes: (start, end, text) with LSP positions, None for all."""
        doc = self.docs.get(uri)
        if doc is None:
            return
        text = doc.text
        for start, end, new in changes:
            text = apply_change(text, start, end, _clean(new), self.encoding)
        doc.text, doc.version = text, version
        self.schedule(uri, self.debounce)

    def close(self, uri: str, clear: bool = True) -> None:
        doc = self.docs.pop(uri, None)
        if doc and doc.task:
            doc.task.cancel()
        if doc and clear:
            self.publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def schedule(self, uri: str, delay: float) -> None:
        doc = self.docs[uri]
        if doc.task and not doc.task.done():
            doc.task.cancel()
        doc.task = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await self.refresh(uri)

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document's current text (linting it now if need be)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        if doc.linted and doc.linted.text is doc.text:
            return doc.linted
        if doc.task and not doc.task.done():
            doc.task.cancel()
        return await self.refresh(uri)

    async def refresh(self, uri: str) -> Linted | None:
        """Lint the document and publish its diagnostics, unless it changed meanwhile.
        A config or input error is told once and leaves the document without diagnostics; a
        rule that timed out is told once and skipped for this document from then on."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        text, version = doc.text, doc.version
        skipped = frozenset(doc.skipped)
        linted, told, timed_out = await self.run(self._lint, doc, text, version, skipped)
        doc.skipped.update(timed_out)
        for kind, message in told:
            self.tell_once(kind, message)
        if self.docs.get(uri) is not doc or doc.text is not text:
            return None  # a newer lint is scheduled
        doc.linted = linted
        self.publish(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=version,
                diagnostics=[diagnostic(linted.index, f) for f in linted.findings],
            )
        )
        return linted

    def _lint(
        self, doc: OpenDocument, text: str, version: int | None, skipped: frozenset[str]
    ) -> tuple[Linted, list[tuple[types.MessageType, str]], list[str]]:
        """Runs on the lint thread: the lint, the messages to show, the rules that timed out."""
        name = adapter.document_name(doc.path, doc.language_id)
        empty = Linted(version, text, LineIndex(text, self.encoding), [], {}, None, False)
        try:
            config, rules = self.project.rules_for(doc.path, self.root)
            rules = tuple(r for r in rules if r.id not in skipped)
            result = adapter.lint_text(text, name, config, rules)
        except adapter.NewslintError as exc:
            return empty, [(types.MessageType.Error, f"newslint: {exc}")], []
        except Exception as exc:
            log.exception("linting %s failed", name)
            return (
                empty,
                [(types.MessageType.Error, f"newslint: {name}: internal error: {exc!r}")],
                [],
            )
        told = [
            (
                types.MessageType.Warning,
                f"newslint: {name}: rule {rule.id} ({rule.name}) from {rule.source} ran out of"
                " time (catastrophic backtracking?); skipped for this file",
            )
            for rule in result.timed_out
        ]
        linted = Linted(
            version,
            text,
            LineIndex(text, self.encoding),
            result.findings,
            {r.id: r for r in rules},
            (name, config, rules),
            result.markdown,
        )
        return linted, told, [rule.id for rule in result.timed_out]

    # -- configs -----------------------------------------------------------------------------
    async def reload_if(self, check: Callable[[], bool]) -> bool:
        """Reload every config and re-lint every open document if ``check`` (run on the lint
        thread) says a config or pack changed."""

        def reload() -> bool:
            if not check():
                return False
            self.project.reload()
            return True

        if not await self.run(reload):
            return False
        self._told.clear()
        for uri, doc in self.docs.items():
            doc.skipped.clear()
            self.schedule(uri, 0)
        return True

    def shutdown(self) -> None:
        for doc in self.docs.values():
            if doc.task:
                doc.task.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _clean(text: str) -> str:
    """Text from the client as it is linted: a lone surrogate (from a JSON escape of a broken
    UTF-16 file) becomes U+FFFD, which has the same length in UTF-16 and in code points."""
    return _LONE_SURROGATE.sub("\ufffd", text)
