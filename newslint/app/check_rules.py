"""``newslint check-rules PACK...``: run each rule's own ``examples`` and report those that fail.

A bad example must be flagged by its rule, a good one must not be, and each ``fixed`` pair's
``before`` must become ``after`` with the rule's fix (unsafe fixes too, for a rule whose fix is
unsafe). Each rule runs alone, with the plugins of the config found for its pack (or
``--config``). Exit 0 when every example holds, 1 when one fails, 2 when a pack does not load.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.app.output import EXIT_CLEAN, EXIT_FINDINGS
from newslint.core.errors import NewslintError
from newslint.core.model import Applicability, Rule

if TYPE_CHECKING:  # imported when the command runs, not at every start-up
    from newslint.config.project import Config, ConfigResolver


class Failure(NamedTuple):
    """An example that does not do what its rule says (or a rule without examples)."""

    rule: Rule
    key: str  # bad, good or fixed
    item: int | None  # None: the rule has no such examples
    problem: str

    def line(self) -> str:
        """``PACK:LINE: RULE(name): examples.KEY[I] ...``, the line of the example's list."""
        at = _example_lines(self.rule).get(self.key)
        where = f"{self.rule.source}:{at}" if at else self.rule.source
        label = f"{self.rule.id}({self.rule.name})"
        item = f"[{self.item}]" if self.item is not None else ""
        return f"{where}: {label}: examples.{self.key}{item} {self.problem}"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "check-rules",
        help="run rule packs' own examples; report those that fail",
        description="Run the examples of each rule in the packs given: bad examples must be"
        " flagged, good ones not, and fixed ones must come out as shown.",
    )
    parser.add_argument("packs", nargs="+", type=Path, metavar="PACK")
    parser.add_argument(
        "--config", type=Path, help="take plugins from this config (default: the pack's own)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    parser.add_argument(
        "--no-cache", action="store_false", dest="cache", help="keep no grammar answers"
    )


def run(args: argparse.Namespace) -> int:
    from newslint.config.project import ConfigResolver

    resolver = ConfigResolver(args.config)
    failures: list[Failure] = []
    skipped: dict[str, list[str]] = {}  # why: rules whose examples cannot be run
    count = 0
    for pack in args.packs:
        if not pack.is_file():
            raise NewslintError("no such file", path=str(pack))
        for config in _rule_configs(pack, resolver, args.cache):
            rule = config.rules[0]
            count += 1
            why = _not_runnable(rule)
            if why:
                skipped.setdefault(why, []).append(f"{rule.id}({rule.name})")
            else:
                failures.extend(check_examples(config))
    for failure in failures:
        print(failure.line())
    if not args.quiet:
        print(_summary(count, len(args.packs), failures, skipped))
    return EXIT_FINDINGS if failures else EXIT_CLEAN


def _rule_configs(pack: Path, resolver: ConfigResolver, cache: bool = True) -> list[Config]:
    """For each rule of the pack, a config that enables it alone (with the project's plugins
    and grammar backend; ``cache`` False: its answers are not kept)."""
    from newslint.config.project import Config

    project = resolver.for_path(pack).settings
    no_cache = {} if cache else {"cache": False}
    overrides = {
        "builtin": False,
        "packs": [str(pack.resolve())],
        "plugins": project.plugins,
        "grammar": {**project.grammar, **no_cache},
        "languagetool": {**project.languagetool, **no_cache},
    }
    rules = Config(None, overrides).available_rules
    return [Config(None, {**overrides, "select": [rule.id]}) for rule in rules]


def _not_runnable(rule: Rule) -> str | None:
    """Why the rule's examples cannot be run alone, if they cannot: a grammar rule without a
    backend to ask, or a kind that judges a text by its site's other pages, finds nothing."""
    from newslint.checks import KINDS, load_kind

    client = getattr(rule.check, "client", None)
    if rule.kind == "grammar" and not (client is not None and client.configured):
        return "no grammar backend configured"
    if rule.kind in KINDS and getattr(load_kind(rule.kind), "NEEDS_CORPUS", False):
        return "corpus evidence needed (--corpus)"
    return None


def check_examples(config: Config) -> list[Failure]:
    """The examples of the one rule ``config`` enables that do not do what they say."""
    from newslint.app.api import fix_text, lint_text

    (rule,) = config.rules
    failures = [
        Failure(rule, key, None, "is missing: a rule shows what it flags and what it leaves")
        for key in ("bad", "good")
        if not rule.examples[key]
    ]
    for i, text in enumerate(rule.examples["bad"]):
        if not lint_text(text, config=config):
            failures.append(Failure(rule, "bad", i, f"is not flagged: {text!r}"))
    for i, text in enumerate(rule.examples["good"]):
        found = lint_text(text, config=config)
        if found:
            flagged = text[found[0].start : found[0].end]
            failures.append(Failure(rule, "good", i, f"is flagged at {flagged!r}: {text!r}"))
    unsafe = bool(rule.fix and rule.fix.applicability == Applicability.UNSAFE)
    for i, pair in enumerate(rule.examples["fixed"]):
        got = fix_text(pair["before"], config=config, unsafe=unsafe).text
        if got != pair["after"]:
            failures.append(Failure(rule, "fixed", i, f"gives {got!r}, not {pair['after']!r}"))
    return failures


def _example_lines(rule: Rule) -> dict[str, int]:
    """The lines of the ``bad``, ``good`` and ``fixed`` keys of the rule's ``examples``."""
    from newslint.config import yamlfile
    from newslint.config.packs import rule_mapping

    raw = rule_mapping(rule)
    if raw is None:
        return {}
    examples = raw.get("examples")
    if isinstance(examples, yamlfile.Mapping):
        return {key: examples.line_of(key) for key in examples}
    return dict.fromkeys(("bad", "good", "fixed"), raw.line_of("examples"))


def _summary(rules: int, packs: int, failures: list[Failure], skipped: dict[str, list[str]]) -> str:
    checked = f"{rules} rule{'s' * (rules != 1)} in {packs} pack{'s' * (packs != 1)}"
    if failures:
        noun = "example fails" if len(failures) == 1 else "examples fail"
        line = f"{len(failures)} {noun} ({checked})."
    else:
        line = f"All examples pass ({checked})."
    for why, names in skipped.items():
        line += f" Not run, {why}: {', '.join(names)}."
    return line
