"""Article text alone cannot make a run slow or make a check misread a row of marks as speech."""

from __future__ import annotations

import time

import pytest

from newslint import lint_text
from newslint.config.project import Config

SECONDS = 6.0  # about 3x the time on a loaded 2-core CI machine; quadratic code takes minutes


@pytest.fixture(scope="module")
def config() -> Config:
    return Config(None)


def _rules(text: str, config: Config) -> list[str]:
    return [f.rule for f in lint_text(text, path="a.txt", config=config)]


@pytest.mark.parametrize(
    "text",
    [
        '"' * 300_000,
        "“" * 300_000,
        '" \t' * 100_000,
        "\n \t\r" * 75_000,
        'The mayor said, "we will build it," and the council agreed on Tuesday. ' * 4_000,
        "THE COUNCIL MET " * 20_000 + "today.",
    ],
    ids=["straight", "curly", "quote-space-tab", "blank-lines", "repeated-sentence", "capitals"],
)
def test_hostile_text_is_linted_in_linear_time(text: str, config: Config) -> None:
    started = time.perf_counter()
    lint_text(text, path="a.txt", config=config)
    assert time.perf_counter() - started < SECONDS


def test_a_row_of_marks_is_no_quotation(config: Config) -> None:
    row = "The results:\n\n" + "”“" * 40 + "\n\nThe council met.\n"
    assert not [r for r in _rules(row, config) if r.startswith("NL4")]


def test_prose_with_many_quotations_is_still_checked(config: Config) -> None:
    said = 'He said "yes" and she said "no". ' * 20 + 'Then "it ended.\n'
    assert "NL401" in _rules(said, config)


def test_one_word_repeated_through_a_megabyte_is_one_finding(config: Config) -> None:
    started = time.perf_counter()
    found = _rules("word " * 200_000, config)
    assert found == ["NL701"] and time.perf_counter() - started < SECONDS
