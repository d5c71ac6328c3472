"""Skip the Vale rules that cannot match a document, after one Hyperscan scan of its blocks.

Vale's patterns carry .NET inline flags mid-pattern (``(?i)`` from there to the end of the
group, ``(?-i)`` to turn it off), which Hyperscan and newslint's converter do not take. For the
prefilter only a pattern matching *wherever* the rule's does is needed, so the flags are dropped
and the whole pattern is made case-insensitive if any part of it was: a superset of its matches,
never fewer (:func:`prefilter_source`). The scan reads the text the rules read (the blocks,
markup removed), not the file: a match in "is **very** good" is not in the source.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

from newslint.accel.regex_syntax import class_end
from newslint.core.blocks import Block
from newslint.vale.rules import (
    Conditional,
    Consistency,
    Existence,
    Occurrence,
    Repetition,
    Rule,
    Substitution,
)

if TYPE_CHECKING:
    from newslint.accel.prefilter import Prefilter, Scan

_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
PREFILTER_AFTER = 4  # documents linted before a database is compiled (a cached one is used at once)


def prefilter_source(source: str) -> tuple[str, int] | None:
    """``source`` without inline flags, and ``re.IGNORECASE`` if it turned case off anywhere;
    None for a pattern that cannot be read so (verbose mode)."""
    out: list[str] = []
    caseless = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if char == "[":
            end = class_end(source, i)
            if end is None:
                return None
            out.append(source[i:end])
            i = end
            continue
        if source.startswith("(?<", i) and source[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")  # a .NET named group
            i += 3
            continue
        match = _FLAGS.match(source, i) if source.startswith("(?", i) else None
        if match and (match.group(1) or match.group(2) is not None):
            on, off = match.group(1), match.group(2) or ""
            if "x" in on or "x" in off:
                return None
            caseless = caseless or "i" in on
            out.append("(?:" if match.group(3) == ":" else "")
            i = match.end()
            continue
        out.append(char)
        i += 1
    return "".join(out), re.IGNORECASE if caseless else 0


def rule_sources(rule: Rule) -> list[str] | None:
    """The patterns one of which matches wherever ``rule`` reports something; None when the
    rule may report without a match (a minimum count, case, metrics, spelling)."""
    if isinstance(rule, (Existence, Substitution, Repetition)):
        return [rule.pattern.source]
    if isinstance(rule, Occurrence) and not rule.min:
        return [rule.pattern.source]
    if isinstance(rule, Consistency):
        return [step.source for step, _ in rule.steps]
    if isinstance(rule, Conditional):
        return [rule.first.source]
    return None


_ANCHORED_OR_PUNCTUATION = re.compile(r"[\^$.!]|\\[AZzGWSDpP?]|\(\?<?[=!]|\[\^")


def sentence_invariant(rule: Rule) -> bool:
    """Whether ``rule`` finds in a sentence exactly what it finds there in its paragraph, so
    that searching the paragraph alone gives all its alerts.

    True for an ``existence`` or ``substitution`` rule of whole words (Vale's word template)
    whose pattern has no anchor, lookaround or anything that can match ``.``, ``?`` or ``!``: a
    sentence is a slice of its paragraph between white space after such a mark, so no match
    can cross its edges, and word boundaries read the same at them.
    """
    if not isinstance(rule, (Existence, Substitution)) or rule.data.get("nonword"):
        return False
    if any("sentence" in part.sections for entry in rule.scope.entries for part in entry):
        return False
    source = rule.pattern.source
    body = re.sub(r"^(?:\(\?[a-z]+\))+", "", source)  # leading flags, as in "(?i)(?m)"
    return _ANCHORED_OR_PUNCTUATION.search(body) is None


class RuleFilter:
    """One Hyperscan database over a rule set's patterns (compiled after a few documents)."""

    def __init__(self, rules: list[tuple[str, Rule]]) -> None:
        self.names = [name for name, _ in rules]
        self.specs: list[tuple[tuple[str, int], ...] | None] = []
        for _, rule in rules:
            sources = rule_sources(rule)
            converted = [prefilter_source(s) for s in sources] if sources else None
            if converted is None or any(c is None for c in converted):
                self.specs.append(None)
            else:
                self.specs.append(tuple(c for c in converted if c is not None))
        self.documents = 0
        self.unplaced: set[str] = set()  # rules whose matches are everywhere (see DocumentScan)
        self._prefilter: Prefilter | None = None
        self._tried = self._compiled = False  # looked for a cached one / compiled one

    def possible(self, texts: list[str]) -> set[str] | None:
        """The names of the rules that may match one of ``texts``; None: all may."""
        scan = self.scan(texts)
        return None if scan is None else scan.possible

    def scan(self, texts: list[str]) -> DocumentScan | None:
        """One scan of ``texts`` (a document's blocks); None if every rule must run on all."""
        self.documents += 1
        prefilter = self._ready()
        if prefilter is None:
            return None
        blocks = []
        start = 0
        for index, text in enumerate(texts):
            blocks.append(Block(str(index), start, start + len(text)))
            start += len(text) + 2
        scan = prefilter.scan("\n\n".join(texts), locate=True)
        return None if scan is None else DocumentScan(self, scan, blocks)

    def _ready(self) -> Prefilter | None:
        """The prefilter: a cached database at once, one compiled after a few documents."""
        compile = self.documents > PREFILTER_AFTER
        if self._prefilter is None and (not self._tried or (compile and not self._compiled)):
            self._tried = True
            self._compiled = compile
            with contextlib.suppress(ImportError):
                from newslint.accel.prefilter import Prefilter, Spec

                specs = [Spec(spec, spec) if spec else Spec(None) for spec in self.specs]
                prefilter = Prefilter(specs, compile=compile)
                self._prefilter = prefilter if prefilter.ready else None
        return self._prefilter


class DocumentScan:
    """What one scan of a document's blocks found: the rules that may match, and where."""

    def __init__(self, owner: RuleFilter, scan: Scan, blocks: list[Block]) -> None:
        self._owner = owner
        self._index = {name: i for i, name in enumerate(owner.names)}
        self._scan = scan
        self._blocks = blocks
        self.possible = {owner.names[i] for i in scan.possible}

    def blocks(self, name: str) -> list[int]:
        """The indices of the blocks in which rule ``name`` may match. A rule whose pattern
        matched too often to place its matches once is not placed again (it would only cost)."""
        if name in self._owner.unplaced:
            return list(range(len(self._blocks)))
        kept = self._scan.narrow(self._index[name], self._blocks)
        if kept is self._blocks:
            self._owner.unplaced.add(name)
        return [int(block.kind) for block in kept]
