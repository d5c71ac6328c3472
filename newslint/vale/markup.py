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
from typing import Any

from newslint.vale.view import Span, decoded_offsets

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


def _name(value: Any) -> str:
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
    to_char = _Offsets(source)
    tokens: list[Token] = []
    in_head = False
    links = 0
    in_image: list[Token] = []
    html_chunk: Span | None = None
    events: Any = pyromark.events_with_range(source, options=options)
    for event, rng in events:
        start, end = to_char(rng["start"]), to_char(rng["end"])
        if isinstance(event, dict) and "Start" in event:
            kind = event["Start"]
            name = _name(kind)
            if in_image:
                continue
            tag = _START_TAGS.get(name)
            if name == "Heading":
                tag = "h" + kind["Heading"]["level"][1:]
            elif name == "List":
                tag = "ol" if kind["List"] is not None else "ul"
            elif name == "TableHead":
                in_head = True
                tokens.append(Token("start", "thead"))
                tag = "tr"
            elif name == "TableRow" and not any(t.tag == "tbody" for t in tokens[-1:]):
                if tokens and tokens[-1].kind == "end" and tokens[-1].tag == "thead":
                    tokens.append(Token("start", "tbody"))
            elif name == "TableCell":
                tag = "th" if in_head else "td"
            elif name == "Link":
                link = kind["Link"]
                tokens.append(Token("start", "a", {"href": link["dest_url"]}))
                links += 1
                continue
            elif name == "Image":
                image = Token("start", "img", {"src": kind["Image"]["dest_url"], "alt": ""})
                image.span = Span()
                in_image.append(image)
                continue
            elif name == "CodeBlock":
                tokens.append(Token("start", "pre"))
                tag = "code"
            elif name == "HtmlBlock":
                html_chunk = Span()
                continue
            if tag:
                tokens.append(Token("start", tag))
        elif isinstance(event, dict) and "End" in event:
            name = _name(event["End"])
            if in_image:
                if name == "Image":
                    tokens.append(in_image.pop())
                continue
            if name == "HtmlBlock" and html_chunk is not None:
                tokens.extend(html_tokens(html_chunk))
                html_chunk = None
                continue
            tag = _END_TAGS.get(name)
            links -= name == "Link"
            if name == "Heading":
                tag = "h" + event["End"]["Heading"][1:]
            elif name == "List":
                tag = "ol" if event["End"]["List"] else "ul"
            elif name == "TableHead":
                tokens.append(Token("end", "tr"))
                in_head = False
                tag = "thead"
            elif name == "Table" and any(t.tag == "tbody" for t in tokens[-40:]):
                tokens.append(Token("end", "tbody"))
            elif name == "TableCell":
                tag = "th" if in_head else "td"
            elif name == "CodeBlock":
                tokens.append(Token("end", "code"))
                tag = "pre"
            if tag:
                tokens.append(Token("end", tag))
        elif isinstance(event, dict) and ("Text" in event or "Code" in event):
            text: str = event["Text"] if "Text" in event else event["Code"]
            if in_image:
                image = in_image[-1]
                image.attrs["alt"] += text
                image.span.add(text, decoded_offsets(source[start:end], text, start))
                continue
            if "Code" in event:
                written = source[start:end]
                inner = written.strip("`")
                lead = written.find(inner) if inner else 0
                offsets = _code_offsets(written, text, start + lead)
                tokens.append(Token("start", "code"))
                tokens.append(Token("text", span=Span(text, offsets)))
                tokens.append(Token("end", "code"))
                continue
            offsets = decoded_offsets(source[start:end], text, start)
            if links or "://" not in text and "www." not in text:
                _add_text(tokens, text, offsets)
            else:
                _add_linkified(tokens, text, offsets)
        elif isinstance(event, dict) and ("Html" in event or "InlineHtml" in event):
            raw: str = event["Html"] if "Html" in event else event["InlineHtml"]
            offsets = decoded_offsets(source[start:end], raw, start)
            if html_chunk is not None:
                html_chunk.add(raw, offsets)
            elif not in_image:
                tokens.extend(html_tokens(Span(raw, offsets)))
        elif event in ("SoftBreak", "HardBreak"):
            if in_image:
                if event == "SoftBreak":
                    in_image[-1].attrs["alt"] += "\n"
                    in_image[-1].span.add_synthetic("\n", start)
                continue
            if event == "HardBreak":
                tokens.append(Token("start", "br"))
            newline = source.find("\n", start, end)
            _add_text(tokens, "\n", [newline if newline != -1 else start])
        elif isinstance(event, dict) and "TaskListMarker" in event:
            tokens.append(Token("start", "input", {"type": "checkbox"}))
    return tokens


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
    blocks: list[Block] = []
    comments: dict[str, bool] = {}
    skip_tags = options.skipped_scopes
    skip_classes = SKIP_CLASSES + options.ignored_classes
    skipped = options.ignored_scopes
    history: list[str] = []
    active = ""
    buf = Span()
    in_block = inline = skip = False
    active_cls, begin, end_count = "", 0, 0
    attr = parent_class = ""
    for token in tokens:
        tag = token.tag
        starting = token.kind == "start"
        if tag and tag == active_cls:
            if starting:
                begin += 1
            elif token.kind == "end":
                end_count += 1
        closed = active_cls != "" and begin == end_count and begin > 0
        klass = token.attrs.get("class", "")
        skip_class = any(c in skip_classes for c in klass.split(" ")) if klass else False
        block_skip = skip_class and tag not in INLINE_TAGS
        if starting and (tag in skip_tags or block_skip):
            if block_skip:
                active_cls, begin, end_count = tag, 1, 0
            in_block = True
            inline = tag in INLINE_TAGS
        elif in_block and tag and (tag in skip_tags or closed):
            in_block = False
            if closed:
                active_cls, begin, end_count = "", 0, 0
        elif starting:
            if tag in ("em", "b") and _last_tag(history, active) == "code":
                tag = "code"
            inline = tag in INLINE_TAGS
            skip = tag in skipped
            history.append(tag)
            active = tag
        elif token.kind == "end" and tag in INLINE_TAGS:
            active = ""
        elif token.kind == "comment":
            update_comments(comments, token.span.text.strip(), base_styles)
        elif token.kind == "text":
            text = token.span.strip()
            if not in_block and not comments.get("off") and text.text:
                parent_skip = (
                    any(c in skip_classes for c in parent_class.split(" "))
                    if parent_class
                    else False
                )
                if _nested_list(history, active) and not inline:
                    text = _prefixed(text)
                text, skip = _clean(text, attr, skip or parent_skip, inline)
                if text.text.startswith(" ") and buf.text and buf.text[-1] in _TIGHT:
                    text = text.slice(1, len(text.text))
                buf.add(text.text, text.offsets)
        if token.kind == "end" and tag not in INLINE_TAGS:
            if buf.text.strip():
                blocks.append(_scoped(history, buf, comments))
            history = []
            buf = Span()
        attr = token.attrs.get("href", "")
        parent_class = klass
        if starting and tag == "img" and "alt" not in skip_tags and token.attrs.get("alt"):
            alt = token.span
            if alt.text != token.attrs["alt"]:  # an <img> of raw HTML: no offsets of its own
                alt = Span(token.attrs["alt"], [token.at] * len(token.attrs["alt"]))
            blocks.append(Block("text.attr.alt", alt, dict(comments)))
    return blocks


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
