"""The LanguageTool client against recorded exchanges in LanguageTool's own shapes.

The bodies in tests/lt_replay/ follow LanguageTool's source, not a stand-in's guess:

- ``/v2/check`` answers as ``RuleMatchesAsJsonSerializer`` writes them
  (languagetool-org/languagetool, languagetool-core/src/main/java/org/languagetool/tools/
  RuleMatchesAsJsonSerializer.java): ``software``, ``warnings``, ``language`` with
  ``detectedLanguage``, ``matches`` (``message``, ``shortMessage``, ``replacements`` with
  ``value``/``shortDescription``, ``offset``/``length`` in UTF-16 units of the text *with* its
  markup, ``context`` as ``ContextTools`` cuts it, ``sentence``, ``type.typeName``, ``rule`` with
  ``id``, ``description``, ``issueType`` (ITS names, ``ITSIssueType.java``), ``urls`` and
  ``category``, ``ignoreForIncompleteSentence``, ``contextForSureMatch``), ``sentenceRanges``
  and ``extendedSentenceRanges``; rule ids, categories and messages of ``AvsAnRule``,
  ``EnglishWordRepeatRule`` and the Morfologik speller;
- errors as ``LanguageToolHttpHandler`` sends them (languagetool-server/src/main/java/org/
  languagetool/server/LanguageToolHttpHandler.java): a bare text body ``Error: ...``, HTTP 400
  for an ``IllegalArgumentException`` such as an unknown language code (message of
  ``Languages.getLanguageForShortCode``), 413 for ``TextTooLongException`` (message of
  ``TextChecker``: "Your text exceeds the limit of N characters (it's M characters). Please
  submit a shorter text."), 500 "Internal Error: " for anything else;
- the request as the HTTP API documents it (https://languagetool.org/http-api/, swagger
  ``/v2/check``): form-encoded ``language`` and ``data`` holding annotated text.

Each exchange also records the request newslint must send (the annotated text, with quoted
speech read as ``QUOTE``); the replay server refuses any other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_one_warning, write_user_config
from lt_standin import StandIn, check

from newslint import lint_text
from newslint.app.cli import main
from newslint.integrations import prose

REPLAYS = Path(__file__).parent / "lt_replay"


pytestmark = pytest.mark.usefixtures("isolated_languagetool")


def _replayed(server: StandIn, tmp_path: Path, name: str, **settings: object) -> Path:
    """The recorded article of ``name`` in a project configured as recorded, for a user whose
    config points at the replay."""
    recorded = json.loads((REPLAYS / name).read_text("utf-8"))
    server.replay(recorded["exchanges"])
    write_user_config({"languagetool": {"server": server.url}})
    config = {
        "extend_select": ["NL802", "NL803"],
        "languagetool": {**recorded.get("settings", {}), **settings},
    }
    (tmp_path / ".newslint.yaml").write_text(json.dumps(config), encoding="utf-8")
    article = tmp_path / recorded["path"]
    article.write_text(recorded["article"], encoding="utf-8")
    return article


def _one_warning(err: str, *phrases: str) -> None:
    assert_one_warning(err, "LanguageTool at http://127.0.0.1:", *phrases)


def test_recorded_answer_becomes_exact_findings(server, tmp_path, capsys) -> None:
    article = _replayed(server, tmp_path, "check-article.json")
    text = article.read_text("utf-8")
    findings = [f for f in lint_text(text, path=str(article)) if f.rule.startswith("NL8")]
    assert server.mismatches == [], "newslint sent exactly the recorded annotated text"
    got = [(f.rule, text[f.start : f.end], f.line, f.column) for f in findings]
    assert got == [
        ("NL801", "a", 1, 16),  # after an emoji: UTF-16 offset 14 is code point 13
        ("NL801", "The the", 3, 1),
        ("NL801", "a", 3, 22),
        ("NL802", "recieve", 5, 65),  # category TYPOS goes to the spelling rule
    ]
    article_fix = findings[0].fix
    assert article_fix is not None and article_fix.edits[0].replacement == "an"
    assert findings[0].message == (
        "EN_A_VS_AN: Use “an” instead of ‘a’ if the following word starts with a vowel sound,"
        " e.g. ‘an article’, ‘an hour’. (suggestions: an)"
    )
    assert findings[3].message.endswith("(suggestions: receive, relieve, reprieve)")
    assert capsys.readouterr().err == ""


def test_quoted_speech_is_sent_as_a_placeholder_kept_out_of_findings(server, tmp_path) -> None:
    article = _replayed(server, tmp_path, "check-article.json")
    lint_text(article.read_text("utf-8"), path=str(article))
    annotation = json.loads(server.checks()[0]["data"])["annotation"]
    speech = [part for part in annotation if part.get("interpretAs") == "QUOTE"]
    assert [part["markup"] for part in speech] == [
        "It was the worst night of my life",
        "we will rebuild",
    ]
    after = [annotation[annotation.index(part) + 1]["text"] for part in speech]
    assert [text[:2] for text in after] == [",”", ",”"], "the closing comma stays text"


QUOTED = """Flood defences fail

“The water came in through the back door,” said Jane Hill, 64.

“we lost everything,” her neighbour said. Officials called it an “unprecedented” failure.

He said the council made an "unacceptable" choice. “Help is coming.” The mayor said so.
"""


def _sentence_start_and_article_matches(forms: list[dict[str, str]]) -> list[str]:
    """What the stand-in's ports of UppercaseSentenceStartRule and AvsAnRule report."""
    wanted = ("UPPERCASE_SENTENCE_START", "EN_A_VS_AN")
    return [
        m["rule"]["id"]
        for form in forms
        for m in check(form)["matches"]
        if m["rule"]["id"] in wanted
    ]


def test_languagetool_rules_pass_over_the_quote_placeholder(server, tmp_path) -> None:
    article = tmp_path / "quoted.txt"
    article.write_text(QUOTED, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text(
        json.dumps({"extend_select": ["NL803"]}), encoding="utf-8"
    )
    write_user_config({"languagetool": {"server": server.url}})
    findings = [f for f in lint_text(QUOTED, path=str(article)) if f.rule.startswith("NL8")]
    assert findings == []
    assert _sentence_start_and_article_matches(server.checks()) == []


def test_the_old_placeholder_made_languagetool_report(server, tmp_path, monkeypatch) -> None:
    """The control: the word ``quote`` gives a lower-case sentence start at the paragraphs
    opening with a quotation and a wrong article before quoted words (what a real
    LanguageTool 6.3 reported); the engine then drops them as inside quoted speech."""
    monkeypatch.setattr(prose, "QUOTE_PLACEHOLDER", "quote")
    article = tmp_path / "quoted.txt"
    article.write_text(QUOTED, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text(
        json.dumps({"extend_select": ["NL803"]}), encoding="utf-8"
    )
    write_user_config({"languagetool": {"server": server.url}})
    lint_text(QUOTED, path=str(article))
    assert sorted(_sentence_start_and_article_matches(server.checks())) == [
        "EN_A_VS_AN",  # an "quote" (straight quotes are skipped)
        "UPPERCASE_SENTENCE_START",  # two paragraphs and a sentence open with a quotation
        "UPPERCASE_SENTENCE_START",
        "UPPERCASE_SENTENCE_START",
    ]


def test_unknown_language_code_http_400(server, tmp_path, capsys) -> None:
    article = _replayed(server, tmp_path, "error-unknown-language.json")
    assert main(["check", "--format", "concise", str(article)]) == 1
    captured = capsys.readouterr()
    _one_warning(captured.err, "HTTP 400 (Bad Request)")
    assert "is not a language code" not in captured.err, "a server's answer is never repeated"
    assert "NL701" in captured.out, "the other rules' findings are still reported"
    assert server.mismatches == []


def test_internal_error_http_500(server, tmp_path, capsys) -> None:
    article = _replayed(server, tmp_path, "error-internal.json")
    assert main(["check", "--format", "concise", "--require-grammar", str(article)]) == 2
    captured = capsys.readouterr()
    _one_warning(captured.err, "HTTP 500 (Internal Server Error)")
    assert "java.util.concurrent" not in captured.err, "a server's answer is never repeated"
    assert "NL701" in captured.out
    assert server.mismatches == []


def test_text_too_long_http_413_is_sent_again_in_halves(server, tmp_path, capsys) -> None:
    article = _replayed(server, tmp_path, "error-too-long.json")
    text = article.read_text("utf-8")
    findings = [f for f in lint_text(text, path=str(article)) if f.rule.startswith("NL8")]
    assert [(f.line, text[f.start : f.end]) for f in findings] == [(3, "a"), (5, "a")]
    assert server.mismatches == [] and server.exchanges == [], "every recorded request made"
    assert capsys.readouterr().err == ""
