"""Build small Vale projects in a temporary folder and run ``newslint vale`` on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from newslint.app.cli import main


def write(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path -> text, dedented) under ``root``; return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def vale(monkeypatch, capsys, cwd: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """Run ``newslint vale --output=line --sort --normalize --relative --no-global ARGS`` in
    ``cwd`` (with ``HOME`` there too, as the compatibility scenarios run); (status, out, err)."""
    import io
    import sys

    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(cwd))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    status = main(
        ["vale", "--output=line", "--sort", "--normalize", "--relative", "--no-global", *args]
    )
    captured = capsys.readouterr()
    return status, captured.out, captured.err
