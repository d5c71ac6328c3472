"""The blocks Vale lints in a Markdown file, each with its scope and exact source offsets.

Vale renders Markdown to HTML (goldmark) and walks the HTML tokens: text accumulates until a
block-level end tag, and the tags seen since the previous one name the scope (``li`` a list,
``h2`` a heading, ``th`` a table header, none a paragraph: ``text``). Here the same walk runs over
the events of a CommonMark parser, pulldown-cmark (through ``pyromark``), which gives every piece
of text its byte range in the source, so positions are exact instead of searched for. Raw HTML in
the Markdown is tokenised and walked like the rest, as it is in Vale.

The walk keeps Vale's rules: text tokens are trimmed; inline elements (``strong``, ``a``,
``code``, ...) are preceded by a space unless they start with punctuation; code spans, ``kbd``
and ``tt`` (``IgnoredScopes``) become ``*`` characters; ``pre``, ``script``, ``style``,
``figure``, ``noscript`` and ``iframe`` (``SkippedScopes``) are left out; image ``alt`` text is
a block of scope ``text.attr.alt``; ``<!-- vale ... -->`` comments switch rules on and off.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.vale.view import Span, decoded_offsets

if TYPE_CHECKING:
    # pyromark types its events; the payloads of start and end events are named privately
    from pyromark.event import Event, Range
    from pyromark.event import _Tag as StartTag
    from pyromark.event import _TagEnd as EndTag

_INLINE_TAGS = "b big i small abbr acronym cite dfn em kbd strong a br img span sub sup code tt del"
INLINE_TAGS = frozenset(_INLINE_TAGS.split())
TAG_SCOPES = {
    "th": "text.table.header",
    "td": "text.table.cell",
    "caption": "text.table.caption",
    "li": "text.list",
    "blockquote": "text.blockquote",
    "figcaption": "text.figure.caption",
}
SKIP_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")
SKIP_CLASSES = ("problematic", "pre", "code")
IGNORED_SCOPES = ("tt", "code", "kbd")
_HEADING = re.compile(r"h\d")
_PUNCT = frozenset(".?!,:;)]}—–")
_TIGHT = frozenset("([{—–")
_VOID_TAGS = "area base br col embed hr img input link meta param source track wbr"
_VOID = frozenset(_VOID_TAGS.split())
_HTML = re.compile(
    r"<!--(?P<comment>.*?)-->"
    r"|<(?P<end>/)?(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


@dataclass
class Token:
    kind: str  # "start", "end", "text" or "comment"
    tag: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    span: Span = field(default_factory=Span)
    at: int = 0  # where a tag starts in the source


@dataclass
class Block:
    """Text Vale lints as one unit: its scope (without the file extension) and its span."""

    scope: str
    span: Span
    comments: dict[str, bool]
    prose: bool = False  # a paragraph: also split into sentences for `sentence` rules


# -- Markdown events -> HTML-like tokens --------------------------------------------------------


class _Offsets:
    """UTF-8 byte offsets -> code-point offsets of one source text."""

    def __init__(self, text: str) -> None:
        self.ascii = text.isascii()
        if not self.ascii:
            # byte offset of each non-ASCII character and the extra bytes before the next one
            self.bytes_at: list[int] = []
            self.extra: list[int] = []
            extra = 0
            for match in _NON_ASCII.finditer(text):
                self.bytes_at.append(match.start() + extra)
                extra += len(match.group().encode("utf-8")) - 1
                self.extra.append(extra)

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return byte
        index = bisect.bisect_right(self.bytes_at, byte - 1) - 1
        return byte - (self.extra[index] if index >= 0 else 0)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _name(value: StartTag | EndTag) -> str:
    return value if isinstance(value, str) else next(iter(value))


def markdown_tokens(source: str) -> list[Token]:
    """HTML-like tokens of a Markdown text, as goldmark would render it, with source offsets."""
    try:
        import pyromark
    except ImportError:
        from newslint.vale.errors import ValeError

        raise ValeError(
            "markdown", "Markdown files need pyromark: pip install 'newslint[vale]'"
        ) from None
    opts = pyromark.Options
    options = (
        opts.ENABLE_TABLES | opts.ENABLE_FOOTNOTES | opts.ENABLE_STRIKETHROUGH
    ) | opts.ENABLE_TASKLISTS
    renderer = _Renderer(source)
    for event, rng in pyromark.events_with_range(source, options=options):
        renderer.feed(event, rng)
    return renderer.tokens


class _Renderer:
    """pulldown-cmark events -> the tokens of the HTML goldmark would write for them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.to_char = _Offsets(source)
        self.tokens: list[Token] = []
        self.in_head = False  # in a table's header row: cells are `th`
        self.links = 0  # open links: their text is not linkified again
        self.in_image: list[Token] = []  # an image whose text is its `alt` attribute
        self.html_chunk: Span | None = None  # the raw HTML of an HTML block, tokenised at its end

    def feed(self, event: Event, rng: Range) -> None:
        start, end = self.to_char(rng["start"]), self.to_char(rng["end"])
        if isinstance(event, str):
            if event in ("SoftBreak", "HardBreak"):
                self._line_break(event, start, end)
        elif "Start" in event:
            self._start(event["Start"])
        elif "End" in event:
            self._end(event["End"])
        elif "Text" in event:
            self._text(event["Text"], start, end)
        elif "Code" in event:
            self._code(event["Code"], start, end)
        elif "Html" in event or "InlineHtml" in event:
            raw = event["Html"] if "Html" in event else event["InlineHtml"]
            self._html(raw, start, end)
        elif "TaskListMarker" in event:
            self.tokens.append(Token("start", "input", {"type": "checkbox"}))

    # -- start and end tags

    def _start(self, kind: StartTag) -> None:
        if self.in_image:
            return
        tag = self._start_tag(kind)
        if tag:
            self.tokens.append(Token("start", tag))

    def _start_tag(self, kind: StartTag) -> str | None:
        """The tag a start event opens (after any tag it implies)."""
        if isinstance(kind, str):
            return self._start_plain(kind)
        if "Heading" in kind:
            return "h" + kind["Heading"]["level"][1:]
        if "List" in kind:
            return "ol" if kind["List"] is not None else "ul"
        if "Link" in kind:
            self.tokens.append(Token("start", "a", {"href": kind["Link"]["dest_url"]}))
            self.links += 1
            return None
        if "Image" in kind:
            self.in_image.append(
                Token("start", "img", {"src": kind["Image"]["dest_url"], "alt": ""})
            )
            return None
        if "CodeBlock" in kind:
            self.tokens.append(Token("start", "pre"))
            return "code"
        return _START_TAGS.get(_name(kind))

    def _start_plain(self, name: str) -> str | None:
        if name == "TableHead":
            self.in_head = True
            self.tokens.append(Token("start", "thead"))
            return "tr"
        if name == "TableRow":
            last = self.tokens[-1] if self.tokens else None
            if last and last.kind == "end" and last.tag == "thead":
                self.tokens.append(Token("start", "tbody"))
        elif name == "TableCell":
            return "th" if self.in_head else "td"
        elif name == "HtmlBlock":
            self.html_chunk = Span()
            return None
        return _START_TAGS.get(name)

    def _end(self, kind: EndTag) -> None:
        name = _name(kind)
        if self.in_image:
            if name == "Image":
                self.tokens.append(self.in_image.pop())
            return
        if name == "HtmlBlock" and self.html_chunk is not None:
            self.tokens.extend(html_tokens(self.html_chunk))
            self.html_chunk = None
            return
        self.links -= name == "Link"
        tag = self._end_tag(kind)
        if tag:
            self.tokens.append(Token("end", tag))

    def _end_tag(self, kind: EndTag) -> str | None:
        """The tag an end event closes (after any tag it implies)."""
        if isinstance(kind, str):
            return self._end_plain(kind)
        if "Heading" in kind:
            return "h" + kind["Heading"][1:]
        if "List" in kind:
            return "ol" if kind["List"] else "ul"
        return _END_TAGS.get(_name(kind))

    def _end_plain(self, name: str) -> str | None:
        if name == "TableHead":
            self.tokens.append(Token("end", "tr"))
            self.in_head = False
            return "thead"
        if name == "Table" and any(t.tag == "tbody" for t in self.tokens[-40:]):
            self.tokens.append(Token("end", "tbody"))
        elif name == "TableCell":
            return "th" if self.in_head else "td"
        elif name == "CodeBlock":
            self.tokens.append(Token("end", "code"))
            return "pre"
        return _END_TAGS.get(name)

    # -- text

    def _text(self, text: str, start: int, end: int) -> None:
        offsets = decoded_offsets(self.source[start:end], text, start)
        if self.in_image:
            image = self.in_image[-1]
            image.attrs["alt"] += text
            image.span.add(text, offsets)
        elif self.links or "://" not in text and "www." not in text:
            _add_text(self.tokens, text, offsets)
        else:
            _add_linkified(self.tokens, text, offsets)

    def _code(self, text: str, start: int, end: int) -> None:
        if self.in_image:
            self._text(text, start, end)
            return
        written = self.source[start:end]
        inner = written.strip("`")
        lead = written.find(inner) if inner else 0
        offsets = _code_offsets(written, text, start + lead)
        self.tokens.append(Token("start", "code"))
        self.tokens.append(Token("text", span=Span(text, offsets)))
        self.tokens.append(Token("end", "code"))

    def _html(self, raw: str, start: int, end: int) -> None:
        offsets = decoded_offsets(self.source[start:end], raw, start)
        if self.html_chunk is not None:
            self.html_chunk.add(raw, offsets)
        elif not self.in_image:
            self.tokens.extend(html_tokens(Span(raw, offsets)))

    def _line_break(self, event: str, start: int, end: int) -> None:
        if self.in_image:
            if event == "SoftBreak":
                self.in_image[-1].attrs["alt"] += "\n"
                self.in_image[-1].span.add_synthetic("\n", start)
            return
        if event == "HardBreak":
            self.tokens.append(Token("start", "br"))
        newline = self.source.find("\n", start, end)
        _add_text(self.tokens, "\n", [newline if newline != -1 else start])


_START_TAGS = {
    "Paragraph": "p",
    "BlockQuote": "blockquote",
    "Item": "li",
    "Table": "table",
    "TableRow": "tr",
    "Emphasis": "em",
    "Strong": "strong",
    "Strikethrough": "del",
    "FootnoteDefinition": "li",
}
_END_TAGS = {**_START_TAGS, "Link": "a"}


def _code_offsets(raw: str, text: str, start: int) -> list[int]:
    """Offsets of a code span's content (its line breaks read as spaces)."""
    inner = raw.strip("`")
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
        start += 1
    return [start + min(i, max(len(inner) - 1, 0)) for i in range(len(text))]


_AUTOLINK = re.compile(
    r"(?:(?<=^)|(?<=[\s*_~(]))((?:https?|ftp)://|www\.)[\w-]+(?:\.[\w-]+)+[^\s<]*"
)


def _add_linkified(tokens: list[Token], text: str, offsets: list[int]) -> None:
    """Text with GFM's extended autolinks (bare URLs) as links, as goldmark's linkifier does."""
    pos = 0
    for match in _AUTOLINK.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in "?!.,:*_~'\"":
            end -= 1
        while text[end - 1] == ")" and text.count(")", match.start(), end) > text.count(
            "(", match.start(), end
        ):
            end -= 1
        url = text[match.start() : end]
        if "." not in url.split("://")[-1].split("/")[0]:
            continue
        if match.start() > pos:
            _add_text(tokens, text[pos : match.start()], offsets[pos : match.start()])
        href = url if "://" in url else "http://" + url
        tokens.append(Token("start", "a", {"href": href}))
        tokens.append(Token("text", span=Span(url, offsets[match.start() : end])))
        tokens.append(Token("end", "a"))
        pos = end
    if pos < len(text):
        _add_text(tokens, text[pos:], offsets[pos:])


def _add_text(tokens: list[Token], text: str, offsets: list[int]) -> None:
    """Append text, merged with a text token just before (HTML holds them as one)."""
    if tokens and tokens[-1].kind == "text":
        tokens[-1].span.add(text, offsets)
    else:
        tokens.append(Token("text", span=Span(text, list(offsets))))


def html_tokens(chunk: Span) -> Iterator[Token]:
    """Tokens of raw HTML (tags, comments, text with entities decoded)."""
    text = chunk.text
    pos = 0
    for match in _HTML.finditer(text):
        if match.start() > pos:
            yield _html_text(chunk, pos, match.start())
        if match.group("comment") is not None:
            yield Token("comment", span=chunk.slice(match.start("comment"), match.end("comment")))
        else:
            tag = match.group("tag").lower()
            attrs = {
                name.lower(): html.unescape(value.strip("\"'")) if value else ""
                for name, value in _ATTR.findall(match.group("attrs"))
            }
            at = chunk.offsets[match.start()] if chunk.offsets else 0
            yield Token("end" if match.group("end") else "start", tag, attrs, at=at)
            if not match.group("end") and (
                match.group("attrs").rstrip().endswith("/") and tag not in _VOID
            ):
                yield Token("end", tag)
        pos = match.end()
    if pos < len(text):
        yield _html_text(chunk, pos, len(text))


def _html_text(chunk: Span, start: int, end: int) -> Token:
    raw = chunk.slice(start, end)
    decoded = html.unescape(raw.text)
    if decoded == raw.text:
        return Token("text", span=raw)
    relative = decoded_offsets(raw.text, decoded, 0)
    return Token("text", span=Span(decoded, [raw.offsets[i] for i in relative]))


# -- the walk ------------------------------------------------------------------------------------


@dataclass
class WalkOptions:
    skipped_scopes: tuple[str, ...] = SKIP_TAGS
    ignored_scopes: tuple[str, ...] = IGNORED_SCOPES
    ignored_classes: tuple[str, ...] = ()


_COMMENT_RULE = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
_COMMENT_STYLES = re.compile(r"^vale styles? = (.*)$")
_COMMENT_MATCHES = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")


def update_comments(state: dict[str, bool], comment: str, base_styles: list[str]) -> None:
    """Vale's ``UpdateComments``: ``vale off``/``on``, ``vale Style.Rule = NO``, ``vale Style =
    YES``, ``vale Style.Rule["a", "b"] = NO`` and ``vale styles = A, B``."""
    import json

    if comment == "vale off":
        state["off"] = True
    elif comment == "vale on":
        state["off"] = False
    elif match := _COMMENT_MATCHES.match(comment):
        try:
            parts = json.loads(match.group(2))
        except ValueError:
            return
        for part in parts:
            state[f"{match.group(1)}[{part}]"] = match.group(3) == "NO"
    elif match := _COMMENT_RULE.match(comment):
        state[match.group(1)] = match.group(2) in ("NO", "off")
    elif match := _COMMENT_STYLES.match(comment):
        for style in base_styles:
            state[style] = True
        for style in match.group(1).split(", "):
            state[style] = False


def walk(tokens: list[Token], options: WalkOptions, base_styles: list[str]) -> list[Block]:
    """Vale's ``lintHTMLTokens`` over ``tokens``: the blocks to lint, in document order."""
    walker = _Walker(options, base_styles)
    for token in tokens:
        walker.step(token)
    return walker.blocks


@dataclass
class _ClassSkip:
    """The element skipped for its class (``class="code"``): its tag and how often that tag
    opened and closed since, so that its own end tag ends the skip."""

    tag: str = ""
    opened: int = 0
    closed: int = 0

    def count(self, token: Token) -> None:
        if token.tag and token.tag == self.tag:
            if token.kind == "start":
                self.opened += 1
            elif token.kind == "end":
                self.closed += 1

    @property
    def ended(self) -> bool:
        return self.tag != "" and self.opened == self.closed and self.opened > 0


class _Walker:
    """The state of Vale's walk over HTML tokens: the open block's text and tags, skipped
    elements and the comment switches."""

    def __init__(self, options: WalkOptions, base_styles: list[str]) -> None:
        self.base_styles = base_styles
        self.skip_tags = options.skipped_scopes
        self.skip_classes = SKIP_CLASSES + options.ignored_classes
        self.ignored_scopes = options.ignored_scopes
        self.blocks: list[Block] = []
        self.comments: dict[str, bool] = {}
        self.history: list[str] = []  # the tags opened in the current block
        self.active = ""  # the last tag opened (an inline one until its end)
        self.buf = Span()  # the current block's text
        self.in_block = False  # in a skipped element
        self.inline = False  # the last tag opened is an inline one
        self.skip = False  # the next text is masked (an ignored scope)
        self.class_skip = _ClassSkip()
        self.attr = ""  # the previous token's href
        self.parent_class = ""  # the previous token's class

    def _has_skipped_class(self, klass: str) -> bool:
        return any(c in self.skip_classes for c in klass.split(" ")) if klass else False

    def step(self, token: Token) -> None:
        tag = token.tag
        self.class_skip.count(token)
        klass = token.attrs.get("class", "")
        block_skip = self._has_skipped_class(klass) and tag not in INLINE_TAGS
        self._take(token, block_skip)
        if token.kind == "end" and tag not in INLINE_TAGS:
            self._end_block()
        self.attr = token.attrs.get("href", "")
        self.parent_class = klass
        if token.kind == "start" and tag == "img" and token.attrs.get("alt"):
            self._alt_text(token)

    def _take(self, token: Token, block_skip: bool) -> None:
        tag = token.tag
        starting = token.kind == "start"
        ended = self.class_skip.ended
        if starting and (tag in self.skip_tags or block_skip):
            if block_skip:
                self.class_skip = _ClassSkip(tag, 1, 0)
            self.in_block = True
            self.inline = tag in INLINE_TAGS
        elif self.in_block and tag and (tag in self.skip_tags or ended):
            self.in_block = False
            if ended:
                self.class_skip = _ClassSkip()
        elif starting:
            self._open(tag)
        elif token.kind == "end" and tag in INLINE_TAGS:
            self.active = ""
        elif token.kind == "comment":
            update_comments(self.comments, token.span.text.strip(), self.base_styles)
        elif token.kind == "text":
            self._text(token.span.strip())

    def _open(self, tag: str) -> None:
        if tag in ("em", "b") and _last_tag(self.history, self.active) == "code":
            tag = "code"
        self.inline = tag in INLINE_TAGS
        self.skip = tag in self.ignored_scopes
        self.history.append(tag)
        self.active = tag

    def _text(self, text: Span) -> None:
        if self.in_block or self.comments.get("off") or not text.text:
            return
        parent_skip = self._has_skipped_class(self.parent_class)
        if _nested_list(self.history, self.active) and not self.inline:
            text = _prefixed(text)
        text, self.skip = _clean(text, self.attr, self.skip or parent_skip, self.inline)
        if text.text.startswith(" ") and self.buf.text and self.buf.text[-1] in _TIGHT:
            text = text.slice(1, len(text.text))
        self.buf.add(text.text, text.offsets)

    def _end_block(self) -> None:
        if self.buf.text.strip():
            self.blocks.append(_scoped(self.history, self.buf, self.comments))
        self.history = []
        self.buf = Span()

    def _alt_text(self, token: Token) -> None:
        """An image's ``alt`` text, a block of its own (unless ``alt`` is a skipped scope)."""
        if "alt" in self.skip_tags:
            return
        alt = token.span
        if alt.text != token.attrs["alt"]:  # an <img> of raw HTML: no offsets of its own
            alt = Span(token.attrs["alt"], [token.at] * len(token.attrs["alt"]))
        self.blocks.append(Block("text.attr.alt", alt, dict(self.comments)))


def _last_tag(history: list[str], active: str) -> str:
    return history[-1] if history else active


def _nested_list(history: list[str], active: str) -> bool:
    if _last_tag(history, active) == "li" and len(history) > 3 and history[-2] in ("ol", "ul"):
        return history[-3] == "li"
    return False


def _prefixed(text: Span) -> Span:
    span = Span()
    span.add_synthetic(" ", text.offsets[0] if text.offsets else 0)
    span.add(text.text, text.offsets)
    return span


def _clean(text: Span, attr: str, skip: bool, inline: bool) -> tuple[Span, bool]:
    starter = text.text[:1] in _PUNCT and not skip
    if skip or attr == text.text:
        masked = "".join("\n" if c == "\n" else "*" for c in text.text)
        text = Span(masked, text.offsets)
        skip = False
    if inline and not starter:
        text = _prefixed(text)
    return text, skip


def _scoped(history: list[str], buf: Span, comments: dict[str, bool]) -> Block:
    for tag in history:
        scope = TAG_SCOPES.get(tag)
        if (scope and tag not in INLINE_TAGS) or _HEADING.fullmatch(tag):
            scope = scope or "text.heading." + tag
            return Block(scope, buf.lstrip(" "), dict(comments))
    return Block("text", buf, dict(comments), prose=True)
