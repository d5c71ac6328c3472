"""Corpus evidence: lines a site's other pages repeat are found with ``--corpus`` or a profile,
syndicated copies are content, profiles are checked, and memory stays bounded."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.app.cli import main
from newslint.corpus.evidence import Evidence
from newslint.corpus.sites import front_matter_value, site_name
from newslint.corpus.units import document_keys, normal

NAV = "Home | News | Sport | Weather"
TEMPLATE = [
    "Riverton Courier",
    "Home | News | Sport | Weather",
    "{body}",
    "Updated {day} March 2024",
    "More stories from our newsroom",
    "Copyright 2024 Riverton Courier Media",
]
BODIES = [
    (
        "The council approved the levee budget after a long night of debate about the river.",
        "The mayor called it a fair compromise.",
    ),
    (
        "Schools across the county will open an hour later next autumn under the new plan.",
        "Parents were asked for their views in May.",
    ),
    (
        "The old mill on Route 9 will become a library once the repairs to its roof are done.",
        "Builders expect to finish by the spring.",
    ),
    (
        "Farmers along the valley say the late frost has cost them most of this year's apples.",
        "Insurers are assessing the damage.",
    ),
    (
        "A new bus line will link the hospital with the railway station from the first of June.",
        "Tickets will cost two dollars.",
    ),
    (
        "The county fair drew record crowds despite the heat, its organisers said on Sunday.",
        "Next year's fair will run a day longer.",
    ),
]


def _page(number: int, body: tuple[str, str]) -> str:
    lines = [line.format(body=body[0], day=number + 1) for line in TEMPLATE]
    lines.insert(3, body[1])
    return "\n".join(lines) + "\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (tmp_path / ".git").mkdir()
    for number, body in enumerate(BODIES):
        (folder / f"story-{number}.txt").write_text(_page(number, body), encoding="utf-8")
    return folder


def _findings(capsys, *args: str) -> list[dict]:
    main(["check", "--no-cache", "--format", "json", *args])
    return json.loads(capsys.readouterr().out)


def test_lines_repeated_across_the_site_are_found(site, capsys) -> None:
    found = [f for f in _findings(capsys, "--corpus", str(site)) if f["rule"] == "NL220"]
    lines = {(Path(f["path"]).name, f["line"]) for f in found}
    template_lines = {1, 2, 5, 6, 7}  # line 5: "Updated N March 2024", digits folded
    assert lines == {(f"story-{n}.txt", line) for n in range(6) for line in template_lines}
    assert all("5 other pages" in f["message"] for f in found)
    assert all(f["fix"]["applicability"] == "unsafe" for f in found)  # 5 < 10 others


def test_without_evidence_nothing_is_found(site, capsys) -> None:
    assert not [f for f in _findings(capsys, str(site)) if f["rule"] == "NL220"]


def test_a_syndicated_copy_is_content(site, capsys) -> None:
    copy = (site / "story-0.txt").read_text(encoding="utf-8")
    for number in range(4):  # the story published four more times on the site
        (site / f"again-{number}.txt").write_text(copy, encoding="utf-8")
    found = [f for f in _findings(capsys, "--corpus", str(site)) if f["rule"] == "NL220"]
    flagged = {(Path(f["path"]).name, f["line"]) for f in found}
    assert ("story-0.txt", 1) in flagged and ("again-0.txt", 2) in flagged
    assert not {line for name, line in flagged if line in (3, 4)}  # its body is never chrome
    assert ("story-1.txt", 3) not in flagged


def test_fix_corpus_deletes_the_chrome_and_keeps_the_story(site, capsys) -> None:
    assert main(["fix", "--corpus", "--unsafe-fixes", str(site)]) == 0
    capsys.readouterr()
    assert (site / "story-1.txt").read_text(encoding="utf-8") == (
        f"{BODIES[1][0]}\n{BODIES[1][1]}\n"
    )


def test_a_profile_judges_one_article_with_its_site(site, tmp_path, capsys) -> None:
    profile = tmp_path / "site-profile.json"
    assert main(["learn", str(site), "-o", str(profile)]) == 0
    assert "Learnt from 6 documents of 1 site" in capsys.readouterr().err
    saved = json.loads(profile.read_text())
    assert saved["format"] == "newslint-profile" and saved["site_field"] == "url"
    (tmp_path / ".newslint.yaml").write_text("profile: site-profile.json\n")
    new = site / "new.txt"
    new.write_text(
        _page(
            9,
            ("A brand new story about the harbour and its fishing boats in May.", "It ends here."),
        )
    )
    found = [f for f in _findings(capsys, str(new)) if f["rule"] == "NL220"]
    assert sorted(f["line"] for f in found) == [1, 2, 5, 6, 7]


def test_a_stale_or_corrupt_profile_is_a_one_line_error(site, tmp_path, capsys) -> None:
    profile = tmp_path / "p.json"
    main(["learn", str(site), "-o", str(profile)])
    (tmp_path / ".newslint.yaml").write_text("profile: p.json\n")
    capsys.readouterr()
    data = json.loads(profile.read_text())
    for broken, reason in (
        ({**data, "units_version": 0}, "stale profile: made by newslint"),
        ({**data, "counts": data["counts"][:-4] + "AAAA"}, "corrupt profile: its digest"),
        ({"hello": 1}, "not a newslint profile"),
    ):
        profile.write_text(json.dumps(broken))
        assert main(["check", "--no-cache", str(site)]) == 2
        err = capsys.readouterr().err
        assert reason in err and ".newslint.yaml:1: profile:" in err and err.count("\n") == 1
    profile.write_text("{not json")
    assert main(["check", "--no-cache", str(site)]) == 2
    assert "corrupt profile: not JSON" in capsys.readouterr().err


def test_a_profile_outside_the_project_is_refused(site, tmp_path, capsys) -> None:
    (tmp_path / ".newslint.yaml").write_text("profile: ../elsewhere.json\n")
    assert main(["check", "--no-cache", str(site)]) == 2
    assert "profile: '../elsewhere.json' is outside the project" in capsys.readouterr().err


def test_a_feed_with_sites_from_urls(tmp_path, capsys) -> None:
    records = []
    for number, body in enumerate(BODIES):
        for host, name in (
            ("https://www.courier.example", "Courier"),
            ("https://gazette.example", "Gazette"),
        ):
            text = _page(number, body).replace("Riverton Courier", f"Valley {name}")
            records.append({"id": f"{name}{number}", "url": f"{host}/{number}", "text": text})
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    found = _findings(capsys, "--corpus", "--jsonl", str(feed))
    repeated = [f for f in found if f["rule"] == "NL220"]
    assert {f["message"].split(" other")[0] for f in repeated} == {"Line repeated on 5"}
    assert len(repeated) == 12 * 5  # each site's six pages apart: not eleven others
    one_site = _findings(capsys, "--corpus", "--site-field", "none", "--jsonl", str(feed))
    # as one site, each story is there twice (once from each paper): a copy, not another page
    assert "Line repeated on 10 other pages of the site" in {
        f["message"].split(" (")[0] for f in one_site
    }


def test_site_names_and_front_matter() -> None:
    assert site_name("https://www.Example.com/news/1") == "example.com"
    assert site_name("desk-a") == "desk-a" and site_name(None) == ""
    text = "---\ntitle: Budget\nsite: https://courier.example/x\n---\nBody\n"
    assert front_matter_value(text, "site") == "https://courier.example/x"
    assert front_matter_value("No front matter\n", "site") is None


def test_units_fold_case_digits_and_markup() -> None:
    assert normal("  **Updated 12 March 2024**  ") == normal("updated 3 march 1999")
    assert normal("• Home |  News") == "home | news"
    keys = document_keys("Home\nNews\n\nA line\nand its neighbour\n12345\n", "s")
    assert len(keys) == 6  # four lines with letters, two paragraphs of several lines


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028"])
def test_units_are_cut_at_every_line_break(brk) -> None:
    text = "Home\nNews\n\nA line\nand its neighbour\n12345\n".replace("\n", brk)
    assert document_keys(text, "s") == document_keys(text.replace(brk, "\n"), "s")


def test_a_model_trained_on_other_features_is_refused() -> None:
    from newslint.checks.line_model import LineModel
    from newslint.core.data_files import builtin_pack_dir

    path = builtin_pack_dir() / "models" / "chrome-lines.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert LineModel(data).threshold > 0
    data["features_version"] -= 1
    with pytest.raises(ValueError, match="trained on other features"):
        LineModel(data)


def test_evidence_memory_is_bounded_and_counts_are_lower_bounds() -> None:
    evidence = Evidence(budget=1000)
    for doc in range(5000):
        evidence.add("s", {1, 2, 10_000 + doc, 20_000 + doc})  # two chrome keys, two unique
        assert len(evidence.counts) <= 1000
    assert evidence.counts[1] == evidence.counts[2] == 5000
    assert evidence.pruned > 0
    other = Evidence(budget=1000)
    other.add("s", {1, 3})
    merged = evidence.merge(other)
    assert merged.counts[1] == 5001 and merged.sites["s"] == 5001


TEASERS = [
    "Storm closes the valley road for a week",
    "Library opens new wing on Route 9",
    "Council names new fire chief",
    "Bakery wins state prize for rye bread",
    "Bridge repairs to start in June",
    "Teachers back new contract",
]


def test_the_line_model_finds_rotating_teasers_beside_the_chrome(site, capsys) -> None:
    for number in range(6):
        path = site / f"story-{number}.txt"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[6:6] = [TEASERS[number], TEASERS[(number + 1) % 6]]  # after "More stories..."
        path.write_text("\n".join(lines), encoding="utf-8")
    found = _findings(capsys, "--corpus", str(site))
    model = {(Path(f["path"]).name, f["line"]) for f in found if f["rule"] == "NL221"}
    assert model == {(f"story-{n}.txt", line) for n in range(6) for line in (7, 8)}
    assert all(f["fix"]["applicability"] == "unsafe" for f in found if f["rule"] == "NL221")
    repeated = {(Path(f["path"]).name, f["line"]) for f in found if f["rule"] == "NL220"}
    assert not model & repeated  # a line is reported once
    assert not {line for _, line in model | repeated} & {3, 4}  # the story is left alone
    assert not [f for f in _findings(capsys, str(site)) if f["rule"] == "NL221"]


def test_a_pack_naming_a_missing_model_is_a_one_line_error(tmp_path) -> None:
    from newslint.config.packs import load_pack
    from newslint.core.errors import NewslintError

    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "description: Mine.\nrules:\n  - id: MY101\n    name: my-model\n    kind: line_model\n"
        "    category: boilerplate\n    severity: info\n    message: m\n    description: d\n"
        "    model: missing.json\n"
    )
    with pytest.raises(NewslintError, match=r"rule MY101\(my-model\): key 'model': no built-in"):
        load_pack(pack)


def test_the_python_api_takes_evidence() -> None:
    from newslint import fix_text, lint_text
    from newslint.corpus import Evidence, document_keys

    pages = [_page(number, body) for number, body in enumerate(BODIES)]
    evidence = Evidence()
    for text in pages:
        evidence.add("courier", document_keys(text, "courier"))
    found = lint_text(pages[2], path="a.txt", corpus=(evidence, "courier"))
    assert sorted(f.line for f in found if f.rule == "NL220") == [1, 2, 5, 6, 7]
    assert not [f for f in lint_text(pages[2], path="a.txt") if f.rule == "NL220"]
    fixed = fix_text(pages[2], path="a.txt", corpus=(evidence, "courier"), unsafe=True)
    assert fixed.text == f"{BODIES[2][0]}\n{BODIES[2][1]}\n"
    assert not [f for f in lint_text(pages[2], corpus=(evidence, "gazette")) if f.rule == "NL220"]


def test_corpus_with_worker_processes_matches_one_process(site, capsys) -> None:
    one = _findings(capsys, "--corpus", "-j", "1", str(site))
    two = _findings(capsys, "--corpus", "-j", "2", str(site))
    assert one == two and any(f["rule"] == "NL220" for f in one)


def test_learn_from_a_feed(tmp_path, capsys) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": n, "link": f"https://courier.example/{n}", "text": _page(n, body)}
        for n, body in enumerate(BODIES)
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n")
    profile = tmp_path / "p.json"
    assert main(["learn", "--jsonl", str(feed), "--site-field", "link", "-o", str(profile)]) == 0
    err = capsys.readouterr().err
    assert "Learnt from 6 documents of 1 site" in err and "p.json" in err
    assert "feed.jsonl:7: not a JSON object" in err  # warned, not learnt from
    saved = json.loads(profile.read_text())
    assert saved["sites"] == {"courier.example": 6} and saved["site_field"] == "link"
    umask = os.umask(0)
    os.umask(umask)
    assert profile.stat().st_mode & 0o777 == 0o666 & ~umask  # as an ordinary new file


MORE_BODIES = [
    (
        "The harbour master said the new pier will take two more years to finish.",
        "Fishermen want a say.",
    ),
    (
        "Volunteers planted four hundred trees along the river path over the long weekend.",
        "More are planned.",
    ),
    (
        "The hospital will hire forty nurses this year to shorten waiting times in its wards.",
        "Unions welcomed it.",
    ),
    (
        "A storm knocked out power to six thousand homes overnight, and crews worked all night.",
        "Most have power back.",
    ),
    (
        "The museum reopens on Saturday with a wing devoted to the valley's old mills.",
        "Entry stays free.",
    ),
    (
        "The county will repave the main road through town next summer, closing a lane.",
        "Detours will be signed.",
    ),
]


def test_safe_deletions_need_a_block_of_chrome_on_most_pages(site, capsys) -> None:
    for number, body in enumerate(MORE_BODIES, start=6):  # twelve pages: eleven others each
        (site / f"story-{number}.txt").write_text(_page(number, body), encoding="utf-8")
    found = _findings(capsys, "--corpus", str(site / "story-3.txt"), str(site))
    mine = {
        f["line"]: f["fix"]["applicability"]
        for f in found
        if f["path"].endswith("story-3.txt") and f["rule"] == "NL220"
    }
    assert mine == {1: "unsafe", 2: "unsafe", 5: "safe", 6: "safe", 7: "safe"}  # a run of three
    assert main(["fix", "--corpus", str(site)]) == 1  # the top two lines remain (unsafe)
    capsys.readouterr()
    text = (site / "story-3.txt").read_text(encoding="utf-8")
    assert text == f"Riverton Courier\n{NAV}\n{BODIES[3][0]}\n{BODIES[3][1]}\n"


def test_a_baseline_records_what_the_profile_finds(site, tmp_path, capsys) -> None:
    assert main(["learn", str(site), "-o", str(tmp_path / "p.json")]) == 0
    (tmp_path / ".newslint.yaml").write_text("profile: p.json\n")
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", "--baseline", str(baseline), str(site)]) == 0
    capsys.readouterr()
    assert main(["check", "--no-cache", "--baseline", str(baseline), str(site)]) == 0
    assert "baselined findings not shown" in capsys.readouterr().err


def test_corpus_cannot_read_standard_input_twice(capsys) -> None:
    assert main(["check", "--corpus", "-"]) == 2
    assert "--corpus reads its inputs twice" in capsys.readouterr().err
