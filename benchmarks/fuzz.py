"""Fuzz the document parser, the rule engine and the fixer with hypothesis, for a bounded time.

Inputs are built from fragments that stress newslint (quotes and brackets of every kind, line
breaks, Markdown and HTML comment syntax, suppression comments, URLs, mojibake, entities,
invisible and combining characters, boilerplate phrases, weekday names) mixed with random text,
plus random bytes for the decoder. A crash is any exception other than a one-line
``NewslintError`` or a broken invariant: blocks out of order or bounds, a finding whose
line/column disagree with its offsets, a fix that does not settle or is not idempotent.

    python benchmarks/fuzz.py [--seconds 120] [--seed N]

Each crash is shrunk by hypothesis and printed as a Python literal to paste into
tests/test_fuzz_regressions.py. Exit status 1 if any crash was found.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.app.api import fix_document
from newslint.config.project import Config
from newslint.core.document import Document
from newslint.core.engine import lint
from newslint.core.errors import NewslintError
from newslint.core.model import Applicability
from newslint.formats import open_document, read_document

FRAGMENTS = [
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "{", "}",
    "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", " ", "  ", "\t", "\u2028", "\ufeff", "\x00",
    "# ", "## ", "```", "~~~", "    ", "> ", "- ", "* ", "---\n", "+++\n", "title: ", "===",
    "<!--", "-->", "<!-- newslint-disable -->", "<!-- newslint-enable -->",
    "<!-- newslint-disable-next-line NL302 -->", "<b>", "</b>", "`", "](", "![",
    "https://example.com/a_b", "www.example.org", "desk@example.com",
    "Ã©", "â€™", "â€œ", "Â£", "&amp;", "&nbsp;", "&#8217;", "\u200b", "\u00ad", "\ufffd",
    "e\u0301", "🎉", "中文", "ﬁ", "İ", "ß",
    "Leave a Comment", "Share this article", "Advertisement", "Subscribe to our newsletter",
    "© 2024 Example", "Photo: Reuters", "Credit: AP", "Read more:", "Follow us on Twitter",
    "tuesday", "Tuesday", "january", "i", "the", "The", "mcdonald", "Mr.", "U.S.", "e.g.",
    "...", "…", ".", ",", ";", ":", "!", "?", " .", ",,", " ,", "—", "-", "the the",
    "said", "Council", "voted", "1)", "a)", ":)", "90s", "’90s", "rock ’n’ roll",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(
    "".join
)
options = st.fixed_dictionaries(
    {
        "path": st.sampled_from(["a.txt", "a.md"]),
        "paragraph_breaks": st.sampled_from(["auto", "blank-line", "line"]),
        "unsafe": st.booleans(),
    }
)
RULES = Config(None).rules
stats = {"inputs": 0}
crashes: dict[str, tuple[str, object]] = {}  # kind of failure -> latest (shrunk) input


def check_document(doc: Document) -> None:
    text = doc.text
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(text), block
    starts = [b.start for b in doc.blocks]
    assert starts == sorted(starts)
    for start, end in doc.masks:
        assert 0 <= start <= end <= len(text)
    for start, end in doc.quotes.spans:
        assert 0 <= start < end <= len(text)
    for offset in range(0, len(text) + 1, 7):
        line, column = doc.position(offset)
        assert doc.offset(line, column) == offset


def run_one(text: str, opts: dict) -> None:
    doc = open_document(text, opts["path"], paragraph_breaks=opts["paragraph_breaks"])
    check_document(doc)
    for finding in lint(doc, RULES):
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert (finding.line, finding.column) == doc.position(finding.start), finding
        assert (finding.end_line, finding.end_column) == doc.position(finding.end), finding
    minimum = Applicability.UNSAFE if opts["unsafe"] else Applicability.SAFE
    try:
        result = fix_document(doc, RULES, minimum)
    except NewslintError as exc:  # one line, as the CLI shows it; but a fix must settle
        raise AssertionError(f"fix failed: {exc}") from None
    again = open_document(result.text, opts["path"], paragraph_breaks=opts["paragraph_breaks"])
    assert fix_document(again, RULES, minimum).text == result.text, "fix is not idempotent"


def run_bytes(data: bytes) -> None:
    try:
        doc = read_document(data, "a.txt")
    except NewslintError as exc:
        assert "\n" not in str(exc)
        return
    check_document(doc)
    lint(doc, RULES)


def _attempt(kind: str, func, *args) -> None:  # type: ignore[no-untyped-def]
    """Run one input; remember a failure under its exception and place (shrinking replaces
    the input with smaller ones that fail the same way)."""
    stats["inputs"] += 1
    try:
        func(*args)
    except Exception as exc:
        summary = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        where = traceback.extract_tb(exc.__traceback__)[-1]
        key = f"{kind}: {summary.splitlines()[0][:120]} at {where.filename}:{where.lineno}"
        crashes[key] = (kind, args)
        raise


def fuzz(seconds: float, seed: int | None) -> None:
    budget = settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    @budget
    @given(texts, options)
    def text_target(text: str, opts: dict) -> None:
        _attempt("text", run_one, text, opts)

    @budget
    @given(st.binary(max_size=200))
    def bytes_target(data: bytes) -> None:
        _attempt("bytes", run_bytes, data)

    stop = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < stop:
        for target in (text_target, bytes_target):
            if seed is not None:
                target._hypothesis_internal_use_seed = seed + rounds
            with contextlib.suppress(Exception):  # recorded and shrunk; look for more
                target()
        rounds += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)
    started = time.monotonic()
    fuzz(args.seconds, args.seed)
    print(f"inputs tried: {stats['inputs']} in {time.monotonic() - started:.0f} s")
    print(f"distinct failures: {len(crashes)}")
    for key, (_, value) in crashes.items():
        print(f"\n{key}\n  last (shrunk) input: {value!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
