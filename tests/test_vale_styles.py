"""The seven public styles of ../shared/vale-compat load, every pattern compiles, every rule runs.

Skipped when the shared folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.core.patterns import time_limit
from newslint.vale.config import ValeConfig
from newslint.vale.lint import Linter
from newslint.vale.manager import Manager
from newslint.vale.rules import FileState


def _shared() -> Path:
    here = Path(__file__).resolve().parent.parent
    for parent in here.parents:
        if (parent / "shared" / "vale-compat").is_dir():
            return parent / "shared" / "vale-compat"
    return here.parent / "shared" / "vale-compat"


STYLES = _shared() / "styles"
SEVEN = (
    ("Google", "Google"),
    ("Microsoft", "Microsoft"),
    ("write-good", "write-good"),
    ("proselint", "proselint"),
    ("alex", "alex"),
    ("Joblint", "Joblint"),
    ("readability", "Readability"),
)
TEXT = (
    "The new park, which opens on 12/6/2024 at 10 am, is very easy to find! It's e.g. a "
    "meet-up spot -- utilize it. The the council said he/she will be there, i.e. soon... "
    "Notwithstanding considerable administrative complications, municipal representatives "
    "unanimously acknowledged extraordinary infrastructural responsibilities.\n"
)
pytestmark = pytest.mark.skipif(not STYLES.is_dir(), reason=f"{STYLES} is absent")


@pytest.mark.parametrize(("folder", "style"), SEVEN)
def test_style_loads_whole_and_every_rule_runs(folder: str, style: str) -> None:
    root = STYLES / folder
    config = ValeConfig(styles_paths=[root], global_styles=[style], styles=[style])
    manager = Manager(config)
    files = sorted(p.stem for p in (root / style).glob("*.yml"))
    assert sorted(name.split(".", 1)[1] for name in manager.rules) == files
    assert manager.skipped == {}
    linter = Linter(config, manager)
    prepared = linter.prepare("page.md", TEXT)
    with time_limit(10):
        for rule in manager.rules.values():
            for unit in prepared.units:
                rule.run(unit.span.text, FileState(summary=TEXT))
    assert linter.lint("page.md", TEXT).alerts  # the sample breaks some rule of each style
