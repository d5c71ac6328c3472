"""Compare Markdown parsers for the Vale scopes: source offsets, agreement with cmark-gfm, speed.

    python benchmarks/markdown_parsers.py [--eval-dir DIR] [--shared DIR]

Candidates: markdown-it-py, tree-sitter-markdown (block and inline grammars) and pyromark
(pulldown-cmark). Each parser's text pieces are taken with the source range the parser gives
(markdown-it-py gives none for inline text: its pieces are searched in the block's lines, as a
user of it would have to, and count as exact only where the text occurs once in the block).

* offsets: share of text pieces whose source range, with backslash escapes and entities decoded,
  is exactly the piece's text;
* agreement: share of documents whose leaf blocks (paragraphs, headings, table cells, tight list
  items) hold the same text (white space collapsed) as cmark-gfm's HTML of the document (GitHub's
  reference implementation of GFM);
* speed: MB/s of a parse to text pieces with ranges, on the English eval pages (plain text parsed
  as Markdown, as newslint does for .md files) and on the Markdown fixtures of vale-compat.

Needs the optional packages (``pip install markdown-it-py tree-sitter tree-sitter-markdown
pyromark cmarkgfm``).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_corpus import DEFAULT_EVAL, english_rows

Piece = tuple[int, int, str]  # byte range in the UTF-8 source, decoded text
Parsed = tuple[list[str], list[Piece]]  # leaf block texts, text pieces
_LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li"}
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _collapse(text: str) -> str:
    return " ".join(text.split())


# -- pyromark ---------------------------------------------------------------------------------


def parse_pyromark(source: str) -> Parsed:
    import pyromark

    opts = pyromark.Options
    options = opts.ENABLE_TABLES | opts.ENABLE_FOOTNOTES | opts.ENABLE_STRIKETHROUGH
    options |= opts.ENABLE_TASKLISTS
    blocks: list[str] = []
    pieces: list[Piece] = []
    stack: list[list[str]] = []
    in_image = 0
    for event, span in pyromark.events_with_range(source, options=options):
        if isinstance(event, dict) and "Start" in event:
            kind = event["Start"]
            name = kind if isinstance(kind, str) else next(iter(kind))
            in_image += name == "Image"
            if stack and name in ("Paragraph", "List", "BlockQuote", "CodeBlock", "Table"):
                _flush(stack, blocks)  # an item's own text ends where a block opens in it
            if name in ("Paragraph", "Heading", "TableCell", "Item"):
                stack.append([])
        elif isinstance(event, dict) and "End" in event:
            kind = event["End"]
            name = kind if isinstance(kind, str) else next(iter(kind))
            in_image -= name == "Image"
            if name in ("Paragraph", "Heading", "TableCell", "Item"):
                _flush(stack, blocks)
                stack.pop()
        elif isinstance(event, dict) and ("Text" in event or "Code" in event):
            text = event.get("Text", event.get("Code"))
            if stack and not in_image:  # alt text is an attribute, not text, in HTML
                stack[-1].append(text)
            if "Text" in event:
                pieces.append((span["start"], span["end"], text))
        elif event in ("SoftBreak", "HardBreak") and stack:
            stack[-1].append("\n")
    return blocks, pieces


def _flush(stack: list[list[str]], blocks: list[str]) -> None:
    if stack and stack[-1]:
        text = _collapse("".join(stack[-1]))
        if text:
            blocks.append(text)
        stack[-1].clear()


# -- tree-sitter-markdown ---------------------------------------------------------------------

_TS: dict[str, object] = {}
_TS_TEXTLESS = {  # nodes with no text of their own
    "emphasis_delimiter",
    "code_span_delimiter",
    "html_tag",
    "uri_autolink",
    "email_autolink",
    "latex_block",
    "image",
    "hard_line_break",
}
_TS_LINKS = {"inline_link", "full_reference_link", "collapsed_reference_link", "shortcut_link"}
_TS_DECODED = {"backslash_escape", "entity_reference", "numeric_character_reference"}


def parse_tree_sitter(source: str) -> Parsed:
    import tree_sitter as ts
    import tree_sitter_markdown as tsm

    if not _TS:
        _TS["block"] = ts.Parser(ts.Language(tsm.language()))
        _TS["inline"] = ts.Language(tsm.inline_language())
    data = source.encode()
    tree = _TS["block"].parse(data)  # type: ignore[attr-defined]
    leaves: list[tuple[str, object]] = []  # (block type, inline node range)

    def walk(node, block: str) -> None:  # type: ignore[no-untyped-def]
        kind = node.type
        if kind in ("paragraph", "atx_heading", "setext_heading", "pipe_table_cell"):
            block = kind
        if kind == "inline" or (kind == "pipe_table_cell" and not node.children):
            leaves.append((block, node))
        for child in node.children:
            walk(child, block)

    walk(tree.root_node, "")
    blocks: list[str] = []
    pieces: list[Piece] = []
    ranges = [node.range for _, node in leaves if node.type == "inline"]  # type: ignore[attr-defined]
    inline_tree = None
    if ranges:
        parser = ts.Parser(_TS["inline"])  # type: ignore[arg-type]
        parser.included_ranges = ranges
        inline_tree = parser.parse(data)
    by_start: dict[int, list] = {}
    if inline_tree is not None:
        _ts_nodes(inline_tree.root_node, by_start)
    for _, node in leaves:
        start, end = node.start_byte, node.end_byte  # type: ignore[attr-defined]
        texts = _ts_text(data, start, end, by_start, pieces)
        text = _collapse("".join(texts))
        if text:
            blocks.append(text)
    return blocks, pieces


def _ts_nodes(node, by_start: dict[int, list]) -> None:  # type: ignore[no-untyped-def]
    link = node.type in _TS_LINKS
    for child in node.children:
        # a link's brackets, destination, title and label hold none of its text
        markup = link and child.type != "link_text"
        if markup or child.type in _TS_TEXTLESS or child.type in _TS_DECODED:
            by_start.setdefault(child.start_byte, []).append(child)
        else:
            _ts_nodes(child, by_start)


def _ts_text(data: bytes, start: int, end: int, by_start: dict[int, list], pieces: list) -> list:
    """Text of ``data[start:end]`` less the markup nodes found in it, as pieces."""
    texts = []
    pos = run = start
    while pos < end:
        nodes = by_start.get(pos)
        if not nodes:
            pos += 1
            continue
        node = max(nodes, key=lambda n: n.end_byte)
        if run < pos:
            piece = data[run:pos].decode(errors="replace")
            pieces.append((run, pos, piece))
            texts.append(piece)
        if node.type in _TS_DECODED:
            raw = data[node.start_byte : node.end_byte].decode()
            decoded = raw[1] if node.type == "backslash_escape" else html.unescape(raw)
            pieces.append((node.start_byte, node.end_byte, decoded))
            texts.append(decoded)
        pos = run = max(node.end_byte, pos + 1)
    if run < end:
        piece = data[run:end].decode(errors="replace")
        pieces.append((run, end, piece))
        texts.append(piece)
    return texts


# -- markdown-it-py ---------------------------------------------------------------------------

_MDIT: dict[str, object] = {}


def parse_markdown_it(source: str) -> Parsed:
    from markdown_it import MarkdownIt

    if not _MDIT:
        _MDIT["md"] = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = _MDIT["md"].parse(source)  # type: ignore[attr-defined]
    data = source.encode()
    line_starts = [0]
    for i, byte in enumerate(data):
        if byte == 10:
            line_starts.append(i + 1)
    line_starts.append(len(data))
    blocks: list[str] = []
    pieces: list[Piece] = []
    block_map = None
    for token in tokens:
        if token.map is not None:
            block_map = token.map
        if token.type != "inline":
            continue
        lo = line_starts[min(block_map[0], len(line_starts) - 1)] if block_map else 0
        hi = line_starts[min(block_map[1], len(line_starts) - 1)] if block_map else len(data)
        cursor = lo
        texts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                texts.append(child.content)
                if child.type == "text":
                    needle = child.content.encode()
                    found = data.find(needle, cursor, hi)
                    if found == -1 or data.find(needle, lo, hi) != data.rfind(needle, lo, hi):
                        # not found, or found more than once in the block: a guess
                        pieces.append((-1, -1, child.content))
                    else:
                        end = found + len(child.content.encode())
                        pieces.append((found, end, child.content))
                        cursor = end
            elif child.type in ("softbreak", "hardbreak"):
                texts.append("\n")
        text = _collapse("".join(texts))
        if text:
            blocks.append(text)
    return blocks, pieces


# -- reference: cmark-gfm ---------------------------------------------------------------------


class _Leaves(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.stack: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if (tag in _LEAVES or tag in ("ul", "ol", "blockquote", "pre")) and self.stack:
            _flush(self.stack, self.blocks)
        if tag in _LEAVES:
            self.stack.append([])
        if tag == "br" and self.stack:
            self.stack[-1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _LEAVES and self.stack:
            _flush(self.stack, self.blocks)
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1].append(data)


def reference_blocks(source: str) -> list[str]:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    # raw HTML left out (the parsers' pieces hold no text of it either)
    rendered = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_DEFAULT)
    leaves = _Leaves()
    leaves.feed(rendered)
    return leaves.blocks


# -- measuring --------------------------------------------------------------------------------


def exact(data: bytes, piece: Piece) -> bool:
    start, end, text = piece
    if start < 0:
        return False
    raw = data[start:end].decode(errors="replace")
    return html.unescape(_ESCAPE.sub(r"\1", raw)) == text


PARSERS: dict[str, Callable[[str], Parsed]] = {
    "markdown-it-py": parse_markdown_it,
    "tree-sitter-markdown": parse_tree_sitter,
    "pyromark": parse_pyromark,
}


def measure(name: str, docs: list[str], references: list[list[str]]) -> dict[str, float]:
    parse = PARSERS[name]
    started = time.perf_counter()
    results = [parse(doc) for doc in docs]
    seconds = time.perf_counter() - started
    size = sum(len(doc.encode()) for doc in docs)
    total = located = agree = 0
    for doc, (blocks, pieces), reference in zip(docs, results, references, strict=True):
        data = doc.encode()
        total += len(pieces)
        located += sum(exact(data, piece) for piece in pieces)
        agree += blocks == reference
    return {
        "offsets": 100 * located / max(total, 1),
        "agreement": 100 * agree / len(docs),
        "mb_s": size / seconds / 1e6,
        "pieces": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "shared" / "vale-compat",
    )
    args = parser.parse_args(argv)
    corpora = {
        "vale-compat fixtures (.md)": [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(args.shared.rglob("*.md"))
        ],
        "English eval pages": [
            row["naive_text"] for _, row in english_rows(args.eval_dir, "markdown_parsers.py")
        ],
    }
    for label, docs in corpora.items():
        size = sum(len(d.encode()) for d in docs) / 1e6
        print(f"{label}: {len(docs)} documents, {size:.2f} MB")
        references = [reference_blocks(doc) for doc in docs]
        print(f"  {'parser':22} {'exact offsets':>14} {'same as cmark-gfm':>18} {'MB/s':>8}")
        for name in PARSERS:
            for _ in range(2):  # the first run also imports and warms the parser
                result = measure(name, docs, references)
            print(
                f"  {name:22} {result['offsets']:13.2f}% {result['agreement']:17.1f}%"
                f" {result['mb_s']:8.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
