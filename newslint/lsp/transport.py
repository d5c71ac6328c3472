"""JSON-RPC over stdio as the server needs it, on top of pygls: malformed messages answered
with errors, input that is not UTF-8 read with U+FFFD, one-line logging, no second copy of the
documents' text."""

from __future__ import annotations

import json
import logging
from typing import Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method


class _Invalid:
    """A request whose parameters did not fit its method: answered with an error."""

    jsonrpc = "2.0"

    def __init__(self, msg_id: Any, method: str, error: types.ResponseError) -> None:
        self.id, self.method, self.error = msg_id, method, error


class NewslintProtocol(LanguageServerProtocol):
    """pygls' protocol, but a malformed request gets an error response (pygls logs it and
    leaves the client waiting) and a message that is not JSON-RPC does not raise."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and isinstance(data.get("method"), str):
                error = types.ResponseError(
                    code=types.ErrorCodes.InvalidParams,
                    message=f"{data['method']}: {exc.message or 'invalid params'}",
                )
                return _Invalid(data["id"], data["method"], error)
            raise

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        """The session keeps the documents' text: pygls keeps no copy (updating its copy took
        40 ms a keystroke in a 20,000-word article, and it splits lines where LSP does not)."""
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Invalid):
            self._send_response(message.id, error=message.error)
        elif isinstance(message, dict):  # no "jsonrpc": not a JSON-RPC message
            if "id" in message:
                error = types.ResponseError(
                    code=types.ErrorCodes.InvalidRequest, message="not a JSON-RPC 2.0 message"
                )
                self._send_response(message["id"], error=error)
        else:
            super().handle_message(message)


class NewslintServer(LanguageServer):
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Errors outside a request go to the client's log as one line (no pop-up, no
        traceback); a body that is not JSON gets the JSON-RPC parse error response."""
        if isinstance(error, json.JSONDecodeError):
            parse_error = types.ResponseError(
                code=types.ErrorCodes.ParseError, message=f"not JSON: {error}"
            )
            # the response to a message with no readable id has the id null
            self.protocol._send_data(types.ResponseErrorMessage(id=None, error=parse_error))
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"newslint: {error}")
        )


class Utf8Input:
    """Standard input for pygls: a message body that is not valid UTF-8 (an editor sending the
    raw bytes of a file it could not decode) is read with U+FFFD for each bad byte instead of
    being dropped, so the document is linted (and its U+FFFD reported)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        return self.raw.readline()

    def read(self, size: int) -> bytes:
        data = self.raw.read(size)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("utf-8", "replace").encode("utf-8")
        return data


class OneLineFormatter(logging.Formatter):
    """Log records as one line each on standard error (which editors show in their log):
    bad input from a client is not a crash, so no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        first = record.getMessage().strip().split("\n", 1)[0]
        return f"newslint server: {record.levelname.lower()}: {first}"
