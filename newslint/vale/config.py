"""Find and read a Vale configuration: ``.vale.ini`` discovery, keys, sections, vocabularies.

Discovery follows Vale: ``--config``, else ``VALE_CONFIG_PATH``, else the first of ``.vale``,
``_vale``, ``vale.ini``, ``.vale.ini``, ``_vale.ini`` in the working directory or one of its
parents, else in the home directory. Unless ``--no-global``, the user's global config
(``$XDG_CONFIG_HOME/vale/.vale.ini``) is read first and the default styles folder
(``VALE_STYLES_PATH`` or ``$XDG_DATA_HOME/vale/styles``) is searched first. Config files of
packages listed under ``Packages`` that are local folders or zip files are read before the
project's config, as ``vale sync`` would have arranged. Unknown keys are warnings.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from newslint.vale import ini
from newslint.vale.errors import ValeError, warn
from newslint.vale.globs import Glob

CONFIG_NAMES = (".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini")
LEVELS = {"suggestion": 0, "warning": 1, "error": 2}
LEVEL_NAMES = ("suggestion", "warning", "error")
CORE_KEYS = (
    "StylesPath",
    "MinAlertLevel",
    "IgnoredScopes",
    "WordTemplate",
    "SkippedScopes",
    "IgnoredClasses",
    "Vocab",
    "NLPEndpoint",
    "Packages",
)
SYNTAX_KEYS = (
    "BasedOnStyles",
    "IgnorePatterns",
    "BlockIgnores",
    "CommentDelimiters",
    "TokenIgnores",
    "Transform",
    "Lang",
    "View",
)
GLOBAL_KEYS = ("BasedOnStyles", "IgnorePatterns", "BlockIgnores", "TokenIgnores", "Lang")
SPECIAL_SECTIONS = ("", "*", "DEFAULT", "formats", "asciidoctor")


@dataclass
class Flags:
    """The command-line options that change how the configuration is read."""

    config: str | None = None
    min_alert_level: str | None = None
    no_global: bool = False
    ignore_syntax: bool = False
    ext: str = ".txt"
    glob: str = "*"
    filter: str | None = None
    output: str = "CLI"


@dataclass
class SectionRules:
    """A glob section: its base styles (None without ``BasedOnStyles``) and rule switches."""

    label: str
    glob: Glob
    base_styles: list[str] | None = None
    checks: dict[str, bool] = field(default_factory=dict)


@dataclass
class ValeConfig:
    path: Path | None = None  # the project's config file
    styles_paths: list[Path] = field(default_factory=list)
    min_alert_level: int = 0
    vocab: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # Vocab accept.txt terms
    rejected: list[str] = field(default_factory=list)  # Vocab reject.txt terms
    global_styles: list[str] = field(default_factory=list)
    global_checks: dict[str, bool] = field(default_factory=dict)
    rule_levels: dict[str, str] = field(default_factory=dict)
    sections: list[SectionRules] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # every style named anywhere
    checks: list[str] = field(default_factory=list)  # every Style.Rule key named anywhere
    formats: dict[str, str] = field(default_factory=dict)
    block_ignores: dict[str, list[str]] = field(default_factory=dict)
    token_ignores: dict[str, list[str]] = field(default_factory=dict)
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    word_template: str = ""
    packages: list[str] = field(default_factory=list)
    flags: Flags = field(default_factory=Flags)

    @property
    def styles_path(self) -> Path | None:
        """The last StylesPath (Vale's ``StylesPath()``): where ``config/`` assets live."""
        return self.styles_paths[-1] if self.styles_paths else None

    @property
    def search_paths(self) -> list[Path]:
        return self.styles_paths or [Path()]

    @cached_property
    def section_globs(self) -> list[Glob]:
        return [s.glob for s in self.sections]

    def has_global_rules(self) -> bool:
        return bool(self.global_styles or self.global_checks)

    def base_styles_for(self, path: str) -> list[str]:
        """Vale's ``NewFile``: the global styles, replaced by each matching section's."""
        styles = self.global_styles
        for section in self.sections:
            if section.base_styles is not None and section.glob.match(path):
                styles = section.base_styles
        return styles

    def checks_for(self, path: str) -> dict[str, bool]:
        checks: dict[str, bool] = {}
        for section in self.sections:
            if section.glob.match(path):
                checks.update(section.checks)
        return checks

    def ignores_for(self, table: dict[str, list[str]], normed_ext: str, real_ext: str) -> list[str]:
        """The TokenIgnores or BlockIgnores patterns of the sections matching the extension."""
        found: list[str] = []
        for label, patterns in table.items():
            glob = Glob.parse(label)
            if glob.match(normed_ext) or glob.match(real_ext):
                found.extend(patterns)
        return found

    def find_asset(self, name: str, folder: str) -> Path | None:
        """``<StylesPath>/<folder>/<name>`` in the first styles folder that has it."""
        for base in self.search_paths:
            candidate = base / folder / name
            if candidate.exists():
                return candidate
        return None


def _xdg(variable: str, fallback: str) -> Path:
    return Path(os.environ.get(variable) or Path.home() / fallback)


def default_config() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "vale" / ".vale.ini"


def default_styles_path() -> Path:
    if "VALE_STYLES_PATH" in os.environ:
        return Path(os.environ["VALE_STYLES_PATH"])
    return _xdg("XDG_DATA_HOME", ".local/share") / "vale" / "styles"


def find_config(cwd: Path) -> Path | None:
    """The first config name in ``cwd`` or a parent, else in the home directory."""
    for directory in (cwd, *cwd.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    home = Path.home()
    for name in CONFIG_NAMES:
        if (home / name).is_file():
            return home / name
    return None


def load_config(flags: Flags, cwd: Path | None = None) -> ValeConfig:
    """Read the configuration as ``vale`` would from ``cwd`` with these flags."""
    cwd = (cwd or Path.cwd()).absolute()
    config = _new_config(flags)
    if flags.config and not Path(flags.config).exists():
        raise ValeError("--config", f"path '{flags.config}' does not exist")
    if not flags.no_global and default_styles_path().is_dir():
        config.styles_paths.append(default_styles_path())
    sources = _sources(flags, cwd, config)
    _apply(_read(sources, cwd), config)
    pipeline = _package_configs(config, cwd)
    if pipeline:
        config = _with_packages(config, pipeline, sources, cwd)
    return config


def _new_config(flags: Flags, path: Path | None = None) -> ValeConfig:
    config = ValeConfig(flags=flags, path=path)
    if flags.min_alert_level in LEVELS:
        config.min_alert_level = LEVELS[flags.min_alert_level]
    return config


def _sources(flags: Flags, cwd: Path, config: ValeConfig) -> list[Path]:
    """The config files to read, in order (the global one, the project's), and the project's
    as ``config.path``."""
    sources: list[Path] = []
    if not flags.no_global and default_config().is_file():
        sources.append(default_config())
    found = find_config(cwd)
    project = _project_config(flags, found)
    if project is not None:
        sources.append(project)
        config.path = project.absolute()
    if found is None and not sources:
        raise ValeError(".vale.ini not found", "no config file found")
    return sources


def _project_config(flags: Flags, found: Path | None) -> Path | None:
    if flags.config:
        return Path(flags.config)
    if os.environ.get("VALE_CONFIG_PATH"):
        return Path(os.environ["VALE_CONFIG_PATH"])
    return found


def _with_packages(
    config: ValeConfig,
    pipeline: list[tuple[Path | None, Path | None]],
    sources: list[Path],
    cwd: Path,
) -> ValeConfig:
    """The configuration read again with the packages' config files before ``sources``."""
    config = _new_config(config.flags, config.path)
    config.styles_paths.extend(p for p, _ in pipeline if p is not None)
    _apply(_read([c for _, c in pipeline if c is not None] + sources, cwd), config)
    for styles, _ in pipeline:  # package styles stay searchable after the project's
        if styles is not None and styles not in config.styles_paths:
            config.styles_paths.insert(0, styles)
    return config


def _read(sources: list[Path], cwd: Path) -> ini.IniFile:
    merged: ini.IniFile | None = None
    for source in sources:
        if not source.is_file():
            raise ValeError("config pipeline failed", f"open {source}: no such file or directory")
        parsed = ini.load(source)
        if merged is None:
            merged = parsed
        else:
            merged.merge(parsed)
    return merged or ini.IniFile()


def _resolve(value: str, source: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else source.absolute().parent / path


def _error(message: str, key: ini.Key | None, path: Path | None) -> ValeError:
    where = key.sources[0] if key else path
    return ValeError(
        "config",
        message,
        code="E201",
        path=str(where) if where else None,
        line=key.lines[0] if key else None,
    )


def _apply(parsed: ini.IniFile, config: ValeConfig) -> None:
    core = parsed.section("")
    _check_core_keys(core, config)
    _apply_styles_path(core, config)
    _apply_min_alert_level(core, config)
    _apply_core_values(core, config)
    for name, key in parsed.section("formats").keys.items():
        config.formats[name] = key.value
    _apply_global(parsed.section("*"), config)
    for label, section in parsed.sections.items():
        if label in SPECIAL_SECTIONS:
            continue
        _apply_section(label, section, config)


def _check_core_keys(core: ini.Section, config: ValeConfig) -> None:
    for name, key in core.keys.items():
        if name in SYNTAX_KEYS:
            raise _error(f"'{name}' is a syntax-specific option", key, config.path)
        if name not in CORE_KEYS:
            warn(f"{key.sources[0]}:{key.lines[0]}: unknown key '{name}' (ignored, as Vale does)")


def _apply_styles_path(core: ini.Section, config: ValeConfig) -> None:
    if "StylesPath" not in core.keys:
        return
    key = core.keys["StylesPath"]
    for value, source in zip(key.values, key.sources, strict=True):
        path = _resolve(value, source)
        if path not in config.styles_paths:
            config.styles_paths.append(path)
        if not path.exists():
            raise _error(f"The path '{path}' does not exist.", key, config.path)


def _apply_min_alert_level(core: ini.Section, config: ValeConfig) -> None:
    """MinAlertLevel, unless ``--minAlertLevel`` set it."""
    if "MinAlertLevel" not in core.keys or config.flags.min_alert_level in LEVELS:
        return
    key = core.keys["MinAlertLevel"]
    level = key.split()[-1] if key.split() else key.value
    if level not in LEVELS:
        raise _error("MinAlertLevel must be 'suggestion', 'warning', or 'error'.", key, None)
    config.min_alert_level = LEVELS[level]


def _apply_core_values(core: ini.Section, config: ValeConfig) -> None:
    """The scopes, classes, packages, word template and vocabularies."""
    for name, attribute in (
        ("IgnoredScopes", "ignored_scopes"),
        ("SkippedScopes", "skipped_scopes"),
        ("IgnoredClasses", "ignored_classes"),
        ("Packages", "packages"),
    ):
        if name in core.keys:
            setattr(config, attribute, core.keys[name].split())
    if "WordTemplate" in core.keys:
        config.word_template = core.keys["WordTemplate"].value
    if "Vocab" in core.keys:
        config.vocab = core.keys["Vocab"].split()
        for name in config.vocab:
            _load_vocab(name, config)


def _apply_global(section: ini.Section, config: ValeConfig) -> None:
    rules = _read_section("*", section, config)
    config.global_styles = rules.base_styles or []
    config.global_checks = rules.checks


def _apply_section(label: str, section: ini.Section, config: ValeConfig) -> None:
    config.sections.append(_read_section(label, section, config))


def _read_section(label: str, section: ini.Section, config: ValeConfig) -> SectionRules:
    """The keys of ``[label]`` (``*``: the global section): styles, ignores, rule switches."""
    rules = SectionRules(label, Glob.parse(label))
    for name, key in section.keys.items():
        if name in CORE_KEYS:
            raise _error(_CORE_ERROR.format(name), key, config.path)
        if label == "*" and name in SYNTAX_KEYS and name not in GLOBAL_KEYS:
            raise _error(f"'{name}' is a syntax-specific option", key, config.path)
        if name == "BasedOnStyles":
            rules.base_styles = key.split()
            config.styles.extend(rules.base_styles)
        elif name in ("BlockIgnores", "IgnorePatterns"):
            config.block_ignores[label] = key.split()
        elif name == "TokenIgnores":
            config.token_ignores[label] = key.split()
        elif name == "Transform":
            pass  # an XSLT stylesheet for XML files, which newslint does not lint
        elif name == "Lang":
            warn(f"{key.sources[0]}:{key.lines[0]}: 'Lang' needs Vale's NLP server (ignored)")
        elif name in ("View", "CommentDelimiters"):
            warn(
                f"{key.sources[0]}:{key.lines[0]}: '{name}' is not supported by newslint (ignored)"
            )
        else:
            rules.checks[name] = _rule_switch(name, key, config)
            config.checks.append(name)
    return rules


_CORE_ERROR = (
    "'{}' is a core option; it should be defined above any syntax-specific options (`[...]`)."
)


def _rule_switch(name: str, key: ini.Key, config: ValeConfig) -> bool:
    """Vale's ``validateLevel``: YES or a level turns a rule on (a level also sets it)."""
    value = key.value
    if "." not in name:
        warn(f"{key.sources[0]}:{key.lines[0]}: unknown key '{name}' (not a Style.Rule; ignored)")
    if value in LEVELS:
        config.rule_levels[name] = value
        return True
    if value != "YES" and value != "NO":
        warn(
            f"{key.sources[0]}:{key.lines[0]}: '{name} = {value}' is not YES, NO or a level:"
            " the rule is off, as in Vale"
        )
    return value == "YES"


def _load_vocab(name: str, config: ValeConfig) -> None:
    tried = [base / "config" / "vocabularies" / name for base in config.search_paths]
    target = next((p for p in tried if p.is_dir()), None)
    if target is None:
        searched = ", ".join(str(p) for p in tried)
        raise ValeError("vocab", f"'{name}' vocabulary not found; searched: {searched}")
    for file in sorted(target.rglob("*.txt")):
        if file.name not in ("accept.txt", "reject.txt"):
            continue
        bucket = config.accepted if file.name == "accept.txt" else config.rejected
        for line in file.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("# "):
                bucket.append(word)


def _package_configs(config: ValeConfig, cwd: Path) -> list[tuple[Path | None, Path | None]]:
    """(styles folder, config file) of each local package (a folder or zip file), in order.

    Library names (``Google``) need ``vale sync`` over the network: newslint uses such a style
    only if it is already on StylesPath, and says so.
    """
    found: list[tuple[Path | None, Path | None]] = []
    for entry in config.packages:
        location = (cwd / entry) if not Path(entry).is_absolute() else Path(entry)
        if location.is_dir() or (location.is_file() and location.suffix == ".zip"):
            root = _unpacked(location)
            styles = root / "styles"
            ini_file = root / ".vale.ini"
            found.append(
                (
                    styles if styles.is_dir() else root.parent if not ini_file.exists() else None,
                    ini_file if ini_file.is_file() else None,
                )
            )
        elif not any((base / entry).is_dir() for base in config.search_paths):
            warn(f"package '{entry}' is not on StylesPath: run `vale sync` to download it")
    return found


_unzipped: dict[Path, Path] = {}


def _unpacked(location: Path) -> Path:
    """The package's root folder: ``location`` itself, or ``<name>/`` in its unzipped copy."""
    if location.is_dir():
        return location
    if location not in _unzipped:
        target = Path(tempfile.mkdtemp(prefix="newslint-vale-pkg-"))
        with zipfile.ZipFile(location) as archive:
            for member in archive.namelist():
                if member.startswith("__MACOSX/") or ".." in Path(member).parts:
                    continue
                archive.extract(member, target)
        _unzipped[location] = target / location.stem
    return _unzipped[location]
