"""Fuzz what a hostile repository controls (issue 11): configs, rule packs, JSONL feeds, and
articles with every kind of line break, for a bounded time.

Complements benchmarks/fuzz.py (parser and rule invariants on fragment soup). Five targets:

- ``article``: article-shaped text (content lines, page chrome, hostile fragments) joined with
  any of LF, CRLF, CR, VT, FF, FS, GS, RS, NEL, U+2028, U+2029 (one kind or mixed), as .txt or
  .md. Safe fix must keep every content line (in order, apart), add no line-break character,
  be idempotent, and be writable in the document's encoding; every output format must carry
  no control character (text, concise, github), no line a GitHub runner reads as a command,
  and parse (junit, json, sarif).
- ``scale``: one hostile unit repeated to 16-64 KB, linted: must finish in ``--slow`` seconds
  (quadratic scans show here, not on small inputs).
- ``config``: ``.newslint.yaml`` from known and unknown keys, odd values, aliases, deep
  nesting, huge integers, tags, ``extends`` chains and fan-outs.
- ``pack``: rule packs of every check kind with options of the right type or not, regexes
  built to backtrack or nest; a loaded pack is then run and fixed on an article.
- ``jsonl``: feeds of valid and broken records (non-finite and tiny numbers, duplicate keys,
  lone surrogates, deep nesting, wrong types), through ``check`` and ``fix --jsonl --output``:
  the fixed feed must be strict JSON, one line per record, every field but the text as it was.

A failure is a traceback (any exception but a one-line ``NewslintError`` naming a file), a
multi-line or huge error message, content loss, a non-idempotent fix, a broken output, or an
input taking longer than ``--slow`` seconds (SIGALRM; a C-level regex loop may overrun it).

    python benchmarks/fuzz_security.py [--seconds 300] [--seed N] [--slow 3]

Prints inputs tried, distinct failures per target (each with its latest, shrunk, input) and
the slowest input of each target.
Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import re
import signal
import sys
import tempfile
import time
import traceback
import types
import typing
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

CACHE = tempfile.mkdtemp(prefix="newslint-fuzz-cache-")
os.environ["XDG_CACHE_HOME"] = CACHE  # compiled fuzz packs stay out of the user's cache
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="newslint-fuzz-config-")  # no user config
os.environ.pop("NEWSLINT_LANGUAGETOOL_URL", None)

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint import checks  # noqa: E402
from newslint.app.api import fix_document  # noqa: E402
from newslint.app.cli import main as cli_main  # noqa: E402
from newslint.app.inputs import encoded  # noqa: E402
from newslint.config.project import Config, Settings  # noqa: E402
from newslint.core.document import Document  # noqa: E402
from newslint.core.engine import RuleTimeout, lint  # noqa: E402
from newslint.core.errors import NewslintError  # noqa: E402
from newslint.core.lines import BREAK_CHARS as LINE_BREAK_CHARS  # noqa: E402
from newslint.core.model import Applicability  # noqa: E402
from newslint.formats import open_document  # noqa: E402
from newslint.report import REPORTERS, FileReport  # noqa: E402

# newslint's one notion of a line (core/lines.py), so the fuzz and the linter agree on breaks.
BREAKS = ["\r\n", *LINE_BREAK_CHARS]
BREAK_CHARS = set(LINE_BREAK_CHARS)
CONTENT = [
    "The council met on Tuesday.",
    "Residents asked for a new bridge over the river.",
    "The mayor said the budget would be published in March.",
    "Officials expect the work to finish next year.",
    "“We will keep going,” she said.",
    "Police closed the road for two hours.",
    "Schools reopen on Monday after the storm.",
]
CHROME = [
    "Share this article",
    "Advertisement",
    "Leave a Comment",
    "Subscribe to our newsletter",
    "Follow us on Twitter",
    "Read more:",
]
HOSTILE = [
    '"', "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", " ", "\t", "\u00a0", "\u200b",
    "\ufeff", "\x1b[2J", "\x1b]0;t\x07", "\x9b", "::error::x", "\ud800", "<!--", "-->", "```",
    "# ", "> ", "---", "https://example.com/a_b", "a@b.co", "Ã©", "â€™", "&amp;", "the the",
    "tuesday", "lloyd austin", "...", " ,", ",,", "e\u0301", "🎉", "İ", "ß", "ﬁ",
]  # fmt: skip
SCALE_UNITS = HOSTILE + ['" \t', '"a ', "\n \t", "\r \t", "“a", "a”", " \n", "([", ")]"]
KNOWN_KEYS = [f.name for f in dataclasses.fields(Settings)]
REGEX_PARTS = [
    "a", "tuesday", r"\w+", r"\s*", ".*", "(a|aa)+", "(a+)+", "(?:x|y)*", r"(?<=\w)", r"\b",
    "[", "(", ")", "+", "*?", "{2,}", r"\1", "(?P<n>a)", "(?P=n)", "^", "$", "|", r"\d", "é",
]  # fmt: skip
EXAMPLE_ARTICLE = (
    "Headline\n\nThe vote was on tuesday in march 3 , said lloyd austin.\n\n"
    "“The count goes on, said the clerk.\n\nShare this article\n\nThe the end.\n"
)

stats: Counter[str] = Counter()
failed: Counter[str] = Counter()  # failing runs (shrinking included)
failures: dict[str, tuple[str, str]] = {}  # key -> (target, latest input repr)
slowest: dict[str, tuple[float, str]] = {}  # target -> (seconds, input repr)
SLOW = 3.0


class Slow(BaseException):
    """An input ran longer than ``--slow`` seconds (BaseException: no ``except Exception``
    in newslint swallows it)."""


_armed = False
DEADLINE = float("inf")  # after it, inputs are skipped so that the run ends on time


def _alarm(signum: int, frame: object) -> None:
    if _armed:
        raise Slow


def _disarm() -> None:
    global _armed
    _armed = False
    signal.setitimer(signal.ITIMER_REAL, 0)


class Broken(AssertionError):
    """A broken property (content loss, bad output ...): the message names it."""


# -- running one input ---------------------------------------------------------------------------
def attempt(target: str, func: Any, *args: Any) -> None:
    """Run one input under the time limit; record a failure under its kind and place, and
    re-raise it (so that hypothesis shrinks it) unless it is a timeout."""
    global _armed
    if time.monotonic() > DEADLINE:
        return
    stats[target] += 1
    _armed = True
    started = time.monotonic()
    # the alarm repeats: one raised where it cannot propagate (a gc callback) is not lost
    signal.setitimer(signal.ITIMER_REAL, SLOW, 0.25)
    try:
        func(*args)
    except Slow:
        _disarm()
        failed[target] += 1
        key = f"{target}: slower than {SLOW:g} s"
        failures[key] = (target, _short(args))
        return  # no shrinking: each attempt would cost the time limit again
    except Exception as exc:
        failed[target] += 1
        if isinstance(exc, Broken):
            key = f"{target}: {str(exc).splitlines()[0][:160]}"
        else:
            summary = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            where = traceback.extract_tb(exc.__traceback__)[-1]
            place = f"{Path(where.filename).name}:{where.lineno}"
            first = re.sub(r"\d+", "N", summary.splitlines()[0])[:120]  # one key per kind
            key = f"{target}: traceback {first} at {place}"
        failures[key] = (target, _short(args))
        raise
    finally:
        _disarm()
        seconds = time.monotonic() - started
        if seconds > slowest.get(target, (0.0, ""))[0]:
            slowest[target] = (seconds, _short(args, 200))


def _short(args: tuple, limit: int = 600) -> str:
    text = repr(args if len(args) > 1 else args[0])
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def one_line(exc: NewslintError, *, names_file: bool = True) -> None:
    """A ``NewslintError`` as the user sees it: one line of reasonable length, naming a file."""
    message = str(exc)
    if "\n" in message or "\r" in message:
        raise Broken(f"error message on several lines: {message[:200]!r}")
    if len(message) > 2000:
        raise Broken(f"error message of {len(message)} characters")
    if names_file and not exc.path:
        raise Broken("error message names no file")
    if "did not settle" in message:
        raise Broken("fix does not settle")


# -- article ------------------------------------------------------------------------------------
def check_kept(before: str, lines: list[str], after: str) -> None:
    position, previous_end = 0, None
    for index, line in enumerate(lines):
        if line not in CONTENT:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if re.match(r"\s*[,;]\s", following + " "):  # NL501 keeps the second of "day. ,"
            line = line[:-1]  # (across a soft line break too: one paragraph in Markdown)
        at = after.find(line, position)
        if at < 0:
            raise Broken("content line lost by safe fix")
        if previous_end is not None and not BREAK_CHARS & set(after[previous_end:at]):
            raise Broken("content lines glued together by safe fix")
        position = previous_end = at + len(line)
    if {c for c in after if c in BREAK_CHARS} - {c for c in before if c in BREAK_CHARS}:
        raise Broken("safe fix added a kind of line break")


def render(fmt: str, reports: list[FileReport]) -> str:
    return REPORTERS[fmt].render(reports)


def check_outputs(report: FileReport) -> None:
    for fmt in ("text", "concise", "github"):
        out = render(fmt, [report])
        bad = {c for c in out if unicodedata.category(c) == "Cc" and c not in "\n\t"}
        if bad:
            raise Broken(f"{fmt} output holds control characters")
    for fmt in ("text", "concise", "junit"):
        out = render(fmt, [report])
        if any(x.lstrip().startswith("::") for x in re.split(r"\r\n|\r|\n", out)):
            raise Broken(f"{fmt} output holds a forged workflow command")
    ET.fromstring(render("junit", [report]))
    json.loads(render("json", [report]))
    json.loads(render("sarif", [report]))


def _encodable(doc: Document, text: str) -> bool:
    """Whether ``text`` could have been read from a file in the document's encoding."""
    try:
        doc.to_bytes(text)
    except UnicodeEncodeError:
        return False
    return True


def run_article(lines: list[str], breaks: list[str], path: str, encoding: str) -> None:
    text = lines[0] + "".join(breaks[i % len(breaks)] + x for i, x in enumerate(lines[1:]))
    doc = open_document(text, path, encoding=encoding)
    try:
        findings = lint(doc, RULES)
        result = fix_document(doc, RULES, Applicability.SAFE)
    except NewslintError as exc:
        one_line(exc)
        return
    check_kept(text, lines, result.text)
    again = fix_document(doc.with_text(result.text), RULES, Applicability.SAFE).text
    if again != result.text:
        raise Broken("safe fix is not idempotent")
    if result.changed and _encodable(doc, text):
        try:
            encoded(doc, result.text)  # what fix writes back: the bytes, or a one-line error
        except NewslintError as exc:
            one_line(exc)
    check_outputs(FileReport(path, text, findings, rules=RULES))


def _once(lines: list[str]) -> list[str]:
    """Content lines once each (a repeated paragraph may rightly be deleted)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line in CONTENT:
            if line in seen:
                continue
            seen.add(line)
        kept.append(line)
    return kept


article_lines = st.lists(
    st.one_of(
        st.sampled_from(CONTENT),
        st.sampled_from(CHROME),
        st.just(""),
        st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), max_size=6).map("".join),
    ),
    min_size=1,
    max_size=14,
).map(_once)


# -- scale --------------------------------------------------------------------------------------
def run_scale(unit: str, size: int, path: str) -> None:
    text = "Headline\n\n" + unit * max(1, size // max(1, len(unit))) + "\n"
    with contextlib.suppress(RuleTimeout):
        lint(open_document(text, path), RULES)


# -- config -------------------------------------------------------------------------------------
def yaml_scalar() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True),
        st.text(max_size=12),
        st.sampled_from(["all", "casing", "NL302", "warning", ".md", "utf-8", "latin-1", "**"]),
    )


yaml_values = st.recursive(
    yaml_scalar(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
RAW_SNIPPETS = st.one_of(
    st.integers(2, 5).map(
        lambda n: (
            "bomb: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"b{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, n))
        )
    ),
    st.integers(50, 3000).map(lambda n: "ignore: " + "[" * n + "]" * n + "\n"),
    st.integers(4000, 6000).map(lambda n: "max_file_size: " + "7" * n + "\n"),
    st.sampled_from(
        [
            "1: on\n",
            "? [a, b]\n: c\n",
            "select: !!python/object:os.system ls\n",
            "select: !!binary aGVsbG8=\n",
            "exclude: 2024-01-01\n",
            "<<: {fail_on: error}\n",
            "fail_on: warning\n---\nfail_on: error\n",
            "fail_on:\twarning\n",
            "\ufefffail_on: warning\n",
            "encoding: unicode_escape\n",
            "encoding: rot13\n",
            "languagetool: {server: 'http://127.0.0.1:9/x#', local: true}\n",
            "languagetool: {cache: ../../outside}\n",
            "severity: {casing: 3}\n",
            "per_path_ignores: {'[': [casing]}\n",
            "exclude: ['\\x00']\n",
            "extends: /dev/null\n",
            "extends: /proc/self/environ\n",
            "packs: [/dev/zero]\n",
        ]
    ),
)
configs = st.tuples(
    st.dictionaries(
        st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=6), st.integers(0, 9)),
        yaml_values,
        max_size=4,
    ),
    st.lists(RAW_SNIPPETS, max_size=2),
    st.sampled_from(["none", "chain", "fan", "self", "missing"]),
)
_serial = iter(range(10**9))


def _dump(mapping: dict) -> str:
    try:
        return yaml.safe_dump(mapping, allow_unicode=True, default_flow_style=None, sort_keys=False)
    except yaml.YAMLError:
        return ""


def run_config(mapping: dict, snippets: list[str], extends: str) -> None:
    directory = Path(tempfile.mkdtemp(dir=WORK))
    config = directory / ".newslint.yaml"
    text = _dump(mapping) + "".join(snippets)
    if extends == "chain":
        for i in range(40):
            (directory / f"c{i}.yaml").write_text(f"extends: c{i + 1}.yaml\n", encoding="utf-8")
        (directory / "c40.yaml").write_text(text, encoding="utf-8")
        text = "extends: c0.yaml\n"
    elif extends == "fan":
        for i in range(12):
            body = f"extends: [f{i + 1}.yaml, f{i + 1}.yaml]\n"
            (directory / f"f{i}.yaml").write_text(body, encoding="utf-8")
        (directory / "f12.yaml").write_text(text, encoding="utf-8")
        text = "extends: f0.yaml\n"
    elif extends == "self":
        text += "extends: .newslint.yaml\n"
    elif extends == "missing":
        text += "extends: nowhere.yaml\n"
    config.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = Config(config)
        rules = loaded.rules
        doc = open_document(EXAMPLE_ARTICLE, str(directory / "a.txt"))
        fix_document(doc, rules, Applicability.SAFE)
    except NewslintError as exc:
        one_line(exc)


# -- pack ---------------------------------------------------------------------------------------
regexes = st.lists(st.sampled_from(REGEX_PARTS), min_size=1, max_size=8).map("".join)


def value_for(tp: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(tp))
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(value_for(a) for a in typing.get_args(tp)))
    if origin is list:
        return st.lists(st.one_of(regexes, st.text(max_size=8)), max_size=5)
    if tp is type(None):
        return st.none()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.one_of(st.integers(-3, 400), st.just(10**30))
    if tp is float:
        return st.floats(allow_nan=True, allow_infinity=True)
    if tp is str:
        return st.one_of(regexes, st.text(max_size=8), st.just(r"\1\g<9>"))
    return yaml_values


@st.composite
def rule_packs(draw: st.DrawFn) -> str:
    rules = []
    for n in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from([k for k in checks.KINDS if k != "grammar"]))
        module = checks.load_kind(kind)
        hints = typing.get_type_hints(module.Options)
        rule: dict[str, Any] = {
            "id": f"FZ{100 + n}",
            "name": f"fuzz-{n}",
            "kind": kind,
            "category": draw(st.sampled_from(["style", "casing", "boilerplate", "bogus"])),
            "severity": draw(st.sampled_from(["info", "warning", "error"])),
            "message": draw(st.sampled_from(["'{match}'", "{nope} {match!r}", "{0}", "x"])),
            "description": "Fuzzed.",
        }
        for field in dataclasses.fields(module.Options):
            if draw(st.booleans()):
                rule[field.name] = draw(
                    st.one_of(value_for(hints[field.name]), yaml_values)
                    if draw(st.integers(0, 5)) == 0
                    else value_for(hints[field.name])
                )
        if module.CAN_FIX and draw(st.booleans()):
            rule["fix"] = {"applicability": draw(st.sampled_from(["safe", "unsafe", "x"]))}
        rules.append(rule)
    text = _dump({"rules": rules})
    if draw(st.integers(0, 6)) == 0:
        text += draw(RAW_SNIPPETS).replace("ignore:", "junk:")
    return text


def run_pack(pack_text: str) -> None:
    directory = Path(tempfile.mkdtemp(dir=WORK))
    pack = directory / f"pack{next(_serial)}.yaml"
    pack.write_text(pack_text, encoding="utf-8", errors="surrogatepass")
    config = directory / ".newslint.yaml"
    config.write_text(f"builtin: false\npacks: [{pack.name}]\n", encoding="utf-8")
    try:
        rules = Config(config).rules
    except NewslintError as exc:
        one_line(exc)
        return
    for text in (EXAMPLE_ARTICLE, EXAMPLE_ARTICLE.replace("\n", "\r")):
        doc = open_document(text, str(directory / "a.txt"))
        try:
            lint(doc, rules)
            result = fix_document(doc, rules, Applicability.UNSAFE)
        except NewslintError as exc:
            one_line(exc, names_file=False)  # a rule timing out names the rule
            continue
        try:
            encoded(doc, result.text)
        except NewslintError as exc:
            one_line(exc)


# -- jsonl --------------------------------------------------------------------------------------
def _record_line(draw: st.DrawFn, index: int) -> str:
    text = draw(st.lists(st.sampled_from(CONTENT + CHROME + ["", "tuesday", "\ud800"]), max_size=6))
    joined = draw(st.sampled_from(BREAKS)).join(text)
    body = json.dumps(joined)  # escapes lone surrogates as \ud800
    extra = draw(
        st.lists(
            st.sampled_from(
                [
                    '"score": 1e400',
                    '"tiny": 1.5e-400',
                    '"neg": -0',
                    '"big": 123456789012345678901234567890',
                    '"pi": 3.14159265358979323846264338327950288',
                    '"tag": "a", "tag": "b"',
                    '"deep": ' + "[" * 3000 + "]" * 3000,
                    '"nested": {"a": [1, {"b": null}]}',
                    '"text2": "\\u0000"',
                ]
            ),
            max_size=3,
        )
    )
    ident = draw(st.sampled_from([str(index), f'"r{index}"', "true", "null", "1.5"]))
    fields = [f'"id": {ident}', f'"text": {body}', *extra]
    return "{" + ", ".join(draw(st.permutations(fields))) + "}"


@st.composite
def feeds(draw: st.DrawFn) -> list[str]:
    lines = []
    for index in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(st.sampled_from(["[1, 2]", '{"id": 1}', "{", "", '"x"', "\ufeff{}"])))
        else:
            lines.append(_record_line(draw, index))
    return lines


def _pairs(line: str) -> list[tuple[str, Any]]:
    return json.loads(line, object_pairs_hook=list, parse_float=Decimal)


def _invoke(argv: list[str]) -> tuple[int, str]:
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli_main(argv)
    return code, err.getvalue().decode("utf-8", "replace")


def run_jsonl(lines: list[str]) -> None:
    directory = Path(tempfile.mkdtemp(dir=WORK))
    feed, fixed = directory / "feed.jsonl", directory / "fixed.jsonl"
    feed.write_bytes("".join(x + "\n" for x in lines).encode("utf-8", "surrogatepass"))
    for argv in (
        ["check", "--format", "concise", "--jsonl", str(feed)],
        ["fix", "--quiet", "--jsonl", str(feed), "--output", str(fixed)],
    ):
        code, err = _invoke(argv)
        if code not in (0, 1, 2):
            raise Broken(f"exit code {code}")
        if any(not x.startswith("newslint: ") for x in err.splitlines() if x.strip()):
            raise Broken("stderr holds a line that is not a newslint message")
    if not fixed.exists():
        raise Broken("fix --jsonl wrote no feed")
    written = fixed.read_text(encoding="utf-8").splitlines()
    records = [x for x in lines if x.strip()]  # blank lines are not records
    if len(written) != len(records):
        raise Broken("fixed feed lost or added records")
    for before, after in zip(records, written, strict=True):
        if before == after:
            continue

        def refuse(name: str) -> None:
            raise Broken(f"fixed feed holds {name} (not JSON)")

        json.loads(after, parse_constant=refuse)
        old = [(k, v) for k, v in _pairs(before) if k != "text"]
        new = [(k, v) for k, v in _pairs(after) if k != "text"]
        if old != new:
            raise Broken("fix --jsonl changed fields other than the text")


# -- driver -------------------------------------------------------------------------------------
RULES: tuple = ()
WORK = ""


def fuzz(seconds: float, seed: int | None) -> None:
    budget = settings(
        max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )

    @budget
    @given(
        article_lines,
        st.lists(st.sampled_from(BREAKS), min_size=1, max_size=3),
        st.sampled_from(["a.txt", "a.md"]),
        st.sampled_from(["utf-8", "utf-8", "latin-1", "cp1252"]),
    )
    def article(lines: list[str], breaks: list[str], path: str, encoding: str) -> None:
        attempt("article", run_article, lines, breaks, path, encoding)

    @settings(budget, max_examples=10)
    @given(st.sampled_from(SCALE_UNITS), st.integers(16_000, 64_000), st.sampled_from(["a.txt"]))
    def scale(unit: str, size: int, path: str) -> None:
        attempt("scale", run_scale, unit, size, path)

    @settings(budget, max_examples=40)
    @given(configs)
    def config(spec: tuple) -> None:
        attempt("config", run_config, *spec)

    @settings(budget, max_examples=40)
    @given(rule_packs())
    def pack(text: str) -> None:
        attempt("pack", run_pack, text)

    @settings(budget, max_examples=40)
    @given(feeds())
    def jsonl(lines: list[str]) -> None:
        attempt("jsonl", run_jsonl, lines)

    global DEADLINE
    stop = time.monotonic() + seconds
    DEADLINE = stop + 30  # a target running when time is up finishes its current input
    rounds = 0
    while time.monotonic() < stop:
        for target in (article, scale, config, pack, jsonl):
            if time.monotonic() >= stop:
                break
            if seed is not None:
                target._hypothesis_internal_use_seed = seed + rounds  # type: ignore[attr-defined]
            with contextlib.suppress(Exception, Slow):  # recorded and shrunk; look for more
                target()
        rounds += 1


def main(argv: list[str] | None = None) -> int:
    global RULES, SLOW, WORK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--slow", type=float, default=3.0, help="seconds an input may take")
    args = parser.parse_args(argv)
    SLOW = args.slow
    signal.signal(signal.SIGALRM, _alarm)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    with tempfile.TemporaryDirectory(prefix="newslint-fuzz-") as work:
        WORK = work
        RULES = Config(None).rules
        started = time.monotonic()
        fuzz(args.seconds, args.seed)
        elapsed = time.monotonic() - started
    print(f"inputs tried: {sum(stats.values())} in {elapsed:.0f} s ({dict(stats)})")
    by_target = Counter(target for target, _ in failures.values())
    print(f"failing runs (shrinking included): {sum(failed.values())} ({dict(failed)})")
    print(f"distinct failures: {len(failures)} ({dict(by_target)})")
    for target, (seconds, value) in sorted(slowest.items()):
        print(f"slowest {target} input: {seconds:.2f} s: {value}")
    for key, (_, value) in sorted(failures.items()):
        print(f"\n{key}\n  last (shrunk) input: {value}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
