"""Vale's rule types (``extends``), built from a rule file's keys as Vale builds them.

Each rule's :meth:`Rule.run` takes the text of one block and returns :class:`Hit`s with spans
in that text; :mod:`newslint.vale.lint` places them in the file. Patterns are .NET-style
(Vale uses errata-ai/regexp2); the ``regex`` module reads them alike (inline flags apply from
where they stand to the end of their group, lookbehind of any length) and every search runs
under newslint's time limit (:mod:`newslint.core.patterns`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.core.patterns import Pattern
from newslint.vale.errors import ValeError
from newslint.vale.messages import format_message, go_sprintf, to_sentence
from newslint.vale.scopes import Scope
from newslint.vale.wordlist import literal_trie

EXTENSION_POINTS = (
    "capitalization",
    "conditional",
    "consistency",
    "existence",
    "occurrence",
    "repetition",
    "substitution",
    "readability",
    "spelling",
    "sequence",
    "metric",
    "script",
)
UNSUPPORTED = {
    "sequence": "part-of-speech tagging (NLP) is not available in newslint",
    "script": "Tengo scripts are not run by newslint",
}
LEVELS = ("suggestion", "warning", "error")
COMMON_KEYS = {"extends", "message", "description", "level", "scope", "link", "limit", "action"}
COMMON_KEYS |= {"name", "path", "code"}
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_DOLLAR_GROUP = re.compile(r"\$\d+")


class UnsupportedRule(ValeError):
    """A rule of a type newslint cannot run; the loader names it in a warning."""


@dataclass
class Action:
    name: str = ""
    params: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, raw: Any) -> Action:
        if not isinstance(raw, dict):
            return cls()
        params = raw.get("params") or []
        return cls(str(raw.get("name") or ""), [str(p) for p in params])


@dataclass
class Hit:
    """A rule's finding: a span of the block text (None: the whole document, reported at its
    first character), the message and the matched text."""

    start: int
    end: int
    message: str
    match: str
    action: Action
    description: str = ""
    whole_document: bool = False


@dataclass
class FileState:
    """What rules share over one file: consistency and conditional sequences, tag counts."""

    sequences: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    summary: str = ""


@dataclass
class Context:
    """What building a rule needs from the configuration."""

    accepted: list[str] = field(default_factory=list)
    word_template: str = ""
    styles_path: Path | None = None
    search_paths: list[Path] = field(default_factory=list)
    config_path: Path | None = None


def compile_vale(pattern: str, path: str) -> Pattern:
    try:
        return Pattern(pattern)
    except ValueError as exc:
        raise ValeError("rule", str(exc), code="E201", path=path, line=1) from None


class Rule:
    """A Vale rule: the keys every type has, and :meth:`run` for one block of text."""

    extends = ""
    own_keys: frozenset[str] = frozenset()
    strict_keys = True  # Vale rejects unknown keys (mapstructure ErrorUnused)

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        self.data = data
        self.name: str = data["name"]
        self.path: str = data["path"]
        self.message: str = str(data.get("message", ""))
        self.description: str = str(data.get("description") or "")
        self.level: str = data.get("level", "warning")
        self.link: str = str(data.get("link") or "")
        self.limit: int = int(data.get("limit") or 0)
        self.action = Action.parse(data.get("action"))
        scope = data.get("scope") or ["text"]
        self.scope_values: list[str] = (
            [scope] if isinstance(scope, str) else [str(s) for s in scope]
        )
        self.check_scopes()
        self.scope = Scope(self.scope_values)
        if self.strict_keys:
            unknown = sorted(set(data) - COMMON_KEYS - self.own_keys)
            if unknown:
                raise ValeError(
                    "rule",
                    f"'{self.name}' has invalid keys: {', '.join(unknown)}",
                    code="E201",
                    path=self.path,
                    line=1,
                )

    def check_scopes(self) -> None:
        for scope in self.scope_values:
            if "&" in scope:
                continue
            base = scope.lstrip("~").split(".")[0]
            if base in ("code", "link", "strong", "emphasis"):
                raise ValeError(
                    "rule",
                    f"scope '{base}' is no longer supported; use 'raw' instead.",
                    code="E201",
                    path=self.path,
                    line=1,
                )

    def run(self, text: str, state: FileState) -> list[Hit]:
        raise NotImplementedError

    def use_exceptions(self, ctx: Context, vocab: bool = True) -> list[str]:
        """Set the rule's exceptions (``exceptions``, and the accepted Vocab unless ``vocab``
        is off) as Vale's ``updateExceptions`` and accepted phrases build them; the terms."""
        vocab = vocab and _bool(self.data.get("vocab"), True)
        terms = _strings(self.data.get("exceptions")) + (ctx.accepted if vocab else [])
        self.except_re = exceptions_pattern(terms, self.path)
        self.phrase_re = phrases_pattern(terms)
        return terms

    # -- shared by the types ----------------------------------------------------------------------
    def hit(self, text: str, start: int, end: int, *subs: str) -> Hit:
        """Vale's ``makeAlert``: the message gets the match (and the action's fix, if any)."""
        match = text[start:end]
        if self.action.name:
            fixed = suggestions(self.action, match)
            repl = fixed[0] if len(fixed) == 1 else to_sentence(fixed, "or") if fixed else match
            message = format_message(self.message, *(subs or (match, repl)))
        else:
            message = format_message(self.message, *(subs or (match,)))
        return Hit(start, end, message, match, self.action, self.description)


def suggestions(action: Action, match: str) -> list[str]:
    """The replacements Vale's ``FixAlert`` derives from an action (``suggest``: none here)."""
    name, params = action.name, action.params
    if name == "replace":
        return list(params)
    if name == "remove":
        return [""]
    if name == "edit" and params:
        kind = params[0]
        if kind == "regex" and len(params) == 3:
            match = re.sub(params[1], _go_replacement(params[2]), match)
        elif kind in ("trim_right", "trim_left", "trim") and len(params) == 2:
            strip = {"trim_right": str.rstrip, "trim_left": str.lstrip, "trim": str.strip}[kind]
            match = strip(match, params[1])
        elif kind == "truncate" and len(params) == 2:
            match = match.split(params[1])[0]
        elif kind == "split" and len(params) == 3:
            parts = match.split(params[1])
            index = int(params[2]) if params[2].isdigit() else len(parts)
            if index >= len(parts):
                return []
            match = parts[index]
        return [match.strip()]
    if name == "convert" and params and params[0] == "simple":
        return [" ".join(re.sub(r"([a-z])([A-Z])", r"\1 \2", match).lower().split())]
    return []


def _go_replacement(template: str) -> str:
    """A Go/.NET replacement (``$1``, ``${name}``) as a Python one."""
    converted = re.sub(r"\$\{(\w+)\}", r"\\g<\1>", template.replace("\\", "\\\\"))
    return re.sub(r"\$(\d+)", r"\\g<\1>", converted)


def is_phrase(text: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in text)


def make_regexp(template: str, ignore_case: bool, word: bool, extra: str, append: bool) -> str:
    """Vale's ``makeRegexp``: the word or non-word template, ``raw`` before or after it."""
    regex = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    regex = regex + extra if append else extra + regex
    return "(?i)" + regex if ignore_case else regex


def fill(template: str, tokens: str) -> str:
    """``fmt.Sprintf(template, tokens)`` for a pattern template with one ``%s``."""
    return template.replace("%s", tokens, 1) if "%s" in template else template


def exceptions_pattern(terms: list[str], path: str) -> Pattern | None:
    """Vale's ``updateExceptions``: any term as a whole word, each case-sensitive unless it
    starts with ``(?i)``, longest first."""
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    wrapped = [t if t.startswith("(?i)") else f"(?-i){t}" for t in ordered]
    return compile_vale(fill(WORD_TEMPLATE, "|".join(wrapped)), path)


def phrases_pattern(terms: list[str]) -> Pattern | None:
    """Accepted multi-word phrases: a finding inside one is dropped (Vale #1035)."""
    phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
    if not phrases:
        return None
    try:
        return Pattern(r"(?i)\b(?:" + "|".join(phrases) + r")\b")
    except ValueError:
        return None


def within_phrase(pattern: Pattern | None, text: str, start: int, end: int) -> bool:
    if pattern is None:
        return False
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text))


def is_match(pattern: Pattern | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return ["" if v is None else str(v) for v in value]
    return [str(value)]


def _bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "yes", "1", "on")
    return bool(value)


class Existence(Rule):
    extends = "existence"
    own_keys = frozenset(
        {"raw", "tokens", "exceptions", "append", "ignorecase", "nonword", "vocab"}
    )

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.tokens = [t for t in _strings(data.get("tokens")) if t.strip()]
        raw = "".join(_strings(data.get("raw")))
        nonword = _bool(data.get("nonword"))
        self.use_exceptions(ctx, vocab=not nonword)
        word = not nonword and bool(_strings(data.get("tokens")))
        ignore_case = _bool(data.get("ignorecase"))
        template = make_regexp(ctx.word_template, ignore_case, word, raw, _bool(data.get("append")))
        tokens = literal_trie(self.tokens, ignore_case, ordered=True) if not raw else None
        self.pattern = compile_vale(fill(template, tokens or "|".join(self.tokens)), self.path)

    def run(self, text: str, state: FileState) -> list[Hit]:
        hits = []
        for match in self.pattern.finditer(text):
            start, end = match.span()
            observed = text[start:end].strip()
            if is_match(self.except_re, observed) or within_phrase(
                self.phrase_re, text, start, end
            ):
                continue
            hits.append(self.hit(text, start, end))
        return hits


class Substitution(Rule):
    extends = "substitution"
    own_keys = frozenset(
        {"exceptions", "swap", "ignorecase", "nonword", "vocab", "capitalize", "pos"}
    )

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        swap = data.get("swap") or {}
        if not isinstance(swap, dict):
            raise ValeError("rule", "'swap' must be a map", code="E201", path=self.path, line=1)
        self.ignorecase = _bool(data.get("ignorecase"))
        self.capitalize = _bool(data.get("capitalize"))
        self.use_exceptions(ctx)
        keys = sorted((str(k) for k in swap), key=len, reverse=True)
        self.keys = keys
        self.replacements = [
            "" if swap[k] is None else str(swap[k]) for k in _originals(swap, keys)
        ]
        self.trie_keys: dict[str, int] | None = None
        trie = literal_trie(keys, self.ignorecase, ordered=False)
        if trie is not None:  # one group; the key is told by the matched text
            fold = str.casefold if self.ignorecase else str
            self.trie_keys = {fold(key): index for index, key in enumerate(keys)}
        groups = [f"({trie})"] if trie is not None else []
        for key in keys if trie is None else ():
            if key.count("(") != key.count("(?") + key.count(r"\("):
                key = _CAPTURE_OPEN.sub("(?:", key)
            groups.append(f"({key})")
        template = make_regexp(
            ctx.word_template, self.ignorecase, not _bool(data.get("nonword")), "", True
        )
        self.pattern = compile_vale(fill(template, "|".join(groups)), self.path)
        self.key_patterns: dict[int, Pattern] = {}

    def run(self, text: str, state: FileState) -> list[Hit]:
        hits = []
        message = self.message
        for match in self.pattern.finditer(text):
            for index, start, end in self._keys_matched(match):
                observed = text[start:end]
                expected = self._expected(index, observed)
                if self.action.name == "replace":
                    same = observed in options(expected)
                else:
                    same = match_token(expected, observed)
                if same or is_match(self.except_re, observed):
                    continue
                if within_phrase(self.phrase_re, text, start, end):
                    continue
                action = Action(self.action.name, list(self.action.params))
                if action.name == "replace" and not action.params:
                    action.params = options(expected)
                    if self.capitalize and observed == cap_first(observed):
                        action.params = [cap_first(p) for p in action.params]
                    expected = to_sentence(action.params, "or")
                    message = convert_message(message)
                elif action.name != "replace":
                    expected = recase_to_term(expected, observed)
                hit = self.hit(text, start, end)
                hit.message = format_message(message, expected, observed)
                hit.description = format_message(self.description, expected, observed)
                hit.action = action
                hits.append(hit)
        return hits

    def _keys_matched(self, match: Any) -> list[tuple[int, int, int]]:
        """(key index, start, end) of each ``swap`` key that ``match`` matched."""
        if self.trie_keys is not None:
            start, end = match.span(1)
            found = match.group(1)
            index = self.trie_keys.get(found.casefold() if self.ignorecase else found)
            if index is None:  # folded otherwise by the pattern than by casefold()
                index = next(
                    i for i, key in enumerate(self.keys) if key.casefold() == found.casefold()
                )
            return [(index, start, end)]
        return [
            (group - 1, *match.span(group))
            for group in range(1, len(self.keys) + 1)
            if match.start(group) >= 0
        ]

    def _expected(self, index: int, observed: str) -> str:
        expected = self.replacements[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not _DOLLAR_GROUP.search(expected):
            return expected
        if index not in self.key_patterns:
            key = ("(?i)" if self.ignorecase else "") + self.keys[index]
            self.key_patterns[index] = compile_vale(key, self.path)
        pattern = self.key_patterns[index]
        try:
            return pattern.sub(_go_replacement(expected), observed)
        except (re.error, IndexError, Exception):
            return expected


def _originals(swap: dict[Any, Any], keys: list[str]) -> list[Any]:
    by_text = {str(k): k for k in swap}
    return [by_text[k] for k in keys]


def cap_first(text: str) -> str:
    """Go's ``CapFirst``: the first byte upper-cased (a no-op on a non-ASCII first letter)."""
    if not text:
        return text
    return text[0].upper() + text[1:] if text[0].isascii() else text


def options(expected: str) -> list[str]:
    """Vale's ``getOptions``: ``a|b|c`` -> the options, ``\\|`` kept as a pipe."""
    temp = expected.replace(r"\|", "\x00")
    return [o.replace("\x00", "|") for o in temp.split("|") if o]


def convert_message(message: str) -> str:
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


def match_token(expected: str, observed: str, ignore_case: bool = False) -> bool:
    """Vale's ``matchToken``: a phrase compares literally, else ``expected`` is a pattern."""
    if is_phrase(expected):
        return expected == observed
    try:
        pattern = Pattern(("(?i)" if ignore_case else "") + f"^(?:{expected})$")
    except ValueError:
        return expected == observed
    return pattern.search(observed) is not None


def recase_to_term(term: str, observed: str) -> str:
    skeleton = _literal_skeleton(term)
    if not skeleton or skeleton.lower() != observed.lower():
        return term
    return skeleton


def _literal_skeleton(pattern: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                return ""
            out.append(pattern[i + 1])
            i += 2
            continue
        if char in "[](){}|.*+^$":
            return ""
        if char != "?":
            out.append(char)
        i += 1
    return "".join(out)


class Occurrence(Rule):
    extends = "occurrence"
    own_keys = frozenset({"token", "max", "min", "ignorecase"})

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.max = int(data.get("max") or 0)
        self.min = int(data.get("min") or 0)
        prefix = "(?i)" if _bool(data.get("ignorecase")) else ""
        self.pattern = compile_vale(f"{prefix}(?:{data.get('token') or ''})", self.path)

    def run(self, text: str, state: FileState) -> list[Hit]:
        spans = [m.span() for m in self.pattern.finditer(text)]
        count = len(spans)
        if not ((self.max > 0 and count > self.max) or (self.min > 0 and count < self.min)):
            return []
        message = go_sprintf(self.message, count).replace("\n", " ")
        if count == 0:
            return [Hit(0, 0, message, "", self.action, self.description, whole_document=True)]
        for start, end in spans:
            found = text[start:end]
            if found.strip() and not all(c in "*@" for c in found):
                hit = self.hit(text, start, end)
                hit.message = message
                hit.description = go_sprintf(self.description, count).replace("\n", " ")
                return [hit]
        return []


class Repetition(Rule):
    extends = "repetition"
    own_keys = frozenset({"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"})

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.max = int(data.get("max") or 0)
        self.ignorecase = _bool(data.get("ignorecase"))
        self.alpha = _bool(data.get("alpha"))
        self.use_exceptions(ctx)
        prefix = "(?i)" if self.ignorecase else ""
        self.pattern = compile_vale(
            f"{prefix}({'|'.join(_strings(data.get('tokens')))})", self.path
        )

    def run(self, text: str, state: FileState) -> list[Hit]:
        from newslint.vale.nlp import sentences

        hits = []
        prev = ""
        previous: tuple[int, int] | None = None
        count = 0
        for match in self.pattern.finditer(text):
            start, end = match.span()
            current = text[start:end].strip()
            if self.ignorecase:
                hit = current.casefold() == prev.casefold() and current != ""
            else:
                hit = current == prev and current != ""
            hit = hit and (not self.alpha or current.isalpha())
            if hit:
                count += 1
            if hit and count > self.max and previous is not None:
                span = text[previous[0] : end]
                if len(sentences(span)) == 1 and not (
                    is_match(self.except_re, span)
                    or within_phrase(self.phrase_re, text, previous[0], end)
                ):
                    found = self.hit(text, previous[0], end, current)
                    hits.append(found)
                    count = 0
            previous = (start, end)
            prev = current
        return hits


class Consistency(Rule):
    extends = "consistency"
    own_keys = frozenset({"either", "nonword", "ignorecase"})
    strict_keys = False

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        either = data.get("either") or {}
        key = self.name.split(".", 1)[1] if "." in self.name else self.name
        template = make_regexp(
            ctx.word_template,
            _bool(data.get("ignorecase")),
            not _bool(data.get("nonword")),
            "",
            True,
        )
        self.steps: list[tuple[Pattern, tuple[str, str]]] = []
        count = 0
        for first, second in either.items():
            count += 2
            names = (f"{key}{count}", f"{key}{count + 1}")
            alternatives = f"(?P<vale_first>{first})|(?P<vale_second>{second})"
            pattern = compile_vale(fill(template, alternatives), self.path)
            self.steps.append((pattern, names))

    def run(self, text: str, state: FileState) -> list[Hit]:
        hits = []
        tag = self.name + ":"
        for pattern, names in self.steps:
            location: tuple[int, int] | None = None
            found = False
            for match in pattern.finditer(text):
                found = True
                for group, name in zip(("vale_first", "vale_second"), names, strict=True):
                    if match.start(group) >= 0:
                        location = match.span(group)
                        state.sequences.append(tag + name)
            if found and location and all(tag + n in state.sequences for n in names):
                hits.append(self.hit(text, *location))
        return hits


class Conditional(Rule):
    extends = "conditional"
    own_keys = frozenset({"first", "second", "exceptions", "ignorecase", "vocab"})

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.use_exceptions(ctx)
        second = str(data.get("second") or "")
        self.second = compile_vale(second, self.path)
        self.first = compile_vale(str(data.get("first") or ""), self.path)
        self.second_has_group = second.count("(") > second.count("(?") + second.count(r"\(")

    def run(self, text: str, state: FileState) -> list[Hit]:
        if not self.second_has_group:
            if self.second.search(text):
                return []
            return [
                self.hit(text, *m.span())
                for m in self.first.finditer(text)
                if not is_match(self.except_re, m.group())
                and not within_phrase(self.phrase_re, text, *m.span())
            ]
        for match in self.second.finditer(text):
            state.sequences.extend(g for g in match.groups() if g)
        hits = []
        for match in self.first.finditer(text):
            found = match.group()
            if found in state.sequences or is_match(self.except_re, found):
                continue
            if within_phrase(self.phrase_re, text, *match.span()):
                continue
            hits.append(self.hit(text, *match.span()))
        return hits


TYPES: dict[str, type[Rule]] = {
    cls.extends: cls
    for cls in (Existence, Substitution, Occurrence, Repetition, Consistency, Conditional)
}
