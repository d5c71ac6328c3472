"""Lint one file as Vale does: its format, the rules its sections enable, its blocks, alerts.

Positions are exact: every block keeps the source offset of each of its characters, so an alert
is placed where its match is, not where a search for its text lands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from newslint.core.lines import newline_starts
from newslint.vale import placement
from newslint.vale.config import LEVELS, ValeConfig
from newslint.vale.manager import Manager
from newslint.vale.markup import WalkOptions, html_tokens, markdown_tokens, walk
from newslint.vale.nlp import sentences
from newslint.vale.prefilter import DocumentScan, RuleFilter, sentence_invariant
from newslint.vale.rules import Action, FileState, Hit, Rule
from newslint.vale.view import Span

FORMATS = (
    (r"\.(?:[rc]?py[3w]?|[Ss][Cc]onstruct)$", ".py", "code"),
    (r"\.(?:adoc|asciidoc|asc)$", ".adoc", "markup"),
    (r"\.(?:clj|cljs|cljc|cljd)$", ".clj", "code"),
    (r"\.(?:cpp|cc|c|cp|cxx|c\+\+|h|hpp|h\+\+)$", ".cpp", "code"),
    (r"\.(?:css)$", ".css", "code"),
    (r"\.(?:cs|csx)$", ".c", "code"),
    (r"\.(?:dita)$", ".dita", "markup"),
    (r"\.(?:go)$", ".go", "code"),
    (r"\.(?:hs)$", ".hs", "code"),
    (r"\.(?:html|htm|shtml|xhtml)$", ".html", "markup"),
    (r"\.(?:java|bsh)$", ".java", "code"),
    (r"\.(?:jl)$", ".jl", "code"),
    (r"\.(?:js|jsx)$", ".js", "code"),
    (r"\.(?:lua)$", ".lua", "code"),
    (r"\.(?:md|mdown|markdown|markdn)$", ".md", "markup"),
    (r"\.(?:mdx)$", ".mdx", "markup"),
    (r"\.(?:org)$", ".org", "markup"),
    (r"\.(?:php)$", ".php", "code"),
    (r"\.(?:pl|pm|pod)$", ".r", "code"),
    (r"\.(?:proto)$", ".proto", "code"),
    (r"\.(?:ps1|psm1|psd1)$", ".ps1", "code"),
    (r"\.(?:rb|Gemfile|Rakefile|Brewfile|gemspec)$", ".rb", "code"),
    (r"\.(?:rs)$", ".rs", "code"),
    (r"\.(?:rst|rest)$", ".rst", "markup"),
    (r"\.(?:r|R)$", ".r", "code"),
    (r"\.(?:sass|less)$", ".c", "code"),
    (r"\.(?:scala|sbt)$", ".c", "code"),
    (r"\.(?:swift)$", ".c", "code"),
    (r"\.(?:ts|tsx)$", ".ts", "code"),
    (r"\.(?:txt)$", ".txt", "text"),
    (r"\.(?:xml|xsd)$", ".xml", "markup"),
    (r"\.(?:yaml|yml)$", ".yml", "data"),
    (r"\.(?:json)$", ".json", "data"),
    (r"\.(?:toml)$", ".toml", "data"),
)
SUPPORTED_MARKUP = (".md", ".html")
NO_SCAN = DocumentScan.__new__(DocumentScan)  # marks "no prefilter: every rule, every block"
_FRONT_MATTER = re.compile(r"^(?:---|\+\+\+)\n(.+?)\n(?:---|\+\+\+)", re.S)
_MATH = re.compile(r"^ {0,3}\$\$[^\n]*\n(?:.*?\n)? {0,3}\$\$[ \t]*$", re.M | re.S)


def _format(ext: str) -> tuple[str, str] | None:
    for pattern, normed, kind in FORMATS:
        if re.search(pattern, ext):
            return normed, kind
    return None


def format_from_ext(path: str, mapping: dict[str, str]) -> tuple[str, str]:
    """Vale's ``FormatFromExt``: the normalised extension and the format of a path."""
    name = PurePath(path).name
    base = name[1:] if name.startswith(".") and name.count(".") == 1 else PurePath(path).suffix
    base = base.lstrip(".")
    found = _format("." + base)
    kind = found[1] if found else ""
    if base in mapping:
        target = _format("." + mapping[base])
        if kind == "code" and target and target[1] == "markup":
            return "." + mapping[base], "fragment"
        if kind == "data" and target and target[1] == "markup":
            return "." + mapping[base], "data"
        base = mapping[base]
    found = _format("." + base)
    return found if found else ("unknown", "unknown")


def sanitize(text: str) -> str:
    """Vale's ``Sanitize``: ``&rsquo;`` as an apostrophe, CRLF and CR as LF."""
    return text.replace("&rsquo;", "'").replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Alert:
    check: str
    severity: str
    message: str
    match: str
    start: int  # offsets in the sanitised text
    end: int
    line: int
    column: int  # 1-based, code points
    end_column: int
    action: Action = field(default_factory=Action)
    link: str = ""
    description: str = ""
    exact: bool = True  # the source holds the match as written (no markup inside it)


@dataclass
class FileResult:
    path: str
    text: str  # sanitised text the offsets refer to
    alerts: list[Alert] = field(default_factory=list)
    skipped: str = ""  # why the file was not linted (a format newslint does not lint)


@dataclass
class Prepared:
    """A file ready for the rules: its sanitised text, blocks, and what its sections enable."""

    path: str
    text: str
    units: list[Unit] = field(default_factory=list)
    state: FileState = field(default_factory=FileState)
    styles: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=lambda: [0])
    skipped: str = ""
    scan: DocumentScan | None = None  # which rules may match where (prefilter.py); None: not yet


class Unit:
    """One block prepared for the rules: its scope (with the file extension) and span."""

    __slots__ = ("scope", "span", "comments", "summary")

    def __init__(self, scope: str, span: Span, comments: dict[str, bool]) -> None:
        self.scope = scope
        self.span = span
        self.comments = comments


class Linter:
    """Lints files with one configuration and its rules."""

    def __init__(
        self, config: ValeConfig, manager: Manager | None = None, vale_placement: bool = False
    ) -> None:
        self.config = config
        self.vale_placement = vale_placement  # report where Vale would (see placement.py)
        self.manager = manager or Manager(config)
        self.rules = sorted(self.manager.rules.items())
        self.sentences = "sentence" in self.manager.scopes
        self.paragraphs = "paragraph" in self.manager.scopes
        self.walk_options = WalkOptions(
            skipped_scopes=tuple(config.skipped_scopes) or WalkOptions.skipped_scopes,
            ignored_scopes=tuple(config.ignored_scopes) or WalkOptions.ignored_scopes,
            ignored_classes=tuple(config.ignored_classes),
        )
        self._scope_memo: dict[tuple[int, str], bool] = {}
        self.rule_filter = RuleFilter(self.rules)
        # rules whose alerts in a sentence are those in its paragraph (see prefilter.py)
        self.paragraph_only = {name for name, rule in self.rules if sentence_invariant(rule)}

    # -- which rules run where ------------------------------------------------------------------
    def _runs_in_file(self, name: str, rule: Rule, prepared: Prepared) -> bool:
        """Vale's ``shouldRun`` less what depends on the block: the rule's level, and whether
        the file's sections (or the global ones) switch it on or name its style."""
        if name.count(".") > 1:
            name = ".".join(name.split(".")[:2])
        if LEVELS[rule.level] < self.config.min_alert_level:
            return False
        if name in prepared.checks:
            return prepared.checks[name]
        if name in self.config.global_checks:
            return self.config.global_checks[name]
        return name.split(".")[0] in prepared.styles

    def _runs_in_unit(self, name: str, rule: Rule, unit: Unit) -> bool:
        """The rest of ``shouldRun``: the block's scope and the in-text comments."""
        key = (id(rule), unit.scope)
        matches = self._scope_memo.get(key)
        if matches is None:
            matches = self._scope_memo[key] = rule.scope.matches(unit.scope)
        if not matches:
            return False
        if unit.comments:
            base = ".".join(name.split(".")[:2]) if name.count(".") > 1 else name
            return not _query(unit.comments, base)
        return True

    # -- a file ---------------------------------------------------------------------------------
    def lint(self, path: str, content: str, ext_override: str | None = None) -> FileResult:
        """Every alert of every rule in one file, in (line, column) order."""
        prepared = self.prepare(path, content, ext_override)
        result = FileResult(path, prepared.text, skipped=prepared.skipped)
        for name, rule in self.rules:
            result.alerts.extend(self.run_rule(prepared, name, rule))
        result.alerts.sort(key=lambda a: (a.line, a.column, a.check))
        return result

    def prepare(self, path: str, content: str, ext_override: str | None = None) -> Prepared:
        """The blocks of a file (its format read from ``ext_override`` or its path), and the
        sections that apply to it."""
        source = "file" + ext_override if ext_override else path
        normed, kind = format_from_ext(source, self.config.formats)
        real_ext = PurePath(path).suffix
        text = sanitize(content)
        prepared = Prepared(
            path,
            text,
            styles=self.config.base_styles_for(path),
            checks=self.config.checks_for(path),
        )
        if not prepared.checks and not prepared.styles and not self.config.has_global_rules():
            return prepared
        simple = self.config.flags.ignore_syntax
        final_comments: dict[str, bool] = {}
        whole = Span(text, list(range(len(text))))
        if kind == "markup" and not simple:
            if normed not in SUPPORTED_MARKUP:
                prepared.skipped = f"{normed[1:]} files"
                return prepared
            prepared.units, final_comments = self._markup_units(
                text, normed, real_ext, prepared.styles, prepared.state
            )
        elif kind in ("code", "fragment") and not simple:
            prepared.skipped = "source code (Vale lints its comments)"
            return prepared
        elif normed == ".txt" and not simple:
            prepared.units = self._prose(whole, "text" + real_ext, {})
        else:
            prepared.units = [Unit("text" + real_ext, whole, {})]
        raw_comments = {"off": True} if final_comments.get("off") else {}
        prepared.units.append(Unit("raw" + real_ext, whole, raw_comments))
        prepared.line_starts = newline_starts(text)
        return prepared

    def run_rule(self, prepared: Prepared, name: str, rule: Rule) -> list[Alert]:
        """The alerts of one rule in a prepared file (Vale's de-duplication and ``limit``)."""
        alerts: list[Alert] = []
        seen: set[tuple[int, int]] = set()
        if not prepared.units or not self._runs_in_file(name, rule, prepared):
            return alerts
        for unit in self._units_for(prepared, name, rule):
            for hit in rule.run(unit.span.text, prepared.state):
                if unit.comments and _query(unit.comments, f"{name}[{hit.match}]"):
                    continue
                alert = self._alert(prepared, name, rule, unit, hit)
                if alert is None:
                    continue
                if (alert.line, alert.column) in seen or (rule.limit and len(alerts) >= rule.limit):
                    continue
                seen.add((alert.line, alert.column))
                alerts.append(alert)
        return alerts

    def _units_for(self, prepared: Prepared, name: str, rule: Rule) -> Iterator[Unit]:
        """The blocks of the file the rule runs in, less those the prefilter rules out."""
        if prepared.scan is None:
            found = self.rule_filter.scan([u.span.text for u in prepared.units])
            prepared.scan = NO_SCAN if found is None else found
        indexes: Iterable[int] = range(len(prepared.units))
        if prepared.scan is not NO_SCAN:
            if name not in prepared.scan.possible:
                return
            indexes = prepared.scan.blocks(name)
        skip_sentences = name in self.paragraph_only
        for index in indexes:
            unit = prepared.units[index]
            if skip_sentences and unit.scope.startswith("sentence."):
                continue
            if self._runs_in_unit(name, rule, unit):
                yield unit

    def _alert(
        self, prepared: Prepared, name: str, rule: Rule, unit: Unit, hit: Hit
    ) -> Alert | None:
        """The alert of one hit, where its match is (or where Vale would put it: None where
        Vale's search finds no place)."""
        text, starts = prepared.text, prepared.line_starts
        if hit.whole_document:
            start = end = 0
        else:
            start, end = unit.span.source_span(hit.start, hit.end)
        line, column = _position(starts, start)
        if self.vale_placement and not hit.whole_document:
            placed = self._vale_place(text, starts, unit, hit, start, end)
            if placed is None:
                return None
            line, column = placed
        _, end_column = _position(starts, max(end - 1, start))
        return Alert(
            check=name,
            severity=rule.level,
            message=hit.message,
            match=hit.match,
            start=start,
            end=end,
            line=line,
            column=column,
            end_column=end_column,
            action=hit.action,
            link=rule.link,
            description=hit.description,
            exact=hit.whole_document or text[start:end] == hit.match,
        )

    def _vale_place(
        self, text: str, starts: list[int], unit: Unit, hit: Hit, start: int, end: int
    ) -> tuple[int, int] | None:
        if text[start:end] != hit.match:
            return placement.guess(text, starts, unit.span.text, hit.match)
        exact = _position(starts, start)
        parts = unit.scope.split(".")
        if parts[0] in placement.LOOKED_UP[1:] or len(parts) <= 2 or not unit.span.offsets:
            return exact
        first, _ = _position(starts, unit.span.offsets[0])
        last, _ = _position(starts, unit.span.offsets[-1])
        return placement.on_last_line(text, starts, first, last, hit.match) or exact

    def _prose(self, span: Span, scope: str, comments: dict[str, bool]) -> list[Unit]:
        """A paragraph and, where rules ask for them, its paragraphs and sentences."""
        units = []
        if self.paragraphs:
            start = 0
            text = span.text
            while start < len(text):
                cut = text.find("\n\n", start)
                end = len(text) if cut == -1 else cut + 2
                units.append(Unit("paragraph." + scope, span.slice(start, end), comments))
                start = end
        if self.sentences:
            for start, end in sentences(span.text):
                units.append(Unit("sentence." + scope, span.slice(start, end), comments))
        units.append(Unit(scope, span, comments))
        return units

    def _markup_units(
        self, text: str, normed: str, real_ext: str, styles: list[str], state: FileState
    ) -> tuple[list[Unit], dict[str, bool]]:
        units: list[Unit] = []
        parsed = text
        if normed == ".md":
            front = _FRONT_MATTER.match(text)
            if front:
                units.extend(self._front_matter(text, front, real_ext))
                parsed = _blank(parsed, 0, front.end())
            for match in _MATH.finditer(parsed):
                parsed = _blank(parsed, match.start(), match.end(), keep="$")
            parsed = self._ignore_patterns(parsed, normed, real_ext)
            tokens = markdown_tokens(parsed)
        else:
            tokens = list(html_tokens(Span(text, list(range(len(text))))))
        blocks = walk(tokens, self.walk_options, styles)
        summary = Span()
        final: dict[str, bool] = {}
        for block in blocks:
            final = block.comments
            scope = block.scope + real_ext
            if block.scope not in ("text", "text.attr.alt"):
                key = block.scope.removeprefix("text.")
                state.metrics[key] = state.metrics.get(key, 0) + 1
            if block.prose or block.scope in ("text.list", "text.blockquote"):
                summary.add(block.span.text, block.span.offsets)
                at = block.span.offsets[-1] if block.span.offsets else 0
                summary.add_synthetic("\n\n", at)
            if block.prose:
                units.extend(self._prose(block.span, scope, block.comments))
            else:
                units.append(Unit(scope, block.span, block.comments))
        state.summary = summary.text
        final = {"off": True} if final.get("off") else {}
        units.append(Unit("summary" + real_ext, summary, final))
        return units, final

    def _front_matter(self, text: str, front: re.Match[str], real_ext: str) -> list[Unit]:
        import yaml

        try:
            data = yaml.safe_load(front.group(1)) if text.startswith("---") else None
        except yaml.YAMLError:
            data = None
        if data is None and text.startswith("+++"):
            try:
                import tomllib

                data = tomllib.loads(front.group(1))
            except Exception:
                data = None
        if not isinstance(data, dict):
            return []
        units = []
        body = front.group(1)
        for key, value in data.items():
            if not isinstance(value, str) or not value.strip():
                continue
            span = _locate_value(body, front.start(1), value)
            if span is not None:
                units.append(Unit(f"text.frontmatter.{key}{real_ext}", span, {}))
        return units

    def _ignore_patterns(self, text: str, normed: str, real_ext: str) -> str:
        """TokenIgnores and BlockIgnores, as same-length masks in the text the parser reads."""
        from newslint.core.patterns import Pattern

        for source in self.config.ignores_for(self.config.block_ignores, normed, real_ext):
            pattern = Pattern(source)
            for match in list(pattern.finditer(text)):
                text = _blank(text, match.start(), match.end())
        for source in self.config.ignores_for(self.config.token_ignores, normed, real_ext):
            pattern = Pattern(source)
            for match in list(pattern.finditer(text)):
                start, end = match.span(1) if pattern.groups else match.span()
                if end - start >= 2 and "\n" not in text[start:end]:
                    text = text[:start] + "`" + "x" * (end - start - 2) + "`" + text[end:]
        return text


def _locate_value(body: str, base: int, value: str) -> Span | None:
    """A front matter value with the offset of each character in the source: each of its
    lines is found in turn in the front matter (YAML drops indentation and quotes)."""
    lines = value.split("\n")
    first = body.find(lines[0]) if lines[0] else -1
    if first == -1:
        return None
    span = Span()
    pos = first
    for index, line in enumerate(lines):
        found = body.find(line, pos) if line else -1
        at = found if found != -1 else pos
        span.add_source(line, base + at)
        pos = at + len(line)
        if index + 1 < len(lines):
            span.add_synthetic("\n", base + min(pos, len(body)))
    return span


def _blank(text: str, start: int, end: int, keep: str = "") -> str:
    """``text`` with ``[start, end)`` blanked (line breaks kept): the parser sees no text there."""
    middle = "".join(c if c == "\n" else " " for c in text[start:end])
    return text[:start] + middle + text[end:]


def _query(comments: dict[str, bool], check: str) -> bool:
    """Vale's ``QueryComments``: off, or the rule's style or the rule switched off."""
    if comments.get("off"):
        return True
    style = check.split(".", 1)[0] if "." in check else None
    if style and comments.get(style):
        return True
    return comments.get(check, False)


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
