"""Vale's rule types, each on a small style and realistic text, through ``newslint vale``."""

from __future__ import annotations

from pathlib import Path

import pytest
from vale_helpers import vale, write

pytest.importorskip("pyromark")


def project(tmp_path: Path, rules: dict[str, str], text: str, name: str = "a.md") -> Path:
    files = {".vale.ini": "StylesPath = s\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = T\n"}
    files.update({f"s/T/{rule}.yml": body for rule, body in rules.items()})
    files[name] = text
    return write(tmp_path, files)


def run(tmp_path, monkeypatch, capsys, rules, text, name="a.md") -> str:
    project(tmp_path, rules, text, name)
    _, out, _ = vale(monkeypatch, capsys, tmp_path, name)
    return out


def test_existence_tokens_exceptions_and_case(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: existence
        message: "Avoid '%s'."
        ignorecase: true
        level: warning
        tokens:
          - very
          - obviously
        exceptions:
          - Very Large Array
        """
    text = "It is very clear, Obviously. The Very Large Array was built.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Hedge": rule}, text) == (
        "a.md:1:7:T.Hedge:Avoid 'very'.\na.md:1:19:T.Hedge:Avoid 'Obviously'.\n"
    )


def test_existence_raw_nonword_and_mid_pattern_flags(tmp_path, monkeypatch, capsys) -> None:
    rule = r"""
        extends: existence
        message: "'%s'"
        nonword: true
        raw:
          - '(?i)percent(?-i) [A-Z]+'
        """
    text = "A 5 PERCENT RISE, a 5 percent rise, a 5 percent Rise.\n"
    # (?-i) turns case back on mid-pattern, as in .NET: only capitals follow "percent"
    assert run(tmp_path, monkeypatch, capsys, {"Raw": rule}, text) == (
        "a.md:1:5:T.Raw:'PERCENT RISE'\na.md:1:41:T.Raw:'percent R'\n"
    )


def test_substitution_groups_case_and_options(tmp_path, monkeypatch, capsys) -> None:
    rule = r"""
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        capitalize: true
        swap:
          utili[sz]e: use
          (\d+) ?percent: $1%
          on-going: ongoing|continuing
        """
    text = "Utilize the park. It grew 5 percent in an on-going way.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Words": rule}, text) == (
        "a.md:1:1:T.Words:Use 'Use' instead of 'Utilize'.\n"
        "a.md:1:27:T.Words:Use '5%' instead of '5 percent'.\n"
        "a.md:1:43:T.Words:Use 'ongoing|continuing' instead of 'on-going'.\n"
    )


def test_substitution_replace_action_lists_the_options(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        action:
          name: replace
        swap:
          on-going: ongoing|continuing
        """
    assert run(tmp_path, monkeypatch, capsys, {"Words": rule}, "An on-going case.\n") == (
        "a.md:1:4:T.Words:Use 'ongoing' or 'continuing' instead of 'on-going'.\n"
    )


def test_occurrence_max_and_min(tmp_path, monkeypatch, capsys) -> None:
    commas = """
        extends: occurrence
        message: "More than 3 commas (%d)!"
        scope: sentence
        max: 3
        token: ','
        """
    heading = """
        extends: occurrence
        message: "Headings need a verb-length of 20."
        scope: heading
        min: 20
        token: '\\w'
        """
    text = "# Parks\n\nRed, green, blue, pink, grey parks. One, two.\n"
    out = run(tmp_path, monkeypatch, capsys, {"Commas": commas, "Short": heading}, text)
    assert out == (
        "a.md:1:3:T.Short:Headings need a verb-length of 20.\n"
        "a.md:3:4:T.Commas:More than 3 commas (4)!\n"
    )


def test_repetition_within_one_sentence_only(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: repetition
        message: "'%s' is repeated!"
        alpha: true
        ignorecase: true
        tokens:
          - '[^\\s.!?]+'
        """
    text = "The the park opened. I forgot about that. That is all.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Rep": rule}, text) == (
        "a.md:1:1:T.Rep:'the' is repeated!\n"
    )


def test_consistency_flags_the_second_spelling_in_a_file(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: consistency
        message: "Inconsistent spelling of '%s'"
        level: error
        ignorecase: true
        either:
          centre: center
        """
    text = "The centre opened.\n\nThe center closed.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Spelling": rule}, text) == (
        "a.md:3:5:T.Spelling:Inconsistent spelling of 'center'\n"
    )


def test_conditional_acronym_needs_a_definition(tmp_path, monkeypatch, capsys) -> None:
    rule = r"""
        extends: conditional
        message: "'%s' has no definition"
        first: '\b([A-Z]{3,5})\b'
        second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
        """
    text = "The World Health Organization (WHO) met. WHO and the NFL agreed.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Acronyms": rule}, text) == (
        "a.md:1:54:T.Acronyms:'NFL' has no definition\n"
    )


@pytest.mark.parametrize(
    ("match", "heading", "flagged"),
    [
        ("$title", "# City Opens a New Park", False),
        ("$title", "# City opens a new park", True),
        ("$sentence", "# City opens a new park", False),
        ("$sentence", "# City Opens A New Park", True),
        ("$lower", "# city park", False),
        ("$upper", "# City park", True),
        ("'^[A-Z]'", "# city park", True),
    ],
)
def test_capitalization(tmp_path, monkeypatch, capsys, match, heading, flagged) -> None:
    rule = f"""
        extends: capitalization
        message: "'%s' should be in the right case"
        scope: heading
        match: {match}
        """
    out = run(tmp_path, monkeypatch, capsys, {"Case": rule}, heading + "\n")
    expected = f"a.md:1:3:T.Case:'{heading[2:]}' should be in the right case\n"
    assert out == (expected if flagged else "")


def test_metric_formula_on_the_summary(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: metric
        message: "Too long: %s words a sentence."
        formula: words / sentences
        condition: "> 8"
        """
    text = "# Title\n\nThe council met on Monday and agreed to open a park in the spring.\n"
    assert run(tmp_path, monkeypatch, capsys, {"Length": rule}, text) == (
        "a.md:1:1:T.Length:Too long: 14.00 words a sentence.\n"
    )


def test_unsupported_rule_types_are_named_and_the_rest_runs(tmp_path, monkeypatch, capsys) -> None:
    sequence = """
        extends: sequence
        message: "x"
        tokens:
          - tag: NN
        """
    existence = """
        extends: existence
        message: "'%s' left in text"
        tokens: [TODO]
        """
    project(tmp_path, {"Seq": sequence, "Todo": existence}, "A TODO note.\n")
    status, out, err = vale(monkeypatch, capsys, tmp_path, "a.md")
    assert out == "a.md:1:3:T.Todo:'TODO' left in text\n"
    assert "rule T.Seq skipped" in err and "sequence" in err


def test_in_text_comments_switch_one_rule_or_all(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: existence
        message: "'%s' left in text"
        tokens: [TODO]
        """
    text = (
        "TODO one.\n\n<!-- vale T.Todo = NO -->\n\nTODO two.\n\n<!-- vale T.Todo = YES -->\n\n"
        "TODO three.\n\n<!-- vale off -->\n\nTODO four.\n\n<!-- vale on -->\n\nTODO five.\n"
    )
    assert run(tmp_path, monkeypatch, capsys, {"Todo": rule}, text) == (
        "a.md:1:1:T.Todo:'TODO' left in text\n"
        "a.md:9:1:T.Todo:'TODO' left in text\n"
        "a.md:17:1:T.Todo:'TODO' left in text\n"
    )


def test_limit_caps_the_alerts_of_a_rule(tmp_path, monkeypatch, capsys) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        limit: 2
        tokens: [very]
        """
    out = run(tmp_path, monkeypatch, capsys, {"Very": rule}, "very very very very\n")
    assert out.count("T.Very") == 2


def test_spelling_with_a_dictionary_and_ignore_list(tmp_path, monkeypatch, capsys) -> None:
    pytest.importorskip("hunspell")
    rule = """
        extends: spelling
        message: "Did you really mean '%s'?"
        custom: true
        dictionaries:
          - news
        ignore:
          - names.txt
        """
    write(
        tmp_path,
        {
            "s/config/dictionaries/news.dic": "6\nthe\npark\nopened\ncity\nin\nspring\n",
            "s/config/dictionaries/news.aff": "SET UTF-8\n",
            "s/names.txt": "Zagreb\n",
        },
    )
    out = run(tmp_path, monkeypatch, capsys, {"Spelling": rule}, "The city park opend in Zagreb.\n")
    assert out == "a.md:1:15:T.Spelling:Did you really mean 'opend'?\n"
