"""Artifacts planted into clean article bodies, each with its known repair (for fix_precision.py).

A kind lists the sites of a body where its artifact can stand (``sites``), and makes one plant
at a chosen site (``make``): the span of the clean text it replaces, the damaged text put there,
and the texts that count as the repair there (the clean span itself, or for a glued caption the
caption on its own line, or gone). Sites are found with simple, conservative patterns of our own
(not newslint's), so the benchmark does not grade newslint by its own reading of the text.
"""

from __future__ import annotations

import html.entities
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# -- the body ---------------------------------------------------------------------------------


@dataclass
class Body:
    """A clean article body: one paragraph a line, as the gold ``clean_text`` is."""

    id: str
    text: str
    lines: list[tuple[int, int]]  # (start, end) of each line, end before the line break
    usable: set[int]  # lines a plant may touch (no fix of the clean body within one line)

    @classmethod
    def of(cls, id_: str, text: str) -> Body:
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        return cls(id_, text, lines, set(range(len(lines))))

    def line(self, index: int) -> str:
        start, end = self.lines[index]
        return self.text[start:end]

    def prose(self) -> list[int]:
        """Usable lines of prose: six words or more, ending with a sentence mark (perhaps
        inside closing quotes or a bracket)."""
        return [
            i
            for i in sorted(self.usable)
            if _PROSE_END.search(self.line(i)) and len(self.line(i).split()) >= 6
        ]


@dataclass(frozen=True)
class Plant:
    """``text[start:end]`` of the clean body replaced by ``damaged``; any of ``repairs`` put
    there instead restores it."""

    start: int
    end: int
    damaged: str
    repairs: tuple[str, ...]
    note: str  # what was planted, for examples


@dataclass(frozen=True)
class Kind:
    name: str
    sites: Callable[[Body], list[Any]]
    make: Callable[[Body, Any, random.Random], Plant]
    repair: str  # "safe": the repair is certain; "unsafe": it guesses
    group: str  # which detection target applies
    unsafe_too: bool = False  # also measure the unsafe fix (always so for an unsafe repair)

    @property
    def modes(self) -> tuple[str, ...]:
        return ("safe", "unsafe") if self.unsafe_too or self.repair == "unsafe" else ("safe",)


_PROSE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")
# a sure sentence end inside a line: a lower-case word of two letters or more, or a number,
# its mark, perhaps closing quotes, one space, then a capital (perhaps after an opening quote)
_SENTENCE_END = re.compile(r"(?<![\w.'’-])([a-z]{2,}|\d+)([.!?])([\"”’)]?)( )(?=[\"“‘(]?[A-Z])")
_ABBREVIATIONS = frozenset(
    [
        "vs",
        "etc",
        "al",
        "approx",
        "ca",
        "cf",
        "ed",
        "eds",
        "pp",
        "vol",
        "no",
        "nos",
        "inc",
        "corp",
        "ltd",
        "co",
        "jr",
        "sr",
        "st",
        "mt",
        "ft",
        "est",
        "dept",
    ]
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _sentence_ends(body: Body, index: int) -> list[re.Match[str]]:
    start, end = body.lines[index]
    return [
        m
        for m in _SENTENCE_END.finditer(body.text, start, end)
        if m.group(1).lower() not in _ABBREVIATIONS
    ]


def _sentences(body: Body, index: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a line, cut at its sure sentence ends."""
    start, end = body.lines[index]
    spans, at = [], start
    for match in _sentence_ends(body, index):
        spans.append((at, match.start(4)))
        at = match.end(4)
    spans.append((at, end))
    return [(s, e) for s, e in spans if e > s]


def _mid_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows a word in the same sentence: a space, and before it
    a lower-case letter, a digit or a comma."""
    return (
        at >= 2
        and text[at - 1] == " "
        and (text[at - 2].islower() or text[at - 2] in ",0123456789")
    )


# -- mojibake ---------------------------------------------------------------------------------

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _sloppy_windows_1252(data: bytes) -> str:
    """``data`` decoded as Windows-1252, its five undefined bytes read as the C1 controls of the
    same number (what browsers do, and what ftfy calls sloppy-windows-1252)."""
    return "".join(
        chr(byte) if byte in _CP1252_UNDEFINED else bytes([byte]).decode("cp1252") for byte in data
    )


MOJIBAKE = {
    "sloppy-windows-1252": lambda s: _sloppy_windows_1252(s.encode("utf-8")),
    "latin-1": lambda s: s.encode("utf-8").decode("latin-1"),
    # undefined bytes dropped on the way, as a strict decoder with errors="ignore" leaves them:
    # ” (E2 80 9D) becomes "â€", the repair must see the quotation to restore it
    "windows-1252-bytes-lost": lambda s: s.encode("utf-8").decode("cp1252", errors="ignore"),
}


def _mojibake_sites(body: Body) -> list[tuple[int, int]]:
    return [
        (s, e) for i in body.prose() for s, e in _sentences(body, i) if not body.text[s:e].isascii()
    ]


def _quote_start_sites(body: Body) -> list[tuple[int, int]]:
    return [_sentences(body, i)[0] for i in body.prose() if body.line(i).startswith(("“", "‘"))]


def _lost_byte_sites(body: Body) -> list[tuple[int, int]]:
    return [
        (s, e)
        for s, e in _mojibake_sites(body)
        if any(b in _CP1252_UNDEFINED for b in body.text[s:e].encode("utf-8"))
    ]


def _make_mojibake(variants: tuple[str, ...]) -> Callable[[Body, Any, random.Random], Plant]:
    def make(body: Body, site: tuple[int, int], rng: random.Random) -> Plant:
        start, end = site
        variant = rng.choice(variants)
        clean = body.text[start:end]
        return Plant(start, end, MOJIBAKE[variant](clean), (clean,), variant)

    return make


# -- HTML entities, invisible characters --------------------------------------------------------

_ENTITY_NAMES = {chr(code): name for code, name in html.entities.codepoint2name.items()}


def _entity_sites(body: Body) -> list[int]:
    sites = []
    for i in body.prose():
        start, end = body.lines[i]
        for at in range(start, end):
            char = body.text[at]
            if char == "'" or (char in _ENTITY_NAMES and char != "\xa0"):
                sites.append(at)
    return sites


def _make_entity(body: Body, at: int, rng: random.Random) -> Plant:
    text = body.text
    if rng.random() < 0.25:  # a non-breaking space where the scraper kept &nbsp;
        space = text.find(" ", at, body.lines[_line_of(body, at)][1])
        if space > 0 and text[space - 1].isalnum() and text[space + 1 : space + 2].isalnum():
            return Plant(space, space + 1, "&nbsp;", (" ",), "&nbsp;")
    char = text[at]
    forms = [f"&#{ord(char)};", f"&#x{ord(char):x};"]
    if char in _ENTITY_NAMES:
        forms.append(f"&{_ENTITY_NAMES[char]};")
    if char == "'":
        forms.append("&#039;")
    entity = rng.choice(forms)
    return Plant(at, at + 1, entity, (char,), entity)


def _line_of(body: Body, at: int) -> int:
    return next(i for i, (s, e) in enumerate(body.lines) if s <= at <= e)


def _word_sites(body: Body, min_letters: int) -> list[tuple[int, int]]:
    return [
        m.span()
        for i in body.prose()
        for m in _WORD.finditer(body.text, *body.lines[i])
        if len(m.group()) >= min_letters
    ]


def _make_invisible(char: str, anywhere: bool) -> Callable[[Body, Any, random.Random], Plant]:
    def make(body: Body, site: tuple[int, int], rng: random.Random) -> Plant:
        start, end = site
        if anywhere and rng.random() < 0.5:
            at = end  # after the word, before the space or mark
        else:
            at = rng.randrange(start + 2, end - 1) if end - start >= 4 else start + 1
        return Plant(at, at, char, ("",), f"U+{ord(char):04X} in {body.text[start:end]!r}")

    return make


# -- casing -----------------------------------------------------------------------------------

_CALENDAR = re.compile(
    r"(?<![\w'’-])(?:(?:{})s?|{})(?![\w'’-])".format(
        "|".join(WEEKDAYS), "|".join(m for m in MONTHS if m not in ("May", "March", "August"))
    )
)
_AMBIGUOUS_DATE = re.compile(
    r"(?<![\w'’-])(May|March|August)(?= \d{1,2}(?:st|nd|rd|th)?\b| \d{4}\b)"
    r"|(?<=\d )(May|March|August)(?![\w'’-])"
)


def _calendar_sites(body: Body) -> list[tuple[int, int]]:
    sites = []
    for i in body.prose():
        for pattern in (_CALENDAR, _AMBIGUOUS_DATE):
            for m in pattern.finditer(body.text, *body.lines[i]):
                if _mid_sentence(body.text, m.start()):
                    sites.append(m.span())
    return sites


def _make_lower(body: Body, site: tuple[int, int], rng: random.Random) -> Plant:
    start, end = site
    clean = body.text[start:end]
    return Plant(start, end, clean.lower(), (clean,), clean)


def _make_lower_first(body: Body, at: int, rng: random.Random) -> Plant:
    clean = body.text[at]
    word = _WORD.match(body.text, at)
    return Plant(at, at + 1, clean.lower(), (clean,), word.group() if word else clean)


_CAPITAL_WORD = re.compile(r"[A-Z][a-z]+(?![\w'’-])")


def _sentence_start_sites(body: Body) -> list[int]:
    sites = []
    for i in body.prose():
        start, _ = body.lines[i]
        at = start + (body.text[start] in '“"‘')
        if _CAPITAL_WORD.match(body.text, at):
            sites.append(at)  # a paragraph's first word
        for m in _sentence_ends(body, i):
            at = m.end(4) + (body.text[m.end(4)] in '“"‘(')
            if _CAPITAL_WORD.match(body.text, at):
                sites.append(at)
    return sites


_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
_NAME = re.compile(r"[A-Z][a-z]{2,}")
_CALENDAR_WORDS = frozenset(WEEKDAYS + MONTHS)


def _names(body: Body, words: int) -> list[tuple[int, int]]:
    """Later mid-sentence mentions of names of ``words`` capitalised words (a whole run of
    capitalised words, each a capital and two lower-case letters or more) that the article
    mentions so at least twice and never writes in lower case; weekdays and months left out."""
    text = body.text
    mentions: dict[str, list[tuple[int, int]]] = {}
    for i in body.prose():
        for run in _RUN.finditer(text, *body.lines[i]):
            parts = run.group().split(" ")
            if (
                len(parts) != words
                or not all(_NAME.fullmatch(p) and p not in _CALENDAR_WORDS for p in parts)
                or not _mid_sentence(text, run.start())
            ):
                continue
            mentions.setdefault(run.group(), []).append(run.span())
    sites = []
    for name, spans in mentions.items():
        if len(spans) < 2:
            continue
        if any(re.search(rf"(?<![\w'’-]){w.lower()}(?![\w'’-])", text) for w in name.split()):
            continue  # the article writes a word of it in lower case too
        sites.extend(spans[1:])  # a later mention
    return sorted(sites)


# -- repetition and punctuation -----------------------------------------------------------------

_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z]+(?![\w'’-])")
_DOUBLING_ALLOWED = frozenset(["had", "that", "is", "very", "really", "so", "no"])


def _doubled_word_sites(body: Body) -> list[tuple[int, int]]:
    return [
        m.span()
        for i in body.prose()
        for m in _LOWER_WORD.finditer(body.text, *body.lines[i])
        if m.group() not in _DOUBLING_ALLOWED and body.text[m.end() : m.end() + 1] == " "
    ]


def _make_doubled_word(body: Body, site: tuple[int, int], rng: random.Random) -> Plant:
    start, end = site
    word = body.text[start:end]
    return Plant(start, end, f"{word} {word}", (word,), f"{word} {word}")


_MARK = re.compile(r"(?<=\S)[,.;:?!](?=[ \t]|$)", re.M)
_TOKEN_BEFORE = re.compile(r"\S*$")


def _mark_sites(body: Body, marks: str) -> list[int]:
    """Marks of ``marks`` after a word (or after an abbreviation's full stop, for other marks
    than a full stop) and before a space or the line end; not in ellipses, paths or times."""
    text, sites = body.text, []
    for i in body.prose():
        for m in _MARK.finditer(text, *body.lines[i]):
            at, before = m.start(), text[m.start() - 1]
            if m.group() not in marks or before in "/:-!?;,":
                continue
            found = _TOKEN_BEFORE.search(text, body.lines[i][0], at)
            token = found.group() if found else ""
            if m.group() == "." and "." in token:
                continue  # an ellipsis; "a.m ." or "3.5 ." is no artifact
            sites.append(at)
    return sites


def _make_space_before(body: Body, at: int, rng: random.Random) -> Plant:
    context = body.text[max(0, at - 12) : at + 1]
    return Plant(at, at, " ", ("",), f"space before {context!r}")


def _make_doubled_period(body: Body, at: int, rng: random.Random) -> Plant:
    return Plant(at + 1, at + 1, ".", ("",), repr(body.text[max(0, at - 12) : at + 1] + "."))


def _missing_space_sites(body: Body) -> list[int]:
    return [m.start(4) for i in body.prose() for m in _sentence_ends(body, i)]


def _make_missing_space(body: Body, at: int, rng: random.Random) -> Plant:
    return Plant(at, at + 1, "", (" ",), repr(body.text[max(0, at - 12) : at + 12]))


# -- page chrome, captions, joins -------------------------------------------------------------

# Invented people, agencies and places for composed captions and chrome (no real page's text).
_FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Tom",
    "Elena",
    "Daniel",
    "Priya",
    "Lucas",
    "Grace",
    "Omar",
    "Hannah",
    "Victor",
]
_LAST = [
    "Alvarez",
    "Chen",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Brennan",
    "Tanaka",
    "Osei",
    "Ruiz",
]
_AGENCIES = ["Reuters", "AP", "AFP", "Getty Images", "EPA", "Bloomberg", "Shutterstock"]
_OUTLETS = ["The Daily Ledger", "the Herald", "Metro News", "The Observer Post"]
_PLACES = ["Denver", "Lagos", "Manchester", "Osaka", "Marseille", "Halifax", "Tucson"]
_THINGS = [
    "the harbour",
    "the old mill",
    "a polling station",
    "the city council chamber",
    "a vaccination centre",
    "the stadium",
    "a flooded street",
    "the courthouse steps",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def chrome_line(rng: random.Random) -> str:
    """A line of page chrome as scrapers leave between paragraphs (composed here)."""
    topic = rng.choice(["city budget", "stadium deal", "school closures", "water rates"])
    return rng.choice(
        [
            "Advertisement",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Continue reading the main story",
            "Share this article",
            "Share on Facebook",
            "Share Tweet Email",
            "Sign up for our newsletter",
            "Subscribe to our daily newsletter",
            "Get the Morning Briefing delivered to your inbox",
            "Leave a Comment",
            "Your email address will not be published. Required fields are marked *",
            f"Read more: What the {topic} means for you",
            f"Related: Council to vote on {topic} next week",
            "Follow us on Twitter",
            "Download our app",
            f"© {rng.randrange(2009, 2024)} {rng.choice(_OUTLETS).removeprefix('the ')}."
            " All rights reserved.",
            "Click here to subscribe",
            "Skip Advertisement",
            f"Tags: {topic}, local news, politics",
        ]
    )


def caption(rng: random.Random) -> str:
    """A photo caption or credit as scrapers glue to a paragraph (composed here)."""
    person, other = _person(rng), _person(rng)
    place, thing = rng.choice(_PLACES), rng.choice(_THINGS)
    agency, day = rng.choice(_AGENCIES), rng.choice(WEEKDAYS)
    return rng.choice(
        [
            f"{person} speaks to reporters in {place} on {day}. (Photo: {other}/{agency})",
            f"Photo: {other}/{agency}",
            f"{other} / {agency}",
            f"Credit: {other} for {rng.choice(_OUTLETS)}",
            f"Image copyright {agency}",
            f"A view of {thing} in {place}",
            f"People wait outside {thing} in {place} on {day}",
            f"{person} at {thing}, {rng.choice(MONTHS)} {rng.randrange(1, 29)}",
            f"{agency} photo",
            "File photo",
            person.lower(),
            f"{person}, left, and {other} in {place}",
            f"Photograph: {other}/{agency}",
            f"{thing.capitalize()} in {place}. {agency}",
        ]
    )


def _caption_sites(body: Body) -> list[tuple[int, str]]:
    """(line, side): glue a caption before a paragraph that starts with a capital, or after
    one that ends a sentence and has a usable next line."""
    sites = []
    for i in body.prose():
        if body.line(i)[:1].isupper():
            sites.append((i, "before"))
        if i + 1 in body.usable and _PROSE_END.search(body.line(i)):
            sites.append((i, "after"))
    return sites


def _make_caption(body: Body, site: tuple[int, str], rng: random.Random) -> Plant:
    index, side = site
    start, end = body.lines[index]
    text = caption(rng)
    if side == "before":
        return Plant(start, start, text, (text + "\n", text + "\n\n", ""), f"{text!r} + line")
    return Plant(end, end, text, ("\n" + text, "\n\n" + text, ""), f"line + {text!r}")


def _chrome_sites(body: Body) -> list[int]:
    return [i for i in body.prose() if i + 1 in body.usable and i + 1 < len(body.lines)]


def _make_chrome(body: Body, index: int, rng: random.Random) -> Plant:
    at = body.lines[index + 1][0]
    line = chrome_line(rng)
    return Plant(at, at, line + "\n", ("",), repr(line))


_GLUE = re.compile(r"(?<![\w'’.-])[a-z]{2,}( )(?=[A-Z][a-z]+(?![\w'’-]))")


def _glued_word_sites(body: Body) -> list[int]:
    return [m.start(1) for i in body.prose() for m in _GLUE.finditer(body.text, *body.lines[i])]


def _make_glued_words(body: Body, at: int, rng: random.Random) -> Plant:
    word = re.search(r"[a-z]+$", body.text[:at])
    nxt = _WORD.match(body.text, at + 1)
    joined = (word.group() if word else "") + (nxt.group() if nxt else "")
    return Plant(at, at + 1, "", (" ",), joined)


def _open_quote_at_end(line: str) -> str | None:
    """The opening mark of a quotation left open at the end of ``line`` (one kind of marks
    only: curly double, or straight double with the line opening with one), else None."""
    if '"' not in line:
        depth = 0
        for char in line:
            depth += (char == "“") - (char == "”")
            if depth < 0:
                return None
        return "“" if depth > 0 else None
    if "“" in line or "”" in line:
        return None
    return '"' if line.count('"') % 2 == 1 and line.lstrip().startswith('"') else None


def _lost_break_sites(body: Body) -> list[int]:
    """Lines that end inside a quotation the next line reopens (the convention for a
    quotation running over several paragraphs)."""
    return [
        i
        for i in body.prose()
        if i + 1 in body.usable
        and (mark := _open_quote_at_end(body.line(i)))
        and body.line(i + 1).startswith(mark)
    ]


def _make_lost_break(body: Body, index: int, rng: random.Random) -> Plant:
    at = body.lines[index][1]
    return Plant(at, at + 1, " ", ("\n", "\n\n"), repr(body.text[at - 30 : at + 30]))


KINDS: tuple[Kind, ...] = (
    Kind("mojibake", _mojibake_sites,
         _make_mojibake(("sloppy-windows-1252", "latin-1")), "safe", "safe"),
    Kind("mojibake-quote-start", _quote_start_sites,
         _make_mojibake(("sloppy-windows-1252", "latin-1")), "safe", "safe"),
    Kind("mojibake-lost-byte", _lost_byte_sites,
         _make_mojibake(("windows-1252-bytes-lost",)), "safe", "safe"),
    Kind("html-entity", _entity_sites, _make_entity, "safe", "safe"),
    Kind("zero-width-space", lambda b: _word_sites(b, 2), _make_invisible("\u200b", True),
         "safe", "safe"),
    Kind("soft-hyphen", lambda b: _word_sites(b, 6), _make_invisible("\u00ad", False),
         "safe", "safe"),
    Kind("weekday-month", _calendar_sites, _make_lower, "safe", "safe"),
    Kind("sentence-start", _sentence_start_sites, _make_lower_first, "safe", "safe"),
    Kind("name-one-word", lambda b: _names(b, 1), _make_lower, "safe", "names"),
    Kind("name-two-word", lambda b: _names(b, 2), _make_lower, "safe", "names"),
    Kind("doubled-word", _doubled_word_sites, _make_doubled_word, "safe", "safe"),
    Kind("space-before-punct", lambda b: _mark_sites(b, ",.;:?!"), _make_space_before,
         "safe", "safe"),
    Kind("doubled-period", lambda b: _mark_sites(b, "."), _make_doubled_period, "safe", "safe"),
    Kind("missing-space", _missing_space_sites, _make_missing_space, "safe", "safe"),
    Kind("page-chrome", _chrome_sites, _make_chrome, "safe", "safe", unsafe_too=True),
    Kind("glued-caption", _caption_sites, _make_caption, "unsafe", "glued"),
    Kind("glued-words", _glued_word_sites, _make_glued_words, "unsafe", "glued"),
    Kind("lost-paragraph-break", _lost_break_sites, _make_lost_break, "unsafe", "lost-break"),
)  # fmt: skip
