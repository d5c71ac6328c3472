"""Issue 11, Medium: output injection from an article's text or a file's name.

Raw escape sequences from articles (terminal title, clear screen, clipboard write) passed into
text, concise and github output; a newline in a file name put ``::error ...`` at a line start
in text, concise and JUnit output (a forged annotation); control characters in a path made the
JUnit XML invalid. What to build: "control characters in matched text and paths are escaped in
every format; a GitHub workflow command cannot be forged from a file name or an article".

The GitHub runner reads a process's output line by line (a line ends at LF, CR or CRLF) and
takes a line starting with ``::`` as a workflow command; a terminal acts on any C0 or C1
control character but LF and TAB.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from security.seclib import Run, Sandbox, assert_no_traceback

ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b]52;c;ZWNobyBwd25lZA==\x07 \x9b31m \x7f"
ARTICLE_WITH_ESCAPES = f"Headline\n\n“The vote {ESCAPES} was on tuesday, he said.\n"
ARTICLE_WITH_FORGERY = (
    "Headline\n\n“The vote was on tuesday\r::error file=.github/workflows/ci.yml,line=1::"
    "Forged by the article\n"
)
FORGED_NAME = "story\n::error file=README.md,line=1::Forged by a file name.txt"
CONTROL_NAME = "story\x1b]0;pwned\x07\x01\x1b[2J.txt"


def control_characters(text: str) -> list[str]:
    """The C0/C1 control characters of ``text`` other than LF and TAB (what a terminal acts
    on), as escapes."""
    found = {c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"}
    return sorted(f"U+{ord(c):04X}" for c in found)


def forged_commands(run: Run) -> list[str]:
    """Lines of the output that the GitHub runner would take as workflow commands."""
    lines = re.split(r"\r\n|\r|\n", run.out) + re.split(r"\r\n|\r|\n", run.err)
    return [line for line in lines if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_escape_sequences_from_an_article_are_escaped(sandbox: Sandbox, fmt: str) -> None:
    """Issue 11, Medium: "raw escape sequences from articles (terminal title, clear screen,
    clipboard write) pass into text, concise and github output"."""
    sandbox.write("a.txt", ARTICLE_WITH_ESCAPES)

    run = sandbox.run("check", "--no-cache", "--color", "never", "--format", fmt, "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert control_characters(run.out) == [], run


@pytest.mark.parametrize("fmt", ["text", "concise", "junit"])
def test_article_cannot_forge_a_workflow_command(sandbox: Sandbox, fmt: str) -> None:
    """Issue 11, What to build: "a GitHub workflow command cannot be forged from ... an
    article": a carriage return in the text quoted by a finding starts a new runner line."""
    sandbox.write("a.txt", ARTICLE_WITH_FORGERY)

    run = sandbox.run("check", "--no-cache", "--color", "never", "--format", fmt, "a.txt")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert forged_commands(run) == [], run


@pytest.mark.parametrize("fmt", ["text", "concise", "junit"])
def test_file_name_cannot_forge_a_workflow_command(sandbox: Sandbox, fmt: str) -> None:
    """Issue 11, Medium: "a newline in a file name puts ::error … at a line start in text,
    concise and JUnit output (a forged annotation)"."""
    sandbox.write(f"articles/{FORGED_NAME}", "Headline\n\nThe vote was on tuesday.\n")

    run = sandbox.run("check", "--no-cache", "--color", "never", "--format", fmt, "articles")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert forged_commands(run) == [], run


def test_fix_notes_cannot_forge_a_workflow_command(sandbox: Sandbox) -> None:
    """Issue 11, Medium (forged annotation from a file name): ``fix`` prints "Fixed N findings
    in NAME" with the same name."""
    sandbox.write(f"articles/{FORGED_NAME}", "Headline\n\nThe vote was on tuesday.\n")

    run = sandbox.run("fix", "--color", "never", "articles")

    assert_no_traceback(run)
    assert forged_commands(run) == [], run


def test_control_characters_in_a_path_keep_junit_valid(sandbox: Sandbox) -> None:
    """Issue 11, Medium: "control characters in a path make the JUnit XML invalid"."""
    sandbox.write(f"articles/{CONTROL_NAME}", "Headline\n\nThe vote was on tuesday.\n")

    run = sandbox.run("check", "--no-cache", "--format", "junit", "articles")

    assert_no_traceback(run)
    assert run.code == 1, run
    root = ET.fromstring(run.out)  # raises on invalid XML
    assert root.get("failures") == "1"


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_control_characters_in_a_path_are_escaped(sandbox: Sandbox, fmt: str) -> None:
    """Issue 11, What to build: "control characters in ... paths are escaped in every
    format"."""
    sandbox.write(f"articles/{CONTROL_NAME}", "Headline\n\nThe vote was on tuesday.\n")

    run = sandbox.run("check", "--no-cache", "--color", "never", "--format", fmt, "articles")

    assert_no_traceback(run)
    assert run.code == 1, run
    assert control_characters(run.out) == [], run
