"""Vale's ``spelling`` rules and the built-in ``Vale.Spelling``, checked with Hunspell.

Words are looked up with Hunspell (the ``chunspell`` binding of the C++ library; measured against
``spylls`` and ``zspell`` in benchmarks/spellers.py). Around the lookup, Vale's behaviour: the
dictionary's ``ICONV`` conversions first, Vale's word tokenizer, the default filters (words with
anything but ASCII letters, ``_`` and ``'``; words ending in capitals; camel case), the
``filters`` of the rule, ``ignore`` word lists, and accepted Vocab terms as whole words.

``Vale.Spelling`` uses the ``en_US-web`` dictionary, which Vale compiles in and newslint does
not ship: it is read from ``NEWSLINT_VALE_DICTIONARY`` (a ``.dic`` file or a folder holding
``en_US-web.dic``), else from ``<StylesPath>/config/dictionaries/en_US-web.dic``, else the
system's Hunspell ``en_US`` (``/usr/share/hunspell``) is used with a warning, as results differ.
It also loads every dictionary in ``<StylesPath>/config/dictionaries`` and the word lists of
``<StylesPath>/config/ignore``, as Vale does.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from newslint.core.patterns import Pattern
from newslint.vale.errors import ValeError, warn
from newslint.vale.messages import format_message
from newslint.vale.nlp import words
from newslint.vale.rules import (
    Context,
    FileState,
    Hit,
    Rule,
    UnsupportedRule,
    _bool,
    _strings,
    phrases_pattern,
)

DEFAULT_FILTERS = (
    re.compile(r"[A-Z]{1}[a-z]+[A-Z]+\w+"),
    re.compile(r"[A-Z]+$"),
    re.compile(r"[^a-zA-Z_']"),
)
BUILTIN = "en_US-web"
SYSTEM_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))


class Speller(Protocol):
    """What a spelling rule asks of a Hunspell object (chunspell's ``hunspell.Hunspell``)."""

    def spell(self, word: str) -> bool: ...


@cache
def _hunspell(dic: Path) -> Speller:
    """A Hunspell object for ``dic`` and the ``.aff`` beside it (loaded once per process)."""
    try:
        import hunspell
    except ImportError:
        raise UnsupportedRule(
            "spelling",
            "spelling rules need Hunspell: pip install 'newslint[vale]' (chunspell)",
        ) from None
    if not dic.with_suffix(".aff").is_file():
        raise ValeError("spelling", f"'{dic.with_suffix('.aff')}' not found")
    dic = _as_vale_reads(dic)
    speller: Speller = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
    return speller


def _as_vale_reads(dic: Path) -> Path:
    """``dic`` with an ``.aff`` Hunspell reads as Vale's own reader does: UTF-8 where the file
    names no encoding (Hunspell's default is ISO 8859-1), and no splitting of words at hyphens
    (``BREAK 0``: Vale looks a hyphenated word up whole). A changed copy goes to a temporary
    folder; the files themselves are never modified."""
    aff = dic.with_suffix(".aff")
    text = aff.read_bytes()
    lines = text.decode("utf-8", errors="replace").splitlines()
    keys = {line.split()[0] for line in lines if line.split()}
    additions = []
    if "SET" not in keys:
        try:
            dic.read_bytes().decode("utf-8")
            additions.append(b"SET UTF-8\n")
        except UnicodeDecodeError:
            pass
    if "BREAK" not in keys:
        additions.append(b"BREAK 0\n")
    if not additions:
        return dic
    folder = Path(tempfile.mkdtemp(prefix="newslint-vale-dic-"))
    (folder / aff.name).write_bytes(b"".join(additions) + text.lstrip(b"\xef\xbb\xbf"))
    (folder / dic.name).symlink_to(dic.absolute())
    return folder / dic.name


@cache
def _iconv(aff: Path) -> tuple[tuple[str, str], ...]:
    pairs = []
    try:
        lines = aff.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ()
    for line in lines:
        fields = line.split()
        if len(fields) == 3 and fields[0] == "ICONV":
            pairs.append((fields[1], fields[2]))
    return tuple(pairs)


def builtin_dictionary(ctx: Context) -> Path | None:
    """Where Vale's built-in ``en_US-web`` dictionary is (see the module's docstring)."""
    configured = os.environ.get("NEWSLINT_VALE_DICTIONARY")
    if configured:
        path = Path(configured)
        path = path / f"{BUILTIN}.dic" if path.is_dir() else path
        if path.is_file():
            return path
        raise ValeError("spelling", f"NEWSLINT_VALE_DICTIONARY: '{configured}' not found")
    for base in ctx.search_paths:
        candidate = base / "config" / "dictionaries" / f"{BUILTIN}.dic"
        if candidate.is_file():
            return candidate
    for folder in SYSTEM_DIRS:
        candidate = folder / "en_US.dic"
        if candidate.is_file():
            _warn_once(
                f"Vale.Spelling: Vale's {BUILTIN} dictionary not found; using {candidate}"
                " (results differ from Vale's; set NEWSLINT_VALE_DICTIONARY)"
            )
            return candidate
    return None


@cache
def _warn_once(message: str) -> None:
    warn(message)


class Spelling(Rule):
    extends = "spelling"
    own_keys = frozenset(
        {"filters", "ignore", "exceptions", "dictionaries", "aff", "dic", "dicpath", "threshold"}
        | {"custom", "append"}
    )
    strict_keys = False

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.filters = [re.compile(f) for f in _strings(data.get("filters"))]
        if not _bool(data.get("custom")):
            self.filters.extend(DEFAULT_FILTERS)
        accepted = []
        for term in ctx.accepted:
            if not term.startswith(r"\b") and not term.endswith(r"\b"):
                term = rf"\b{term}\b"
            accepted.append(term)
        self.except_re = Pattern("(?i)" + "|".join(accepted)) if accepted else None
        self.phrase_re = phrases_pattern(list(ctx.accepted))
        self.dictionaries = self._dictionaries(data, ctx)
        self.hunspells = [_hunspell(d) for d in self.dictionaries]
        self.iconv = [pair for d in self.dictionaries for pair in _iconv(d.with_suffix(".aff"))]
        self.ignored: set[str] = set()
        for path in self._ignore_files(data, ctx):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                word = line.strip()
                if word and word != "#":
                    self.ignored.add(word)

    def _dictionaries(self, data: dict[str, Any], ctx: Context) -> list[Path]:
        """The ``.dic`` files the rule names (``aff``/``dic``, ``dictionaries`` in ``dicpath``),
        with Vale's built-in one when it names none or asks to ``append``."""
        styles = ctx.styles_path or Path()
        aff, dic = data.get("aff"), data.get("dic")
        if aff and dic:
            aff_path, dic_path = _asset(ctx, str(aff)), _asset(ctx, str(dic))
            if aff_path and dic_path:
                return [dic_path]
        folder = self._dictionary_folder(data, styles)
        found = [
            self._named_dictionary(name, folder) for name in _strings(data.get("dictionaries"))
        ]
        if not found or _bool(data.get("append")):
            found.append(self._builtin_dictionary(ctx))
        if self.path == "internal" and not _strings(data.get("dictionaries")):
            found.extend(
                p
                for p in sorted((styles / "config" / "dictionaries").glob("*.dic"))
                if p not in found
            )
        return found

    def _dictionary_folder(self, data: dict[str, Any], styles: Path) -> Path:
        """``dicpath`` (as given, in StylesPath or in the working directory), else
        ``<StylesPath>/config/dictionaries``."""
        if not data.get("dicpath"):
            return styles / "config" / "dictionaries"
        dicpath = str(data["dicpath"])
        for candidate in (Path(dicpath), styles / dicpath, Path.cwd() / dicpath):
            if candidate.is_dir():
                return candidate
        raise ValeError(
            "spelling", "unable to resolve dicpath", code="E201", path=self.path, line=1
        )

    def _named_dictionary(self, name: str, folder: Path) -> Path:
        """``<name>.dic`` in ``folder``, else in ``$DICPATH``."""
        for root in (
            folder,
            Path(os.environ.get("DICPATH", "")) if "DICPATH" in os.environ else None,
        ):
            if root is not None and (root / f"{name}.dic").is_file():
                return root / f"{name}.dic"
        raise ValeError("spelling", f"'{name}.dic' not found in {folder}", path=self.path, line=1)

    def _builtin_dictionary(self, ctx: Context) -> Path:
        builtin = builtin_dictionary(ctx)
        if builtin is None:
            raise UnsupportedRule(
                "spelling",
                f"rule {self.name}: Vale's built-in {BUILTIN} dictionary was not found"
                " (set NEWSLINT_VALE_DICTIONARY to a copy of it)",
                path=self.path,
            )
        return builtin

    def _ignore_files(self, data: dict[str, Any], ctx: Context) -> list[Path]:
        styles = ctx.styles_path or Path()
        if self.path == "internal":
            return sorted((styles / "config" / "ignore").rglob("*.txt"))
        files = []
        for name in _strings(data.get("ignore")):
            for candidate in (
                Path(name).absolute(),
                styles / name,
                styles / "config" / "ignore" / name,
            ):
                if candidate.is_file():
                    files.append(candidate)
        return files

    def convert(self, text: str) -> str:
        for source, target in self.iconv:
            if len(source) == len(target):
                text = text.replace(source, target)
        return text

    def known(self, word: str) -> bool:
        if word in self.ignored or word.lower() in self.ignored:
            return True
        return any(_spell(h, word) for h in self.hunspells)

    def run(self, text: str, state: FileState) -> list[Hit]:
        text = self.convert(text)
        checked = text
        if self.phrase_re is not None:
            checked = self.phrase_re.sub(lambda m: " " * len(m.group()), text)
        hits = []
        for word, start in words(checked):
            if any(f.search(word) for f in self.filters):
                continue
            if self.known(word) or (self.except_re and self.except_re.search(word)):
                continue
            message = format_message(self.message, word)
            hits.append(Hit(start, start + len(word), message, word, self.action, self.description))
        return hits


def _spell(hunspell: Speller, word: str) -> bool:
    try:
        return bool(hunspell.spell(word))
    except UnicodeEncodeError:  # a word the dictionary's encoding cannot hold is not in it
        return False


def _asset(ctx: Context, name: str) -> Path | None:
    for base in ctx.search_paths:
        candidate = base / name
        if candidate.is_file():
            return candidate
        for folder in ("config/dictionaries", "config/ignore"):
            candidate = base / folder / name
            if candidate.is_file():
                return candidate
    if ctx.config_path:
        candidate = ctx.config_path.parent / name
        if candidate.is_file():
            return candidate
    return None
