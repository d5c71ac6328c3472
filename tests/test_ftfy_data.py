"""ftfy's badness regex, kept as data in newslint (accel/narrowing/ftfy_badness.json), is the
installed ftfy's: an ftfy upgrade that changes it fails here, before narrowing goes wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ftfy
import pytest
from ftfy import badness

from newslint.accel.hyperscan_syntax import to_hyperscan
from newslint.accel.narrowing import mojibake
from newslint.checks import mojibake as mojibake_check
from newslint.formats import open_document

DATA = Path(mojibake.__file__).with_name("ftfy_badness.json")


def test_the_stored_regex_is_the_installed_ftfys() -> None:
    source, flags = mojibake.badness_pattern()
    assert source == badness.BADNESS_RE.pattern
    assert flags | re.UNICODE == badness.BADNESS_RE.flags


def test_the_data_names_its_origin_and_licence() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["ftfy_version"] == ftfy.__version__
    assert "Robyn Speer" in data["copyright"] and data["license"].startswith("Apache-2.0")


def test_the_regex_is_read_for_hyperscan() -> None:
    """Narrowing needs a translation of it (else every document would run ftfy)."""
    assert to_hyperscan(*mojibake.badness_pattern()) is not None


@pytest.mark.parametrize("line", ["cafÃ©", "â€œquotedâ€\x9d", "Ã¼ber", "donâ€™t", "Â°C"])
def test_lines_ftfy_repairs_are_lines_its_badness_regex_flags(line: str) -> None:
    assert ftfy.fix_encoding(line) != line
    assert badness.is_bad(line)
    doc = open_document(f"Headline\n\n{line}\n", "a.txt")
    assert list(mojibake_check.Check(mojibake_check.Options()).run(doc, doc.blocks))
