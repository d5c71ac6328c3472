"""Word lists as tries find what their alternations find (newslint.vale.wordlist)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.vale.wordlist import literal_trie

WORDS = st.lists(st.text(alphabet="abAB -", min_size=1, max_size=5), min_size=2, max_size=8)
TEXT = st.text(alphabet="abAB -.", max_size=40)


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(pattern, text)]


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXT, st.booleans())
def test_trie_of_a_file_ordered_list_matches_like_its_alternation(words, text, ignore_case):
    flags = "(?i)" if ignore_case else ""
    trie = literal_trie(words, ignore_case, ordered=True)
    if trie is None:
        return
    alternation = "|".join(regex.escape(w) for w in words)
    assert spans(rf"{flags}\b(?:{trie})\b", text) == spans(rf"{flags}\b(?:{alternation})\b", text)


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXT, st.booleans())
def test_trie_matches_like_a_longest_first_alternation(words, text, ignore_case):
    flags = "(?i)" if ignore_case else ""
    words = sorted(words, key=len, reverse=True)
    trie = literal_trie(words, ignore_case, ordered=False)
    if trie is None:
        return
    alternation = "|".join(f"({regex.escape(w)})" for w in words)
    assert spans(rf"{flags}\b(?:{trie})\b", text) == spans(rf"{flags}\b(?:{alternation})\b", text)


def test_no_trie_where_the_order_of_a_file_decides() -> None:
    assert literal_trie(["in", "in the"], ignore_case=False, ordered=True) is None
    assert literal_trie(["in", "in the"], ignore_case=False, ordered=False) == "in(?:\\ the)?"
    assert literal_trie(["a.b", "c"], ignore_case=False, ordered=False) is None  # not literal
    assert literal_trie(["Ok", "ok"], ignore_case=True, ordered=False) is None
