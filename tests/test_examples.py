"""The example newsroom config and CI workflow do what their comments say."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from newslint.app.cli import main
from newslint.config.project import Config
from newslint.core.model import Severity

CONFIG = EXAMPLES / ".newslint.yaml"
WORKFLOW = EXAMPLES / "ci" / "github-actions.yml"

COUNCIL = """\
# Council approves new budget for the harbour district

The city council approved the harbour budget on monday after a three-hour session. , members said.

the vote was close, with six members in favour and five against.

Leave a Comment
"""

GITHUB_LINES = [
    "::warning file=articles/council.md,line=3,col=49,endLine=3,endColumn=55,"
    "title=NL302 weekday-month-case::'monday' is a weekday or month and takes a capital",
    "::warning file=articles/council.md,line=3,col=82,endLine=3,endColumn=85,"
    "title=NL501 orphan-punctuation::Orphan punctuation: '. ,'",
    "::warning file=articles/council.md,line=5,col=1,endLine=5,endColumn=4,"
    "title=NL301 sentence-case::Sentence starts with a lower-case letter: 'the'",
    "::error file=articles/council.md,line=7,col=1,endLine=7,endColumn=16,"
    "title=NL201 comment-form::Comment-form boilerplate left in the article: 'Leave a Comment'",
]


def _lint_step() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return next(step for step in job["steps"] if step.get("run", "").startswith("newslint "))


def test_example_config_selects_the_rules_it_describes() -> None:
    config = Config(CONFIG)
    defaults = Config(None)

    chosen = {rule.id: rule for rule in config.rules}
    assert set(chosen) == {r.id for r in defaults.rules} - {"NL505"}
    for rule in defaults.rules:
        if rule.id in chosen and rule.category == "boilerplate":
            assert chosen[rule.id].severity == Severity.ERROR, rule.id
        elif rule.id in chosen:
            assert chosen[rule.id].severity == rule.severity, rule.id
    assert chosen["NL207"].severity == Severity.ERROR  # a warning by default

    root = CONFIG.parent
    assert "NL303" not in {
        r.id for r in config.rules_for(root / "articles" / "wire" / "afp-0412.md")
    }
    assert "NL303" in {r.id for r in config.rules_for(root / "articles" / "council.md")}
    assert config.excludes(root / "drafts" / "budget.md")
    assert config.excludes(root / "news" / "budget.draft.md")
    assert not config.excludes(root / "news" / "budget.md")


def test_example_workflow_installs_and_runs_newslint() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    (job,) = workflow["jobs"].values()
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[0].startswith("python -m pip install ") and "newslint" in runs[0]
    assert _lint_step()["run"] == "newslint check --format github articles/"


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An article repository set up as the examples suggest, as the current directory."""
    shutil.copy(CONFIG, tmp_path / ".newslint.yaml")
    (tmp_path / "articles" / "wire").mkdir(parents=True)
    (tmp_path / "articles" / "drafts").mkdir()
    clean = (EXAMPLES / "seed-article.fixed.txt").read_bytes()
    (tmp_path / "articles" / "milley.txt").write_bytes(clean)
    (tmp_path / "articles" / "drafts" / "council.md").write_text(COUNCIL, encoding="utf-8")
    (tmp_path / "articles" / "wire" / "afp.md").write_text(
        "# Talks resume in Geneva\n\n"
        "Talks resumed after Ambassador jean dupont arrived. Later, Dupont said little.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run_workflow_step(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    argv = shlex.split(_lint_step()["run"])
    assert argv[0] == "newslint"
    capsys.readouterr()
    code = main(argv[1:])
    return code, capsys.readouterr().out.splitlines()


def test_workflow_command_passes_on_clean_articles(newsroom: Path, capsys) -> None:
    # the draft is excluded and the wire story's lower-case name is ignored under wire/
    assert _run_workflow_step(capsys) == (0, [])

    shutil.copy(newsroom / "articles" / "wire" / "afp.md", newsroom / "articles" / "afp.md")
    code, lines = _run_workflow_step(capsys)
    assert code == 1
    assert lines == [
        "::warning file=articles/afp.md,line=3,col=32,endLine=3,endColumn=43,title=NL303 name-case"
        "::Name in lower case: 'jean dupont' (the article capitalises it elsewhere)"
    ]


def test_workflow_command_annotates_a_damaged_article(newsroom: Path, capsys) -> None:
    (newsroom / "articles" / "council.md").write_text(COUNCIL, encoding="utf-8")

    assert _run_workflow_step(capsys) == (1, GITHUB_LINES)


def test_workflow_command_reports_only_findings_outside_the_baseline(
    newsroom: Path, capsys
) -> None:
    council = newsroom / "articles" / "council.md"
    council.write_text(COUNCIL, encoding="utf-8")
    assert main(["baseline", "articles/"]) == 0
    council.write_text(COUNCIL.replace("Leave a Comment\n", "Share this article\n"), "utf-8")

    code, lines = _run_workflow_step(capsys)

    assert code == 1
    assert lines == [
        "::error file=articles/council.md,line=7,col=1,endLine=7,endColumn=19,"
        "title=NL202 share-bar::Share-bar boilerplate left in the article: 'Share this article'"
    ]
