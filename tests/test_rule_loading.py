"""Rule packs are validated strictly: every error names the pack file, line, rule and key."""

from __future__ import annotations

import pytest

from newslint.config.packs import load_pack
from newslint.core.errors import NewslintError

GOOD = """description: Test pack.
rules:
  - id: TT101
    name: test-rule
    kind: pattern
    category: style
    severity: warning
    message: "Found {match}"
    description: A test rule.
    patterns: ['foo']
"""


def _pack(tmp_path, text: str):
    path = tmp_path / "pack.yaml"
    path.write_text(text)
    load_pack.cache_clear()
    return path


def test_good_pack_loads(tmp_path) -> None:
    (rule,) = load_pack(_pack(tmp_path, GOOD))
    assert (rule.id, rule.name, rule.kind, rule.pack) == ("TT101", "test-rule", "pattern", "pack")


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ("    patterns: ['foo']", "    patern: ['foo']"),
            10,
            "rule TT101(test-rule): unknown key 'patern'",
        ),
        (("kind: pattern", "kind: magic"), 5, "unknown kind 'magic'"),
        (
            ("severity: warning", "severity: loud"),
            7,
            "rule TT101(test-rule): key 'severity': expected 'info', 'warning' or 'error'",
        ),
        (("category: style", "category: misc"), 6, "key 'category': expected 'artifact', "),
        (("['foo']", "['fo(o']"), 10, "bad regex 'fo(o'"),
        (("id: TT101", "id: tt-1"), 3, "key 'id'"),
        (('    message: "Found {match}"\n', ""), 3, "missing required key 'message'"),
        (
            ("patterns: ['foo']", "patterns: ['foo']\n    fix: {applicability: maybe}"),
            11,
            "key 'applicability': expected 'safe', 'unsafe' or 'display-only'",
        ),
        (("patterns: ['foo']", "patterns: ['foo']\n    scope: [sidebar]"), 11, "key 'scope'"),
        (
            ("patterns: ['foo']", "patterns: ['foo']\n    ignore_case: yes"),
            11,
            "key 'ignore_case': expected true/false",
        ),
    ],
)
def test_errors_name_file_line_rule_key(tmp_path, change, line: int, message: str) -> None:
    path = _pack(tmp_path, GOOD.replace(*change))
    with pytest.raises(NewslintError) as exc:
        load_pack(path)
    assert str(exc.value).startswith(f"{path}:{line}: ")
    assert message in str(exc.value)


def test_duplicate_ids_rejected(tmp_path) -> None:
    rule = GOOD.split("rules:\n")[1]
    path = _pack(tmp_path, GOOD + rule)
    with pytest.raises(NewslintError) as exc:
        load_pack(path)
    assert str(exc.value) == (
        f"{path}:11: rule TT101(test-rule): id 'TT101' is already used by the rule at line 3"
    )


def test_python_tags_refused(tmp_path) -> None:
    with pytest.raises(NewslintError, match="invalid YAML"):
        load_pack(_pack(tmp_path, "!!python/object/apply:os.system ['echo pwned']\n"))
