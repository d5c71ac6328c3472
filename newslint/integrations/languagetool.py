"""LanguageTool client: prose as annotated text, UTF-16 offsets, a disk cache, server trouble.

Only prose is sent. Each prose block becomes a *unit*: its text, with inline code, URLs, tags,
Markdown emphasis and (unless a rule opts in) quoted speech sent as LanguageTool ``markup``
(``data`` parameter), so LanguageTool skips them while its offsets still count them. The units
of a document go in one request (``\\n\\n`` between them) unless that exceeds
``MAX_REQUEST_CHARS`` or the server answers 413 (text too long): then in halves. LanguageTool
counts UTF-16 code units; offsets are mapped back to code points exactly, and a match that does
not fall on character boundaries inside one unit is dropped. Matches are cached per unit (hash
of settings and annotation) in memory and on disk.

A server that is down, slow or answers garbage gives one warning line on stderr; the grammar
rules are then skipped for the rest of the run (``problems()`` tells the CLI, for
``--require-grammar``). ``local: true`` lets ``language_tool_python`` download and start its
own server; that library is imported only then.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.storage.blobs import BlobStore
from newslint.storage.cache import CACHE_DIR

if TYPE_CHECKING:
    from newslint.core.document import Block, Document

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
MAX_REQUEST_CHARS = 20_000  # the public API's limit; self-hosted servers allow more
CACHE_VERSION = 1
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
        if self.server is not None and not re.match(r"https?://[^/\s]+", self.server):
            return "server", f"key 'server': expected an http(s):// URL, got {self.server!r}"
        if self.timeout <= 0:
            return "timeout", "key 'timeout': must be a positive number of seconds"
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*|auto", self.language):
            return "language", f"key 'language': not a language code: {self.language!r}"
        return None


@dataclass(frozen=True)
class GrammarMatch:
    """One LanguageTool match; ``start``/``end`` are code points into the document."""

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A prose block as annotated text: ``markup`` spans are (start, end, interpret_as)."""

    start: int
    text: str
    markup: tuple[tuple[int, int, str], ...]

    def annotation(self) -> list[dict[str, str]]:
        parts: list[dict[str, str]] = []
        pos = 0
        for start, end, interpret in self.markup:
            if start > pos:
                parts.append({"text": self.text[pos:start]})
            parts.append({"markup": self.text[start:end], "interpretAs": interpret})
            pos = end
        if pos < len(self.text):
            parts.append({"text": self.text[pos:]})
        return parts


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


# -- units ----------------------------------------------------------------------------------
def _merge(spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    merged: list[tuple[int, int, str]] = []
    for start, end, interpret in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if end > last[1]:
                merged[-1] = (last[0], end, last[2] or interpret)
            continue
        merged.append((start, end, interpret))
    return tuple(merged)


def build_units(doc: Document, blocks: list[Block], in_quotes: bool = False) -> list[Unit]:
    """The prose blocks of ``doc`` as units, with what is not prose marked up."""
    text = doc.text
    units = []
    masks = doc.masks
    mask_starts = [start for start, _ in masks]
    quotes = [] if in_quotes else doc.quotes.spans
    quote_ends = [end for _, end in quotes]
    for block in blocks:
        spans: list[tuple[int, int, str]] = []
        first = bisect.bisect_left(mask_starts, block.start)
        for start, end in masks[first : bisect.bisect_left(mask_starts, block.end)]:
            if end <= block.end:
                spans.append((start, end, "X"))
        for start, end in quotes[bisect.bisect_right(quote_ends, block.start) :]:
            if start >= block.end:
                break
            inner_start, inner_end = max(start + 1, block.start), min(end - 1, block.end)
            if inner_start < inner_end:
                spans.append((inner_start, inner_end, "quote"))
        spans.extend((s, e, "") for s, e in doc.format.markup_spans(text, block.start, block.end))
        relative = [(s - block.start, e - block.start, i) for s, e, i in spans]
        units.append(Unit(block.start, text[block.start : block.end], _merge(relative)))
    return units


# -- status and warnings ----------------------------------------------------------------------
NOT_CONFIGURED = "no LanguageTool server is configured (languagetool.server or $" + ENV_URL + ")"
_warned: list[str] = []
_silent: list[str] = []


def problems() -> list[str]:
    """Why grammar rules were skipped since ``reset_problems`` (warned or not)."""
    return _warned + _silent


def unreported() -> list[str]:
    """Reasons not shown as warnings: no server configured is normal, not worth a line."""
    return list(_silent)


def reset_problems() -> None:
    _warned.clear()
    _silent.clear()


def _warn(message: str) -> None:
    if message not in _warned:
        _warned.append(message)
        print(f"newslint: warning: {message}", file=sys.stderr)


# -- the client -----------------------------------------------------------------------------
class Client:
    """Talks to one LanguageTool server with one set of settings; shared by the grammar rules."""

    def __init__(self, settings: LanguageToolSettings, root: Path) -> None:
        self.settings = settings
        self.server = settings.server
        self.store = self._open_store(settings.cache, root)
        self.memory: dict[str, list[tuple[int, int, str, str, str, tuple[str, ...]]]] = {}
        self.down: str | None = None
        self._checked_language = False
        self._local_tool: Any = None

    @staticmethod
    def _open_store(cache: bool | str, root: Path) -> BlobStore | None:
        """The disk cache: ``.newslint_cache/`` in the project, or the directory named."""
        if cache is False:
            return None
        folder = root / CACHE_DIR if cache is True else root / Path(cache).expanduser()
        return BlobStore(folder.parent, folder.name, f"v{CACHE_VERSION}")

    @property
    def configured(self) -> bool:
        return bool(self.server) or self.settings.local

    def matches(self, units: list[Unit]) -> list[GrammarMatch] | None:
        """Matches for ``units`` (None when the server cannot be used: grammar is skipped)."""
        if not self.configured:
            if NOT_CONFIGURED not in _silent:
                _silent.append(NOT_CONFIGURED)
            return None
        keys = [self._key(unit) for unit in units]
        missing = [(u, k) for u, k in zip(units, keys, strict=True) if self._load(k) is None]
        if missing:
            if not self.down:
                try:
                    self._fetch(missing)
                except GrammarUnavailable as exc:
                    self.down = f"LanguageTool {self._where()}: {exc}; grammar rules skipped"
            if self.down:
                _warn(self.down)  # once a run: later documents skip the server at once
                return None
        found = []
        for unit, key in zip(units, keys, strict=True):
            for start, end, rule_id, category, message, replacements in self.memory[key]:
                found.append(
                    GrammarMatch(
                        unit.start + start,
                        unit.start + end,
                        rule_id,
                        category,
                        message,
                        replacements,
                    )
                )
        return found

    def _where(self) -> str:
        return f"at {self.server}" if self.server else "(local server)"

    def _key(self, unit: Unit) -> str:
        import hashlib

        s = self.settings
        payload = [
            CACHE_VERSION,
            s.language,
            sorted(s.disabled_rules),
            sorted(s.enabled_categories),
            s.picky,
            unit.annotation(),
        ]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()

    # cache
    def _load(self, key: str) -> list | None:
        if key in self.memory:
            return self.memory[key]
        if self.store is None:
            return None
        try:
            data = json.loads(self.store.get("languagetool", f"{key}.json") or b"")
            entries = [
                (int(a), int(b), str(r), str(c), str(m), tuple(str(x) for x in reps))
                for a, b, r, c, m, reps in data
            ]
        except (OSError, ValueError, TypeError):
            return None
        self.memory[key] = entries
        return entries

    def _store(self, key: str, entries: list) -> None:
        self.memory[key] = entries
        if self.store is None:
            return
        data = json.dumps([[*e[:5], list(e[5])] for e in entries], ensure_ascii=False)
        self.store.put("languagetool", f"{key}.json", data.encode("utf-8"))

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

    def _url(self, endpoint: str) -> str:
        base = (self.server or "").rstrip("/")
        if not base.endswith("/v2"):
            base += "/v2"
        return f"{base}/{endpoint}"

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
        found: list[list] = [[] for _ in batch]
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
            self._store(key, entries)

    def _call(self, endpoint: str, form: bytes | None = None) -> Any:
        """GET (or, with a form-encoded body, POST) an endpoint and decode its JSON answer."""
        import urllib.error
        import urllib.request  # with http.client, only when a server is asked

        headers = {"Content-Type": "application/x-www-form-urlencoded"} if form else {}
        request = urllib.request.Request(self._url(endpoint), data=form, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace") if exc.fp else ""
            kind = _TooLong if exc.code == 413 else GrammarUnavailable
            raise kind(
                f"answered HTTP {exc.code}" + (f" ({_one_line(detail)})" if detail else "")
            ) from None
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
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise GrammarUnavailable(f"answered garbage ({_one_line(raw[:60])})") from None


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


def settings_from_env(settings: LanguageToolSettings | None = None) -> LanguageToolSettings:
    """``settings`` (or the defaults) with ``NEWSLINT_LANGUAGETOOL_URL`` applied."""
    settings = settings or LanguageToolSettings()
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        settings = LanguageToolSettings(**{**asdict(settings), "server": url})
    return settings
