"""What a command was asked to do, typed: built once from the command line by :mod:`cli`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.config.project import ConfigResolver
from newslint.core.model import Applicability


@dataclass(frozen=True)
class ReadOptions:
    """The articles a command reads and the config they get."""

    paths: tuple[str, ...] = (".",)
    config: Path | None = None  # --config: one config for every file
    overrides: dict[str, Any] = field(default_factory=dict)  # --select, --ignore, --encoding...
    stdin_filename: str | None = None  # the path assumed for '-'

    def resolver(self) -> ConfigResolver:
        return ConfigResolver(self.config, self.overrides)


@dataclass(frozen=True)
class RunOptions(ReadOptions):
    """``check`` (``fixing`` false) or ``fix`` over files, standard input or a ``feed``."""

    fixing: bool = False
    format: str = "text"  # a name in newslint.report.REPORTERS
    color: str = "auto"  # auto, always or never
    fail_on: str | None = None  # lowest severity that fails the run (default: the config's)
    output_file: Path | None = None  # the report goes here, not to a stream
    statistics: bool = False
    show_fixes: bool = False
    quiet: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # fix: print a diff, write nothing
    exit_non_zero_on_fix: bool = False
    require_grammar: bool = False
    baseline: Path | None = None
    no_baseline: bool = False
    cache: bool = True  # check: the findings cache
    jobs: int | None = None  # worker processes (default: the cores)
    feed: Path | None = None  # --jsonl: a JSON Lines feed instead of paths
    text_field: str = "text"
    id_field: str = "id"
    output: Path | None = None  # fix --jsonl: the fixed feed (default: standard output)

    @property
    def minimum(self) -> Applicability:
        """The least applicability of the fixes ``fix`` applies."""
        return Applicability.UNSAFE if self.unsafe_fixes else Applicability.SAFE

    @property
    def writes_back(self) -> bool:
        """Whether fixed text is written (``fix`` without ``--diff``)."""
        return self.fixing and not self.diff
