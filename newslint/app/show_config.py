"""``newslint config PATH``: the settings a file is linted with, and where each comes from (a
config file and line, ``extends``, the command line, or the default), then its rules."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.app.output import EXIT_CLEAN
from newslint.core.printable import printable_lines

if TYPE_CHECKING:
    from newslint.app.options import RunOptions
    from newslint.config.project import Config


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "config",
        parents=parents,
        help="show the settings a file gets and where each comes from",
        description="Show the effective settings for PATH (a file or folder; default: here):"
        " each value with the config file and line it comes from, and the rules that run.",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="PATH")
    parser.add_argument("--format", choices=("auto", "text", "json"), default="auto")


def _show(value: Any) -> str:
    """A value as YAML flow text (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def effective(config: Config, path: Path) -> dict[str, Any]:
    """``{"config": file or None, "settings": {key: {"value", "from"}}, "rules": [ids]}``."""
    import dataclasses

    from newslint.config.project import Settings

    settings = {
        f.name: {"value": getattr(config.settings, f.name), "from": config.origin(f.name)}
        for f in dataclasses.fields(Settings)
    }
    rules = [rule.id for rule in config.rules_for(path)]
    left_out = [rule.id for rule in config.rules if rule.id not in rules]
    return {
        "path": str(path),
        "config": str(config.path) if config.path else None,
        "settings": settings,
        "rules": rules,
        "per_path_ignored": left_out,
    }


def render_text(found: dict[str, Any]) -> str:
    lines = [f"# {found['path']}: {found['config'] or 'no config file; the defaults'}"]
    rows = [
        (f"{key}: {_show(item['value'])}", item["from"]) for key, item in found["settings"].items()
    ]
    width = min(max(len(setting) for setting, _ in rows), 60)
    lines += [f"{setting.ljust(width)}  # {origin}" for setting, origin in rows]
    lines.append(f"# {len(found['rules'])} rules run on it: {', '.join(found['rules'])}")
    if found["per_path_ignored"]:
        lines.append(f"# per_path_ignores leaves out: {', '.join(found['per_path_ignored'])}")
    return printable_lines("\n".join(lines)) + "\n"


def run(args: argparse.Namespace, options: RunOptions) -> int:
    path = Path(args.path)
    target = path / "_" if path.is_dir() else path  # a folder: the config of a file in it
    config = options.resolver().for_path(target)
    found = effective(config, target)
    found["path"] = args.path
    if options.fail_on:  # --fail-on stands for the config's fail_on
        found["settings"]["fail_on"] = {"value": options.fail_on, "from": "command line"}
    if args.format == "json":
        sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(found))
    return EXIT_CLEAN
