"""Command-line parts of corpus evidence: ``check``/``fix`` flags and ``newslint learn``.

newslint check --corpus [--site-field F] PATHS | --jsonl FEED
newslint learn PATHS | --jsonl FEED -o site-profile.json [--site-field F]
newslint check --corpus --engine dask --jsonl FEED [--scheduler ADDRESS]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newslint.app.corpus_run import learn
from newslint.app.inputs import open_source
from newslint.app.options import RunOptions
from newslint.app.output import EXIT_CLEAN
from newslint.core.errors import NewslintError
from newslint.corpus import profile


def _site_field(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-field",
        default="url",
        metavar="F",
        help="the record field or front-matter key naming a document's site (a URL: its host;"
        " '@folder': a file's folder; default url); documents without it are one site",
    )


def add_arguments(running: argparse.ArgumentParser) -> None:
    """``check``/``fix``: ``--corpus``, ``--site-field`` and the engine's options."""
    add = running.add_argument
    add(
        "--corpus",
        action="store_true",
        help="read all inputs first and judge each line by its site's other pages",
    )
    _site_field(running)
    add("--engine", choices=("local", "dask"), default="local", help="where to run (--jsonl)")
    add("--scheduler", metavar="ADDRESS", help="--engine dask: an existing cluster's scheduler")
    add(
        "--partition-size",
        type=_megabytes,
        default=16 * 1024 * 1024,
        metavar="MB",
        help="--engine dask: megabytes of input per partition (default 16)",
    )


def _megabytes(value: str) -> int:
    try:
        size = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(size * 1024 * 1024)


def add_learn_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    learn_parser = sub.add_parser(
        "learn", parents=parents, help="save what a site's pages repeat as a profile"
    )
    learn_parser.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    add = learn_parser.add_argument
    add("--jsonl", type=Path, dest="feed", metavar="FEED", help="learn from a JSON Lines feed")
    add("--text-field", default="text", metavar="F", help="--jsonl: field with the text")
    add("--id-field", default="id", metavar="I", help="--jsonl: field with the record id")
    learn_parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the profile to write"
    )
    _site_field(learn_parser)


def run_learn(options: RunOptions) -> int:
    """``newslint learn``: the first pass of ``--corpus``, saved."""
    resolver = options.resolver()
    source = open_source(options._replace(fixing=False), resolver)
    evidence, errors = learn(source.inputs, resolver, options.site_field)
    if source.progress:
        source.progress.close()
    for message in errors:
        print(f"newslint: warning: {message} (not learnt from)", file=sys.stderr)
    if options.output is None:
        raise NewslintError("learn: give the profile to write with -o FILE")
    profile.save(options.output, evidence, options.site_field)
    documents = sum(evidence.sites.values())
    sites = len(evidence.sites)
    print(
        f"Learnt from {documents} document{'s' * (documents != 1)} of {sites}"
        f" site{'s' * (sites != 1)}: {options.output}",
        file=sys.stderr,
    )
    return EXIT_CLEAN


def run_engine(options: RunOptions) -> int:
    """``check``/``fix`` on another engine than this process and its workers."""
    from newslint.app.dask_engine import run  # the optional extra newslint[dask]

    return run(options)
