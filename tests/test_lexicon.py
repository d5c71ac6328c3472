"""The per-document lexicon: the forms in which an article writes its words."""

from __future__ import annotations

from newslint import formats
from newslint.core.lexicon import build_lexicon

ARTICLE = (
    "Council vote\n\n"
    "The budget director, Maria Alvarez, presented the plan on Monday. The council questioned "
    "Alvarez for two hours. Later the mayor thanked alvarez's team. The Board of Directors met.\n\n"
    "ecobee sold more thermostats. ecobee said so. Sales of NATO gear rose at eBay.\n"
)


def _lexicon():
    return build_lexicon(formats.open_document(ARTICLE, "a.txt"))


def test_capitalised_words_are_counted_with_their_lower_case_forms() -> None:
    alvarez = _lexicon().forms("Alvarez")
    assert (alvarez.capitalised, alvarez.alone, alvarez.lower) == (2, 1, 1)


def test_a_pair_and_a_connected_run() -> None:
    lexicon = _lexicon()
    assert lexicon.pairs[("maria", "alvarez")] == 1
    assert lexicon.forms("Directors").alone == 0  # in "Board of Directors", not on its own


def test_lower_case_at_sentence_starts_capitals_and_mixed_case() -> None:
    lexicon = _lexicon()
    assert lexicon.forms("ecobee").lower_start == 2 and lexicon.is_lower_case_brand("ecobee")
    assert lexicon.forms("NATO").upper == 1 and lexicon.forms("eBay").mixed == 1


def test_a_word_only_in_lower_case_inside_sentences_is_not_kept() -> None:
    lexicon = _lexicon()
    assert "thermostats" not in lexicon.words and lexicon.forms("thermostats").lower == 0
    assert not lexicon.is_name("thermostats") and not lexicon.is_lower_case_brand("thermostats")
