"""What ``check`` or ``fix`` was asked to do, typed: built once from the command line by
:mod:`newslint.app.cli` (the other commands use the fields they need)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from newslint.config.project import ConfigResolver
from newslint.core.model import Applicability


class RunOptions(NamedTuple):
    """The inputs, their config, and what to do with them (a NamedTuple: cheap to create at
    start-up and to send to worker processes)."""

    paths: tuple[str, ...] = (".",)
    config: Path | None = None  # --config: one config for every file
    overrides: dict[str, Any] = {}  # --select, --ignore, --encoding...; never changed
    stdin_filename: str | None = None  # the path assumed for '-'
    fixing: bool = False  # fix, not check
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
    exit_zero: bool = False  # findings do not fail the run (errors still do)
    require_grammar: bool = False
    baseline: Path | None = None
    no_baseline: bool = False
    cache: bool = True  # .newslint_cache/: check's findings, the grammar backends' answers
    jobs: int | None = None  # worker processes (default: the cores)
    feed: Path | None = None  # --jsonl: a JSON Lines feed instead of paths
    text_field: str = "text"
    id_field: str = "id"
    output: Path | None = None  # fix --jsonl: the fixed feed (default: standard output)
    # corpus evidence and engines (newslint.app.corpus_cli)
    corpus: bool = False  # learn from all inputs first, then lint each with its site's evidence
    site_field: str = "url"  # the field (or front-matter key) naming a document's site
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # --engine dask: an existing cluster's scheduler
    partition_size: int = 16 * 1024 * 1024  # --engine dask: bytes of input per partition
    follow_symlinks: bool = False  # read and fix the files symlinks point to

    def resolver(self) -> ConfigResolver:
        overrides = self.overrides
        if not self.cache:  # --no-cache: the grammar backends' answers are not kept either
            overrides = {
                **overrides,
                "languagetool": {**overrides.get("languagetool", {}), "cache": False},
                "grammar": {**overrides.get("grammar", {}), "cache": False},
            }
        return ConfigResolver(self.config, overrides)

    @property
    def minimum(self) -> Applicability:
        """The least applicability of the fixes ``fix`` applies."""
        return Applicability.UNSAFE if self.unsafe_fixes else Applicability.SAFE

    @property
    def writes_back(self) -> bool:
        """Whether fixed text is written (``fix`` without ``--diff``)."""
        return self.fixing and not self.diff
