"""LanguageTool client: prose as annotated text, UTF-16 offsets, a disk cache, server trouble.

Only prose is sent: the units of :mod:`newslint.integrations.prose` as LanguageTool annotated
text (``data`` parameter), so LanguageTool skips inline code, URLs, tags, Markdown emphasis and
quoted speech while its offsets still count them. The units
of a document go in one request (``\\n\\n`` between them) unless that exceeds
``MAX_REQUEST_CHARS`` or the server answers 413 (text too long): then in halves. LanguageTool
counts UTF-16 code units; offsets are mapped back to code points exactly, and a match that does
not fall on character boundaries inside one unit is dropped. Matches are cached per unit
(:mod:`newslint.integrations.unit_cache`).

A server that is down, slow or answers garbage gives one warning line on stderr; the grammar
rules are then skipped for the rest of the run (:mod:`newslint.integrations.status` tells the
CLI, for ``--require-grammar``). ``local: true`` lets ``language_tool_python`` download and
start its own server; that library is imported only then.

Only the user names a server or turns ``local`` on (:mod:`newslint.config.trust`). The URL is
``http(s)://host[:port][/path]``, nothing else (no user name or password, query or fragment);
the client asks only ``<URL>/v2/languages`` and ``<URL>/v2/check``, follows no redirect, and
never repeats what a server answered in a warning.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError
from newslint.integrations import status
from newslint.integrations.prose import Entry, GrammarMatch, Unit, located
from newslint.integrations.unit_cache import unit_cache, unit_key

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
MAX_ANSWER_BYTES = 20_000_000  # a larger answer is no LanguageTool answer
MAX_REQUEST_CHARS = 20_000  # the public API's limit; self-hosted servers allow more
CACHE_VERSION = 2  # 2: quoted speech read as QUOTE (see newslint.integrations.prose)
_SEPARATOR = "\n\n"


@dataclass
class LanguageToolSettings:
    """The ``languagetool`` config key (see the README's Grammar section)."""

    server: str | None = None
    language: str = "en-US"
    disabled_rules: list[str] = field(default_factory=list)
    enabled_categories: list[str] = field(default_factory=list)
    picky: bool = False
    timeout: float = 10.0
    local: bool = False
    safe_rules: list[str] = field(default_factory=list)
    cache: bool | str = True

    def validate(self) -> tuple[str, str] | None:
        """(key, problem) for a value of the right type that still makes no sense."""
        problem = server_problem(self.server) if self.server is not None else None
        if problem:
            return "server", f"key 'server': {problem}"
        if self.timeout <= 0:
            return "timeout", "key 'timeout': must be a positive number of seconds"
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*|auto", self.language):
            return "language", f"key 'language': not a language code: {self.language!r}"
        return None


def server_problem(url: str) -> str | None:
    """Why ``url`` cannot be a LanguageTool server's (None: it can): ``http(s)://host[:port]``
    and a path, nothing that could send the client elsewhere or leak a secret."""
    import urllib.parse

    shown = repr(url[:80])
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"expected an http(s):// URL, got {shown}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"expected an http(s):// URL, got {shown}"
    if re.search(r"[\s\x00-\x1f\x7f]", url):
        return f"white space or a control character in the URL {shown}"
    if "@" in parts.netloc:
        return "no user name or password in the URL (use a proxy or a local server)"
    if "?" in url or "#" in url:
        return f"no query or fragment ('?', '#') in the URL {shown}"
    return None


def endpoint(server: str, name: str) -> str:
    """The URL of API endpoint ``name`` (``languages``, ``check``) of a server whose URL
    :func:`server_problem` accepts (with or without a trailing ``/v2``)."""
    import urllib.parse

    parts = urllib.parse.urlsplit(server)
    path = parts.path.rstrip("/").removesuffix("/v2")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{path}/v2/{name}", "", ""))


class GrammarUnavailable(Exception):
    """The server could not be used; the message is the warning line's reason."""


class _TooLong(GrammarUnavailable):
    """HTTP 413: the text exceeds the server's ``maxTextLength``."""


# -- offsets --------------------------------------------------------------------------------
def utf16_boundaries(text: str) -> list[int]:
    """UTF-16 offset of each code-point boundary: ``result[i]`` is where ``text[i]`` starts."""
    offsets = [0]
    total = 0
    for char in text:
        total += 2 if ord(char) > 0xFFFF else 1
        offsets.append(total)
    return offsets


def to_code_point(boundaries: list[int], utf16: int) -> int | None:
    """The code-point offset of a UTF-16 offset, or None inside a surrogate pair / out of range."""
    index = bisect.bisect_left(boundaries, utf16)
    if index < len(boundaries) and boundaries[index] == utf16:
        return index
    return None


NOT_CONFIGURED = (
    f"no LanguageTool server is configured (--languagetool-server, ${ENV_URL}"
    " or languagetool.server in the user config)"
)


# -- the client -----------------------------------------------------------------------------
class Client:
    """Talks to one LanguageTool server with one set of settings; shared by the grammar rules."""

    one_process = True  # one process talks to the server, so its trouble is told once

    def __init__(self, settings: LanguageToolSettings, root: Path) -> None:
        self.settings = settings
        self.server = settings.server
        self.cache = unit_cache(settings.cache, root, "languagetool", f"v{CACHE_VERSION}")
        self.down: str | None = None
        self._checked_language = False
        self._local_tool: Any = None

    @property
    def configured(self) -> bool:
        return bool(self.server) or self.settings.local

    @property
    def safe_rules(self) -> list[str]:
        return self.settings.safe_rules

    def matches(self, units: list[Unit]) -> list[GrammarMatch] | None:
        """Matches for ``units`` (None when the server cannot be used: grammar is skipped)."""
        if not self.configured:
            status.note(NOT_CONFIGURED)
            return None
        keys = [self._key(unit) for unit in units]
        missing = [(u, k) for u, k in zip(units, keys, strict=True) if self.cache.get(k) is None]
        if missing:
            if not self.down:
                try:
                    self._fetch(missing)
                except GrammarUnavailable as exc:
                    self.down = f"LanguageTool {self._where()}: {exc}; grammar rules skipped"
            if self.down:
                status.warn(self.down)  # once a run: later documents skip the server at once
                return None
        return [m for u, k in zip(units, keys, strict=True) for m in located(u, self.cache.get(k))]

    def _where(self) -> str:
        return f"at {self.server}" if self.server else "(local server)"

    def _key(self, unit: Unit) -> str:
        s = self.settings
        return unit_key(
            [
                CACHE_VERSION,
                s.language,
                sorted(s.disabled_rules),
                sorted(s.enabled_categories),
                s.picky,
                unit.annotation(),
            ]
        )

    # requests
    def _fetch(self, missing: list[tuple[Unit, str]]) -> None:
        if self.server is None:
            self.server = self._start_local()
        if not self._checked_language:
            self._check_language()
        batch: list[tuple[Unit, str]] = []
        size = 0
        for unit, key in missing:
            if batch and size + len(unit.text) > MAX_REQUEST_CHARS:
                self._send(batch)
                batch, size = [], 0
            batch.append((unit, key))
            size += len(unit.text) + len(_SEPARATOR)
        if batch:
            self._send(batch)

    def _send(self, batch: list[tuple[Unit, str]]) -> None:
        """Request ``batch``; halve it while the server says the text is too long."""
        try:
            self._request(batch)
        except _TooLong:
            if len(batch) == 1:
                raise
            half = len(batch) // 2
            self._send(batch[:half])
            self._send(batch[half:])

    def _start_local(self) -> str:
        try:
            import language_tool_python

            self._local_tool = language_tool_python.LanguageTool(self.settings.language)
            return str(self._local_tool.url).removesuffix("v2/").removesuffix("/")
        except Exception as exc:  # the library raises many kinds; all mean "no server"
            raise GrammarUnavailable(f"cannot start a local server ({_one_line(exc)})") from None

    def _check_language(self) -> None:
        answer = self._call("languages")
        if not isinstance(answer, list) or not all(isinstance(e, dict) for e in answer):
            raise GrammarUnavailable("answered /v2/languages with something other than a list")
        codes = {str(e.get(k)) for e in answer for k in ("code", "longCode")}
        wanted = self.settings.language
        if wanted != "auto" and wanted not in codes and wanted.split("-")[0] not in codes:
            raise GrammarUnavailable(f"does not support language {wanted!r}")
        self._checked_language = True

    def _request(self, batch: list[tuple[Unit, str]]) -> None:
        import urllib.parse

        annotation: list[dict[str, str]] = []
        starts: list[int] = []
        position = 0
        for index, (unit, _key) in enumerate(batch):
            if index:
                annotation.append({"text": _SEPARATOR})
                position += len(_SEPARATOR)
            starts.append(position)
            annotation.extend(unit.annotation())
            position += len(unit.text)
        original = "".join(p.get("text", p.get("markup", "")) for p in annotation)
        s = self.settings
        form = {"language": s.language, "data": json.dumps({"annotation": annotation})}
        if s.disabled_rules:
            form["disabledRules"] = ",".join(s.disabled_rules)
        if s.enabled_categories:
            form["enabledCategories"] = ",".join(s.enabled_categories)
        if s.picky:
            form["level"] = "picky"
        body = urllib.parse.urlencode(form).encode()
        found: list[list[Entry]] = [[] for _ in batch]
        boundaries = utf16_boundaries(original)
        for utf16_start, length, rule_id, category, message, replacements in _parse_check(
            self._call("check", body)
        ):
            start = to_code_point(boundaries, utf16_start)
            end = to_code_point(boundaries, utf16_start + length)
            if start is None or end is None:
                continue
            index = bisect.bisect_right(starts, start) - 1
            unit = batch[index][0]
            rel_start, rel_end = start - starts[index], end - starts[index]
            if rel_end > len(unit.text) or rel_start < 0:
                continue  # runs over the separator: not a match of one block
            found[index].append((rel_start, rel_end, rule_id, category, message, replacements))
        for (_unit, key), entries in zip(batch, found, strict=True):
            self.cache.put(key, entries)

    def _call(self, name: str, form: bytes | None = None) -> Any:
        """GET (or, with a form-encoded body, POST) an endpoint and decode its JSON answer."""
        import urllib.error
        import urllib.request  # with http.client, only when a server is asked

        headers = {"Content-Type": "application/x-www-form-urlencoded"} if form else {}
        url = endpoint(self.server or "", name)
        request = urllib.request.Request(url, data=form, headers=headers)
        try:
            with _open(request, self.settings.timeout) as response:
                raw = response.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as exc:
            kind = _TooLong if exc.code == 413 else GrammarUnavailable
            raise kind(_status(exc.code)) from None
        except TimeoutError:
            raise GrammarUnavailable(
                f"did not answer within {self.settings.timeout:g} s (languagetool.timeout)"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise GrammarUnavailable(
                    f"did not answer within {self.settings.timeout:g} s (languagetool.timeout)"
                ) from None
            raise GrammarUnavailable(f"unreachable ({_one_line(reason)})") from None
        except (OSError, ValueError) as exc:
            raise GrammarUnavailable(f"unreachable ({_one_line(exc)})") from None
        if len(raw) > MAX_ANSWER_BYTES:
            raise GrammarUnavailable(f"answered over {MAX_ANSWER_BYTES:,} bytes")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise GrammarUnavailable("answered garbage (not JSON)") from None


def _status(code: int) -> str:
    """What a warning says of an HTTP error: the code and its standard name, never the body
    (a server's answer is not repeated in a log)."""
    import http

    try:
        name = http.HTTPStatus(code).phrase
    except ValueError:
        name = ""
    text = f"answered HTTP {code}" + (f" ({name})" if name else "")
    if 300 <= code < 400:
        text += "; newslint follows no redirect: name the server's own URL"
    if code == 413:
        text += ": a paragraph is longer than the server accepts (its maxTextLength)"
    return text


def _open(request: Any, timeout: float) -> Any:
    """Send ``request`` with an opener that follows no redirect (a 3xx is an HTTPError)."""
    return _opener().open(request, timeout=timeout)


@cache
def _opener() -> Any:
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    return urllib.request.build_opener(NoRedirects)


def _one_line(value: object) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    text = " ".join(text.split())
    return text[:120] + ("…" if len(text) > 120 else "")


def _parse_check(answer: Any) -> list[tuple[int, int, str, str, str, tuple[str, ...]]]:
    """The matches of a /v2/check answer, validated: (offset, length, rule, category, msg, reps)."""
    if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
        raise GrammarUnavailable("answered /v2/check without a 'matches' list")
    parsed = []
    for match in answer["matches"]:
        try:
            offset, length = match["offset"], match["length"]
            rule = match["rule"]
            rule_id, category = rule["id"], rule["category"]["id"]
            message = match["message"]
            replacements = tuple(r["value"] for r in match.get("replacements", [])[:5])
        except (KeyError, TypeError):
            raise GrammarUnavailable("answered /v2/check with a malformed match") from None
        if not (
            isinstance(offset, int)
            and isinstance(length, int)
            and offset >= 0
            and length >= 0
            and all(isinstance(v, str) for v in (rule_id, category, message, *replacements))
        ):
            raise GrammarUnavailable("answered /v2/check with a malformed match")
        parsed.append((offset, length, rule_id, category, message, replacements))
    return parsed


_clients: dict[str, Client] = {}


def client_for(settings: LanguageToolSettings, root: Path) -> Client:
    """The shared client for these settings (rules of one config share its cache and status)."""
    key = json.dumps([asdict(settings), str(root)], sort_keys=True)
    if key not in _clients:
        _clients[key] = Client(settings, root)
    return _clients[key]


def env_server() -> str | None:
    """The server ``$NEWSLINT_LANGUAGETOOL_URL`` names (None: unset or empty); a URL
    :func:`server_problem` refuses is an error."""
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return None
    problem = server_problem(url)
    if problem:
        raise NewslintError(f"${ENV_URL}: {problem}")
    return url


def settings_from_env(settings: LanguageToolSettings | None = None) -> LanguageToolSettings:
    """``settings`` (or the defaults) with ``NEWSLINT_LANGUAGETOOL_URL`` applied."""
    settings = settings or LanguageToolSettings()
    url = env_server()
    if url:
        settings = LanguageToolSettings(**{**asdict(settings), "server": url})
    return settings
