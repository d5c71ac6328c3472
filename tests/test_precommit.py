"""The published pre-commit hooks, run by the real ``pre-commit`` tool in a throwaway git repo.

The hook repository is a snapshot of the working tree under test, committed in a temporary
clone, so the hooks run the current code. pre-commit builds the hook's virtualenv once per test
module (it pip-installs newslint and its dependencies from the package index) under a temporary
PRE_COMMIT_HOME, so nothing outside the test's temp dirs is touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".newslint_cache",
    "*.egg-info",
    "build",
    "dist",
)

DAMAGED_MD = """\
# Council approves new budget for the harbour district

The city council approved the harbour budget on monday after a three-hour session. , members said.

the vote was close, with six members in favour and five against.

Leave a Comment
"""

FIXED_MD = """\
# Council approves new budget for the harbour district

The city council approved the harbour budget on Monday after a three-hour session, members said.

The vote was close, with six members in favour and five against.
"""


def _env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no outer git state, no user or system config.

    GITHUB_ACTIONS is dropped too, so that the hook prints its text format under Actions as well.
    """
    outer = ("GIT_", "PRE_COMMIT", "GITHUB_ACTIONS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(outer)}
    gitconfig = home / "gitconfig"
    gitconfig.touch()
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Editor",
        GIT_AUTHOR_EMAIL="editor@example.org",
        GIT_COMMITTER_NAME="Test Editor",
        GIT_COMMITTER_EMAIL="editor@example.org",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
        check=False,
    )


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = _run(["git", *args], repo, env)
    assert done.returncode == 0, done.stdout
    return done.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:  # pragma: no cover - git is part of every CI image
        pytest.fail("git is needed to test the pre-commit hooks")
    return _env(tmp_path_factory.mktemp("precommit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git repo holding a snapshot of the working tree under test, and its commit."""
    repo = tmp_path_factory.mktemp("hook-repo") / "newslint"
    shutil.copytree(ROOT, repo, ignore=IGNORED, symlinks=True)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "add", "--all")
    _git(repo, env, "commit", "--quiet", "--no-verify", "-m", "snapshot under test")
    return repo, _git(repo, env, "rev-parse", "HEAD").strip()


@pytest.fixture
def articles(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> tuple[Path, Callable[..., None]]:
    """An article repo with pre-commit installed; returns it and a function setting its hooks."""
    repo = tmp_path / "articles"
    repo.mkdir()
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "config", "user.name", "Test Editor")
    _git(repo, env, "config", "user.email", "editor@example.org")

    def use_hooks(*hook_ids: str) -> None:
        path, rev = hook_repo
        hooks = "".join(f"      - id: {hook_id}\n" for hook_id in hook_ids)
        config = f"repos:\n  - repo: {path.as_posix()}\n    rev: {rev}\n    hooks:\n{hooks}"
        (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        installed = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
        assert installed.returncode == 0, installed.stdout
        _git(repo, env, "add", ".pre-commit-config.yaml")

    return repo, use_hooks


def _commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run(["git", "commit", "-m", "Add articles"], repo, env)


def _commits(repo: Path, env: dict[str, str]) -> int:
    done = _run(["git", "rev-list", "--count", "HEAD"], repo, env)
    return int(done.stdout) if done.returncode == 0 else 0


def test_hook_definitions_are_published() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = {hook["id"]: hook for hook in yaml.safe_load(text)}
    assert set(hooks) == {"newslint", "newslint-fix"}
    assert hooks["newslint"]["entry"] == "newslint check"
    assert hooks["newslint-fix"]["entry"] == "newslint fix --quiet"
    for hook in hooks.values():
        assert hook["require_serial"] is True  # one run: one report, in file order
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "plain-text"]
        assert hook["minimum_pre_commit_version"] == "2.9.0"


def test_damaged_article_blocks_the_commit(articles, env) -> None:
    repo, use_hooks = articles
    use_hooks("newslint")
    (repo / "news").mkdir()
    damaged = (EXAMPLES / "seed-article.txt").read_bytes()
    (repo / "news" / "milley.txt").write_bytes(damaged)
    _git(repo, env, "add", "--all")

    done = _commit(repo, env)

    assert done.returncode == 1
    assert "newslint" in done.stdout and "Failed" in done.stdout
    assert (
        "news/milley.txt:15:22: warning NL303(name-case) Name in lower case? The article writes"
        " 'lloyd austin'" in done.stdout
    )
    assert "news/milley.txt:41:1: error NL201(comment-form)" in done.stdout
    assert "Found 7 findings" in done.stdout
    assert _commits(repo, env) == 0
    assert (repo / "news" / "milley.txt").read_bytes() == damaged


def test_fix_hook_rewrites_the_article_and_fails_once(articles, env) -> None:
    repo, use_hooks = articles
    use_hooks("newslint-fix")
    article = repo / "council.md"
    article.write_text(DAMAGED_MD, encoding="utf-8")
    _git(repo, env, "add", "--all")

    first = _commit(repo, env)

    assert first.returncode == 1
    assert "files were modified by this hook" in first.stdout
    hook_output = first.stdout.split("files were modified by this hook")[1]
    assert "council.md" not in hook_output  # everything was fixed: nothing to report
    assert article.read_text(encoding="utf-8") == FIXED_MD
    assert _commits(repo, env) == 0

    _git(repo, env, "add", "council.md")
    second = _commit(repo, env)

    assert second.returncode == 0, second.stdout
    assert "Passed" in second.stdout
    assert _git(repo, env, "show", "HEAD:council.md") == FIXED_MD


def test_clean_articles_commit_and_other_files_are_not_linted(articles, env) -> None:
    repo, use_hooks = articles
    use_hooks("newslint", "newslint-fix")
    clean = (EXAMPLES / "seed-article.fixed.txt").read_bytes()
    for number in range(1, 21):
        (repo / f"story-{number:02}.txt").write_bytes(clean)
    (repo / "council.md").write_text(FIXED_MD, encoding="utf-8")
    (repo / "comments.csv").write_text("id,text\nLeave a Comment\n", encoding="utf-8")
    _git(repo, env, "add", "--all")

    done = _commit(repo, env)

    assert done.returncode == 0, done.stdout
    assert done.stdout.count("Passed") == 2
    assert _commits(repo, env) == 1
    assert (repo / "comments.csv").read_text(encoding="utf-8") == "id,text\nLeave a Comment\n"


def _seed_articles(repo: Path, count: int) -> list[str]:
    damaged = (EXAMPLES / "seed-article.txt").read_bytes()
    names = [f"news/story-{number:02}.txt" for number in range(1, count + 1)]
    (repo / "news").mkdir()
    for name in names:
        (repo / name).write_bytes(damaged)
    return names


def _findings(output: str) -> list[tuple[str, str]]:
    """(file, rule) of each finding line of a text report, in order."""
    lines = re.findall(r"^(news/story-\d+\.txt):\d+:\d+: \w+ (NL\d+)\(", output, re.M)
    return [(path, rule) for path, rule in lines]


def test_one_report_per_commit_in_file_order(articles, env) -> None:
    repo, use_hooks = articles
    use_hooks("newslint")
    names = _seed_articles(repo, 12)  # pre-commit would split these over parallel runs
    _git(repo, env, "add", "--all")

    done = _commit(repo, env)

    assert done.returncode == 1
    assert done.stdout.count("Found ") == 1
    assert "Found 84 findings" in done.stdout
    found = _findings(done.stdout)
    assert len(found) == 84
    assert [path for path, _ in found] == sorted(path for path, _ in found)
    assert {path for path, _ in found} == set(names)


def test_fix_hook_reports_only_what_it_could_not_fix(articles, env) -> None:
    repo, use_hooks = articles
    use_hooks("newslint-fix")
    names = _seed_articles(repo, 12)
    _git(repo, env, "add", "--all")

    done = _commit(repo, env)

    assert done.returncode == 1
    assert "files were modified by this hook" in done.stdout
    report = done.stdout.split("files were modified by this hook")[1]
    # the name, the glued caption and the unclosed quotation need --unsafe-fixes: each once
    needs_unsafe = ("NL303", "NL101", "NL401")
    assert _findings(report) == [(name, rule) for name in names for rule in needs_unsafe]
    assert "Fixed" not in report and "Found" not in report
    damaged = (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")
    assert (repo / names[0]).read_text(encoding="utf-8") != damaged  # the safe fixes applied
