"""A stand-in for LanguageTool's HTTP server (API v2) on 127.0.0.1, for the tests.

It implements ``GET /v2/languages`` and ``POST /v2/check`` as https://languagetool.org/http-api/
documents them: a form-encoded body with ``language`` and ``text`` or ``data`` (annotated text:
``{"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}``), optional
``disabledRules``, ``enabledCategories`` and ``level``; a JSON answer whose ``matches[]`` carry
``offset``/``length`` in UTF-16 code units of the original text (markup included), ``message``,
``replacements[{value}]``, ``context``, ``sentence`` and ``rule {id, description, issueType,
category {id, name}}``. Its rules are a handful of regular expressions named after real
LanguageTool rules. ``mode`` makes it misbehave: "garbage", "slow", "error", "redirect".

``replay(exchanges)`` makes it answer recorded exchanges instead, in order (tests/lt_replay/):
each names the request it expects (method, path and, for /v2/check, the form with its annotated
text decoded) and the status and body to answer; a request that is not the next one expected is
noted in ``mismatches`` and answered 500.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
# As LanguageTool's AvsAnRule: straight quotes and brackets between article and word are
# skipped, and an all-capitals word is never judged (its pronunciation is unknown).
ARTICLE_WORD = re.compile(r"\b(an?|An?) [-\"()\[\]]*(\w+)")
REPEAT = re.compile(r"\b(\w+) (\1)\b", re.I)
AGREEMENT = re.compile(r"\b(?:incident|government|report|minister) (make|say|have)\b")
# As LanguageTool's UppercaseSentenceStartRule: an opening quotation mark is passed over and
# the first word after it judged.
SENTENCE_START = re.compile(r"(?:^|[.!?][”’\"']? +)[\"'„»«“‘]?([a-z])\w*", re.M)
SPELLING = {"recieve": "receive", "goverment": "government", "Milley": "Miller"}
REDUNDANT = re.compile(r"\beach and every\b")


def _rule(rule_id: str, category: str, issue: str) -> dict[str, Any]:
    names = {
        "MISC": "Miscellaneous",
        "GRAMMAR": "Grammar",
        "TYPOS": "Possible Typo",
        "CASING": "Capitalization",
        "REDUNDANCY": "Redundant Phrases",
    }
    return {
        "id": rule_id,
        "description": rule_id.replace("_", " ").lower(),
        "issueType": issue,
        "category": {"id": category, "name": names[category]},
    }


def find_errors(plain: str) -> list[tuple[int, int, str, list[str], dict[str, Any]]]:
    """(start, end, message, replacements, rule) over the plain text, in code points."""
    found = []
    for m in ARTICLE_WORD.finditer(plain):
        article, word = m.group(1), m.group(2)
        wrong = article.lower()
        if word.isupper() or (word[0] in "aeiouAEIOU") == (wrong == "an"):
            continue
        right = "a" if wrong == "an" else "an"
        sound = "starts" if right == "an" else "doesn't start"
        found.append(
            (
                m.start(1),
                m.end(1),
                f"Use “{right}” instead of ‘{wrong}’ if the following word {sound} with a vowel"
                " sound.",
                [right.capitalize() if article[0] == "A" else right],
                _rule("EN_A_VS_AN", "MISC", "misspelling"),
            )
        )
    for m in REPEAT.finditer(plain):
        found.append(
            (
                m.start(1),
                m.end(2),
                "Possible typo: you repeated a word.",
                [m.group(1)],
                _rule("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication"),
            )
        )
    for m in AGREEMENT.finditer(plain):
        found.append(
            (
                m.start(1),
                m.end(1),
                "The verb does not agree with the singular subject.",
                [m.group(1) + "s"],
                _rule("NON3PRS_VERB", "GRAMMAR", "grammar"),
            )
        )
    for m in SENTENCE_START.finditer(plain):
        word = m.group()[m.start(1) - m.start() :]
        found.append(
            (
                m.start(1),
                m.end(),
                "This sentence does not start with an uppercase letter.",
                [word.capitalize()],
                _rule("UPPERCASE_SENTENCE_START", "CASING", "typographical"),
            )
        )
    for wrong, right in SPELLING.items():
        for m in re.finditer(rf"\b{wrong}\b", plain):
            found.append(
                (
                    m.start(),
                    m.end(),
                    "Possible spelling mistake found.",
                    [right],
                    _rule("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling"),
                )
            )
    for m in REDUNDANT.finditer(plain):
        found.append(
            (
                m.start(),
                m.end(),
                "This phrase is redundant. Consider using “every”.",
                ["every"],
                _rule("EACH_AND_EVERY", "REDUNDANCY", "style"),
            )
        )
    return sorted(found, key=lambda f: f[0])


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class TextTooLong(Exception):
    pass


def check(form: dict[str, str], max_text_length: int = 0) -> dict[str, Any]:
    """The /v2/check answer for a parsed form (raises ValueError for a bad request)."""
    if "data" in form:
        parts = json.loads(form["data"])["annotation"]
    elif "text" in form:
        parts = [{"text": form["text"]}]
    else:
        raise ValueError("Missing 'text' or 'data' parameter")
    # plain text (what is checked) and, per plain code point, its original UTF-16 span
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0  # UTF-16 offset in the original (text + markup)
    for part in parts:
        if "text" in part:
            for char in part["text"]:
                plain.append(char)
                spans.append((position, position + _utf16(char)))
                position += _utf16(char)
        else:
            end = position + _utf16(part["markup"])
            for char in part.get("interpretAs", ""):
                plain.append(char)
                spans.append((position, end))
            position = end
    text = "".join(plain)
    if max_text_length and len(text) > max_text_length:
        raise TextTooLong(
            f"Your text exceeds the limit of {max_text_length} characters (it's {len(text)}"
            " characters). Please submit a shorter text."
        )
    disabled = set(filter(None, form.get("disabledRules", "").split(",")))
    matches = []
    for start, end, message, replacements, rule in find_errors(text):
        if rule["id"] in disabled:
            continue
        offset = spans[start][0]
        matches.append(
            {
                "message": message,
                "shortMessage": "",
                "replacements": [{"value": r} for r in replacements],
                "offset": offset,
                "length": spans[end - 1][1] - offset,
                "context": {"text": text[max(0, start - 20) : end + 20], "offset": 0, "length": 0},
                "sentence": text,
                "type": {"typeName": "Other"},
                "rule": rule,
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            }
        )
    language = form["language"]
    return {
        "software": {"name": "LanguageTool", "version": "6.4 (stand-in)", "apiVersion": 1},
        "language": {"name": language, "code": language, "detectedLanguage": {}},
        "matches": matches,
    }


class StandIn(ThreadingHTTPServer):
    """``with StandIn() as server: server.url`` — requests are recorded in ``server.requests``."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.mode = "normal"
        self.max_text_length = 0  # like the server's maxTextLength: 0 means no limit
        self.delay = 3.0
        self.exchanges: list[dict[str, Any]] = []
        self.replaying = False
        self.mismatches: list[str] = []

    def __enter__(self) -> StandIn:
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout tests) is not an error of the stand-in

    def checks(self) -> list[dict[str, str]]:
        return [form for path, form in self.requests if path == "/v2/check"]

    def replay(self, exchanges: list[dict[str, Any]]) -> None:
        self.exchanges = list(exchanges)
        self.replaying = True

    def recorded(self, method: str, path: str, form: dict[str, str]) -> dict[str, Any] | None:
        """The next recorded exchange if the request is the one it expects (else noted)."""
        if not self.exchanges:
            self.mismatches.append(f"{method} {path}: no exchange left")
            return None
        expected = self.exchanges.pop(0)
        sent: dict[str, Any] = {
            **form,
            **({"data": json.loads(form["data"])} if "data" in form else {}),
        }
        if (expected["method"], expected["path"]) != (method, path):
            self.mismatches.append(
                f"{method} {path}: expected {expected['method']} {expected['path']}"
            )
        elif method == "POST" and sent != expected["form"]:
            self.mismatches.append(f"{method} {path}: sent {sent}, recorded {expected['form']}")
        else:
            return expected
        return None


class _Handler(BaseHTTPRequestHandler):
    server: StandIn

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str | None = "application/json") -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _misbehave(self) -> bool:
        mode = self.server.mode
        if mode == "slow":
            time.sleep(self.server.delay)
        if mode == "garbage":
            self._send(200, b"<html><body>502 Bad Gateway</body></html>", "text/html")
            return True
        if mode == "error":
            self._send(500, b"Error: java.lang.OutOfMemoryError", "text/plain")
            return True
        if mode == "redirect":  # to another path of this server: a client following it shows
            self.send_response(307)
            self.send_header("Location", "/elsewhere" + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        return False

    def _replay(self, method: str, path: str, form: dict[str, str]) -> bool:
        """Answer from the recorded exchanges, if the test gave any."""
        if not self.server.replaying:
            return False
        exchange = self.server.recorded(method, path, form)
        if exchange is None:
            self._send(500, b"replay: unexpected request", "text/plain")
        elif isinstance(exchange["body"], str):  # LanguageTool sends its errors as bare text
            self._send(exchange["status"], exchange["body"].encode(), None)
        else:
            self._send(exchange["status"], json.dumps(exchange["body"]).encode())
        return True

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        self.server.requests.append((path, {}))
        if self._replay("GET", path, {}):
            return
        if path != "/v2/languages":
            self._send(404, b"Not found", "text/plain")
        elif not self._misbehave():
            self._send(200, json.dumps(LANGUAGES).encode())

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        self.server.requests.append((path, form))
        if self._replay("POST", path, form):
            return
        if path != "/v2/check":
            self._send(404, b"Not found", "text/plain")
            return
        if self._misbehave():
            return
        codes = {e["code"] for e in LANGUAGES} | {e["longCode"] for e in LANGUAGES}
        if form.get("language") not in codes | {"auto"}:
            message = f"Error: '{form.get('language')}' is not a language code known to LT"
            self._send(400, message.encode(), "text/plain")
            return
        try:
            answer = check(form, self.server.max_text_length)
        except TextTooLong as exc:
            self._send(413, f"Error: {exc}".encode(), "text/plain")
            return
        except (ValueError, KeyError) as exc:
            self._send(400, f"Error: {exc}".encode(), "text/plain")
            return
        self._send(200, json.dumps(answer).encode())
