"""Which Harper rules newslint runs by default, and how Harper's lint kinds map to categories."""

from __future__ import annotations

# Harper rules newslint keeps off unless ``grammar.enabled_rules`` names them, by reason; a name
# ending in ``*`` stands for every rule it starts. Measured with benchmarks/grammar_quality.py on
# the English eval pages (763,000 words): counts are the findings a rule gave there.
_OFF_BECAUSE = {
    "newslint has its own rule for this": (
        "SentenceCapitalization",  # casing pack (sentence-case)
        "LongSentences",  # NL901
        "RepeatedWords",  # NL701 (doubled-word), with a safe fix
        "ToTo",  # NL701
        "Spaces",  # punctuation pack (NL503, NL505)
        "CommaFixes",  # NL503 (185 findings, mostly citation lists)
        "UnclosedQuotes",  # quotes pack, across paragraphs
        "Months",  # casing pack (weekday-month-case)
    ),
    "a matter of house style, not grammar": (
        "SpellCheck",  # names flood it; NL802 (spelling) turns it on
        "OxfordComma",  # AP style leaves the serial comma out
        "Dashes",
        "NumericRangeEnDash",
        "UseEllipsisCharacter",
        "EllipsisLength",
        "UpdatePlaceNames",  # Turkey/Türkiye, as the style book says
        "Regionalisms",  # British words in American copy and back
        "CompoundNouns",  # web site / website
        "DisjointPrefixes",  # re-create, non-alcoholic
        "Codebase",
        "Codebases",
        "Worldwide",
        "Tradeoff",
        "WellBeing",
        "ToDoHyphen",
        "LeftRightHand",
        "Expand*",  # GB, ms, min, govt written out (126 findings)
        "AvoidCurses",  # quoting profanity is an editorial decision (62)
        "FillerWords",
        "FindOut",
        "VeryUnique",
        "ObsessPreposition",
        "QuantifierNumeralConflict",  # "some 500 residents" is news English (20)
        # initialisms written out (IMO, FYI, ASAP)
        "AsFarAsICanTell",
        "AsFarAsIKnow",
        "AsIUnderstandIt",
        "AsSoonAsPossible",
        "BeRightBack",
        "ByTheWay",
        "ExplainLikeImFive",
        "ForWhatItsWorth",
        "ForYourInformation",
        "IDontKnow",
        "IfIRecallCorrectly",
        "IfIUnderstandCorrectly",
        "IfYouKnowYouKnow",
        "InCaseYouMissedIt",
        "InMyHumbleOpinion",
        "InMyOpinion",
        "InRealLife",
        "LetMeKnow",
        "NeverMind",
        "OhMyGod",
        "OnTheOtherHand",
        "OutOfTheBox",
        "PleaseTakeALook",
        "Really",
        "TalkToYouLater",
        "ToBeHonest",
    ),
    "on the eval pages mostly wrong: names, foreign words, code or correct English": (
        "OrthographicConsistency",  # casing of names and of words in code
        "SplitWords",  # names and foreign words read as glued compounds
        "MergeWords",  # "str and" -> "strand"
        "TransposedSpace",  # German and Latin
        "WrongNegative",  # German "und"
        "The",  # Maori "Te"
        "MassNouns",  # "a silver envelope", "strandings" (130)
        "InflectedVerbAfterTo",  # "accessible to disabled customers" (69)
        "MissingPreposition",
        "MissingTo",  # "has managed catch limits"
        "MissingDeterminer",
        "ModalBeAdjective",  # "All Might" (a name)
        "DoubleModal",
        "ToTwoToo",
        "PronounVerbAgreement",
        "PronounInflectionBe",
        "OneOfTheSingular",
        "LetsConfusion",  # "everyone lets out a chuckle"
        "NounVerbConfusion",  # "a domino effect"
        "QuiteQuiet",
        "AWhile",  # "waiting a while"
        "HowTo",  # "shapes how people view"
        "QuantifierNeedsOf",  # "There was a lot we didn't know"
        "InDemandInDepth",  # "in depth" as an adverb
        "Everyday",  # "their everyday lives"
        "Overall",  # "over all of New Zealand"
        "Everyone",  # "every one of them"
        "PossessiveYour",
        "ForNoun",  # "to and fro"
        "BuiltIn",  # "being built in JavaScript"
        "HopHope",
        "NominalWants",  # "why wouldn't she want to"
        "WereWhere",  # "what they thought were the same"
        "ThisTypeOfThing",  # "this kind of data collection"
        "ProgressiveNeedsBe",
        "DoToDueTo",  # "must do to protect"
        "PronounKnew",  # "someone new to Python"
        "SingleBe",  # "what it is is a rant"
        "APart",  # "cracking apart of traditional theologies"
        "TheHowWhy",  # "the who, where, when"
        "There",  # "the re-branded"
        "Therein",  # "it's all there in her feed"
        "RedundantThat",  # "demanding that that supplier"
        "Damages",
        "PhrasalVerbAsCompoundNoun",  # the nouns lockdown, layout, plugin, backoff (45)
        "TheirToThere",  # "with their right hand"
        "ThereIsAgreement",  # "there's Windows support"
        "NowKnownAs",  # "cards most of us now know as the tarot"
        "NotTo",  # "say no to dessert"
        "Thereupon",  # "leaning out there upon the afternoon"
        "RegularIrregulars",  # "strived" is standard
        "PayForPrice",
        "ThatWhich",  # "demanding that that supplier return"
    ),
}
DEFAULT_OFF: dict[str, str] = {
    name: reason for reason, names in _OFF_BECAUSE.items() for name in names
}

# Harper's lint kinds as LanguageTool category ids, which the grammar rules choose from.
KIND_CATEGORIES = {
    "Spelling": "TYPOS",
    "Capitalization": "CASING",
    "Formatting": "TYPOGRAPHY",
    "Style": "STYLE",
    "Readability": "STYLE",
    "Enhancement": "STYLE",
    "Regionalism": "STYLE",
    "Redundancy": "REDUNDANCY",
    "Punctuation": "PUNCTUATION",
    "Agreement": "GRAMMAR",
    "Grammar": "GRAMMAR",
    "Typo": "CONFUSED_WORDS",
    "WordChoice": "CONFUSED_WORDS",
    "Eggcorn": "CONFUSED_WORDS",
    "Malapropism": "CONFUSED_WORDS",
    "Usage": "CONFUSED_WORDS",
    "Nonstandard": "CONFUSED_WORDS",
}
