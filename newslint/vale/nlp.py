"""Words, sentences, syllables and document statistics as Vale computes them.

* :func:`words`: Vale's word tokenizer for spelling (white-space runs less leading ``$ ( " [ '``
  and trailing ``, ) " ] ! ; . ? : '``; tokens without a letter dropped), with offsets.
* :func:`sentences`: sentence spans; a rule-based reading of what Vale's Punkt model does on
  English (breaks after ``.``, ``?``, ``!`` and closing quotes or brackets, not after known
  abbreviations, initials or ellipses followed by lower case).
* :func:`syllables` and :class:`Statistics`: the ``syllable`` algorithm (wooorm's, as Vale's
  readability code ports it) and the counts behind Vale's metric formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_PREFIXES = "$(\"['"
_SUFFIXES = ",)\"]!;.?:'"
_SPECIAL = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
_EMOTICON_LIST = (
    "(-8 (-; (-_-) (._.) (: (= (o: (¬_¬) (ಠ_ಠ) -__- 8-) 8-D 8D :( :(( :((( :() :))) :-) "
    ":-)) :-))) :-* :-/ :-X :-] :-o :-p :-x :-| :-} :0 :3 :P :] :`( :`) :`-( :o :o) =( =) "
    "=D =| @_@ O.o O_o V_V XDD [-: ^___^ o_0 o_O o_o v_v xD xDD"
)
_EMOTICONS = frozenset(_EMOTICON_LIST.split())
_NON_SPACE = re.compile(r"\S+")


def words(text: str) -> Iterator[tuple[str, int]]:
    """(word, offset) of each word of ``text`` as Vale's spelling check reads them."""
    clean = text.translate(_QUOTES)
    for run in _NON_SPACE.finditer(clean):
        token, start = run.group(), run.start()
        while token:
            if token in _EMOTICONS or _SPECIAL.match(token):
                break
            if len(token) > 1 and token[0] in _PREFIXES:
                token, start = token[1:], start + 1
            elif len(token) > 1 and token[-1] in _SUFFIXES:
                token = token[:-1]
            else:
                break
        if token and any(c.isalpha() for c in token):
            yield token, start


# -- sentences -----------------------------------------------------------------------------------

_ABBREVIATIONS = (
    "a.m p.m e.g i.e etc vs mr mrs ms dr prof sr jr st mt no gov sgt inc ltd co corp jan "
    "feb mar apr jun jul aug sep sept oct nov dec fig figs vol vols approx dept est u.s u.k "
    "u.n ph.d cf al ave blvd rd gen col lt capt rep sen rev hon pp ed eds"
)
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
_END = re.compile(r"[.?!]+[\"'”’)\]]*(?=\s|$)")
_NEXT = re.compile(r"\s+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if not _breaks(text, match):
            continue
        spans.append((start, end))
        gap = _NEXT.match(text, end)
        start = gap.end() if gap else end
    if start < len(text):
        spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        piece = text[a:b]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((a + left, a + right))
    return trimmed


def _breaks(text: str, match: re.Match[str]) -> bool:
    marks = match.group()
    after = text[match.end() :].lstrip()
    if not after:
        return True
    first = after[0]
    if "?" in marks or "!" in marks:
        return not (first.islower() and marks.rstrip("\"'”’)]")[-1:] not in "?!")
    word_start = text.rfind(" ", 0, match.start()) + 1
    word = text[word_start : match.start()].lstrip("(\"'“‘[")
    lower = word.lower()
    if marks.startswith("..") or marks.endswith("..."):
        return first.isupper()
    if lower in ABBREVIATIONS or lower.rstrip(".") in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: J. Smith
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return False  # an abbreviation such as U.S.A.
    return not first.islower()


# -- syllables -----------------------------------------------------------------------------------

_CORNER_CASES = {
    "abalone": 4, "abare": 3, "abed": 2, "abruzzese": 4, "abbruzzese": 4, "aborigine": 5,
    "aborigines": 5, "acreage": 3, "adame": 3, "adieu": 2, "adobe": 3, "anemone": 4,
    "apache": 3, "aphrodite": 4, "apostrophe": 4, "ariadne": 4, "cafe": 2, "cafes": 2,
    "calliope": 4, "catastrophe": 4, "chile": 2, "chloe": 2, "circe": 2, "coyote": 3,
    "epitome": 4, "facsimile": 4, "forever": 3, "gethsemane": 4, "guacamole": 4,
    "hyperbole": 4, "jesse": 2, "jukebox": 2, "karate": 3, "machete": 3, "maybe": 2,
    "people": 2, "recipe": 3, "sesame": 3, "shoreline": 2, "simile": 3, "syncope": 3,
    "tamale": 3, "yosemite": 4, "daphne": 2, "eurydice": 4, "euterpe": 3, "hermione": 4,
    "penelope": 4, "persephone": 4, "phoebe": 2, "zoe": 2,
}  # fmt: skip
_MONO_ED = (
    "b|c|ch|dg|f|g|gh|gn|k|l|lch|ll|lv|m|mm|n|nc|ng|nch|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss"
    "|th|v|y|z"
)
_MONO_ES = "b|ch|d|f|gh|gn|k|l|lch|ll|lv|m|mm|n|nch|nn|p|r|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y"
_MONO_E = (
    "b|c|ch|d|dg|f|g|gh|gn|k|l|ll|lv|m|mm|n|nc|ng|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t"
    "|th|v|y|z"
)
_MONOSYLLABIC_ONE = re.compile(
    "cia(l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$"
    "|.[^aeiuoycgltdb]{2,}ed$|.ely$|^jua|uai|eau|^busi$"
    f"|([aeiouy]({_MONO_ED})ed$)|([aeiouy]({_MONO_ES})es$)"
)
_MONOSYLLABIC_TWO = re.compile(f"[aeiouy]({_MONO_E})e$")
_DOUBLE_ONE = re.compile(
    "(?:[^aeiouy]ie(r|st|t)|[aeiouym]bl|eo|ism|asm|thm|dnt|uity|dea|gean|oa|ua|eings?"
    "|[aeiouy]sh?e[rsd])$"
)
_DOUBLE_TWO = re.compile("[^gq]ua[^auieo]|[aeiou]{3}|^(ia|mc|coa[dglx].)")
_DOUBLE_THREE = re.compile(
    "[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|real|iell|eo[^aeiou]|[aeiou]y[aeiou]"
)
_DOUBLE_FOUR = re.compile("[^s]ia")
_VOWELS = re.compile("[aeiouy]+")
_PREFIXES_1 = (
    "above anti ante counter hyper afore agri infra intra inter over semi ultra under extra "
    "dia micro mega kilo pico nano macro"
)
_PREFIXES_2 = "un fore ware none non out post sub pre pro dis side"
_SUFFIXES_1 = "ology ologist onomy onomist"
_SUFFIXES_2 = "fully berry woman women"
_SUFFIXES_3 = (
    "ly less some ful er ers ness cian cians ment ments ette ettes ville villes ships ship "
    "side sides port ports shire shires tion tioned"
)
_PREFIX_GROUPS = (_PREFIXES_1.split(), _PREFIXES_2.split())
_SUFFIX_GROUPS = (_SUFFIXES_1.split(), _SUFFIXES_2.split(), _SUFFIXES_3.split())


def _clear(word: str, groups: tuple[list[str], ...], prefix: bool) -> tuple[str, int]:
    for index, group in enumerate(groups):
        for part in group:
            if word.startswith(part) if prefix else word.endswith(part):
                trimmed = word[len(part) :] if prefix else word[: -len(part)]
                return trimmed, len(groups) - index
    return word, 0


@cache
def syllables(word: str) -> int:
    """The number of syllables of one word (the ``syllable`` package's heuristics)."""
    if len(word) < 1:
        return 0
    if len(word) < 3:
        return 1
    word = word.lower()
    if word in _CORNER_CASES:
        return _CORNER_CASES[word]
    text, prefix = _clear(word, _PREFIX_GROUPS, True)
    text, suffix = _clear(text, _SUFFIX_GROUPS, False)
    count = prefix + suffix + len(_VOWELS.findall(text))
    count -= len(list(_MONOSYLLABIC_ONE.finditer(text)))
    count -= len(list(_MONOSYLLABIC_TWO.finditer(text)))
    for pattern in (_DOUBLE_ONE, _DOUBLE_TWO, _DOUBLE_THREE, _DOUBLE_FOUR):
        count += len(list(pattern.finditer(text)))
    return max(count, 1)


# -- document statistics -------------------------------------------------------------------------

_WORD = regex.compile(r"(?:[A-Z]\.){2,}|[\p{N}\p{L}']+")


@dataclass
class Statistics:
    """The counts of Vale's ``summarize.NewDocument`` over a text."""

    words: float = 0
    sentences: float = 0
    paragraphs: float = 0
    characters: float = 0
    syllables: float = 0
    long_words: float = 0
    complex_words: float = 0
    polysyllabic_words: float = 0

    @classmethod
    def of(cls, text: str) -> Statistics:
        stats = cls()
        for paragraph in text.split("\n\n"):
            for start, end in sentences(paragraph):
                stats.sentences += 1
                for word in _WORD.findall(paragraph[start:end]):
                    stats.words += 1
                    stats.characters += sum(c.isalpha() or c.isnumeric() for c in word)
                    if len(word.encode("utf-8")) > 6:
                        stats.long_words += 1
                    count = syllables(word)
                    stats.syllables += count
                    if count > 2:
                        stats.polysyllabic_words += 1
                    if count - word.endswith(("es", "ed", "ing")) > 2:
                        stats.complex_words += 1
            stats.paragraphs += 1
        return stats
