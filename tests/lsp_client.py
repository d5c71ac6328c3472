"""A minimal JSON-RPC client for the language server tests and benchmarks: ``newslint server``
as a child process, Content-Length framing over its stdin/stdout, plain JSON messages."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "newslint.app.cli", "server"]


class LspClient:
    """Start the server; ``request`` waits for the answer, ``notify`` does not; every message
    the server sends is kept in ``received`` (notifications and server requests in order)."""

    def __init__(self, cwd: Path, args: tuple[str, ...] = (), env: dict | None = None) -> None:
        self.process = subprocess.Popen(
            [*SERVER, *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.received: list[dict[str, Any]] = []
        self.responses: dict[Any, dict[str, Any]] = {}
        self.ids = itertools.count(1)
        self.changed = threading.Condition()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- wire --------------------------------------------------------------------------------
    def send_raw(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _send(self, message: dict[str, Any]) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length or 0))
            with self.changed:
                if "method" in message and "id" in message:  # a request of the server's
                    self._send({"id": message["id"], "result": None})
                if "method" in message:
                    self.received.append(message)
                else:
                    self.responses[message.get("id")] = message
                self.changed.notify_all()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr += line

    # -- messages ----------------------------------------------------------------------------
    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request_raw(self, method: str, params: Any, timeout: float = 30) -> dict[str, Any]:
        """The whole response message (``result`` or ``error``)."""
        msg_id = next(self.ids)
        self._send({"id": msg_id, "method": method, "params": params})
        return self.wait_for(lambda: self.responses.pop(msg_id, None), timeout, method)

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        response = self.request_raw(method, params, timeout)
        assert "error" not in response, response
        return response["result"]

    def wait_for(self, found: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                value = found()
                if value is not None:
                    return value
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"no {what}; server stderr:\n{self.stderr.decode()}")
                self.changed.wait(min(left, 0.5))

    def notifications(self, method: str) -> list[dict[str, Any]]:
        with self.changed:
            return [m["params"] for m in self.received if m.get("method") == method]

    def diagnostics(self, uri: str, after: int = 0, timeout: float = 30) -> list[dict[str, Any]]:
        """The diagnostics of ``uri`` in the first publication after the ``after`` first
        messages received (``mark()`` gives that number)."""

        def published() -> list[dict[str, Any]] | None:
            for message in self.received[after:]:
                params = message.get("params") or {}
                if message["method"] == "textDocument/publishDiagnostics" and params["uri"] == uri:
                    return params["diagnostics"]
            return None

        return self.wait_for(published, timeout, f"diagnostics for {uri}")

    def mark(self) -> int:
        with self.changed:
            return len(self.received)

    # -- session -----------------------------------------------------------------------------
    def initialize(self, root: Path, capabilities: dict | None = None, **params: Any) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": capabilities if capabilities is not None else CAPABILITIES,
                **params,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        language = "markdown" if path.suffix == ".md" else "plaintext"
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )
        return uri

    def close(self) -> int:
        """Shut the server down; its exit code."""
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {
        "workspaceEdit": {"documentChanges": True},
        "didChangeWatchedFiles": {"dynamicRegistration": True},
        "workspaceFolders": True,
    },
    "textDocument": {
        "synchronization": {"didSave": True, "dynamicRegistration": False},
        "publishDiagnostics": {"versionSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "codeAction": {
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}
            },
            "resolveSupport": {"properties": ["edit"]},
            "isPreferredSupport": True,
        },
    },
}


def apply_text_edits(text: str, edits: list[dict[str, Any]], encoding: str = "utf-16") -> str:
    """``text`` with LSP text edits applied as an editor does (positions in ``encoding``;
    lines end at \\n, \\r\\n or \\r), independently of the server's own conversion code."""
    lines = _lines(text)

    def offset(position: dict[str, int]) -> int:
        line = position["line"]
        if line >= len(lines):
            return len(text)
        start, content = lines[line]
        count = 0
        for index, char in enumerate(content):
            if count >= position["character"]:
                return start + index
            count += _width(char, encoding)
        return start + len(content)

    spans = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def position_of(text: str, offset: int, encoding: str = "utf-16") -> dict[str, int]:
    """The LSP position of a code-point offset, counted as an editor does."""
    for start, content in reversed(_lines(text)):
        if start <= offset:
            return {
                "line": _lines(text).index((start, content)),
                "character": sum(_width(c, encoding) for c in content[: offset - start]),
            }
    raise AssertionError(offset)


def _lines(text: str) -> list[tuple[int, str]]:
    found, start, i = [], 0, 0
    while i < len(text):
        if text[i] in "\r\n":
            found.append((start, text[start:i]))
            i += 2 if text[i : i + 2] == "\r\n" else 1
            start = i
        else:
            i += 1
    found.append((start, text[start:]))
    return found


def _width(char: str, encoding: str) -> int:
    if encoding == "utf-32":
        return 1
    if encoding == "utf-8":
        return len(char.encode("utf-8"))
    return 2 if ord(char) > 0xFFFF else 1
