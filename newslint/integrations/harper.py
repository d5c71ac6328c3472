"""Harper as an offline grammar backend (``grammar: {backend: harper}``), through harper-py.

Harper is Automattic's English grammar checker, written in Rust; harper-py runs it inside the
process (no server, no Java). It is the optional extra ``newslint[harper]``: without it the
grammar rules give one warning line and are skipped. A process builds one linter per setting
(the dictionary takes a second or two) and reuses it; worker processes build their own.

Harper sees the document's units (:mod:`newslint.integrations.prose`: quoted speech, code and
URLs stood in for), all in one text with blank lines between them; its spans are code points
of that text and are mapped back exactly (a lint touching a stand-in is dropped, and so are the
lints of a paragraph Harper itself judges not to be English). Each finding
carries Harper's rule name (``AnA``, ``ModalOf``) and, for the rules NL801-NL803 to choose
from, a LanguageTool category id (``KIND_CATEGORIES``); Harper's suggestions become the
replacements (unsafe fixes unless the rule is in ``grammar.safe_rules``). Answers are cached per
unit like LanguageTool's, so an unchanged article does not even build a linter.

Rules newslint turns off by default are in :mod:`newslint.integrations.harper_rules` with the
reason; spelling (``SpellCheck``) runs only when a rule asks for category TYPOS (NL802), and
then not on words the article capitalises (names).
"""

from __future__ import annotations

import bisect
import importlib.util
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from newslint.integrations import status
from newslint.integrations.harper_rules import DEFAULT_OFF, KIND_CATEGORIES
from newslint.integrations.prose import Entry, GrammarMatch, Unit, located, map_span
from newslint.integrations.unit_cache import unit_cache, unit_key

if TYPE_CHECKING:
    import harper

    from newslint.integrations.backends import GrammarSettings

CACHE_VERSION = 1
INSTALL_HINT = "pip install 'newslint[harper]'"
_SEPARATOR = "\n\n"
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
# Harper's a/an verdicts newslint drops (see _doubtful_article)
_CAPITALS_AFTER = re.compile(r"\W*[A-Z][A-Z0-9]*\b")

P = ParamSpec("P")
R = TypeVar("R")
_DIALECTS = {"american": 0, "british": 1, "australian": 2, "canadian": 3, "indian": 4}


class HarperUnavailable(Exception):
    """Harper cannot be used; the message is the warning line's reason."""


def rule_names() -> set[str] | None:
    """Every Harper rule name, or None without the extra (it is not imported otherwise)."""
    if importlib.util.find_spec("harper") is None:
        return None
    import harper

    return set(harper.get_default_lint_config())


def _binding_stamp() -> list[list[str | int]]:
    """Identifies the installed harper-py (for cache keys) without importing it."""
    spec = importlib.util.find_spec("harper")
    if spec is None or not spec.submodule_search_locations:
        raise HarperUnavailable(f"harper-py is not installed ({INSTALL_HINT})")
    folder = Path(next(iter(spec.submodule_search_locations)))
    stamps: list[list[str | int]] = [
        [p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in folder.glob("_harper*")
    ]
    return sorted(stamps)


_linters: dict[tuple[str, tuple[tuple[str, bool], ...]], harper.Linter] = {}


def _linter(dialect: str, config: dict[str, bool]) -> harper.Linter:
    """This process's linter for ``dialect`` and rule ``config``, built on first use."""
    key = (dialect, tuple(sorted(config.items())))
    if key not in _linters:
        import harper

        linter = harper.Linter(harper.Dialect(_DIALECTS[dialect]))
        names = list(linter.get_lint_config())
        settings: dict[str, bool | None] = dict.fromkeys(names)
        for selector, on in sorted(config.items(), key=lambda item: not item[0].endswith("*")):
            if selector.endswith("*"):  # prefixes first, so that a rule named outright wins
                settings.update((n, on) for n in names if n.startswith(selector[:-1]))
            else:
                settings[selector] = on
        linter.set_lint_config(settings)
        _linters[key] = linter
    return _linters[key]


def _guarded(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``call(...)``, with anything the binding raises (a Rust panic included) as
    HarperUnavailable."""
    try:
        return call(*args, **kwargs)
    except HarperUnavailable:
        raise
    except ImportError as exc:
        raise HarperUnavailable(f"harper-py cannot be loaded ({_one_line(exc)})") from None
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise HarperUnavailable(f"failed ({type(exc).__name__}: {_one_line(exc)})") from None


def _one_line(value: object) -> str:
    text = " ".join(str(value).split())
    return text[:120] + ("…" if len(text) > 120 else "")


class Backend:
    """Harper for one ``grammar`` setting; shared by the grammar rules of the configs using it."""

    one_process = False  # each worker process runs its own linter
    configured = True

    def __init__(self, settings: GrammarSettings, root: Path) -> None:
        self.settings = settings
        self.spelling = False  # set when a bound rule wants category TYPOS
        self.cache = unit_cache(settings.cache, root, "harper", f"v{CACHE_VERSION}")
        self.down: str | None = None
        self._stamp: list[list[str | int]] | None = None

    @property
    def safe_rules(self) -> list[str]:
        return self.settings.safe_rules

    def rule_config(self) -> dict[str, bool]:
        """The rules newslint turns on or off (the others keep Harper's defaults)."""
        config = {name: False for name in DEFAULT_OFF}
        config["SpellCheck"] = self.spelling
        config.update(dict.fromkeys(self.settings.enabled_rules, True))
        config.update(dict.fromkeys(self.settings.disabled_rules, False))
        return config

    def matches(self, units: list[Unit]) -> list[GrammarMatch] | None:
        """Harper's findings in ``units`` (None when Harper cannot be used: grammar skipped)."""
        if self.down is None:
            try:
                found = self._matches(units)
            except HarperUnavailable as exc:
                self.down = f"Harper: {exc}; grammar rules skipped"
            else:
                return self._without_names(units, found) if self.spelling else found
        status.warn(self.down)  # once a run: later documents skip Harper at once
        return None

    def _matches(self, units: list[Unit]) -> list[GrammarMatch]:
        if self._stamp is None:
            self._stamp = _binding_stamp()
        config = self.rule_config()
        fixed = [CACHE_VERSION, self._stamp, self.settings.dialect, sorted(config.items())]
        keys = [unit_key([*fixed, unit.annotation()]) for unit in units]
        missing = [(u, k) for u, k in zip(units, keys, strict=True) if self.cache.get(k) is None]
        if missing:
            linter = _guarded(_linter, self.settings.dialect, config)
            answers = _guarded(_lint, linter, missing)
            for (_unit, key), entries in zip(missing, answers, strict=True):
                self.cache.put(key, entries)
        return [m for u, k in zip(units, keys, strict=True) for m in located(u, self.cache.get(k))]

    @staticmethod
    def _without_names(units: list[Unit], found: list[GrammarMatch]) -> list[GrammarMatch]:
        """``found`` less spelling findings on words the document capitalises (names)."""
        if not any(m.category == "TYPOS" for m in found):
            return found
        names = {word for unit in units for word in _CAPITALISED.findall(unit.plain()[0])}
        texts = {unit.start: unit.text for unit in units}
        starts = sorted(texts)

        def flagged(match: GrammarMatch) -> str:
            start = starts[bisect.bisect_right(starts, match.start) - 1]
            return texts[start][match.start - start : match.end - start]

        return [m for m in found if m.category != "TYPOS" or flagged(m) not in names]


def _lint(linter: harper.Linter, batch: list[tuple[Unit, str]]) -> list[list[Entry]]:
    """Harper's lints of the units of ``batch`` (one text, blank lines between units)."""
    joined = _Joined([unit.plain() for unit, _key in batch])
    organized = linter.organized_lints(joined.text, language="plaintext")
    found: list[list[Entry]] = [[] for _ in batch]
    english: dict[int, bool] = {}  # Harper's own guess, per unit with lints
    for rule, lints in organized.items():
        for lint in lints:
            index = bisect.bisect_right(joined.starts, lint.span.start) - 1
            if index not in english:
                english[index] = linter.is_likely_english(joined.parts[index])
            if not english[index]:
                continue  # a paragraph in another language: English rules misfire on it
            entry = _entry(joined, index, rule, lint)
            if entry is not None:
                found[index].append(entry)
    for entries in found:
        entries.sort()
    return found


class _Joined:
    """The plain texts of a batch's units joined with blank lines, as Harper reads them."""

    def __init__(self, plains: list[tuple[str, list[int]]]) -> None:
        self.parts = [plain for plain, _origin in plains]
        self.origins = [origin for _plain, origin in plains]  # see Unit.plain
        self.starts: list[int] = []
        position = 0
        for part in self.parts:
            self.starts.append(position)
            position += len(part) + len(_SEPARATOR)
        self.text = _SEPARATOR.join(self.parts)


def _entry(joined: _Joined, index: int, rule: str, lint: harper.Lint) -> Entry | None:
    """The finding of one lint in unit ``index``, at its place in the unit (None: dropped)."""
    base = joined.starts[index]
    span = map_span(joined.origins[index], lint.span.start - base, lint.span.end - base)
    if span is None:
        return None  # touches a stand-in or runs over the separator
    if rule == "AnA" and _doubtful_article(joined.text, lint.span.start, lint.span.end):
        return None
    category = KIND_CATEGORIES.get(lint.lint_kind, "MISC")
    return (*span, rule, category, lint.message, _replacements(lint))


def _replacements(lint: harper.Lint) -> tuple[str, ...]:
    """The texts Harper suggests for the lint's span (its first five, without repeats)."""
    from harper import SuggestionKind

    problem = lint.problem_text
    replacements = []
    for suggestion in lint.suggestions[:5]:
        if suggestion.kind == SuggestionKind.INSERT_AFTER:
            replacements.append(problem + suggestion.replacement_text)
        elif suggestion.kind == SuggestionKind.REMOVE:
            replacements.append("")
        else:
            replacements.append(suggestion.replacement_text)
    return tuple(dict.fromkeys(replacements))


def _doubtful_article(text: str, start: int, end: int) -> bool:
    """Whether Harper's a/an finding on ``text[start:end]`` is one newslint does not trust:
    before a word in capitals, which Harper reads letter by letter although many are said as
    words (an UPDATE, a FREE book) — as LanguageTool's AvsAnRule, newslint does not judge those;
    or on a capital "A" inside a sentence, which is a name (matrix A, Volpe A et al.), not an
    article."""
    if _CAPITALS_AFTER.match(text, end):
        return True
    if not text[start].isupper():
        return False
    before = start
    while before and text[before - 1] in " \t\"“‘'([":
        before -= 1
    return before > 0 and text[before - 1] not in ".!?:…\n"


_backends: dict[str, Backend] = {}


def backend_for(settings: GrammarSettings, root: Path) -> Backend:
    """The shared backend for these settings (rules of one config share its cache and status)."""
    key = repr((sorted(asdict(settings).items()), str(root)))
    if key not in _backends:
        _backends[key] = Backend(settings, root)
    return _backends[key]
