"""Issue 11: symlinks committed to a repository never make newslint touch files outside it.

Covers "Critical: files outside the repository destroyed by a plain check" (the findings cache
under ``.newslint_cache/`` created, pruned and written through symlinks), "High: fix writes
through symlinked articles" and the walk following symlinked files out of the project.
"""

from __future__ import annotations

import os

from security.seclib import ARTICLE, FIXED_ARTICLE, Sandbox, assert_no_traceback, tree

HOSTILE_TARGET = "Headline\n\nThe vote was on tuesday.\n\nShare this article\n"


def _victim_directory(sandbox: Sandbox) -> dict[str, str]:
    for name in ("photos", "thesis", ".ssh"):
        sandbox.write(f"victim/{name}/keep.txt", f"precious {name}\n", base=sandbox.outside)
    return tree(sandbox.outside)


def test_findings_cache_symlink_deletes_nothing_outside(sandbox: Sandbox) -> None:
    """Issue 11, Critical: ``.newslint_cache/findings -> ../../victim`` made ``check a.txt``
    delete every subdirectory of the victim (the prune of other versions' findings)."""
    before = _victim_directory(sandbox)
    sandbox.write("a.txt", ARTICLE)
    (sandbox.project / ".newslint_cache").mkdir()
    os.symlink("../../../outside/victim", sandbox.project / ".newslint_cache" / "findings")
    assert (sandbox.project / ".newslint_cache" / "findings" / "photos").is_dir()

    run = sandbox.run("check", "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run  # the finding is still reported
    assert tree(sandbox.outside) == before, "files outside the project were changed or deleted"


def test_cache_gitignore_symlink_truncates_nothing_outside(sandbox: Sandbox) -> None:
    """Issue 11, Critical: a symlink ``.newslint_cache/.gitignore -> ~/.ssh/authorized_keys``
    made ``check`` replace the key file with ``*``."""
    keys = sandbox.write(
        ".ssh/authorized_keys", "ssh-ed25519 AAAAC3Nza victim@host\n", sandbox.home
    )
    sandbox.write("a.txt", ARTICLE)
    (sandbox.project / ".newslint_cache").mkdir()
    os.symlink(keys, sandbox.project / ".newslint_cache" / ".gitignore")

    run = sandbox.run("check", "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert keys.read_text(encoding="utf-8") == "ssh-ed25519 AAAAC3Nza victim@host\n"


def test_cachedir_tag_symlink_creates_no_file_outside(sandbox: Sandbox) -> None:
    """Issue 11, Critical: a dangling symlink ``.newslint_cache/CACHEDIR.TAG`` made ``check``
    create its target anywhere (a file of the attacker's choosing, e.g. in ~/.config/autostart)."""
    target = sandbox.outside / "autostart" / "planted.desktop"
    target.parent.mkdir()
    sandbox.write("a.txt", ARTICLE)
    (sandbox.project / ".newslint_cache").mkdir()
    os.symlink(target, sandbox.project / ".newslint_cache" / "CACHEDIR.TAG")

    run = sandbox.run("check", "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert not target.exists(), "check created a file outside the project"


def test_cache_directory_symlink_is_refused_with_a_warning(sandbox: Sandbox) -> None:
    """Issue 11, What to build: "a cache path that is a symlink is refused with a warning":
    ``.newslint_cache -> /elsewhere`` must not get findings written through it."""
    elsewhere = sandbox.outside / "elsewhere"
    elsewhere.mkdir()
    sandbox.write("a.txt", ARTICLE)
    os.symlink(elsewhere, sandbox.project / ".newslint_cache")

    run = sandbox.run("check", "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert list(elsewhere.iterdir()) == [], "the cache was written through the symlink"
    assert ".newslint_cache" in run.err, f"no warning about the symlinked cache\n{run}"


def test_fix_of_a_walked_directory_does_not_write_through_a_symlinked_article(
    sandbox: Sandbox,
) -> None:
    """Issue 11, High: ``articles/x.txt -> ../../home/.bashrc``: ``fix articles`` replaced the
    link's target outside the project; the real article beside it is still fixed."""
    bashrc = sandbox.write(".bashrc", HOSTILE_TARGET, sandbox.home)
    sandbox.write("articles/real.txt", ARTICLE)
    os.symlink(bashrc, sandbox.project / "articles" / "x.txt")

    run = sandbox.run("fix", "articles")

    assert_no_traceback(run)
    assert bashrc.read_text(encoding="utf-8") == HOSTILE_TARGET, "fix wrote outside the project"
    assert (sandbox.project / "articles" / "x.txt").is_symlink()
    assert (sandbox.project / "articles" / "real.txt").read_text(encoding="utf-8") == FIXED_ARTICLE


def test_fix_reports_a_symlinked_article_named_on_the_command_line(sandbox: Sandbox) -> None:
    """Issue 11, High / What to build: "a symlinked article is reported, not rewritten, unless
    the user asks": naming the link is not asking to rewrite its target."""
    bashrc = sandbox.write(".bashrc", HOSTILE_TARGET, sandbox.home)
    (sandbox.project / "articles").mkdir()
    os.symlink(bashrc, sandbox.project / "articles" / "x.txt")

    run = sandbox.run("fix", "articles/x.txt")

    assert_no_traceback(run)
    assert bashrc.read_text(encoding="utf-8") == HOSTILE_TARGET, "fix wrote through the symlink"
    assert "articles/x.txt" in run.output, f"the symlinked article is not reported\n{run}"


def test_walk_does_not_follow_a_symlinked_file_out_of_the_project(sandbox: Sandbox) -> None:
    """Issue 11, What to build: "never follow a symlink out of the project, in the walk":
    ``check articles`` must not read (and print) a file the link points to outside."""
    secret = sandbox.write(
        "notes.txt", "Private\n\nMy PIN-4417-SECRET is due on tuesday.\n", sandbox.outside
    )
    sandbox.write("articles/real.txt", ARTICLE)
    os.symlink(secret, sandbox.project / "articles" / "leak.txt")

    run = sandbox.run("check", "--format", "json", "articles")

    assert_no_traceback(run)
    assert "PIN-4417-SECRET" not in run.output, f"the file outside the project was read\n{run}"
    assert "leak.txt" not in run.out, f"findings reported for a file outside the project\n{run}"
    assert "real.txt" in run.out  # the walk still lints the project's own articles


def test_baseline_is_not_written_through_a_symlink(sandbox: Sandbox) -> None:
    """Issue 11, Targets ("no file outside the project is ever written"), found while writing
    these tests: a committed dangling ``.newslint-baseline.json -> ~/.config/autostart/x``
    made ``newslint baseline`` create the target (``Baseline.save`` follows the link)."""
    target = sandbox.home / ".config" / "autostart" / "planted.desktop"
    target.parent.mkdir(parents=True)
    sandbox.write("a.txt", ARTICLE)
    os.symlink(target, sandbox.project / ".newslint-baseline.json")

    run = sandbox.run("baseline", "a.txt")

    assert_no_traceback(run)
    assert not target.exists(), "newslint baseline wrote outside the project"
