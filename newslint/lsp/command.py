"""The ``server`` sub-command; it imports pygls only when run (see ``newslint[lsp]``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newslint.core.errors import NewslintError

_EXTRA = ("pygls", "lsprotocol", "cattrs", "attrs", "attr")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "server", help="run the language server for editors (LSP over stdio; newslint[lsp])"
    )
    parser.add_argument("--config", type=Path, help="use this config file for every file")
    parser.add_argument(
        "--verbose", action="store_true", help="log every message, and tracebacks, to stderr"
    )
    parser.add_argument("--stdio", action="store_true", help=argparse.SUPPRESS)  # added by clients


def run(args: argparse.Namespace) -> int:
    try:
        from newslint.lsp.server import serve
    except ImportError as exc:
        package = (exc.name or "").split(".")[0]
        if package not in _EXTRA:
            raise
        raise NewslintError(
            f"the language server needs {package}: pip install 'newslint[lsp]'"
        ) from None
    return serve(args.config, args.verbose)
