"""Where each rule must look: the hooks that narrow a check's work, and :func:`plan`.

A check kind's exact logic lives in ``newslint.checks.<kind>``; what only makes it faster lives
in its hook, the module ``newslint.accel.narrowing.<kind>``, which may define:

- ``document_patterns(check)``: patterns (``re`` syntax, ``re`` flags) one of which matches
  in every document the check reports a hit in (:mod:`newslint.accel.prefilter` scans each
  document once for the patterns of all rules and skips the rules none of whose match);
- ``block_patterns(check)``: patterns one of which matches, ending inside the block, in every
  block the check reports a hit in (in long runs, blocks where none ends are left out);
- ``narrow(check, doc, blocks)``: the blocks the check must be given (or parts of them,
  as blocks of the same kind);
- ``narrow_all(checks, doc, scopes)``: the same for all the rules of the kind at once (for
  a kind that shares one search among them), given each rule's scope.

The contract: narrowing never changes a finding. A hook leaves out only blocks whose absence
changes nothing: ``check.run(doc, narrowed)`` yields exactly the hits of
``check.run(doc, blocks)``. For block patterns and most ``narrow`` hooks this rests on the
check being block-local (its hits in a block do not depend on which other blocks it is
given; context beyond a block is read from the document) and on the hook keeping every block
the check reports in; each hook's docstring says why it does. A kind without a hook always
gets every block of its rule's scope, and so does every kind in exact mode (``NEWSLINT_EXACT=1``
or ``lint(..., exact=True)``); tests/test_exact_vs_accelerated.py compares the two modes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.model import Rule

if TYPE_CHECKING:
    from newslint.accel.hyperscan import Expression
    from newslint.accel.prefilter import Prefilter, Spec

# Documents linted with a rule set before its prefilter is compiled: a run over a few short
# files does not pay for that (findings are the same either way). A prefilter compiled before
# (kept in the user's cache) is used from the first document.
PREFILTER_AFTER = 4
HOOKED = frozenset(
    [
        "boilerplate",
        "entity",
        "glued",
        "metric",
        "mojibake",
        "pattern",
        "repeated_block",
        "repeated_word",
        "sentence_case",
        "word_case",
    ]
)
Patterns = Callable[[Any], "list[Expression] | None"]
Narrow = Callable[[Any, Document, list[Block]], list[Block]]
NarrowAll = Callable[[list[Any], Document, list[list[Block]]], list[list[Block]]]


@dataclass(frozen=True)
class Hook:
    """A kind's narrowing (see the module docstring) of checks of class ``Check``; any other
    part may be missing."""

    Check: type
    document_patterns: Patterns | None = None
    block_patterns: Patterns | None = None
    narrow: Narrow | None = None
    narrow_all: NarrowAll | None = None


@cache
def hook_for(kind: str) -> Hook | None:
    """The narrowing hook of a built-in check kind, if it has one."""
    if kind not in HOOKED:
        return None
    module = importlib.import_module(f"{__name__}.{kind}")
    parts: dict[str, Any] = {
        name: getattr(module, name, None) for name in Hook.__dataclass_fields__
    }
    return Hook(**parts)


def _hook(rule: Rule) -> Hook | None:
    """The hook for ``rule``: its kind's, if its check is of that kind's class."""
    hook = hook_for(rule.kind)
    return hook if hook is not None and isinstance(rule.check, hook.Check) else None


def plan(doc: Document, rules: tuple[Rule, ...]) -> Iterator[tuple[Rule, list[Block]]]:
    """Each rule that may report in ``doc``, with the blocks it must read, in order."""
    known = _RuleSet.of(rules)
    prefilter = known.prefilter()
    scan = prefilter.scan(doc.text, locate=known.long_run) if prefilter else None
    together: dict[int, list[Block]] = {}  # rule index -> its blocks, from a narrow_all hook
    for index, (rule, hook) in enumerate(zip(rules, known.hooks, strict=True)):
        if scan is not None and index not in scan.possible:
            continue
        blocks = doc.blocks_of(rule.scope)
        if scan is not None:
            blocks = scan.narrow(index, blocks)
        if hook is None:
            pass
        elif hook.narrow_all is not None:
            if index not in together:
                together.update(known.narrow_all(hook.narrow_all, doc, rule.kind))
            blocks = together[index]
        elif hook.narrow is not None and blocks:
            blocks = hook.narrow(rule.check, doc, blocks)
        yield rule, blocks


class _RuleSet:
    """What narrowing keeps for a rule set: its rules' hooks, the documents linted with it and
    its prefilter (from the user's cache at once, else compiled once ``PREFILTER_AFTER``
    documents were linted with it; none before, or without ``hyperscan``)."""

    _known: dict[tuple[int, ...], _RuleSet] = {}  # by the ids of the rules (kept alive)

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.hooks = [_hook(rule) for rule in rules]
        self.documents = 0
        self._prefilter: Prefilter | None = None

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> _RuleSet:
        key = tuple(map(id, rules))
        known = cls._known.get(key)
        if known is None:
            if len(cls._known) >= 8:
                cls._known.clear()
            known = cls._known[key] = cls(rules)
        known.documents += 1
        return known

    @property
    def long_run(self) -> bool:
        """Whether enough documents were linted with the rules to locate matches in blocks."""
        return self.documents > PREFILTER_AFTER

    def prefilter(self) -> Prefilter | None:
        if self._prefilter is None and self.documents in (1, PREFILTER_AFTER + 1):
            from newslint.accel.prefilter import Prefilter

            found = Prefilter(
                [self._spec(i) for i in range(len(self.rules))], compile=self.long_run
            )
            self._prefilter = found if found.ready else None
        return self._prefilter

    def _spec(self, index: int) -> Spec:
        from newslint.accel.prefilter import Spec

        rule, hook = self.rules[index], self.hooks[index]
        if hook is None or hook.document_patterns is None:
            return Spec(None)
        blocks = hook.block_patterns(rule.check) if hook.block_patterns else None
        return Spec(hook.document_patterns(rule.check), blocks)

    def narrow_all(self, narrow_all: NarrowAll, doc: Document, kind: str) -> dict[int, list[Block]]:
        """The blocks of each rule of ``kind`` (by index), narrowed by the kind's hook at once."""
        members = [i for i, rule in enumerate(self.rules) if rule.kind == kind]
        checks = [self.rules[i].check for i in members]
        scopes = [doc.blocks_of(self.rules[i].scope) for i in members]
        return dict(zip(members, narrow_all(checks, doc, scopes), strict=True))
