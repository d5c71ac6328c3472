"""Shared helpers for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.config.project import Config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def only(rule: str) -> Config:
    """A config that enables just one rule (explicit select enables opt-in rules too)."""
    return Config(None, {"select": [rule]})


@pytest.fixture
def seed_text() -> str:
    return (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def languagetool_standin():
    """A LanguageTool HTTP stand-in on 127.0.0.1 (tests/lt_standin.py) for the whole session."""
    from lt_standin import StandIn

    with StandIn() as server:
        yield server


@pytest.fixture
def server():
    """A LanguageTool stand-in of the test's own (its modes, requests and replays)."""
    from lt_standin import StandIn

    with StandIn() as standin:
        yield standin


@pytest.fixture
def isolated_languagetool(monkeypatch, tmp_path) -> None:
    """No server from the environment, no client or grammar problem left by another test, a
    temporary working directory (for the grammar caches) and a user config folder of the
    test's own (``tmp_path/.user-config``: see :func:`write_user_config`)."""
    from newslint.integrations import languagetool, status

    monkeypatch.delenv(languagetool.ENV_URL, raising=False)
    monkeypatch.setattr(languagetool, "_clients", {})
    _user_config_home(monkeypatch, tmp_path / ".user-config")
    monkeypatch.chdir(tmp_path)
    status.reset_problems()


def _user_config_home(monkeypatch, folder: Path) -> None:
    """``$XDG_CONFIG_HOME`` moved to ``folder``, keeping the session's cache signing key (so the
    session's cached packs still verify: a new key would make every test parse them again)."""
    import shutil

    key = Path(os.environ["XDG_CONFIG_HOME"]) / "newslint" / "cache.key"
    (folder / "newslint").mkdir(parents=True, mode=0o700)
    if key.exists():
        shutil.copy2(key, folder / "newslint" / "cache.key")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))


def write_user_config(settings: dict) -> Path:
    """The user config (``$XDG_CONFIG_HOME/newslint/config.yaml``) holding ``settings``: where a
    user allows a LanguageTool server (a project config may not choose one)."""
    import json

    from newslint.config.trust import user_config_path

    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings), encoding="utf-8")
    return path


def assert_one_warning(err: str, backend: str, *phrases: str) -> None:
    """``err`` is one grammar warning line from ``backend`` holding every phrase."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"newslint: warning: {backend}")
    assert lines[0].endswith("; grammar rules skipped")
    for phrase in phrases:
        assert phrase in lines[0]
    assert "Traceback" not in err


@pytest.fixture(autouse=True)
def _grammar_rules_use_the_standin(request, monkeypatch) -> None:
    """Parametrised tests of NL8xx rules (their cases and examples) talk to the stand-in.

    The rest of the suite runs without a server, as a fresh install does (also when the
    developer's environment names one); the LanguageTool cache of these tests goes to a
    temporary directory (the cwd).
    """
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or not str(callspec.id).startswith("NL8"):
        return
    server = request.getfixturevalue("languagetool_standin")
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", server.url)
    monkeypatch.chdir(request.getfixturevalue("tmp_path"))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch) -> None:
    """Tests see the defaults of a plain terminal-less run, also when CI sets these."""
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True, scope="session")
def _own_user_cache(tmp_path_factory):
    """Parsed packs, prefilters and the cache signing key go to folders of the test session's,
    not the user's."""
    names = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")
    previous = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = str(tmp_path_factory.mktemp(name.lower()))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
