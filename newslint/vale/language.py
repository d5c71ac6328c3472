"""The language-aware rule types: capitalization, metric, readability (spelling: ``spelling``).

Title and sentence case follow Vale's converters (twine's ``strcase``): words are compared one by
one with the text converted to the case, and the text passes when at least ``threshold`` (0.8)
of them agree. AP style keeps "to" lower case like the other small words (Vale asks a
part-of-speech tagger whether a noun follows, which newslint does not have).
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from typing import Any

from newslint.core.patterns import Pattern
from newslint.vale.errors import ValeError
from newslint.vale.messages import format_message
from newslint.vale.nlp import Statistics
from newslint.vale.rules import (
    Context,
    FileState,
    Hit,
    Rule,
    _strings,
    compile_vale,
    is_match,
)

_SMALL_WORDS = "a an and as at but by en for if in nor of on or per the to vs vs. via v v."
SMALL_WORDS = frozenset(_SMALL_WORDS.split())
_PREPOSITIONS = (
    "with from into during including until against among throughout despite towards upon "
    "concerning about over through before between after since without under within along "
    "following across beyond around down near above"
)
PREPOSITIONS = frozenset(_PREPOSITIONS.split())
_SPLIT = re.compile(r"[^\W_]+[^\s\-/]*")  # Go: [\p{N}\p{L}]+[^\s-/]*
_WORDS = r"[\p{N}\p{L}*]+[^\s]*"
_NUMBERED = re.compile(r"\d+\.")
_TITLE_SANITIZE = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"}
)


def _to_title(word: str, strict: bool) -> str:
    rest = word[1:].lower() if strict else word[1:]
    return word[:1].title() + rest


def _go_title(text: str) -> str:
    """Go's deprecated ``strings.Title``: each letter after a non-letter upper-cased."""
    out = []
    previous = " "
    for char in text:
        out.append(
            char.title()
            if not (previous.isalpha() or previous.isdigit() or previous == "_" or previous == "'")
            else char
        )
        previous = char
    return "".join(out)


def _in_vocab(vocab: list[str], word: str, fold: Callable[[str, str], bool]) -> str:
    for token in vocab:
        if fold(token, word):
            return token
        try:
            if Pattern(token).search(word):
                return word
        except ValueError:
            continue
    return ""


def _split_prefix(pattern: str, text: str) -> tuple[str, str]:
    """The part of ``text`` that ``prefix`` (a rule key) matches, kept as it is, and the rest."""
    found = re.search(pattern, text) if pattern else None
    if found is None:
        return "", text
    prefix = found.group()
    return prefix, text[len(prefix) :] if text.startswith(prefix) else text


class TitleCase:
    def __init__(self, vocab: list[str], prefix: str, chicago: bool) -> None:
        self.vocab = sorted(vocab, key=len, reverse=True)
        self.prefix = prefix
        self.small = SMALL_WORDS | (PREPOSITIONS if chicago else frozenset())

    def convert(self, text: str) -> str:
        prefix, text = _split_prefix(self.prefix, text)
        sanitized = text.translate(_TITLE_SANITIZE)
        end = len(sanitized)
        out: list[str] = []
        last = 0
        index = 0
        for match in _SPLIT.finditer(text):
            out.append(text[last : match.start()])
            last = match.end()
            word = match.group()
            lower = word.lower()
            found = sanitized.find(word, index)
            pos = found if found != -1 else match.start()
            size = len(word)
            index = pos + size

            def at(i: int) -> str:
                return sanitized[i] if 0 <= i < len(sanitized) else sanitized[:1]

            vocab = _in_vocab(self.vocab, word, lambda a, b: a.lower() == b.lower())
            if vocab:
                out.append(vocab)
            elif (
                lower in self.small
                and not (pos == 0 or index == end)
                and at(pos - 1) in " -/"
                and at(pos - 2) not in ":-"
                and (at(pos + size) != "-" or at(pos - 1) == "-")
            ):
                out.append(lower)
            else:
                out.append(_to_title(word, False))
        out.append(text[last:])
        return prefix + "".join(out)


class SentenceCase:
    def __init__(self, vocab: list[str], prefix: str, indicators: list[str]) -> None:
        self.vocab = sorted(vocab, key=len, reverse=True)
        self.prefix = prefix
        self.indicators = indicators
        words = _WORDS
        if self.vocab:
            words = r"\b(?:" + "|".join(self.vocab) + r")\b|" + words
        self.tokens = Pattern("(?i)" + words)

    def indicator(self, word: str, index: int) -> bool:
        if any(len(word) > len(s) and word.endswith(s) for s in self.indicators):
            return True
        return index == 0 and _NUMBERED.search(word) is not None

    def convert(self, text: str) -> str:
        prefix, text = _split_prefix(self.prefix, text)
        tokens = [m.group() for m in self.tokens.finditer(text)]
        made = []
        for i, token in enumerate(tokens):
            previous = tokens[i - 1] if i else ""
            entry = _in_vocab(self.vocab, token, lambda a, b: a.lower() == b.lower())
            if entry:
                made.append(entry)
            elif i == 0 or self.indicator(previous, i - 1):
                made.append(_to_title(token, True))
            else:
                made.append(token.lower())
        return prefix + " ".join(made)


class Capitalization(Rule):
    extends = "capitalization"
    own_keys = frozenset(
        {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
    )

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        super().__init__(data, ctx)
        self.match = str(data.get("match") or "")
        words = self.use_exceptions(ctx)
        self.threshold = float(data.get("threshold") or 0) or 0.8
        prefix = str(data.get("prefix") or "")
        words_re = _WORDS
        if self.except_re is not None:
            words_re = self.except_re.source + "|" + words_re
        self.words = Pattern(words_re)
        self.check: Callable[[str], tuple[str, bool]]
        if self.match == "$title":
            converter = TitleCase(words, prefix, str(data.get("style") or "") == "Chicago")
            self.check = lambda s: self._title(s, converter)
        elif self.match == "$sentence":
            indicators = _strings(data.get("indicators"))
            sentence = SentenceCase(words, prefix, indicators)
            self.check = lambda s: self._sentence(s, sentence)
        elif self.match in ("$lower", "$upper"):
            change = str.lower if self.match == "$lower" else str.upper
            self.check = lambda s: (change(s), s == change(s) or is_match(self.except_re, s))
        else:
            pattern = compile_vale(self.match, self.path)
            self.check = lambda s: (
                self.match,
                pattern.search(s) is not None or is_match(self.except_re, s),
            )

    def _title(self, text: str, converter: TitleCase) -> tuple[str, bool]:
        return self._agrees(text, converter.convert(text), title=True)

    def _sentence(self, text: str, converter: SentenceCase) -> tuple[str, bool]:
        return self._agrees(text, converter.convert(text), title=False)

    def _agrees(self, text: str, expected: str, *, title: bool) -> tuple[str, bool]:
        """Whether ``text`` agrees with ``expected`` (its converted case) in enough words: a
        word counts if it is the same, an exception, or (title case) all capitals; a sentence
        whose first word is not capitalised fails at once."""
        expected_words = [m.group() for m in self.words.finditer(expected)]
        count = words = 0.0
        for i, word in enumerate(m.group() for m in self.words.finditer(text)):
            same = i >= len(expected_words) or word == expected_words[i]
            if same or (title and word == word.upper()) or is_match(self.except_re, word):
                count += 1
            elif not title and i == 0 and word != _go_title(word.lower()):
                return expected, False
            words += 1
        return expected, words == 0 or count / words >= self.threshold

    def run(self, text: str, state: FileState) -> list[Hit]:
        expected, matched = self.check(text)
        if matched:
            return []
        hit = self.hit(text, 0, len(text))
        hit.message = format_message(self.message, text, expected)
        hit.description = format_message(self.description, text, expected)
        replace = hit.action.name == "replace" and not hit.action.params
        if replace and self.match in ("$title", "$sentence"):
            hit.action = type(hit.action)("replace", [expected])
        return [hit]


# -- metric and readability ----------------------------------------------------------------------

METRIC_VARIABLES = (
    "pre",
    "list",
    "blockquote",
    "heading_h1",
    "heading_h2",
    "heading_h3",
    "heading_h4",
    "heading_h5",
    "heading_h6",
)
_OPERATORS: dict[type[ast.AST], Callable[..., float | bool]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else (math.inf if a > 0 else -math.inf if a < 0 else math.nan),
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


def evaluate(expression: str, variables: dict[str, float]) -> float | bool:
    """An arithmetic expression of Vale's metric formulas (Tengo with ``math``): numbers,
    variables, + - * / % and comparisons, ``math.sqrt`` and the other ``math`` functions."""
    tree = ast.parse(expression.strip().replace("&&", " and ").replace("||", " or "), mode="eval")
    return _eval(tree.body, variables)


def _eval(node: ast.AST, variables: dict[str, float]) -> float | bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        return _variable(node.id, variables)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_eval(node.left, variables), _eval(node.right, variables))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_eval(node.operand, variables))
    if isinstance(node, ast.BoolOp):
        values = [_eval(v, variables) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare):
        return _compare(node, variables)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "math"
        and hasattr(math, node.func.attr)
    ):
        return float(getattr(math, node.func.attr)(*(_eval(a, variables) for a in node.args)))
    raise ValueError(f"unsupported expression: {ast.unparse(node)}")


def _variable(name: str, variables: dict[str, float]) -> float:
    if name not in variables:
        raise ValueError(f"unresolved reference '{name}'")
    return variables[name]


def _compare(node: ast.Compare, variables: dict[str, float]) -> bool:
    """A chain of comparisons (``a < b <= c``), each side evaluated once, left to right."""
    left = _eval(node.left, variables)
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        right = _eval(right_node, variables)
        if type(op) not in _OPERATORS or not _OPERATORS[type(op)](left, right):
            return False
        left = right
    return True


def summary_variables(state: FileState) -> dict[str, float]:
    """The variables of a metric formula (Vale's ``ComputeMetrics``); empty with no words."""
    stats = Statistics.of(state.summary)
    if stats.words == 0:
        return {}
    variables = {
        key.replace(".", "_"): float(value)
        for key, value in state.metrics.items()
        if not key.startswith("table")
    }
    variables.update(
        complex_words=stats.complex_words,
        long_words=stats.long_words,
        paragraphs=stats.paragraphs - 1,
        sentences=stats.sentences,
        characters=stats.characters,
        words=stats.words,
        polysyllabic_words=stats.polysyllabic_words,
        syllables=stats.syllables,
    )
    for name in METRIC_VARIABLES:
        variables.setdefault(name, 0.0)
    return variables


class Metric(Rule):
    extends = "metric"
    own_keys = frozenset({"formula", "condition"})

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        data = dict(data, scope=["summary"])
        super().__init__(data, ctx)
        formula = str(data.get("formula") or "")
        self.formula = re.sub(r"heading\.(h[1-6])", r"heading_\1", formula)
        self.condition = str(data.get("condition") or "")

    def run(self, text: str, state: FileState) -> list[Hit]:
        variables = summary_variables(state)
        if not variables:
            return []
        try:
            result = evaluate(self.formula, variables)
            if not isinstance(result, float) or math.isnan(result) or math.isinf(result):
                return []
            passed = evaluate(f"{result:f} {self.condition}", variables)
        except (ValueError, SyntaxError, ZeroDivisionError, OverflowError, TypeError) as exc:
            raise ValeError("metric", f"{self.path}: {exc}", code="E201", path=self.path) from None
        if passed is not True:
            return []
        message = format_message(self.message, f"{result:.2f}")
        return [Hit(0, 0, message, "", self.action, self.description, whole_document=True)]


_READABILITY: dict[str, Callable[[Statistics], float]] = {
    "SMOG": lambda d: 1.0430 * math.sqrt(d.polysyllabic_words * 30.0 / d.sentences) + 3.1291,
    "Gunning Fog": lambda d: 0.4 * (d.words / d.sentences + 100.0 * d.complex_words / d.words),
    "Coleman-Liau": lambda d: (
        0.0588 * (d.characters / d.words) * 100 - 0.296 * (d.sentences / d.words) * 100 - 15.8
    ),
    "Flesch-Kincaid": lambda d: 0.39 * d.words / d.sentences + 11.8 * d.syllables / d.words - 15.59,
    "Automated Readability": lambda d: (
        4.71 * (d.characters / d.words) + 0.5 * (d.words / d.sentences) - 21.43
    ),
}


class Readability(Rule):
    extends = "readability"
    own_keys = frozenset({"metrics", "grade"})

    def __init__(self, data: dict[str, Any], ctx: Context) -> None:
        metrics = _strings(data.get("metrics"))
        if metrics and all(m in _READABILITY for m in metrics):
            data = dict(data, scope=["summary"])
        super().__init__(data, ctx)
        self.metrics = metrics
        self.grade = float(data.get("grade") or 0)

    def run(self, text: str, state: FileState) -> list[Hit]:
        stats = Statistics.of(text)
        if not self.metrics or stats.words == 0 or stats.sentences == 0:
            return []
        grade = sum(_READABILITY[m](stats) for m in self.metrics if m in _READABILITY)
        grade /= len(self.metrics)
        if grade <= self.grade:
            return []
        message = format_message(self.message, f"{grade:.2f}")
        return [Hit(0, 0, message, "", self.action, self.description, whole_document=True)]


def build(extends: str, data: dict[str, Any], ctx: Context) -> Rule:
    if extends == "spelling":
        from newslint.vale.spelling import Spelling

        return Spelling(data, ctx)
    kinds: dict[str, type[Rule]] = {
        "capitalization": Capitalization,
        "metric": Metric,
        "readability": Readability,
    }
    return kinds[extends](data, ctx)
