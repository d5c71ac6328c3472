"""``lint_text``/``fix_text`` without ``config=`` reuse the config they found (and the rules
compiled from it) while its file is unchanged, and see a changed file."""

from __future__ import annotations

import os

from newslint import fix_text, lint_text
from newslint.app import api

DAMAGED = "Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n"


def test_the_found_config_is_reused(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".newslint.yaml").write_text("ignore: [NL302]\n")
    article = str(tmp_path / "desk" / "a.txt")
    first = api._CONFIGS.for_path(article)
    assert {f.rule for f in lint_text(DAMAGED, path=article)} == {"NL201"}
    assert api._CONFIGS.for_path(article) is first
    assert api._CONFIGS.for_path(str(tmp_path / "desk" / "b.txt")) is first
    assert fix_text(DAMAGED, path=article).text == "Headline\n\nThe vote was on tuesday.\n"
    assert api._CONFIGS.for_path(article) is first


def test_a_changed_config_file_is_read_again(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    config = tmp_path / ".newslint.yaml"
    config.write_text("ignore: [NL302]\n")
    article = str(tmp_path / "a.txt")
    assert {f.rule for f in lint_text(DAMAGED, path=article)} == {"NL201"}
    config.write_text("ignore: [NL201, NL302, NL303]\n")
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later write
    assert {f.rule for f in lint_text(DAMAGED, path=article)} == set()


def test_a_config_written_later_is_found_once_the_folder_is_looked_at_again(
    tmp_path, monkeypatch
) -> None:
    (tmp_path / ".git").mkdir()
    article = str(tmp_path / "a.txt")
    assert {f.rule for f in lint_text(DAMAGED, path=article)} == {"NL201", "NL302"}
    (tmp_path / ".newslint.yaml").write_text("ignore: [NL201]\n")
    monkeypatch.setattr(api, "REDISCOVER_AFTER", 0.0)
    assert {f.rule for f in lint_text(DAMAGED, path=article)} == {"NL302"}
