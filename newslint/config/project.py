"""Find, load, merge and strictly validate project configuration; select the rules it enables.

A config is ``.newslint.yaml`` (or ``.newslint.yml``, or ``[tool.newslint]`` in pyproject.toml),
found by walking up from each file to the repository root. From the user's home directory only
the user config is read (its ``languagetool`` and ``grammar`` settings, which a project config
may not choose: see :mod:`newslint.config.trust`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newslint.config import yamlfile
from newslint.config.packs import builtin_packs, load_packs
from newslint.config.plugins import load_plugins
from newslint.config.selectors import selects, suggestion
from newslint.config.trust import USER_CONFIG_KEYS, project_values, user_config_path
from newslint.config.validation import OptionError, build, option
from newslint.core.errors import NewslintError
from newslint.core.model import Rule, Severity, SeverityName
from newslint.corpus.profile import Profile
from newslint.corpus.profile import load as load_profile
from newslint.integrations.backends import GrammarSettings
from newslint.integrations.languagetool import LanguageToolSettings, env_server

if TYPE_CHECKING:
    import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
_EXTENSION = r"\.?[\w-]+"  # "md" or ".md" (a file's last suffix); not "*.md" or ""

_MERGED_LISTS = ("packs",)
_MERGED_MAPS = ("severity", "per_path_ignores", "languagetool", "grammar")
_ADDED_LISTS = ("ignore", "extend_select", "packs")  # the command line adds to the config's
_ADDED = (*_ADDED_LISTS, *_MERGED_MAPS)
# keys holding a mapping of their own settings, validated key by key: (class, what it holds)
_NESTED = {
    "languagetool": (LanguageToolSettings, "server, language, disabled_rules, ..."),
    "grammar": (GrammarSettings, "backend, dialect, disabled_rules, ..."),
}


@dataclass
class Settings:
    """Every key a config may hold; see the README's Configuration section."""

    extends: list[str] = field(default_factory=list)
    builtin: bool = True
    packs: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: ["all"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, SeverityName] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    extensions: list[str] = option(
        [".md", ".markdown", ".txt"], fullmatch=_EXTENSION, expected="a file extension: .md"
    )
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True  # the walk leaves out what .gitignore and .ignore files do
    fail_on: SeverityName = "warning"
    paragraph_breaks: Literal["auto", "blank-line", "line"] = "auto"
    encoding: str = "utf-8"
    languagetool: dict[str, Any] = field(default_factory=dict)  # LanguageToolSettings keys
    grammar: dict[str, Any] = field(default_factory=dict)  # GrammarSettings keys
    max_file_size: int = option(1_000_000, minimum=0)  # bytes; larger: an error (0: no limit)
    plugins: list[str] = field(default_factory=list)  # entry points (newslint.checks) to load
    profile: str | None = None  # corpus evidence saved by ``newslint learn``
    vale: dict[str, Any] | None = None  # run a Vale configuration's rules too (newslint.vale)

    def __post_init__(self) -> None:
        self.extensions = ["." + e.lstrip(".") for e in self.extensions]  # 'md' is '.md'


# codecs that decode bytes to text but are no charset of a document: they read backslash escapes
# or domain names, or decode nothing
_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "charmap"}


def encoding_problem(name: str) -> str | None:
    """Why ``name`` cannot be the encoding of an article (None: it can)."""
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        return f"unknown encoding {name[:60]!r}"
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return f"{name[:60]!r} is not a text encoding (utf-8, latin-1, cp1252, ...)"
    return None


def _toml_line(text: str, key: str) -> int:
    """Line of ``key`` inside the [tool.newslint] table (for error messages)."""
    section = re.search(r"^\[tool\.newslint\]", text, re.M)
    offset = section.end() if section else 0
    match = re.compile(rf"^\s*{re.escape(key)}\s*=", re.M).search(text, offset)
    return text.count("\n", 0, match.start() if match else offset) + 1


def _read_raw(path: Path) -> tuple[dict[str, Any], Any]:
    """The config mapping of a file and a function giving the line of a key."""
    if path.name == "pyproject.toml":
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError) as exc:
            raise NewslintError(f"cannot read: {exc}", path=str(path)) from None
        except tomllib.TOMLDecodeError as exc:
            raise NewslintError(f"invalid TOML: {exc}", path=str(path)) from None
        raw = data.get("tool", {}).get("newslint", {})
        return raw, lambda key: _toml_line(text, key)
    data = yamlfile.load_cached(path)
    if data is None:
        data = yamlfile.Mapping()
        data.key_lines = {}
    if not isinstance(data, yamlfile.Mapping):
        raise NewslintError("a config file is a mapping of settings", path=str(path), line=1)
    return data, data.line_of


def has_config(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return path.is_file()
    if not path.is_file():
        return False
    try:
        return "newslint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key in _MERGED_LISTS and key in merged:
            merged[key] = list(merged[key]) + list(value)
        elif key in _MERGED_MAPS and key in merged:
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


MAX_EXTENDS_DEPTH = 20  # configs in one chain of ``extends``
MAX_CONFIG_FILES = 100  # distinct config files one config may pull in


def project_root(config: Path) -> Path:
    """The project a config file belongs to: the nearest folder holding ``.git`` at or above
    it, else its own folder. ``extends``, ``packs`` and other paths in the config must stay
    inside it."""
    folder = config.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def inside_project(path: Path, root: Path) -> Path:
    """``path`` resolved (symlinks followed), if it lies inside ``root``; else ValueError."""
    resolved = path.expanduser().resolve()
    resolved.relative_to(root.resolve())
    return resolved


class _Loader:
    """Reads a config and what it ``extends``: each file once, inside its project, bounded."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.loaded: dict[Path, dict[str, Any]] = {}

    def values(self, path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
        """Validated values of one config file, merged over everything it ``extends``."""
        path = path.resolve()
        if path in chain:
            raise NewslintError("config extends itself in a loop", path=str(path))
        if len(chain) >= MAX_EXTENDS_DEPTH:
            raise NewslintError(
                f"extends: a chain of over {MAX_EXTENDS_DEPTH} configs", path=str(path)
            )
        if path not in self.loaded:
            if len(self.loaded) >= MAX_CONFIG_FILES:
                raise NewslintError(
                    f"extends: over {MAX_CONFIG_FILES} config files", path=str(path)
                )
            self.loaded[path] = self._read(path, chain)
        return self.loaded[path]

    def _inside(self, path: Path, entry: str, key: str, line: int | None) -> Path:
        try:
            return inside_project(path.parent / entry, self.root)
        except ValueError:
            message = f"{key}: {entry!r} is outside the project ({self.root})"
            raise NewslintError(message, path=str(path), line=line) from None

    def _read(self, path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
        raw, line_of = _read_raw(path)
        raw = {k.replace("-", "_") if isinstance(k, str) else k: v for k, v in raw.items()}
        if isinstance(raw.get("extends"), str):
            raw["extends"] = [raw["extends"]]
        for key, (_cls, holds) in _NESTED.items():
            if key in raw and not isinstance(raw[key], dict):
                message = f"{key}: expected a mapping ({holds})"
                raise NewslintError(message, path=str(path), line=line_of(key))
        try:
            settings = build(Settings, raw)
        except OptionError as exc:
            line = exc.line or line_of(exc.key)
            raise NewslintError(str(exc), path=str(path), line=line) from None
        for key, (cls, _holds) in _NESTED.items():
            if key in raw:
                checked = _nested(key, cls, raw[key], path, line_of)
                where = _place(path, raw[key], line_of(key))
                setattr(settings, key, project_values(key, checked, where, self.root))
        values: dict[str, Any] = {}
        for parent in settings.extends:
            parent_path = self._inside(path, parent, "extends", line_of("extends"))
            if not parent_path.is_file():
                message = f"extends: no such file {parent!r}"
                raise NewslintError(message, path=str(path), line=line_of("extends"))
            values = _merge(values, self.values(parent_path, (*chain, path)))
        own = {k: getattr(settings, k) for k in raw if k != "extends"}
        packs = own.get("packs", [])
        own["packs"] = [str(self._inside(path, p, "packs", line_of("packs"))) for p in packs]
        if own.get("profile"):
            own["profile"] = str(self._inside(path, own["profile"], "profile", line_of("profile")))
        values = _merge(values, own)
        values.setdefault("_lines", {})
        values["_lines"] = {**values["_lines"], **{k: (path, line_of(k)) for k in raw}}
        return values


def _nested(name: str, cls: type, raw: dict[str, Any], path: Path, line_of: Any) -> dict[str, Any]:
    """A mapping key (``languagetool``, ``grammar``) validated key by key against ``cls``
    (``cache`` as a path is made absolute)."""
    nested_line = getattr(raw, "line_of", None)
    try:
        checked = build(cls, dict(raw))
        problem = checked.validate()
    except OptionError as exc:
        problem = (exc.key, exc.args[0])
    if problem:
        line = nested_line(problem[0]) if nested_line else line_of(name)
        raise NewslintError(f"{name}: {problem[1]}", path=str(path), line=line)
    values = {k.replace("-", "_"): getattr(checked, k.replace("-", "_")) for k in raw}
    if isinstance(values.get("cache"), str):
        values["cache"] = str((path.parent / Path(values["cache"]).expanduser()).resolve())
    return values


def _place(path: Path, nested: Any, line: int) -> Any:
    """``FILE:LINE`` of a key of the mapping ``nested`` (``line``: the mapping's own)."""
    line_of = getattr(nested, "line_of", None)
    return lambda key: f"{path}:{line_of(key) if line_of else line}"


def user_settings() -> dict[str, dict[str, Any]]:
    """The ``languagetool`` and ``grammar`` settings of the user config (see
    :mod:`newslint.config.trust`), validated; {} without one."""
    path = user_config_path()
    try:
        info = path.stat()
    except OSError:
        return {}
    return {k: dict(v) for k, v in _user_settings(path, info.st_mtime_ns, info.st_size).items()}


@lru_cache(maxsize=4)
def _user_settings(path: Path, _mtime: int, _size: int) -> dict[str, dict[str, Any]]:
    raw, line_of = _read_raw(path)
    values = {}
    for key, value in raw.items():
        if key not in USER_CONFIG_KEYS:
            holds = " and ".join(USER_CONFIG_KEYS)
            message = (
                f"unknown key {str(key)[:60]!r}: the user config holds {holds}"
                " (other settings go in a project's .newslint.yaml)"
            )
            raise NewslintError(message, path=str(path), line=line_of(str(key)))
        cls, holds = _NESTED[key]
        if not isinstance(value, dict):
            message = f"{key}: expected a mapping ({holds})"
            raise NewslintError(message, path=str(path), line=line_of(key))
        values[key] = _nested(key, cls, value, path, line_of)
    return values


class Config:
    """Settings of one config file (or the defaults) and the rules they enable."""

    def __init__(self, path: Path | None = None, overrides: dict[str, Any] | None = None) -> None:
        self.path = path.resolve() if path else None
        self.root = self.path.parent if self.path else Path.cwd()
        self.project = project_root(self.path) if self.path else self.root
        values = _Loader(self.project).values(self.path) if self.path else {"_lines": {}}
        self._lines: dict[str, tuple[Path, int]] = values.pop("_lines")
        _add_user_settings(values)
        self.overrides = dict(overrides or {})  # from the command line
        for key, value in self.overrides.items():
            if key in _ADDED_LISTS:
                values[key] = list(values.get(key, [])) + list(value)
            elif key in _MERGED_MAPS:
                values[key] = {**values.get(key, {}), **value}
            else:
                values[key] = value
        self.settings = Settings(**values)
        problem = encoding_problem(self.settings.encoding)
        if problem:
            raise NewslintError(f"encoding: {problem}", **self._where("encoding"))
        self.languagetool = LanguageToolSettings(**self.settings.languagetool)
        self.grammar = GrammarSettings(**self.settings.grammar)

    @cached_property
    def profile(self) -> Profile | None:
        """The corpus evidence the ``profile`` key names (read once; None without one)."""
        if not self.settings.profile:
            return None
        try:
            return load_profile(Path(self.settings.profile))
        except NewslintError as exc:
            where = self._where("profile")
            raise NewslintError(f"profile: {exc}", path=where["path"], line=where["line"]) from None

    def _where(self, key: str, selector: str | None = None) -> dict[str, Any]:
        """Where ``key`` (or this ``selector`` of it) was set, for an error message."""
        given = self.overrides.get(key)
        if given is not None and (selector is None or selector in given):
            return {"path": "--" + key.replace("_", "-"), "line": None}
        path, line = self._lines.get(key, (self.path, None))
        return {"path": str(path) if path else None, "line": line}

    def origin(self, key: str) -> str:
        """Where the value of setting ``key`` comes from: ``FILE:LINE``, the command line (which
        adds to a list or mapping the config files set), or ``default``."""
        found = self._lines.get(key)
        in_file = f"{found[0]}:{found[1]}" if found else ""
        if key in self.overrides:
            return (
                f"command line, added to {in_file}" if in_file and key in _ADDED else "command line"
            )
        return in_file or "default"

    @cached_property
    def available_rules(self) -> tuple[Rule, ...]:
        packs = builtin_packs() if self.settings.builtin else []
        for entry in self.settings.packs:
            pack = Path(entry)
            if pack.is_dir():
                packs.extend(self._pack_files(pack))
            elif pack.is_file():
                packs.append(pack)
            else:
                raise NewslintError(
                    f"packs: no such file or directory {entry!r}", **self._where("packs")
                )
        plugins = tuple(self.settings.plugins)
        try:
            load_plugins(plugins)
        except NewslintError as exc:
            raise NewslintError(exc.detail, **self._where("plugins")) from None
        rules = load_packs(packs, plugins)
        if self.settings.vale is not None:
            from newslint.vale import extra_rules

            self._check_vale_config(self.settings.vale)

            try:
                rules += extra_rules(self.settings.vale, self.root)
            except NewslintError as exc:
                raise NewslintError(exc.detail, **self._where("vale")) from None
        return rules

    def _check_vale_config(self, vale: dict[str, Any]) -> None:
        """The ``.vale.ini`` a config names lies inside its project (as packs do)."""
        named = vale.get("config")
        if isinstance(named, str):
            try:
                inside_project(self.root / named, self.project)
            except ValueError:
                message = f"vale: config {named[:80]!r} is outside the project ({self.project})"
                raise NewslintError(message, **self._where("vale")) from None

    def _pack_files(self, folder: Path) -> list[Path]:
        """The packs in a folder named by ``packs``; a link out of the project is an error."""
        found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        for path in found:
            try:
                inside_project(path, self.project)
            except ValueError:
                message = f"packs: {str(path)!r} links outside the project"
                raise NewslintError(message, **self._where("packs")) from None
        return found

    def _matching(self, selector: str, key: str) -> list[Rule]:
        rules = self.available_rules
        if selector.casefold() == "all":
            return list(rules)
        found = [r for r in rules if selects(selector, r)]
        if not found:
            hint = suggestion(selector, rules)
            message = f"{key}: no rule, category or pack matches {selector!r}{hint}"
            raise NewslintError(message, **self._where(key, selector))
        return found

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        """Enabled rules with severities as configured, in id order."""
        s = self.settings
        explicit = s.select != ["all"]
        chosen: dict[str, Rule] = {}
        for selector in s.select:
            for rule in self._matching(selector, "select"):
                if rule.enabled or explicit:
                    chosen[rule.id] = rule
        for selector in s.extend_select:
            chosen.update((r.id, r) for r in self._matching(selector, "extend_select"))
        for selector in s.ignore:
            for rule in self._matching(selector, "ignore"):
                chosen.pop(rule.id, None)
        levels: dict[str, Severity] = {}
        for selector, level in s.severity.items():
            for rule in self._matching(selector, "severity"):
                levels[rule.id] = Severity.parse(level)
        return tuple(
            self._bind(dataclasses.replace(r, severity=levels[r.id]) if r.id in levels else r)
            for r in sorted(chosen.values(), key=lambda r: r.id)
        )

    def _bind(self, rule: Rule) -> Rule:
        """A check that needs project settings (``for_config``) gives the rule bound to ours."""
        bind = getattr(rule.check, "for_config", None)
        return bind(self, rule) if bind else rule

    @cached_property
    def _per_path(self) -> list[tuple[pathspec.GitIgnoreSpec, set[str]]]:
        table = []
        for glob, selectors in self.settings.per_path_ignores.items():
            spec = _gitignore_spec([glob])
            ids = {r.id for sel in selectors for r in self._matching(sel, "per_path_ignores")}
            table.append((spec, ids))
        return table

    @cached_property
    def _exclude(self) -> pathspec.GitIgnoreSpec:
        return _gitignore_spec(self.settings.exclude)

    def _relative(self, path: Path) -> str | None:
        try:
            return resolved(path).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def rules_for(self, path: Path | None) -> tuple[Rule, ...]:
        """The enabled rules less those ``per_path_ignores`` turns off for ``path``."""
        rel = self._relative(path) if path else None
        if rel is None or not self._per_path:
            return self.rules
        ignored = set().union(*(ids for spec, ids in self._per_path if spec.match_file(rel)))
        return tuple(r for r in self.rules if r.id not in ignored)

    def excludes(self, path: Path) -> bool:
        rel = self._relative(path)
        if rel is None:
            return False
        return self._exclude.match_file(rel + ("/" if path.is_dir() else ""))


def _add_user_settings(values: dict[str, Any]) -> None:
    """The user's settings over the project's: the user config, then the environment (the
    command line comes next, as overrides)."""
    for key, user in user_settings().items():
        values[key] = {**values.get(key, {}), **user}
    server = env_server()
    if server:
        values["languagetool"] = {**values.get("languagetool", {}), "server": server}


def find_config_file(start: Path) -> Path | None:
    """The nearest config walking up from ``start`` to the repository root, skipping $HOME."""
    home = Path.home().resolve()
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate_dir in (directory, *directory.parents):
        if candidate_dir != home:
            for name in (*CONFIG_NAMES, "pyproject.toml"):
                candidate = candidate_dir / name
                if has_config(candidate):
                    return candidate
        if (candidate_dir / ".git").exists():
            return None
    return None


class ConfigResolver:
    """Gives each file its config: ``--config`` for all, else the nearest one (cached per dir)."""

    def __init__(self, explicit: Path | None, overrides: dict[str, Any] | None = None) -> None:
        self.overrides = overrides or {}
        self.explicit = Config(explicit, self.overrides) if explicit else None
        self._by_file: dict[Path | None, Config] = {}
        self._by_dir: dict[Path, Config] = {}

    def for_path(self, path: Path | None) -> Config:
        if self.explicit:
            return self.explicit
        directory = resolved(path).parent if path else Path.cwd().resolve()
        if directory not in self._by_dir:
            found = find_config_file(directory)
            if found not in self._by_file:
                self._by_file[found] = Config(found, self.overrides)
            self._by_dir[directory] = self._by_file[found]
        return self._by_dir[directory]


def _gitignore_spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def resolved(path: Path) -> Path:
    """``path.resolve()``, remembered: a run asks for each file's several times."""
    return _resolved(path, None if path.is_absolute() else os.getcwd())


@lru_cache(maxsize=4096)
def _resolved(path: Path, cwd: str | None) -> Path:  # cwd: part of the key of a relative path
    return path.resolve()
