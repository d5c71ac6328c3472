"""The Harper grammar backend (``grammar: {backend: harper}``, the ``newslint[harper]`` extra)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import assert_one_warning

from newslint import fix_text, lint_text
from newslint.app.cli import main
from newslint.integrations import harper as harper_backend
from newslint.integrations import status

harper = pytest.importorskip("harper")

ARTICLE = """# Council vote ends in a upset 🗳️

The council voted on Tuesday, and residents said their going to appeal.

The mayor could of stopped it, officials said.

“It was a upset, they could of won,” one said. Run `a apple`, see https://example.com/a-upset.

The city, the county and the state must now agree on a new plan.
"""
PLANTED = Path(__file__).parent / "articles" / "grammar-planted.md"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setattr(harper_backend, "_backends", {})
    monkeypatch.chdir(tmp_path)
    status.reset_problems()


def _project(
    tmp_path: Path, text: str = ARTICLE, name: str = "article.md", select=(), **grammar
) -> Path:
    config = {"extend_select": list(select), "grammar": {"backend": "harper", **grammar}}
    (tmp_path / ".newslint.yaml").write_text(json.dumps(config), encoding="utf-8")
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    return article


def _grammar(article: Path) -> list:
    text = article.read_text("utf-8")
    return [f for f in lint_text(text, path=str(article)) if f.rule.startswith("NL8")]


def test_findings_with_exact_offsets_and_unsafe_fixes(tmp_path, capsys) -> None:
    article = _project(tmp_path)
    text = article.read_text("utf-8")
    findings = _grammar(article)
    got = [(f.rule, text[f.start : f.end], f.line, f.column) for f in findings]
    assert got == [
        ("NL801", "a", 1, 24),
        ("NL801", "their", 3, 50),
        ("NL801", "could of", 5, 11),
    ], "nothing from the quotation, the inline code or the URL"
    a_an, their, could_of = findings
    assert a_an.message.startswith("AnA: Incorrect indefinite article.")
    assert [e.replacement for e in a_an.fix.edits] == ["an"]
    assert their.fix.edits[0].replacement == "they're"
    assert could_of.fix.edits[0].replacement == "could have"
    assert {str(f.fix.applicability) for f in findings} == {"unsafe"}
    assert capsys.readouterr().err == ""


def test_unsafe_fixes_apply_and_settle(tmp_path) -> None:
    article = _project(tmp_path)
    assert main(["fix", str(article)]) == 1, "Harper's fixes need --unsafe-fixes"
    assert article.read_text("utf-8") == ARTICLE
    assert main(["fix", "--unsafe-fixes", str(article)]) == 0
    fixed = article.read_text("utf-8")
    assert "ends in an upset" in fixed and "they're going" in fixed
    assert "mayor could have stopped" in fixed
    assert "“It was a upset, they could of won,”" in fixed, "quoted speech is left alone"
    assert _grammar(article) == []


def test_safe_rules_make_those_fixes_safe(tmp_path) -> None:
    article = _project(tmp_path, safe_rules=["ModalOf"])
    assert main(["fix", str(article)]) == 1  # a/an and their/they're stay unsafe
    fixed = article.read_text("utf-8")
    assert "The mayor could have stopped it," in fixed
    assert "ends in a upset" in fixed and "their going" in fixed


def test_edits_do_what_harper_itself_does(tmp_path) -> None:
    """Every kind of suggestion (replace, remove, insert after) becomes the edit whose result is
    the text ``Linter.apply_suggestion`` gives."""
    text = (
        "Headline\n\nShe might of been a expert, and its clear that the the council could of"
        " known. They was told to to leave, but there is many reasons.\n"
    )
    article = _project(tmp_path, text, "a.txt")
    linter = harper.Linter()
    expected = set()
    for lint in linter.lint(text, language="plaintext"):
        if lint.suggestions:
            expected.add(linter.apply_suggestion(text, lint, lint.suggestions[0]))
    findings = _grammar(article)
    assert findings
    for finding in findings:
        edit = finding.fix.edits[0]
        assert text[: edit.start] + edit.replacement + text[edit.end :] in expected


def test_rules_newslint_turns_off_and_the_config_turns_on(tmp_path) -> None:
    text = "Headline\n\nThe city, the county and the state agreed. the vote was close.\n"
    article = _project(tmp_path, text, "a.txt", select=["NL803"])
    assert _grammar(article) == [], "no Oxford comma, no sentence capitalisation"
    harper_backend._backends.clear()
    article = _project(tmp_path, text, "a.txt", select=["NL803"], enabled_rules=["OxfordComma"])
    found = [(f.rule, f.message.split(":")[0]) for f in _grammar(article)]
    assert found == [("NL803", "OxfordComma")], "Harper's Style kind goes to the style rule"
    harper_backend._backends.clear()
    article = _project(tmp_path, ARTICLE, disabled_rules=["AnA"])
    assert "AnA" not in {f.message.split(":")[0] for f in _grammar(article)}


def test_articles_before_capitals_and_capital_a_names_are_not_judged(tmp_path) -> None:
    text = (
        "Headline\n\nPolice stopped an SUV and found an UPDATE to the file. The sum of the"
        " matrices A and B was shown in a earlier study (Volpe A et al.).\n\nA inquiry"
        " followed.\n"
    )
    article = _project(tmp_path, text, "a.txt")
    got = [(f.line, text[f.start : f.end + 8]) for f in _grammar(article)]
    assert got == [(3, "a earlier"), (5, "A inquiry")], "sentence-initial 'A' is an article"


def test_paragraphs_in_another_language_are_left_alone(tmp_path) -> None:
    text = (
        "Headline\n\nDie Apps stellen keine großen Anforderungen an die Nutzer, sagte er.\n\n"
        "The minister said it was a error.\n"
    )
    article = _project(tmp_path, text, "a.txt")
    assert [(f.line, text[f.start : f.end]) for f in _grammar(article)] == [(5, "a")]


def test_spelling_runs_for_nl802_and_spares_names(tmp_path) -> None:
    text = (
        "Headline\n\nGen. Mark Milley spoke to reporters in Przewodów. Officials did not recieve"
        " the report, Milley said.\n"
    )
    article = _project(tmp_path, text, "a.txt")
    assert _grammar(article) == [], "spelling is off by default"
    harper_backend._backends.clear()
    config = {"extend_select": ["NL802"], "grammar": {"backend": "harper"}}
    (tmp_path / ".newslint.yaml").write_text(json.dumps(config), encoding="utf-8")
    findings = _grammar(article)
    assert [(f.rule, text[f.start : f.end]) for f in findings] == [("NL802", "recieve")]
    assert findings[0].fix.edits[0].replacement == "receive"


def test_one_linter_per_process_and_answers_cached_per_paragraph(tmp_path, monkeypatch) -> None:
    built = []
    real = harper.Linter

    def counting(*args):
        built.append(args)
        return real(*args)

    monkeypatch.setattr(harper, "Linter", counting)
    monkeypatch.setattr(harper_backend, "_linters", {})  # as a new process
    article = _project(tmp_path)
    second = tmp_path / "second.md"
    second.write_text("Headline\n\nThey could of won.\n", encoding="utf-8")
    assert main(["check", str(article), str(second)]) == 1  # grammar findings are never cached
    assert len(built) == 1, "both documents used the same linter"
    monkeypatch.setattr(harper_backend, "_linters", {})  # as a new process
    harper_backend._backends.clear()
    assert _grammar(article), "findings from the per-paragraph cache"
    assert len(built) == 1, "an unchanged article does not build a linter"
    assert list((tmp_path / ".newslint_cache" / "harper").rglob("*.json"))


def test_planted_errors_found_and_nothing_else(tmp_path) -> None:
    text = PLANTED.read_text("utf-8")
    planted = json.loads(PLANTED.with_suffix(".json").read_text("utf-8"))["errors"]
    article = _project(tmp_path, text, "planted.md")
    flagged = [text[f.start - 30 : f.end + 30] for f in _grammar(article)]
    explained = [any(error["context"] in window for error in planted) for window in flagged]
    assert all(explained), [w for w, ok in zip(flagged, explained, strict=True) if not ok]
    found = {e["type"] for e in planted if any(e["context"] in w for w in flagged)}
    assert {"could of", "their/there", "a/an"} <= found


def _one_warning(err: str, *phrases: str) -> None:
    assert_one_warning(err, "Harper: ", *phrases)


@pytest.fixture
def without_harper(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "harper" else real(name, *a)
    )


def test_missing_extra_is_one_warning(tmp_path, capsys, without_harper) -> None:
    article = _project(tmp_path, "Headline\n\nThe the vote was a upset.\n", "a.txt")
    second = tmp_path / "b.txt"
    second.write_text("Headline\n\nThey could of won.\n", encoding="utf-8")
    assert main(["check", "--format", "concise", str(article), str(second)]) == 1
    captured = capsys.readouterr()
    _one_warning(captured.err, "harper-py is not installed", "pip install 'newslint[harper]'")
    assert "NL701" in captured.out, "the other rules' findings are still reported"
    assert main(["check", "--require-grammar", str(article)]) == 2


class PanicException(BaseException):
    """What pyo3 raises for a panic inside Rust code (not an Exception)."""


class CrashingLinter:
    """Stands in for a linter whose Rust code panics (no real input is known to do it)."""

    def organized_lints(self, text: str, **options: object) -> dict:
        raise PanicException("index out of bounds: the len is 3 but the index is 7")


def test_crash_in_the_binding_is_one_warning_with_workers(tmp_path, capfd, monkeypatch) -> None:
    monkeypatch.setattr(harper_backend, "_linter", lambda dialect, config: CrashingLinter())
    paths = []
    for index in range(5):
        path = _project(tmp_path, "Headline\n\nThe the vote was a upset.\n", f"a{index}.txt")
        paths.append(str(path))
    assert main(["check", "-j", "2", "--no-cache", "--format", "concise", *paths]) == 1
    captured = capfd.readouterr()
    _one_warning(captured.err, "failed (PanicException: index out of bounds")
    assert captured.out.count("NL701") == 5


def test_unknown_harper_rule_is_a_config_error(tmp_path, capsys) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text("grammar:\n  backend: harper\n  disabled_rules: [NoSuchRule]\n", "utf-8")
    article = tmp_path / "a.md"
    article.write_text("Headline\n", encoding="utf-8")
    assert main(["check", str(article)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"newslint: error: {config}:3: grammar: key 'disabled_rules': Harper has no rule"
        " 'NoSuchRule'"
    )


def test_fix_text_api_with_harper(tmp_path) -> None:
    _project(tmp_path)
    result = fix_text("Headline\n\nThey could of won.\n", path=str(tmp_path / "x.txt"), unsafe=True)
    assert result.text == "Headline\n\nThey could have won.\n"
