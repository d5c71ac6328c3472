"""``newslint init``: write a commented starter ``.newslint.yaml`` here, and offer the pre-commit
and GitHub Actions snippets (``--pre-commit`` and ``--workflow`` write them as files)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newslint.app.files import write_new
from newslint.app.output import EXIT_CLEAN
from newslint.config.project import CONFIG_NAMES, has_config
from newslint.core.errors import NewslintError
from newslint.version import __version__

# Where a newsroom gets newslint from until it is on the package index: replace with yours.
REPOSITORY = "your-org/newslint"
REF = f"v{__version__}"

STARTER = """\
# newslint's settings for this repository (the README's Configuration section has every key).
# `newslint rules --all` lists the rules, `newslint explain RULE` describes one, and
# `newslint config PATH` shows the settings a file gets and where each one comes from.

# Rules to run: ids (NL101), names (glued-caption), categories (casing), packs or id prefixes.
select: [all]            # every rule that is on by default
extend_select: []        # opt-in rules as well, for example [readability]
ignore: []               # for example [doubled-space]

# The lowest severity that fails a run: info, warning or error.
fail_on: warning

# What a walk of a folder lints. Files .gitignore and .ignore leave out are skipped too
# (respect_gitignore: false lints them), and so are hidden folders such as .github/.
extensions: [.md, .markdown, .txt]
exclude:                 # gitignore patterns, relative to this file
  - README.md            # the repository's own documents are not articles
  - CHANGELOG.md
  - CONTRIBUTING.md
  - LICENSE.md
  - CODE_OF_CONDUCT.md

# More, when you need it:
# severity: {boilerplate: error}           # raise or lower rules, categories or packs
# per_path_ignores: {"wire/**": [name-case]}
# paragraph_breaks: line                    # scraped text with one paragraph a line
# packs: [newsroom-rules/]                  # your own rules (`newslint check-rules` tests them)
# grammar: {backend: harper}                # offline grammar (pip install 'newslint[harper]')
"""

PRE_COMMIT = f"""\
repos:
  - repo: https://github.com/{REPOSITORY}  # where your newsroom gets newslint from
    rev: {REF}  # a tag or commit of that repository
    hooks:
      - id: newslint-fix   # fix what is safe; the commit stops on what it could not fix
      # - id: newslint     # or: only report (use one of the two)
"""

WORKFLOW = f"""\
name: newslint
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  newslint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: {REPOSITORY}@{REF}   # where your newsroom gets newslint from
        with:
          paths: .
"""

_FILES = {  # option -> (file, snippet)
    "pre_commit": (Path(".pre-commit-config.yaml"), PRE_COMMIT),
    "workflow": (Path(".github/workflows/newslint.yml"), WORKFLOW),
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "init",
        help="write a starter .newslint.yaml here",
        description="Write a commented starter .newslint.yaml in the current folder and print"
        " the snippets for pre-commit and GitHub Actions.",
    )
    parser.add_argument(
        "--pre-commit", action="store_true", help="also write .pre-commit-config.yaml"
    )
    parser.add_argument(
        "--workflow", action="store_true", help="also write .github/workflows/newslint.yml"
    )


def run(args: argparse.Namespace) -> int:
    existing = [name for name in (*CONFIG_NAMES, "pyproject.toml") if has_config(Path(name))]
    if existing:
        raise NewslintError(
            "a newslint config is here already; `newslint config PATH` shows it", path=existing[0]
        )
    for option, (path, _snippet) in _FILES.items():
        if getattr(args, option) and path.exists():
            raise NewslintError(
                "exists already; add the snippet `newslint init` prints", path=str(path)
            )
    write_new(Path(CONFIG_NAMES[0]), STARTER)
    print(f"Wrote {CONFIG_NAMES[0]}")
    for option, (path, snippet) in _FILES.items():
        if getattr(args, option):
            write_new(path, snippet)
            print(f"Wrote {path}")
        else:
            flag = "--" + option.replace("_", "-")
            print(f"\n{path} ({flag} writes it):\n\n{snippet}", end="")
    return EXIT_CLEAN
