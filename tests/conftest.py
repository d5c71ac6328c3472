"""Shared helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def only(rule: str) -> Config:
    """A config that enables just one rule (explicit select enables opt-in rules too)."""
    return Config(None, {"select": [rule]})


@pytest.fixture
def seed_text() -> str:
    return (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")
