"""Fixtures of the security tests (issue 11): a sandbox per test, a user cache warmed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from security.seclib import ARTICLE, Sandbox, run_newslint


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user cache holding the compiled built-in packs (a cold one costs a second a run)."""
    cache = tmp_path_factory.mktemp("warm-xdg-cache")
    project = tmp_path_factory.mktemp("warm-project")
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run_newslint(["check", "--no-cache", "a.txt"], cwd=project, home=project, cache=cache)
    return cache


@pytest.fixture
def sandbox(tmp_path: Path, warm_cache: Path) -> Sandbox:
    """A sandbox sharing the warm user cache (tests of the cache itself make their own)."""
    return Sandbox(tmp_path, cache=warm_cache)


@pytest.fixture
def cold_sandbox(tmp_path: Path) -> Sandbox:
    """A sandbox with an empty user cache of its own."""
    return Sandbox(tmp_path, cache=tmp_path / "xdg-cache")
