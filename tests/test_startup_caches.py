"""What a short run reuses from earlier ones: packs it built before compile their patterns only
when a rule uses them; a prefilter asked for in several short runs gets compiled."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.accel import hyperscan
from newslint.config import packs
from newslint.core.errors import NewslintError

PACK = """\
description: test pack
rules:
  - id: TS101
    name: stray-word
    kind: pattern
    category: style
    severity: warning
    description: A word that adds nothing.
    message: "Drop '{match}'"
    patterns: ['\\bactually\\b']
"""


def _load(path: Path) -> tuple:
    packs.load_pack.cache_clear()
    return packs.load_pack(path)


def test_a_pack_built_before_compiles_its_patterns_on_first_use(tmp_path: Path) -> None:
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    (first,) = _load(pack)
    assert first.check.regex._compiled is not None  # new bytes: compiled (and checked) at once
    (again,) = _load(pack)
    assert again.check.regex._compiled is None  # the same bytes: compiled when first used
    match = again.check.regex.search("It was actually fine.")
    assert match is not None and match.group() == "actually"


def test_a_bad_pattern_is_an_error_at_load_every_time(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(PACK.replace(r"\bactually\b", "(unclosed"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(NewslintError, match=r"bad\.yaml:10: .*bad regex"):
            _load(pack)


def test_a_database_asked_for_in_several_runs_is_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    expressions = [(0, r"\bcouncil\w+", 0)]  # a key no other test uses
    for _ in range(hyperscan.COMPILE_AFTER_RUNS):
        database, _ = hyperscan.Database.load(expressions, compile=False)
        assert database is None  # a short run does not pay for a compile...
    database, _ = hyperscan.Database.load(expressions, compile=False)
    assert database is not None and database.matching(b"the councillors met") == {0}
    assert hyperscan.Database.load(expressions, compile=False)[0] is not None  # ...then cached
