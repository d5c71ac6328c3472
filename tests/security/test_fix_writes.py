"""Issue 11, Lower: how ``fix`` writes a file back.

"an edit saved while fix runs is lost; fix as root makes other users' files root-owned and
splits hard links; ``encoding: unicode_escape`` is accepted and turns every line break into a
literal \\n". Team standard: a fix "keeps encoding/BOM/line endings, writes atomically", and
bad input is "never a modified file".
"""

from __future__ import annotations

import os

import pytest

from security.seclib import (
    ARTICLE,
    FIXED_ARTICLE,
    Sandbox,
    assert_no_traceback,
    assert_one_line_error,
)

EDITOR_VERSION = (
    "Headline\n\nThe vote was on tuesday.\n\nA paragraph the editor saved while fix ran.\n"
)
PLUGIN = '''"""A check kind that plays an editor saving the article while newslint lints it."""
from dataclasses import dataclass
from pathlib import Path

CAN_FIX = False
MARKER = Path({marker!r})


@dataclass
class Options:
    pass


class Check:
    def __init__(self, options):
        pass

    def run(self, doc, blocks):
        if not MARKER.exists():  # once: the first lint of the first pass
            MARKER.write_text("saved")
            Path(doc.path).write_text({edited!r})
        return iter(())
'''


def _editor_plugin(sandbox: Sandbox) -> dict[str, str]:
    """An installed plugin (``newslint.checks`` entry point ``editor-save``) and a pack using
    it; returns the environment that makes it importable."""
    site = sandbox.outside / "site"
    (site / "editor_plugin-0.1.dist-info").mkdir(parents=True)
    (site / "editor_plugin.py").write_text(
        PLUGIN.format(marker=str(sandbox.outside / "saved"), edited=EDITOR_VERSION),
        encoding="utf-8",
    )
    (site / "editor_plugin-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: editor-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (site / "editor_plugin-0.1.dist-info" / "entry_points.txt").write_text(
        "[newslint.checks]\neditor-save = editor_plugin\n", encoding="utf-8"
    )
    sandbox.write(
        "packs/editor.yaml",
        "rules:\n  - id: EV401\n    name: editor-save\n    kind: editor-save\n"
        "    category: style\n    severity: info\n    message: never reported\n"
        "    description: Saves the article once, as an editor would.\n",
    )
    sandbox.write(".newslint.yaml", "plugins: [editor-save]\npacks: [packs/editor.yaml]\n")
    return {"PYTHONPATH": str(site)}


def test_edit_saved_while_fix_runs_is_not_lost(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "an edit saved while fix runs is lost": fix wrote its result, computed
    from the text it read, over the editor's newer version."""
    article = sandbox.write("a.txt", ARTICLE)
    env = _editor_plugin(sandbox)

    run = sandbox.run("fix", "a.txt", env=env)

    assert_no_traceback(run)
    assert (sandbox.outside / "saved").exists(), f"the plugin did not run\n{run}"
    assert "A paragraph the editor saved while fix ran." in article.read_text(encoding="utf-8")


def test_fix_keeps_hard_links(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "fix ... splits hard links": after fix the two names must still be one
    file (fixed through both, or left alone with an error)."""
    article = sandbox.write("a.txt", ARTICLE)
    os.link(article, sandbox.project / "published.txt")

    run = sandbox.run("fix", "a.txt")

    assert_no_traceback(run)
    published = sandbox.project / "published.txt"
    assert os.path.samefile(article, published), "the hard link was split"
    assert published.read_text(encoding="utf-8") in (ARTICLE, FIXED_ARTICLE)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can fix other users' files")
def test_fix_as_root_keeps_the_owner(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "fix as root makes other users' files root-owned"."""
    article = sandbox.write("a.txt", ARTICLE)
    os.chown(article, 12345, 12345)

    run = sandbox.run("fix", "a.txt")

    assert_no_traceback(run)
    stat = article.stat()
    assert (stat.st_uid, stat.st_gid) == (12345, 12345)


def test_unicode_escape_is_refused_in_config(sandbox: Sandbox) -> None:
    """Issue 11, Lower: "encoding: unicode_escape is accepted and turns every line break into
    a literal \\n". The config is an error at its line; the article is left unchanged."""
    config = sandbox.write(".newslint.yaml", "fail_on: warning\nencoding: unicode_escape\n")
    article = sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("fix", "a.txt")

    assert_one_line_error(run, config, cwd=sandbox.project, with_line=True)
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_unicode_escape_is_refused_on_the_command_line(sandbox: Sandbox) -> None:
    """Issue 11, Lower (``unicode_escape`` accepted), through ``--encoding``."""
    article = sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("fix", "--encoding", "unicode_escape", "a.txt")

    assert_one_line_error(run)
    assert article.read_text(encoding="utf-8") == ARTICLE
