"""Rule packs a newsroom can trust: numeric keys, message placeholders and duplicate ids are
checked with their line, suppression comments naming no rule are warned about, and
``newslint check-rules`` runs a pack's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, only

from newslint import lint_text
from newslint.app.cli import main
from newslint.checks import load_kind
from newslint.config.packs import load_pack
from newslint.config.project import Config
from newslint.core import engine

HEAD = """description: A newsroom's rules.
rules:
  - id: XX101
    name: newsletter-prompt
    kind: {kind}
    category: boilerplate
    severity: error
    message: "{message}"
    description: The sign-up line our CMS appends to every story.
"""
PROMPT = HEAD.format(kind="boilerplate", message="Newsletter prompt: '{match}'") + (
    "    patterns: ['sign up for the daily briefing\\.?']\n"
    "    ignore_case: true\n"
    "    fix: {applicability: safe, title: \"Delete '{match}'\"}\n"
    "    examples:\n"
    "      bad: ['Sign up for the Daily Briefing']\n"
    "      good: ['Readers can sign up for the daily briefing at the library, she said.']\n"
    "      fixed:\n"
    '        - before: "The vote is on Monday.\\n\\nSign up for the daily briefing\\n"\n'
    '          after: "The vote is on Monday.\\n"\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    load_pack.cache_clear()
    return tmp_path


def _use(project: Path, pack: str, name: str = "newsroom.yaml") -> Path:
    path = project / name
    path.write_text(pack, encoding="utf-8")
    (project / ".newslint.yaml").write_text(f"packs: [{name}]\n", encoding="utf-8")
    load_pack.cache_clear()
    return path


def _error(capsys: pytest.CaptureFixture[str], project: Path) -> str:
    (project / "story.md").write_text("# Vote\n\nThe council met on Monday.\n")
    assert main(["check", "--no-cache", "story.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.removeprefix("newslint: error: ").rstrip("\n")


# -- numeric keys -----------------------------------------------------------------------------


NUMERIC = [
    ("boilerplate", "max_length", 0, 1, "    patterns: ['Leave a comment']"),
    ("boilerplate", "min_run", 0, 1, "    patterns: ['Leave a comment']"),
    ("glued", "min_prefix", -1, 1, ""),
    ("metric", "min_words", -5, 0, "    formula: words_per_sentence\n    max: 30"),
    ("mojibake", "merge_within", -1, 0, ""),
    ("name_case", "max_words", 0, 1, ""),
    ("pattern", "group", -1, 0, "    patterns: ['tues(day)']"),
    ("repeated_block", "min_words", 0, 1, ""),
    ("sentence_case", "min_words", -1, 0, ""),
    ("truncated", "min_words", -3, 1, ""),
]


@pytest.mark.parametrize(("kind", "key", "bad", "minimum", "more"), NUMERIC)
def test_numeric_rule_keys_have_a_minimum(project, capsys, kind, key, bad, minimum, more) -> None:
    pack = HEAD.format(kind=kind, message="{match}") + (more + "\n" if more else "")
    pack += f"    {key}: {bad}\n"
    path = _use(project, pack)
    line = pack.count("\n")  # the key is the last line
    assert _error(capsys, project) == (
        f"{path}:{line}: rule XX101(newsletter-prompt): key {key!r}: must be at least"
        f" {minimum}, got {bad}"
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fail_on: error\nmax_file_size: -5\n", "2: key 'max_file_size': must be at least 0"),
        ("languagetool:\n  language: en-GB\n  timeout: 0\n", "3: languagetool: key 'timeout'"),
    ],
)
def test_numeric_config_keys_with_their_line(project, capsys, config: str, message: str) -> None:
    (project / ".newslint.yaml").write_text(config)
    assert _error(capsys, project).startswith(f"{project / '.newslint.yaml'}:{message}")


# -- message placeholders -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "message", "extra", "problem"),
    [
        ("pattern", "Prompt: {mach}", "    patterns: [x]\n", "unknown placeholder {mach}"),
        ("truncated", "Cut after {match}: {words}", "", "unknown placeholder {words}"),
        ("pattern", "Prompt: {match", "    patterns: [x]\n", "expected '}' before end of string"),
        ("pattern", "Prompt: {}", "    patterns: [x]\n", "{} is not a named value"),
        # what would fail when a finding is written (issue 11: no traceback at lint time)
        ("pattern", "Prompt: {match.x}", "    patterns: [x]\n", "{match.x} is not a named"),
        ("pattern", "Prompt: {match[0]}", "    patterns: [x]\n", "{match[0]} is not a named"),
        ("pattern", "Prompt: {match!x}", "    patterns: [x]\n", "no such conversion"),
        ("pattern", "Prompt: {match:d}", "    patterns: [x]\n", "not a format for text"),
        ("pattern", "Prompt: {match:{match}}", "    patterns: [x]\n", "no nested fields"),
        ("glued", "Split {before:%Y}", "", "{before:%Y}: not a format for a value"),
    ],
)
def test_unknown_message_placeholders_rejected(project, capsys, kind, message, extra, problem):
    path = _use(project, HEAD.format(kind=kind, message=message) + extra)
    err = _error(capsys, project)
    assert err.startswith(f"{path}:8: rule XX101(newsletter-prompt): message: ")
    assert problem in err


def test_unknown_placeholder_names_the_kinds_values(project, capsys) -> None:
    path = _use(project, HEAD.format(kind="glued", message="{befor} + {after}"))
    assert _error(capsys, project) == (
        f"{path}:8: rule XX101(newsletter-prompt): message: unknown placeholder {{befor}}"
        " (kind 'glued' gives {match}, {before}, {after}, {what}, {how})"
    )


def test_unknown_placeholder_in_the_fix_title(project, capsys) -> None:
    pack = PROMPT.replace("Delete '{match}'", "Delete '{line}'")
    path = _use(project, pack)
    err = _error(capsys, project)
    assert err == (
        f"{path}:12: rule XX101(newsletter-prompt): fix: unknown placeholder {{line}}"
        " (kind 'boilerplate' gives {match})"
    )


def test_known_placeholders_with_conversions_and_specs_load(project) -> None:
    pack = HEAD.format(kind="metric", message="{value!s} words, over {limit:>3} ({formula})")
    _use(project, pack + "    formula: words_per_sentence\n    per: sentence\n    max: 5\n")
    (finding,) = lint_text(
        "One two three four five six seven.", config=Config(Path(".newslint.yaml"))
    )
    assert finding.message == "7 words, over   5 (words per sentence)"


def test_every_kind_declares_the_values_its_hits_carry(monkeypatch) -> None:
    """MESSAGE_VALUES of each built-in kind hold every value its findings were given."""
    given: dict[str, set[str]] = {}
    real = engine._finding

    def record(doc, rule, hit):
        given.setdefault(rule.kind, set()).update(hit.values)
        return real(doc, rule, hit)

    monkeypatch.setattr(engine, "_finding", record)
    for rule in Config().available_rules:
        if rule.kind != "grammar":  # needs a backend: its values are read in test_grammar
            for text in rule.examples["bad"]:
                lint_text(text, config=only(rule.id))
    assert len(given) >= 12
    for kind, values in given.items():
        assert values <= {"match", *getattr(load_kind(kind), "MESSAGE_VALUES", ())}, kind


# -- duplicate ids --------------------------------------------------------------------------


def test_duplicate_id_across_packs_names_both_lines(project, capsys) -> None:
    first = project / "first.yaml"
    first.write_text(PROMPT)
    second = project / "second.yaml"
    second.write_text(PROMPT.replace("newsletter-prompt", "daily-prompt"))
    (project / ".newslint.yaml").write_text("packs: [first.yaml, second.yaml]\n")
    assert _error(capsys, project) == (
        f"{second}:3: rule XX101(daily-prompt): id 'XX101' is already used by rule"
        f" XX101(newsletter-prompt) in {first}:3"
    )


def test_pack_reusing_a_builtin_id_gives_the_line(project, capsys) -> None:
    path = _use(project, "\n" + PROMPT.replace("XX101", "NL201"))
    err = _error(capsys, project)
    assert err.startswith(f"{path}:4: rule NL201(newsletter-prompt): id 'NL201' is already used")


# -- suppression comments naming no rule ------------------------------------------------------


def test_disable_comment_naming_no_rule_is_a_warning(project, capsys) -> None:
    (project / "story.md").write_text(
        "# Vote\n\n<!-- newslint-disable weekday-month-cas NL201 -->\n"
        "The vote was on tuesday.\n\n<!-- newslint-disable-next-line nl302 -->\n"
        "The count was on friday.\n"
    )
    assert main(["check", "--no-cache", "--format", "concise", "story.md"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "newslint: warning: story.md:3: suppression comment names no rule 'weekday-month-cas';"
        " did you mean 'weekday-month-case'?",
        "newslint: warning: story.md:6: suppression comment names no rule 'nl302';"
        " did you mean 'NL302'?",
    ]
    assert "story.md:4:17: NL302" in out and "story.md:7:" in out  # suppressed nothing


def test_known_names_in_disable_comments_are_quiet(project, capsys) -> None:
    (project / "story.md").write_text(
        "# Vote\n\n<!-- newslint-disable casing, NL201 boilerplate -->\nThe vote was on tuesday.\n"
    )
    assert main(["check", "--no-cache", "story.md"]) == 0
    assert capsys.readouterr().err == ""


# -- check-rules ----------------------------------------------------------------------------


def test_check_rules_passes_a_good_pack(project, capsys) -> None:
    path = project / "newsroom.yaml"
    path.write_text(PROMPT)
    assert main(["check-rules", str(path)]) == 0
    assert capsys.readouterr().out == "All examples pass (1 rule in 1 pack).\n"


def test_check_rules_reports_each_failing_example(project, capsys) -> None:
    pack = (
        PROMPT.replace("bad: ['Sign up", "bad: ['Subscribe to the Daily Briefing', 'Sign up")
        .replace("good: ['Readers", "good: ['Sign up for the daily briefing.', 'Readers")
        .replace('after: "The vote is on Monday.\\n"', 'after: "The vote is on Monday.\\n\\n"')
    )
    path = project / "newsroom.yaml"
    path.write_text(pack)
    assert main(["check-rules", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:14: XX101(newsletter-prompt): examples.bad[0] is not flagged:"
        " 'Subscribe to the Daily Briefing'",
        f"{path}:15: XX101(newsletter-prompt): examples.good[0] is flagged at"
        " 'Sign up for the daily briefing.': 'Sign up for the daily briefing.'",
        f"{path}:16: XX101(newsletter-prompt): examples.fixed[0] gives"
        " 'The vote is on Monday.\\n', not 'The vote is on Monday.\\n\\n'",
        "3 examples fail (1 rule in 1 pack).",
    ]


def test_check_rules_wants_bad_and_good_examples(project, capsys) -> None:
    pack = HEAD.format(kind="pattern", message="{match}") + "    patterns: [x]\n"
    path = project / "newsroom.yaml"
    path.write_text(pack)
    assert main(["check-rules", "-q", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:3: XX101(newsletter-prompt): examples.{key} is missing: a rule shows what it"
        " flags and what it leaves"
        for key in ("bad", "good")
    ]


def test_check_rules_stops_on_a_pack_that_does_not_load(project, capsys) -> None:
    path = project / "newsroom.yaml"
    path.write_text(PROMPT.replace("kind: boilerplate", "kind: boilerplat"))
    assert main(["check-rules", str(path)]) == 2
    assert f"{path}:5: rule XX101(newsletter-prompt): unknown kind" in capsys.readouterr().err


def test_check_rules_on_the_builtin_packs(capsys) -> None:
    packs = sorted(str(p) for p in (ROOT / "rules").glob("*.yaml"))
    assert main(["check-rules", *packs]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"All examples pass ({len(Config().available_rules)} rules in {len(packs)} packs)."
    )
    assert "Not run, no grammar backend configured: NL801(languagetool-grammar)" in out
    assert "Not run, corpus evidence needed (--corpus): NL220(repeated-on-site)" in out


def test_check_rules_with_the_projects_grammar_backend(project, capsys) -> None:
    pytest.importorskip("harper")
    (project / ".newslint.yaml").write_text("grammar: {backend: harper}\n")
    pack = project / "grammar.yaml"
    pack.write_text((ROOT / "rules" / "grammar.yaml").read_text(encoding="utf-8"))
    assert main(["check-rules", "--no-cache", str(pack)]) == 1  # LanguageTool's examples
    out = capsys.readouterr().out
    assert "NL801" not in out  # Harper flags "a error" as LanguageTool does
    assert "NL802(languagetool-spelling): examples.bad[0] is not flagged" in out
    assert not (project / ".newslint_cache").exists()
    main(["check-rules", str(pack)])
    assert list((project / ".newslint_cache" / "harper").rglob("*.json"))


EMAIL_STYLE = HEAD.format(kind="pattern", message="House style: 'email', not '{match}'") + (
    "    patterns: ['\\be-mail\\b']\n"
    "    ignore_case: true\n"
    "    replacement: email\n"
    "    fix: {applicability: safe, title: Write 'email'}\n"
)


@pytest.mark.parametrize(
    ("preserve", "text", "fixed"),
    [
        (
            "",
            "E-mail her the draft. Her e-mail came back. The E-Mail said NO E-MAIL.",
            "Email her the draft. Her email came back. The Email said NO EMAIL.",
        ),
        ("    preserve_case: false\n", "The E-Mail said no.", "The email said no."),
    ],
)
def test_replacements_take_the_case_of_what_they_replace(project, preserve, text, fixed) -> None:
    """A replacement keeps a capital first letter or all capitals of the text it replaces
    (issue 16: `E-mail her` became `email her`), unless the rule turns it off."""
    _use(project, EMAIL_STYLE.replace("    fix:", preserve + "    fix:"))
    config = Config(project / ".newslint.yaml")
    from newslint import fix_text

    result = fix_text(text, path=str(project / "story.txt"), config=config).text
    assert result == fixed
