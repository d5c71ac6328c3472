"""Where Vale itself reports an alert, for ``newslint vale``'s byte-for-byte output.

Vale does not keep offsets: it searches each match in the source again. newslint knows the exact
place, and reports it, except in the two cases where Vale's search lands elsewhere in a way its
test suite pins down (``newslint check`` always reports the exact place):

* a match that is not in the source as written (it spans inline markup, such as ``Mermaid
  [Mermaid`` read as "Mermaid Mermaid"): Vale reports column 1 of the first line that holds
  every word of the match's sentence, or nothing if no line does;
* a match in a block that Vale lints without looking it up (a list item, a blockquote, a heading,
  a table cell) and that spans several lines: Vale puts the alert on the block's last line when
  the match occurs there.
"""

from __future__ import annotations

import re

from newslint.vale.nlp import sentences, words

LOOKED_UP = ("text", "sentence", "paragraph", "raw", "summary")


def _lines(text: str, starts: list[int]) -> list[str]:
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


def guess(source: str, starts: list[int], block_text: str, match: str) -> tuple[int, int] | None:
    """Vale's ``guessLocation``: (line, 1) of the first line holding every word of the sentence
    in which ``match`` occurs after its first character, or None."""
    target = ""
    for start, end in sentences(block_text):
        sentence = block_text[start:end]
        if sentence == match or sentence.find(match) > 0:
            target = sentence
    if not target:
        return None
    tokens = [word for word, _ in words(target)]
    for index, line in enumerate(_lines(source, starts)):
        if all(token in line for token in tokens):
            return index + 1, 1
    return None


def on_last_line(
    source: str, starts: list[int], first_line: int, last_line: int, match: str
) -> tuple[int, int] | None:
    """(line, column) of ``match`` in the block's last line when the block spans lines."""
    if first_line == last_line or not match:
        return None
    line = _lines(source, starts)[last_line - 1]
    found = re.search(r"(?:^|\b|_)" + re.escape(match) + r"(?:_|\b|$)", line)
    if not found:
        return None
    column = found.start() + (1 if line[found.start() : found.start() + 1] == "_" else 0)
    return last_line, column + 1
