"""The fixer: non-overlapping edits, re-lint until stable, the pass cap."""

from __future__ import annotations

import pytest

from newslint.core.errors import NewslintError
from newslint.core.fixer import apply_edits, fix, select_fixes
from newslint.core.model import Applicability, Edit, Finding, Fix, Severity


def _finding(
    start: int, end: int, replacement: str, applicability=Applicability.SAFE, category="style"
) -> Finding:
    return Finding(
        "a.txt",
        "TT101",
        "test",
        category,
        Severity.WARNING,
        "m",
        start,
        end,
        1,
        start + 1,
        1,
        end + 1,
        Fix((Edit(start, end, replacement),), applicability, "t"),
    )


def test_apply_edits_left_to_right() -> None:
    assert apply_edits("abcdef", [Edit(0, 1, "A"), Edit(2, 2, "+"), Edit(4, 6, "")]) == "Ab+cd"


def test_overlapping_fixes_wait_for_next_pass() -> None:
    findings = [_finding(0, 3, "X"), _finding(2, 4, "Y"), _finding(5, 6, "Z")]
    chosen, edits = select_fixes(findings, Applicability.SAFE)
    assert [f.start for f in chosen] == [0, 5]
    assert edits == [Edit(0, 3, "X"), Edit(5, 6, "Z")]


def test_an_encoding_repair_goes_before_a_fix_that_read_the_damaged_text() -> None:
    """`â€œWe`: sentence-case would capitalise the `â` (one character, starting first); the
    mojibake repair of all three wins, and the casing fix waits for the re-lint."""
    casing = _finding(0, 1, "Â", category="casing")
    encoding = _finding(0, 3, "“", category="encoding")
    chosen, edits = select_fixes([casing, encoding], Applicability.SAFE)
    assert chosen == [encoding] and edits == [Edit(0, 3, "“")]
    punctuation = _finding(4, 6, "", category="punctuation")
    later_casing = _finding(5, 7, "X", category="casing")
    chosen, _ = select_fixes([later_casing, punctuation], Applicability.SAFE)
    assert chosen == [punctuation]  # marks before words, wherever they start


def test_insert_at_the_start_of_a_deletion_is_allowed() -> None:
    chosen, edits = select_fixes([_finding(3, 6, ""), _finding(3, 3, "”")], Applicability.SAFE)
    assert len(chosen) == 2 and apply_edits("abcdefg", edits) == "abc”g"


def test_unsafe_fixes_need_opt_in() -> None:
    findings = [_finding(0, 1, "X", Applicability.UNSAFE), _finding(2, 3, "Y")]
    assert [f.start for f in select_fixes(findings, Applicability.SAFE)[0]] == [2]
    assert len(select_fixes(findings, Applicability.UNSAFE)[0]) == 2


def test_relints_until_stable() -> None:
    def lint(text: str) -> list[Finding]:  # one "aa" -> "a" per pass
        i = text.find("aa")
        return [_finding(i, i + 2, "a")] if i >= 0 else []

    result = fix("xaaaay", lint)
    assert result.text == "xay" and len(result.fixed) == 3 and result.remaining == []


def test_fix_that_never_settles_is_an_error() -> None:
    def lint(text: str) -> list[Finding]:  # always proposes growing the text
        return [_finding(0, 0, "x")]

    with pytest.raises(NewslintError, match="did not settle"):
        fix("abc", lint, path="a.txt")
