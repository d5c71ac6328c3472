"""Run the Vale compatibility scenarios of ``../shared/vale-compat`` against ``newslint vale``.

Each scenario runs as that folder's README says: the suite is copied to a scratch place, every
scenario starts in ``<suite>/tmp/aruba`` (also ``HOME``), ``Given a file named`` steps write
files there, each ``When`` step is looked up in the suite's ``features/steps.rb`` (cd, then the
command with ``vale`` replaced by ``newslint vale``), and the ``Then`` steps are checked with
aruba's normalisation. Vale's built-in dictionary (``en_US-web`` with ``vale-builtin.patch``
applied, in the scratch place) is given to newslint by ``NEWSLINT_VALE_DICTIONARY``. ``mixed``
scenarios are compared on their ``.md``/``.txt`` alert lines only, without the exit status.
Lines newslint writes to standard error as its own notes (``newslint vale: warning: ...``) are
left out of "the output"; errors (``E100 ...``) are not.

    python benchmarks/vale_compat.py [--shared DIR] [--subprocess] [--show-failures]

prints the pass rate per feature file and per tier (``core``, ``language-aware``; the
``out-of-scope`` tier is listed apart). The test suite (tests/test_vale_compat.py) imports this
module and runs the same scenarios.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def _find_shared() -> Path:
    """``shared/vale-compat`` beside the checkout (or beside a parent: worktrees sit deeper)."""
    root = Path(__file__).resolve().parent.parent
    for parent in root.parents:
        if (parent / "shared" / "vale-compat").is_dir():
            return parent / "shared" / "vale-compat"
    return root.parent / "shared" / "vale-compat"


DEFAULT_SHARED = _find_shared()
NOTE_PREFIX = "newslint vale: warning: "  # our own notes on stderr, not part of the output
IN_SCOPE_TIERS = ("core", "language-aware")
IN_SCOPE_CLASSES = ("md/txt only", "mixed")
DICTIONARY_VARIABLE = "NEWSLINT_VALE_DICTIONARY"  # where newslint finds Vale's en_US-web
_ALERT_LINE = re.compile(r"^([^:\s][^:]*):\d+:\d+:")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Step:
    keyword: str
    text: str
    doc: str | None = None


@dataclass
class Scenario:
    """One scenario of a feature file (or one ``cdf``+``vale`` pair of a go-cmdtest file)."""

    suite: Path  # the suite folder: vale/, styles/Google/, ...
    feature: str  # path of the feature file relative to the shared folder
    line: int
    title: str
    steps: list[Step]
    formats: str = ""
    klass: str = ""
    tier: str = ""

    @property
    def id(self) -> str:
        return f"{self.feature}:{self.line}"

    @property
    def in_scope(self) -> bool:
        return self.klass in IN_SCOPE_CLASSES and self.tier in IN_SCOPE_TIERS


@dataclass
class Outcome:
    passed: bool
    reason: str = ""
    output: str = ""


@dataclass
class Command:
    """One command a ``When`` step runs: its directory (relative to tmp/aruba) and its line."""

    cd: str | None
    line: str


# -- reading the material ----------------------------------------------------------------------


def _doc_string(lines: list[str], i: int) -> tuple[str, int]:
    """The doc string opening at ``lines[i]`` (a ``\"\"\"`` line) and the index after it."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    body = []
    i += 1
    while lines[i].strip() != '"""':
        line = lines[i]
        strip = min(indent, len(line) - len(line.lstrip()))
        body.append(line[strip:])
        i += 1
    return "\n".join(body), i + 1


def parse_feature(path: Path, shared: Path) -> list[Scenario]:
    """The scenarios of a Gherkin feature file, each with the Background steps first."""
    lines = path.read_text(encoding="utf-8").splitlines()
    background: list[Step] = []
    scenarios: list[Scenario] = []
    current: list[Step] | None = None
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        if stripped.startswith("Background:"):
            current = background
        elif stripped.startswith("Scenario:"):
            title = stripped.split(":", 1)[1].strip()
            scenario = Scenario(
                path.parents[1], str(path.relative_to(shared)), i + 1, title, list(background)
            )
            scenarios.append(scenario)
            current = scenario.steps
        elif stripped.split(" ", 1)[0] in ("Given", "When", "Then", "And", "But"):
            keyword, text = stripped.split(" ", 1)
            step = Step(keyword, text)
            if current is None:
                raise ValueError(f"{path}:{i + 1}: step outside a scenario")
            current.append(step)
            if i + 1 < len(lines) and lines[i + 1].strip() == '"""':
                step.doc, i = _doc_string(lines, i + 1)
                continue
        i += 1
    return scenarios


def parse_cmdtest(path: Path, shared: Path) -> list[Scenario]:
    """The scenarios of a go-cmdtest file: a ``cdf`` line, a ``vale`` line, the expected lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    scenarios: list[Scenario] = []
    i = 0
    while i < len(lines):
        match = re.match(r"\$ cdf \$\{ROOTDIR\}/(\S+)", lines[i])
        if not match:
            i += 1
            continue
        start, directory = i + 1, match.group(1)
        command = lines[i + 1][2:]
        expected = []
        i += 2
        while i < len(lines) and lines[i].strip():
            expected.append(lines[i])
            i += 1
        steps = [
            Step("When", f"__cmdtest__ {directory}", command),
            Step("Then", "the output should contain exactly:", "\n".join(expected)),
            Step("And", "the exit status should be 0"),
        ]
        scenarios.append(
            Scenario(path.parents[1], str(path.relative_to(shared)), start, directory, steps)
        )
    return scenarios


def load_scenarios(shared: Path) -> list[Scenario]:
    """Every scenario of the manifest, with its formats, class and tier."""
    found: dict[str, list[Scenario]] = {}
    with (shared / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for feature in dict.fromkeys(row["feature_file"] for row in rows):
        path = shared / feature
        found[feature] = (
            parse_cmdtest(path, shared) if path.suffix == ".ct" else parse_feature(path, shared)
        )
    seen: dict[tuple[str, str], int] = defaultdict(int)
    scenarios = []
    for row in rows:
        key = (row["feature_file"], row["title"])
        matching = [s for s in found[row["feature_file"]] if s.title == row["title"]]
        scenario = matching[seen[key]]  # titles repeat: the n-th row is the n-th scenario
        seen[key] += 1
        scenario.formats, scenario.klass, scenario.tier = row["formats"], row["class"], row["tier"]
        scenarios.append(scenario)
    return scenarios


@dataclass
class StepDefinitions:
    """The ``When`` steps of a suite's ``features/steps.rb``: a pattern and the commands."""

    variables: dict[str, str] = field(default_factory=dict)
    steps: list[tuple[re.Pattern[str], list[str], list[tuple[str, str]]]] = field(
        default_factory=list
    )

    @classmethod
    def read(cls, path: Path) -> StepDefinitions:
        defs = cls()
        text = path.read_text(encoding="utf-8")
        for name, expr in re.findall(r"^(\w+) = (.+)$", text, re.M):
            parts = re.findall(r"'([^']*)'|(\w+)", expr)
            defs.variables[name] = "".join(lit or defs.variables[var] for lit, var in parts)
        block = re.compile(
            r"^When\(/\^([^\n]*)\$/\) do(?: \|([^|\n]*)\|)?\n(.*?)^end$", re.M | re.S
        )
        for pattern, params, body in block.findall(text):
            actions = re.findall(r"step %\(I (cd to|run) [\"`](.*)[\"`]\)", body)
            names = [p.strip() for p in params.split(",")] if params else []
            defs.steps.append((re.compile(pattern), names, actions))
        return defs

    def commands(self, step: str) -> list[Command]:
        for pattern, names, actions in self.steps:
            match = pattern.fullmatch(step)
            if not match:
                continue
            values = dict(self.variables, **dict(zip(names, match.groups(), strict=True)))
            result: list[Command] = []
            cd: str | None = None
            for action, argument in actions:
                expanded = re.sub(r"#\{(\w+)\}", lambda m, v=values: v[m.group(1)], argument)
                if action == "cd to":
                    cd = expanded
                else:
                    result.append(Command(cd, expanded))
            return result
        raise LookupError(f"no step definition for {step!r}")


# -- running -----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """aruba's normalisation of "the output" and of an expected doc string."""
    for escaped, char in (("\\n", "\n"), ("\\t", "\t"), ('\\"', '"'), ("\\e", "\x1b")):
        text = text.replace(escaped, char)
    text = text.replace("\\033", "\x1b")
    text = _ANSI.sub("", text)
    for junk in ("\\[", "\\]", "\x07", "\x0e", "\x0f"):
        text = text.replace(junk, "")
    return text[:-1] if text.endswith("\n") else text


def _md_txt_only(text: str) -> str:
    """``text`` without the alert lines of files other than Markdown and plain text."""
    kept = []
    for line in text.split("\n"):
        match = _ALERT_LINE.match(line)
        if match and not match.group(1).endswith((".md", ".txt")):
            continue
        kept.append(line)
    return "\n".join(kept)


def _without_notes(stderr: str) -> str:
    return "".join(
        line for line in stderr.splitlines(keepends=True) if not line.startswith(NOTE_PREFIX)
    )


class Runner:
    """Runs scenarios in a scratch copy of the shared folder."""

    def __init__(self, shared: Path, subprocess_mode: bool = False) -> None:
        self.shared = shared
        self.subprocess_mode = subprocess_mode
        self.scratch = Path(tempfile.mkdtemp(prefix="vale-compat-"))
        self._copies: dict[Path, Path] = {}
        self._defs: dict[Path, StepDefinitions] = {}
        self._bin = self.scratch / "bin"
        self._bin.mkdir()
        shim = self._bin / "vale"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newslint.app.cli vale "$@"\n')
        shim.chmod(0o755)
        self.dictionary = self._builtin_dictionary()

    def _builtin_dictionary(self) -> Path | None:
        """Vale's built-in en_US-web: the shared copy with vale-builtin.patch applied (README)."""
        source = self.shared / "dictionaries" / "en_US-web"
        if not (source / "en_US-web.dic").is_file():
            return None
        target = self.scratch / "en_US-web"
        shutil.copytree(source, target)
        for path in target.iterdir():
            path.chmod(0o644)
        subprocess.run(
            ["patch", "-s", "-p1", "-i", str(target / "vale-builtin.patch")],
            cwd=target,
            check=True,
        )
        return target / "en_US-web.dic"

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _suite_copy(self, suite: Path) -> Path:
        if suite not in self._copies:
            target = self.scratch / "copy" / suite.relative_to(self.shared)
            shutil.copytree(suite, target, symlinks=True)
            self._copies[suite] = target
        return self._copies[suite]

    def _definitions(self, suite: Path) -> StepDefinitions:
        if suite not in self._defs:
            steps = suite / "features" / "steps.rb"
            self._defs[suite] = StepDefinitions.read(steps) if steps.exists() else StepDefinitions()
        return self._defs[suite]

    def run(self, scenario: Scenario) -> Outcome:
        suite = self._suite_copy(scenario.suite)
        aruba = suite / "tmp" / "aruba"
        shutil.rmtree(suite / "tmp", ignore_errors=True)
        aruba.mkdir(parents=True)
        output, status = "", None
        try:
            for step in scenario.steps:
                text = step.text
                if text.startswith("a file named "):
                    name = re.fullmatch(r'a file named "(.*)" with:', text)
                    assert name and step.doc is not None, text
                    (aruba / name.group(1)).write_bytes(step.doc.encode("utf-8"))
                elif text.startswith("__cmdtest__ "):
                    cwd = suite / "testdata" / text.split(" ", 1)[1]
                    out, status = self._command(step.doc or "", cwd, aruba)
                    output += out
                elif step.keyword in ("When", "And") and text.startswith("I "):
                    for command in self._definitions(scenario.suite).commands(text):
                        cwd = aruba / command.cd if command.cd is not None else aruba
                        out, status = self._command(command.line, cwd, aruba)
                        output += out
                else:
                    failure = self._assert(scenario, step, output, status)
                    if failure:
                        return Outcome(False, failure, output)
        except LookupError as exc:
            return Outcome(False, f"unsupported step: {exc}", output)
        except Exception:
            return Outcome(False, "crashed:\n" + traceback.format_exc(), output)
        return Outcome(True, output=output)

    def _assert(self, scenario: Scenario, step: Step, output: str, status: int | None) -> str:
        mixed = scenario.klass == "mixed"
        actual = normalise(output)
        if mixed:
            actual = _md_txt_only(actual)
        text = step.text
        if text == "the output should contain exactly:":
            expected = normalise(step.doc or "")
            if mixed:
                expected = _md_txt_only(expected)
            if actual != expected:
                return f"output differs:\n--- expected\n{expected}\n--- actual\n{actual}"
        elif text == "the output should contain:":
            expected = normalise(step.doc or "")
            if expected not in actual:
                return f"output lacks:\n{expected}\n--- actual\n{actual}"
        elif text == "the output should not contain anything":
            if actual:
                return f"output should be empty:\n{actual}"
        elif match := re.fullmatch(r'the output should not contain "(.*)"', text):
            if normalise(match.group(1)) in actual:
                return f"output contains {match.group(1)!r}:\n{actual}"
        elif match := re.fullmatch(r"the exit status should be (\d+)", text):
            if not mixed and status != int(match.group(1)):
                return f"exit status {status}, expected {match.group(1)}\n--- output\n{actual}"
        else:
            return f"unsupported step: {text}"
        return ""

    def _command(self, line: str, cwd: Path, home: Path) -> tuple[str, int]:
        """Run one command line; "the output" of it (stdout, then stderr less our notes)."""
        if not cwd.is_dir():
            return f"cd: {cwd}: no such directory\n", 1
        if self.subprocess_mode:
            return self._subprocess(line, cwd, home)
        argv = shlex.split(line)
        stdin = ""
        if argv[:2] == ["bash", "-c"]:
            piped = re.fullmatch(r"cat (\S+) \| (.*)", argv[2])
            if not piped:
                raise LookupError(f"cannot run {line!r} in-process")
            stdin = (cwd / piped.group(1)).read_text(encoding="utf-8")
            argv = shlex.split(piped.group(2))
        if argv[0] != "vale":
            raise LookupError(f"not a vale command: {line!r}")
        return _in_process(argv[1:], cwd, home, stdin, self.dictionary)

    def _subprocess(self, line: str, cwd: Path, home: Path) -> tuple[str, int]:
        env = dict(os.environ, HOME=str(home), PATH=f"{self._bin}{os.pathsep}{os.environ['PATH']}")
        if self.dictionary:
            env[DICTIONARY_VARIABLE] = str(self.dictionary)
        argv = shlex.split(line)
        done = subprocess.run(
            argv, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
        )
        return done.stdout + _without_notes(done.stderr), done.returncode


def _in_process(
    args: list[str], cwd: Path, home: Path, stdin: str, dictionary: Path | None
) -> tuple[str, int]:
    from newslint.app.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_home, old_stdin = os.getcwd(), os.environ.get("HOME"), sys.stdin
    old_dictionary = os.environ.get(DICTIONARY_VARIABLE)
    os.chdir(cwd)
    os.environ["HOME"] = str(home)
    if dictionary:
        os.environ[DICTIONARY_VARIABLE] = str(dictionary)
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["vale", *args])
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(old_cwd)
        sys.stdin = old_stdin
        if old_dictionary is None:
            os.environ.pop(DICTIONARY_VARIABLE, None)
        else:
            os.environ[DICTIONARY_VARIABLE] = old_dictionary
        if old_home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = old_home
    return out.getvalue() + _without_notes(err.getvalue()), status


def run_all(
    shared: Path, subprocess_mode: bool = False, only_in_scope: bool = False
) -> Iterator[tuple[Scenario, Outcome]]:
    runner = Runner(shared, subprocess_mode)
    try:
        for scenario in load_scenarios(shared):
            if scenario.klass == "other only" or (only_in_scope and not scenario.in_scope):
                continue
            yield scenario, runner.run(scenario)
    finally:
        runner.close()


def _rate(results: list[bool]) -> str:
    passed = sum(results)
    return f"{passed:3d}/{len(results):3d} {100 * passed / len(results):5.1f}%" if results else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--subprocess", action="store_true", help="run `vale` as a program")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument(
        "--write-expected-failures",
        type=Path,
        metavar="FILE",
        help="write the in-scope scenarios that fail to FILE (the test's expected failures)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "MANIFEST.tsv").is_file():
        sys.exit(f"vale_compat.py: {args.shared}/MANIFEST.tsv: not found (use --shared)")
    by_feature: dict[tuple[str, str], list[bool]] = defaultdict(list)
    by_tier: dict[str, list[bool]] = defaultdict(list)
    styles: list[bool] = []
    started = time.perf_counter()
    failing: list[Scenario] = []
    for scenario, outcome in run_all(args.shared, args.subprocess):
        if scenario.in_scope and not outcome.passed:
            failing.append(scenario)
        by_feature[scenario.feature, scenario.tier].append(outcome.passed)
        by_tier[scenario.tier].append(outcome.passed)
        if scenario.in_scope and not scenario.feature.startswith("vale/"):
            styles.append(outcome.passed)
        if args.show_failures and not outcome.passed and scenario.in_scope:
            print(f"FAIL {scenario.id} {scenario.title} [{scenario.tier}]\n{outcome.reason}\n")
    print(f"{'feature file':50} {'tier':15} passed")
    for (feature, tier), results in sorted(by_feature.items()):
        print(f"{feature:50} {tier:15} {_rate(results)}")
    print()
    for tier in (*IN_SCOPE_TIERS, "out-of-scope"):
        print(f"{'tier ' + tier:66} {_rate(by_tier[tier])}")
    print(f"{'style suites (in scope)':66} {_rate(styles)}")
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.write_expected_failures:
        args.write_expected_failures.write_text(
            EXPECTED_FAILURES_HEADER
            + "".join(f"{s.id}  # {s.title} [{s.tier}]\n" for s in failing),
            encoding="utf-8",
        )
    return 0


EXPECTED_FAILURES_HEADER = """\
# In-scope Vale compatibility scenarios that newslint does not pass yet, one id a line
# (feature file:line of its Scenario). tests/test_vale_compat.py fails when a listed scenario
# passes (remove it) or an unlisted one fails. Regenerate with `python benchmarks/vale_compat.py
#   --write-expected-failures tests/vale_compat_expected_failures.txt`
"""


def read_expected_failures(path: Path) -> set[str]:
    """The scenario ids listed in an expected-failures file."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            ids.add(entry)
    return ids


if __name__ == "__main__":
    sys.exit(main())
