"""Kind ``mojibake``: text decoded with the wrong encoding (``cafÃ©``, ``â€œ``), found by ftfy.

Each line of a prose block that ``ftfy.fix_encoding`` would change is reported once per changed
stretch, with ftfy's repair as the edit. Only the encoding repair runs, never ftfy's quote
straightening, so curly quotes stay as they are; text that ftfy's detector merely finds odd but
will not repair is not reported, nor is a lone C1 control character. ftfy is imported lazily.

ftfy changes nothing in text its badness heuristic (``ftfy.badness.is_bad``) passes, and that
heuristic is a regex every match of which holds one of a few hundred characters
(:func:`~newslint.accel.needles.required_chars`); lines without any of them skip ftfy. Which of them
a text holds is read off its few non-ASCII characters, and they are then found by ``str.find``.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from newslint.accel.needles import required_chars, sre_parse
from newslint.config.validation import option
from newslint.core.document import Block, Document
from newslint.core.model import Edit, Hit

CAN_FIX = True


MESSAGE_VALUES = ("fixed",)  # for messages, besides {match}


@dataclass
class Options:
    # changes closer than this many characters form one finding
    merge_within: int = option(3, minimum=0)


def _changed_spans(old: str, new: str, merge_within: int) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of the stretches that differ, merged."""
    spans: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] <= merge_within:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in spans]


@functools.cache
def _badness() -> ModuleType:
    """``ftfy.badness``, if need be loaded without the rest of ftfy.

    It is a module of its own (it imports only ``re`` and ``warnings``), while importing the
    package loads its codecs, character tables and wcwidth too: ~40 ms of a process's start,
    which only a line that the badness regex flags needs (for ``ftfy.fix_encoding``). Read from
    the same file, its regex is ftfy's; should that file need the package, ftfy is imported.
    """
    if "ftfy.badness" in sys.modules:
        return sys.modules["ftfy.badness"]
    package = importlib.util.find_spec("ftfy")
    if package and package.submodule_search_locations:
        path = Path(package.submodule_search_locations[0], "badness.py")
        spec = importlib.util.spec_from_file_location("newslint.checks._ftfy_badness", path)
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if isinstance(module.BADNESS_RE, re.Pattern) and callable(module.is_bad):
                return module
        except Exception:
            pass
    from ftfy import badness

    return badness


@functools.cache
def _suspect_chars() -> frozenset[str] | None:
    """The characters of which ftfy's badness heuristic needs one in a line to flag it, if known."""
    pattern = getattr(_badness(), "BADNESS_RE", None)
    return required_chars(pattern) if isinstance(pattern, re.Pattern) else None


@functools.cache
def _suspect() -> re.Pattern[str] | None:
    """A character ftfy's badness heuristic needs in a line before it can flag it, if known."""
    chars = _suspect_chars()
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]") if chars else None


@functools.cache
def _badness_reach() -> int | None:
    """How far from one of its suspect characters a match of ftfy's badness regex can reach
    (its longest match, plus one for a look at the next character), if that is bounded."""
    badness = _badness()
    try:
        width = sre_parse.parse(badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags).getwidth()
    except Exception:
        return None
    return width[1] + 1 if width[1] < 64 else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_BYTES = bytes(range(128))


def _suspect_lines(
    text: str, blocks: list[Block], suspect: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """(start, end) of the lines (``\\n``-separated pieces of a block) holding a ``suspect``
    character, in order: one search over the whole text instead of a test per line."""
    starts = [block.start for block in blocks]
    stop = blocks[-1].end
    found = suspect.search(text, blocks[0].start, stop)
    while found:
        at = found.start()
        index = bisect.bisect_right(starts, at) - 1
        block = blocks[index]
        if at >= block.end:  # between blocks: go on from the next one
            if index + 1 == len(blocks):
                return
            found = suspect.search(text, blocks[index + 1].start, stop)
            continue
        line_start = max(text.rfind("\n", block.start, at) + 1, block.start)
        line_end = text.find("\n", at, block.end)
        line_end = block.end if line_end == -1 else line_end
        yield line_start, line_end
        found = suspect.search(text, line_end, stop)


def _non_ascii(text: str) -> str:
    """The text's non-ASCII characters, in order: its UTF-8 bytes less the one-byte characters
    (which leaves the others' byte sequences whole), decoded. Two C passes, where a search for a
    class of many characters tests each character of the text far more slowly."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return data.decode("utf-8", "surrogatepass")


def _present(text: str, chars: frozenset[str]) -> frozenset[str]:
    """The members of ``chars`` that occur in ``text``."""
    if _has_ascii(chars):  # not so with ftfy 6: search the whole text
        return frozenset(re.findall("|".join(map(re.escape, chars)), text))
    return chars.intersection(_non_ascii(text))


@functools.cache
def _has_ascii(chars: frozenset[str]) -> bool:
    return any(char.isascii() for char in chars)


def _offsets(text: str, chars: frozenset[str], start: int, stop: int) -> list[int]:
    """The offsets of ``chars`` (a few) in ``text[start:stop]``, in order: ``str.find`` each."""
    found = []
    for char in chars:
        at = text.find(char, start, stop)
        while at != -1:
            found.append(at)
            at = text.find(char, at + 1, stop)
    return sorted(found)


def _lines_with(
    text: str, blocks: list[Block], offsets: list[int]
) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, offsets inside) of the lines (``\\n``-separated pieces of a block) holding
    one of ``offsets``, in order."""
    starts = [block.start for block in blocks]
    line: tuple[int, int, list[int]] | None = None
    for at in offsets:
        if line is not None and at < line[1]:
            line[2].append(at)
            continue
        if line is not None:
            yield line
            line = None
        block = blocks[bisect.bisect_right(starts, at) - 1]
        if not block.start <= at < block.end:
            continue  # between blocks
        line_start = max(text.rfind("\n", block.start, at) + 1, block.start)
        line_end = text.find("\n", at, block.end)
        line = (line_start, block.end if line_end == -1 else line_end, [at])
    if line is not None:
        yield line


def _looks_bad(text: str, start: int, end: int, offsets: list[int]) -> bool:
    """``ftfy.badness.is_bad(text[start:end])``, looking only near ``offsets``, those of the
    suspect characters in the line.

    Every match of the badness regex holds a suspect character and is at most ``reach - 1``
    long, so it lies within ``reach - 1`` characters of one; searching the line from ``reach``
    before to ``reach`` after each suspect character also lets any boundary test at the match's
    ends see the same neighbours as in the whole line (the line itself is searched, so a look
    behind its start sees its start, as in ``is_bad``). Overlapping such windows are searched
    as one: it holds each of them, so it finds what they find, and what it finds lies in one of
    them. The regex is slow per character and lines with accented names or box drawings are
    long, while suspect characters are few.
    """
    line = text[start:end]
    badness = _badness()
    reach = _badness_reach()
    if reach is None:
        return badness.is_bad(line)
    search = badness.BADNESS_RE.search
    low = high = 0
    for at in offsets:
        at -= start
        if at - reach > high:
            if high > low and search(line, low, high):
                return True
            low = max(0, at - reach)
        high = min(len(line), at + reach + 1)
    return high > low and bool(search(line, low, high))


class Check:
    def __init__(self, options: Options) -> None:
        self.merge_within = options.merge_within

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        if text.isascii() or not blocks:
            return  # no mojibake without non-ASCII characters: ftfy is not even imported
        # ftfy changes only a line its badness regex flags (see _looks_bad), which holds a
        # suspect character; without a list of those, any non-ASCII character
        chars = _suspect_chars()
        if chars is None:
            lines = _suspect_lines(text, blocks, _NON_ASCII)
        else:
            present = _present(text, chars)
            if not present:
                return
            offsets = _offsets(text, present, blocks[0].start, blocks[-1].end)
            lines = (
                (start, end)
                for start, end, inside in _lines_with(text, blocks, offsets)
                if _looks_bad(text, start, end, inside)
            )
        fix_encoding = None
        for start, end in lines:
            if fix_encoding is None:
                from ftfy import fix_encoding
            yield from self._line(fix_encoding, text, start, end)

    def _line(
        self, fix_encoding: Callable[[str], str], text: str, start: int, end: int
    ) -> Iterator[Hit]:
        line = text[start:end]
        fixed = fix_encoding(line)
        if fixed == line:
            return
        lone_c1 = sum("\x80" <= ch <= "\x9f" for ch in line) == 1
        for a, b, c, d in _changed_spans(line, fixed, self.merge_within):
            if lone_c1 and all("\x80" <= ch <= "\x9f" for ch in line[a:b]):
                continue  # one stray C1 control is not proof of mojibake
            at = start + min(a, len(line) - 1)  # an insertion at the line end
            yield Hit(
                at,
                max(start + b, at + 1),
                {"fixed": fixed[c:d]},
                (Edit(start + a, start + b, fixed[c:d]),),
            )
