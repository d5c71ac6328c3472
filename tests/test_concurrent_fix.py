"""Two ``newslint fix`` runs on the same files at once (pre-commit and an editor, say) leave
every file either original or fixed, never a mix, a truncation or a stray temporary file."""

from __future__ import annotations

import os
import subprocess
import sys

BODY = "".join(f"Meeting {i} of the council agreed part of the budget. " for i in range(40))
ARTICLE = (
    f"Headline\n\nThe vote was on tuesday.\n\nLeave a Comment\n\n{BODY}\n\nShare this article\n"
)
FIXED = f"Headline\n\nThe vote was on Tuesday.\n\n{BODY}\n"


def _fix(paths: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newslint.app.cli", "fix", "--quiet", *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_fix_runs_at_once_leave_each_file_original_or_fixed(tmp_path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    names = [f"story{i:02}.txt" for i in range(60)]
    for round_ in range(2):
        for name in names:
            (desk / name).write_text(ARTICLE)
        # one run walks the directory, the other gets the files in reverse order
        first = _fix([str(desk)])
        second = _fix([str(desk / name) for name in reversed(names)])
        results = [p.communicate(timeout=120) for p in (first, second)]
        for process, (_, err) in zip((first, second), results, strict=True):
            assert process.returncode in (0, 1), err.decode()
            assert b"Traceback" not in err
        contents = {(desk / name).read_text() for name in names}
        assert contents <= {ARTICLE, FIXED}, f"round {round_}: a file is neither"
        assert contents == {FIXED}  # both runs finished, so every file is fixed
        assert sorted(os.listdir(desk)) == names  # no temporary files left behind
