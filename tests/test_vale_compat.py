"""The Vale compatibility scenarios of ../shared/vale-compat, run as its README says.

Every in-scope scenario (Markdown and plain-text files; tiers ``core`` and ``language-aware``)
must pass, except those listed in ``vale_compat_expected_failures.txt``, which must still fail
(so that a scenario that starts passing is noticed and taken off the list). Skipped when the
shared folder is absent. The runner is benchmarks/vale_compat.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = ROOT / "benchmarks" / "vale_compat.py"
EXPECTED_FAILURES = Path(__file__).resolve().parent / "vale_compat_expected_failures.txt"


def _load_runner():
    spec = importlib.util.spec_from_file_location("vale_compat", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules["vale_compat"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


compat = _load_runner()
SHARED = compat.DEFAULT_SHARED
SCENARIOS = (
    [s for s in compat.load_scenarios(SHARED) if s.in_scope]
    if (SHARED / "MANIFEST.tsv").is_file()
    else []
)
pytestmark = pytest.mark.skipif(not SCENARIOS, reason=f"{SHARED} is absent")


@pytest.fixture(scope="module")
def runner():
    run = compat.Runner(SHARED)
    yield run
    run.close()


def test_expected_failures_name_real_scenarios() -> None:
    listed = compat.read_expected_failures(EXPECTED_FAILURES)
    assert listed <= {s.id for s in SCENARIOS}, listed - {s.id for s in SCENARIOS}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario(runner, scenario) -> None:
    outcome = runner.run(scenario)
    if scenario.id in compat.read_expected_failures(EXPECTED_FAILURES):
        assert not outcome.passed, (
            f"{scenario.id} ({scenario.title}) passes now: remove it from {EXPECTED_FAILURES.name}"
        )
    else:
        assert outcome.passed, f"{scenario.title} [{scenario.tier}]\n{outcome.reason}"
