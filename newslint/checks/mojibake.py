"""Kind ``mojibake``: text decoded with the wrong encoding (``cafÃ©``, ``â€œ``), found by ftfy.

Each line of a block that ``ftfy.fix_encoding`` would change is reported once per changed
stretch, with ftfy's repair as the edit. Only the encoding repair runs, never ftfy's quote
straightening, so curly quotes stay as they are; text that ftfy's detector merely finds odd but
will not repair is not reported, nor is a lone C1 control character. ftfy is imported only for a
line with a character outside ASCII (no mojibake without one).

A repair is certain when the damaged text is exactly what decoding the repaired text's UTF-8
bytes with a wrong encoding gives (once or twice over). Otherwise a byte was lost or changed on
the way and the repair is a guess: its fix is unsafe. ftfy guesses such a byte from what
follows (``â€`` and a space read as ``â€`` and a non-breaking space: ``†``); a closing
quotation mark whose last byte a decoder dropped (``â€`` before anything that cannot complete
it) is guessed here as that mark (``”``, by far the likeliest of the five characters it can be),
keeping the space after it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.document import Document
from newslint.core.lines import line_spans
from newslint.core.model import Applicability, Edit, Hit

CAN_FIX = True
MESSAGE_VALUES = ("fixed", "advice", "repair")  # for messages, besides {match}
# Decodings that turn UTF-8 into mojibake (the ones ftfy undoes most often)
_WRONG_DECODINGS = ("sloppy-windows-1252", "latin-1", "sloppy-windows-1250", "sloppy-windows-1251")
# ``â€`` (the first two bytes of U+2000-U+203F read as Windows-1252) not followed by a character
# that a third byte, 0x80-0xBF read so, can be: the byte was lost (0x9D of ”, undefined there)
# (Windows-1252 leaves five bytes undefined: browsers, and ftfy, read them as C1 controls)
_CONTINUATIONS = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xC0))
LOST_BYTE = re.compile(f"â€(?![{re.escape(_CONTINUATIONS)}])")
_ALNUM_RUN = re.compile(r"([A-Za-z0-9]+)")
_CLOSING_MARK_BYTE = "\x9d"  # the byte a strict Windows-1252 decoder drops from ” (E2 80 9D)


@dataclass
class Options:
    merge_within: int = option(3, minimum=0)


def _changed_spans(old: str, new: str, merge_within: int) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of the stretches that differ, merged.

    An encoding repair leaves ASCII letters and digits alone: when both texts hold the same
    runs of them, the stretches between are compared pairwise (a repeated stretch such as
    ``“title: `` cannot be matched with the wrong copy); otherwise difflib aligns them."""
    old_parts, new_parts = _ALNUM_RUN.split(old), _ALNUM_RUN.split(new)
    if old_parts[1::2] != new_parts[1::2]:
        return _merged(_difflib_spans(old, new), merge_within)
    spans: list[tuple[int, int, int, int]] = []
    a = c = 0
    for index, (before, after) in enumerate(zip(old_parts, new_parts, strict=True)):
        if index % 2 == 0 and before != after:
            head = len(os.path.commonprefix([before, after]))
            tail = len(os.path.commonprefix([before[head:][::-1], after[head:][::-1]]))
            spans.append((a + head, a + len(before) - tail, c + head, c + len(after) - tail))
        a, c = a + len(before), c + len(after)
    return _merged(spans, merge_within)


def _difflib_spans(old: str, new: str) -> list[tuple[int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _merged(
    spans: list[tuple[int, int, int, int]], merge_within: int
) -> list[tuple[int, int, int, int]]:
    merged: list[list[int]] = []
    for i1, i2, j1, j2 in spans:
        if merged and i1 - merged[-1][1] <= merge_within:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in merged]


def _certain_span(
    old: str, new: str, span: tuple[int, int, int, int]
) -> tuple[tuple[int, int, int, int], bool]:
    """The stretch whose repair is certain (see :func:`is_certain`): the changed one, or it
    widened over an unchanged character outside ASCII on either side that belongs to the
    damaged character (``Â°`` repaired as ``°`` is a change of ``Â`` alone); else the changed
    stretch, uncertain."""
    a, b, c, d = span
    left = a > 0 and c > 0 and not old[a - 1].isascii() and old[a - 1] == new[c - 1]
    right = b < len(old) and d < len(new) and not old[b].isascii() and old[b] == new[d]
    for wider in (
        (a, b, c, d),
        *([(a, b + 1, c, d + 1)] if right else []),
        *([(a - 1, b, c - 1, d)] if left else []),
        *([(a - 1, b + 1, c - 1, d + 1)] if left and right else []),
    ):
        if is_certain(old[wider[0] : wider[1]], new[wider[2] : wider[3]]):
            return wider, True
    return span, False


def _is_c1(text: str) -> bool:
    return all("\x80" <= char <= "\x9f" for char in text)


def _misdecoded(text: str) -> Iterator[str]:
    """``text``'s UTF-8 bytes decoded with each wrong decoding."""
    data = text.encode("utf-8", "surrogatepass")
    for encoding in _WRONG_DECODINGS:
        try:
            yield data.decode(encoding)
        except UnicodeDecodeError:
            continue


@lru_cache(maxsize=4096)
def is_certain(damaged: str, repaired: str) -> bool:
    """Whether ``damaged`` is exactly ``repaired`` decoded wrongly, once or twice over."""
    import ftfy.bad_codecs  # noqa: F401 # registers the sloppy-windows codecs

    once = set(_misdecoded(repaired))
    return damaged in once or any(damaged in set(_misdecoded(m)) for m in once)


def _advice(damaged: str, repaired: str, certain: bool) -> tuple[str, str]:
    """What an editor should do (for the message), and how the fix repairs it (its title)."""
    if not repaired:
        return (
            f"'{damaged}' is left over from a wrongly decoded character; delete it",
            "by deleting it",
        )
    shown = repaired
    if not repaired.strip():
        shown = "a no-break space" if "\xa0" in repaired else "a space"
    if certain:
        return f"'{damaged}' should read '{shown}'", f"as '{shown}'"
    return (
        f"'{damaged}' most likely read '{shown}', but a byte was lost or changed on the way;"
        " check the source",
        f"as '{shown}' (a guess)",
    )


class Check:
    def __init__(self, options: Options) -> None:
        self.merge_within = options.merge_within

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        text = doc.text
        for block in blocks:
            for start, end in line_spans(text, block.start, block.end):
                line = text[start:end]
                if not line.isascii():  # a line break is never read as mojibake
                    yield from self._line(line, start)

    def _line(self, line: str, start: int) -> Iterator[Hit]:
        """The changes ftfy makes to ``line`` (at ``start`` in the text)."""
        from ftfy import fix_encoding

        lost = [m.end() for m in LOST_BYTE.finditer(line)]
        restored = line
        for at in reversed(lost):  # give back the byte a decoder dropped: ftfy reads ” then
            restored = restored[:at] + _CLOSING_MARK_BYTE + restored[at:]
        fixed = fix_encoding(restored)
        if lost:  # a byte given back that ftfy did not use is taken back again
            fixed = fixed.replace("â€" + _CLOSING_MARK_BYTE, "â€")
        if fixed == line:
            return
        lone_c1 = sum(_is_c1(char) for char in line) == 1
        for a, b, c, d in _changed_spans(line, fixed, self.merge_within):
            if lone_c1 and _is_c1(line[a:b]):
                continue  # one stray C1 control is not proof of mojibake
            (a, b, c, d), certain = _certain_span(line, fixed, (a, b, c, d))
            damaged, repaired = line[a:b], fixed[c:d]
            advice, repair = _advice(damaged, repaired, certain)
            at = start + min(a, len(line) - 1)  # an insertion at the line end
            yield Hit(
                at,
                max(start + b, at + 1),
                {"fixed": repaired, "advice": advice, "repair": repair},
                (Edit(start + a, start + b, repaired),),
                None if certain else Applicability.UNSAFE,
            )
