"""The example newsroom config does what its comments say (tests/test_action.py runs the example
workflow through the action)."""

from __future__ import annotations

from conftest import EXAMPLES

from newslint.config.project import Config
from newslint.core.model import Severity

CONFIG = EXAMPLES / ".newslint.yaml"

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
