"""Grammar rules (NL8xx) against the LanguageTool stand-in (tests/lt_standin.py) on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import assert_one_warning, write_user_config
from lt_standin import StandIn

from newslint import lint_text
from newslint.app.cli import main
from newslint.config.project import Config
from newslint.integrations import languagetool
from newslint.integrations.languagetool import to_code_point, utf16_boundaries

ARTICLE = """---
title: Vote ends in a upset
---

The vote was a upset for the the government.

```
a apple in code
```

<!-- the the in a comment -->

“It was a upset,” he said. The incident make news.
"""


pytestmark = pytest.mark.usefixtures("isolated_languagetool")


USER_ONLY = ("server", "local")  # a project config may not set them: the user config does


def _project(tmp_path: Path, text: str = ARTICLE, **settings) -> Path:
    """A project with NL802 and NL803 on, the LanguageTool ``settings`` in its config but the
    server, which the user config names."""
    user = {k: v for k, v in settings.items() if k in USER_ONLY}
    project = {k: v for k, v in settings.items() if k not in USER_ONLY}
    config = {"extend_select": ["NL802", "NL803"], "languagetool": project}
    (tmp_path / ".newslint.yaml").write_text(json.dumps(config), encoding="utf-8")
    write_user_config({"languagetool": user})
    article = tmp_path / "article.md"
    article.write_text(text, encoding="utf-8")
    return article


def _grammar(text: str, article: Path) -> list:
    return [f for f in lint_text(text, path=str(article)) if f.rule.startswith("NL8")]


def _sent_data(server: StandIn) -> list[list[dict]]:
    return [json.loads(form["data"])["annotation"] for form in server.checks()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_utf16_mapping_is_exact() -> None:
    text = "a😀b𝒜c"
    boundaries = utf16_boundaries(text)
    assert boundaries == [0, 1, 3, 4, 6, 7]
    assert [to_code_point(boundaries, u) for u in range(8)] == [0, 1, None, 2, 3, None, 4, 5]


def test_findings_with_exact_offsets_and_one_request(server, tmp_path, capsys) -> None:
    article = _project(tmp_path, server=server.url)
    text = article.read_text("utf-8")
    findings = _grammar(text, article)
    got = [(f.rule, text[f.start : f.end], f.line, f.column) for f in findings]
    assert got == [
        ("NL801", "a", 2, 21),  # the headline from the front matter's title
        ("NL801", "a", 5, 14),
        ("NL801", "the the", 5, 26),
        ("NL801", "make", 13, 41),
    ]
    first = findings[1]
    assert first.message.startswith("EN_A_VS_AN: Use “an”")
    assert first.fix.edits[0].replacement == "an"
    assert str(first.fix.applicability) == "unsafe"
    checks = server.checks()
    assert len(checks) == 1, "three grammar rules share one request per document"
    assert checks[0]["language"] == "en-US"
    sent = "".join(p.get("text", "") for p in _sent_data(server)[0])
    assert "a apple" not in sent and "comment" not in sent and "title:" not in sent
    assert "It was a upset" not in sent  # quoted speech is markup
    assert capsys.readouterr().err == ""


def test_astral_characters_shift_utf16_offsets(server, tmp_path) -> None:
    text = "Headline\n\n🎉 Crowds 🎉🎉 cheered a upset. Fans chanted 𝒜𝒜 𝒜𝒜 all night.\n"
    article = _project(tmp_path, text, server=server.url)
    findings = _grammar(text, article)
    assert [(text[f.start : f.end], f.column) for f in findings] == [
        ("a", 21),
        ("𝒜𝒜 𝒜𝒜", 43),  # LanguageTool's length (10 UTF-16 units) is 5 code points
    ]
    assert findings[1].fix.edits[0].replacement == "𝒜𝒜"
    (annotation,) = _sent_data(server)
    original = "".join(p.get("text", p.get("markup", "")) for p in annotation)
    assert original in text


def test_cache_hits_and_changed_paragraphs(server, tmp_path) -> None:
    text = "Headline\n\nThe vote was a upset.\n\nThe the count went on.\n"
    article = _project(tmp_path, text, server=server.url)
    first = _grammar(text, article)
    assert len(server.checks()) == 1
    languagetool._clients.clear()  # a new run: only the disk cache is left
    assert _grammar(text, article) == first
    assert len(server.checks()) == 1, "every paragraph came from the cache"
    assert list((tmp_path / ".newslint_cache" / "languagetool").rglob("*.json"))
    changed = text.replace("count went on", "count went on a extra hour")
    findings = _grammar(changed, article)
    assert len(server.checks()) == 2
    sent = "".join(p.get("text", "") for p in _sent_data(server)[1])
    assert sent == "The the count went on a extra hour.", "only the changed paragraph is sent"
    assert [changed[f.start : f.end] for f in findings] == ["a", "The the", "a"]


def test_large_documents_are_split_into_requests(server, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(languagetool, "MAX_REQUEST_CHARS", 60)
    paragraphs = [f"Paragraph {n} reports a upset in the count." for n in range(5)]
    text = "Headline\n\n" + "\n\n".join(paragraphs) + "\n"
    article = _project(tmp_path, text, server=server.url)
    findings = _grammar(text, article)
    assert [f.line for f in findings] == [3, 5, 7, 9, 11]
    assert {text[f.start : f.end] for f in findings} == {"a"}
    assert len(server.checks()) == 5


def test_text_too_long_is_sent_in_halves(server, tmp_path) -> None:
    server.max_text_length = 100
    paragraphs = [f"Paragraph {n} reports a upset in the count." for n in range(5)]
    text = "Headline\n\n" + "\n\n".join(paragraphs) + "\n"
    article = _project(tmp_path, text, server=server.url)
    findings = _grammar(text, article)
    assert [f.line for f in findings] == [3, 5, 7, 9, 11]
    sizes = [len(batch) for batch in _sent_data(server)]
    assert sizes[0] == 11, "first the whole document (headline, 5 paragraphs, separators)"
    assert len(server.checks()) > 2


def test_paragraph_over_the_server_limit(server, tmp_path, capsys) -> None:
    server.max_text_length = 20
    article = _project(tmp_path, "Headline\n\nThe vote was a upset for the government.\n")
    (tmp_path / ".newslint.yaml").write_text("{}", encoding="utf-8")  # NL801 only
    write_user_config({"languagetool": {"server": server.url}})
    assert _check(article) == 0
    err = capsys.readouterr().err
    _assert_one_warning(err, "HTTP 413", "a paragraph is longer than the server accepts")
    assert "exceeds the limit of 20" not in err, "a server's answer is never repeated"


def test_settings_reach_the_server(server, tmp_path) -> None:
    article = _project(
        tmp_path,
        server=server.url,
        language="en-GB",
        disabled_rules=["ENGLISH_WORD_REPEAT_RULE"],
        enabled_categories=["STYLE"],
        picky=True,
    )
    findings = _grammar(article.read_text("utf-8"), article)
    assert "the the" not in [article.read_text("utf-8")[f.start : f.end] for f in findings]
    form = server.checks()[0]
    assert form["language"] == "en-GB"
    assert form["disabledRules"] == "ENGLISH_WORD_REPEAT_RULE"
    assert form["enabledCategories"] == "STYLE"
    assert form["level"] == "picky"


def test_request_is_form_encoded(server, tmp_path, monkeypatch) -> None:
    bodies = []
    real = languagetool._open

    def spy(request, timeout):
        if request.data:
            bodies.append((request.get_header("Content-type"), request.data.decode()))
        return real(request, timeout)

    monkeypatch.setattr(languagetool, "_open", spy)
    article = _project(tmp_path, server=server.url)
    lint_text(article.read_text("utf-8"), path=str(article))
    ((kind, body),) = bodies
    assert kind == "application/x-www-form-urlencoded"
    assert set(dict(urllib.parse.parse_qsl(body))) == {"language", "data"}


def test_safe_rules_make_those_fixes_safe(server, tmp_path, capsys) -> None:
    text = "Headline\n\nThe vote was a upset for the the government.\n"
    article = _project(tmp_path, text, server=server.url, safe_rules=["ENGLISH_WORD_REPEAT_RULE"])
    assert main(["fix", str(article)]) == 1  # the a/an fix is unsafe and remains
    assert article.read_text("utf-8") == "Headline\n\nThe vote was a upset for the government.\n"
    assert main(["fix", "--unsafe-fixes", str(article)]) == 0
    assert article.read_text("utf-8") == "Headline\n\nThe vote was an upset for the government.\n"


def test_env_variable_overrides_the_user_config(server, tmp_path, monkeypatch) -> None:
    article = _project(tmp_path, server="http://127.0.0.1:9")
    monkeypatch.setenv(languagetool.ENV_URL, server.url)
    assert Config(tmp_path / ".newslint.yaml").languagetool.server == server.url
    assert _grammar(article.read_text("utf-8"), article)


def test_command_line_server_overrides_the_environment(server, tmp_path, monkeypatch) -> None:
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n")
    monkeypatch.setenv(languagetool.ENV_URL, "http://127.0.0.1:9")
    assert main(["check", "--languagetool-server", server.url, str(article)]) == 1
    assert len(server.checks()) == 1


def test_project_config_cannot_name_a_server(server, tmp_path, capsys) -> None:
    """Issue 11: a repository's config chooses rules, never where articles are sent."""
    config = tmp_path / ".newslint.yaml"
    config.write_text(f"fail_on: error\nlanguagetool:\n  server: {server.url}\n  local: true\n")
    article = tmp_path / "a.md"
    article.write_text("Headline\n\nThe vote was a upset.\n", encoding="utf-8")
    assert _check(article) == 0
    warnings = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ")[2] for line in warnings] == [f"{config}:3", f"{config}:4"]
    assert "languagetool.server is ignored in a project config" in warnings[0]
    assert "languagetool.local is ignored in a project config" in warnings[1]
    assert "--languagetool-server, $NEWSLINT_LANGUAGETOOL_URL or the user config" in warnings[0]
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8081/internal#",
        "http://127.0.0.1:8081/?next=http://elsewhere",
        "http://user:secret@127.0.0.1:8081",
        "ftp://127.0.0.1:8081",
        "http://127.0.0.1:port",
        "http://127.0.0.1:8081/a b",
    ],
)
def test_server_urls_that_could_lead_elsewhere_are_refused(tmp_path, capsys, url) -> None:
    article = _project_file(tmp_path)
    assert main(["check", "--languagetool-server", url, str(article)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("newslint: error: --languagetool-server: ")
    assert "secret" not in line


def test_endpoints_keep_the_server_path() -> None:
    assert languagetool.endpoint("https://lt.example.org", "check") == (
        "https://lt.example.org/v2/check"
    )
    assert languagetool.endpoint("http://h:8081/lt/v2/", "languages") == (
        "http://h:8081/lt/v2/languages"
    )


def test_a_redirect_is_not_followed(server, tmp_path, capsys) -> None:
    server.mode = "redirect"
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    assert _check(article) == 0
    _assert_one_warning(capsys.readouterr().err, "HTTP 307", "follows no redirect")
    assert [path for path, _form in server.requests if "elsewhere" in path] == []


def _check(article: Path, *extra: str) -> int:
    return main(["check", "--format", "text", *extra, str(article)])


def test_no_server_configured_is_silent(tmp_path, capsys) -> None:
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n")
    assert _check(article) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert _check(article, "--require-grammar") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "newslint: error: --require-grammar: no LanguageTool server is configured"
        " (--languagetool-server, $NEWSLINT_LANGUAGETOOL_URL or languagetool.server in the user"
        " config)"
    ]


def test_require_grammar_holds_for_a_feed(tmp_path, capsys) -> None:
    _project(tmp_path)  # the config, with no server
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": 1, "text": "Headline\n\nIt was a upset.\n"}) + "\n")
    assert main(["check", "--jsonl", str(feed)]) == 0
    assert main(["check", "--jsonl", str(feed), "--require-grammar"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "newslint: error: --require-grammar: no LanguageTool server is configured"
        " (--languagetool-server, $NEWSLINT_LANGUAGETOOL_URL or languagetool.server in the user"
        " config)"
    ]


def _assert_one_warning(err: str, *phrases: str) -> None:
    assert_one_warning(err, "LanguageTool at http://127.0.0.1:", *phrases)


def test_server_down(tmp_path, capsys) -> None:
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server="http://127.0.0.1:1")
    second = tmp_path / "second.md"
    second.write_text("Headline\n\nIt was a upset.\n", encoding="utf-8")
    assert main(["check", str(article), str(second)]) == 0
    _assert_one_warning(capsys.readouterr().err, "unreachable", "refused")
    assert main(["check", "--require-grammar", str(article)]) == 2
    _assert_one_warning(capsys.readouterr().err, "unreachable")


def test_server_down_told_once_with_workers(tmp_path, capfd) -> None:
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server="http://127.0.0.1:1")
    paths = [str(article)]
    for index in range(5):
        extra = tmp_path / f"extra{index}.md"
        extra.write_text("Headline\n\nIt was a upset.\n", encoding="utf-8")
        paths.append(str(extra))
    assert main(["check", "-j", "2", "--no-cache", *paths]) == 0
    _assert_one_warning(capfd.readouterr().err, "unreachable")


def test_garbage_answer(server, tmp_path, capsys) -> None:
    server.mode = "garbage"
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    assert _check(article) == 0
    err = capsys.readouterr().err
    _assert_one_warning(err, "answered garbage (not JSON)")
    assert "Bad Gateway" not in err, "a server's answer is never repeated"


def test_malformed_match(server, tmp_path, capsys, monkeypatch) -> None:
    import lt_standin

    monkeypatch.setattr(lt_standin, "check", lambda form, limit: {"matches": [{"offset": "x"}]})
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    assert _check(article) == 0
    _assert_one_warning(capsys.readouterr().err, "malformed match")


def test_server_error_status(server, tmp_path, capsys) -> None:
    server.mode = "error"
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    assert _check(article, "--require-grammar") == 2
    err = capsys.readouterr().err
    _assert_one_warning(err, "HTTP 500 (Internal Server Error)")
    assert "OutOfMemoryError" not in err, "a server's answer is never repeated"


def test_slow_server_times_out(server, tmp_path, capsys) -> None:
    server.mode, server.delay = "slow", 2.0
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    article.with_name("b.md").write_text("Headline\n\nAnother a upset.\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text(
        json.dumps({"languagetool": {"timeout": 0.3}}), encoding="utf-8"
    )
    assert main(["check", str(tmp_path)]) == 0
    _assert_one_warning(capsys.readouterr().err, "did not answer within 0.3 s")
    assert len(server.requests) == 1, "after the first timeout the server is not asked again"


def test_unknown_language(server, tmp_path, capsys) -> None:
    article = _project(tmp_path, "Headline\n\nThe vote was a upset.\n", server=server.url)
    (tmp_path / ".newslint.yaml").write_text(
        json.dumps({"languagetool": {"language": "xx-YY"}}), encoding="utf-8"
    )
    assert _check(article) == 0
    _assert_one_warning(capsys.readouterr().err, "does not support language 'xx-YY'")
    assert server.checks() == []


@pytest.mark.parametrize(
    ("key", "settings", "message"),
    [
        ("languagetool", "  serverr: http://x\n", "unknown key 'serverr'"),
        ("languagetool", "  timeout: fast\n", "key 'timeout': expected number"),
        ("languagetool", "  timeout: 0\n", "must be a positive number"),
        ("languagetool", "  server: localhost:8081\n", "expected an http(s):// URL"),
        ("languagetool", "  picky: yes\n", "key 'picky': expected true/false"),
        ("languagetool", "  disabled_rules: EN_A_VS_AN\n", "key 'disabled_rules': expected a list"),
        ("grammar", "  backend: harpr\n", "key 'backend'"),
        ("grammar", "  dialect: klingon\n", "key 'dialect'"),
        ("grammar", "  enabled_rules: OxfordComma\n", "key 'enabled_rules': expected a list"),
    ],
)
def test_bad_settings_are_config_errors(tmp_path, capsys, key, settings, message) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text(f"fail_on: error\n{key}:\n{settings}", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("Headline\n", encoding="utf-8")
    assert _check(article) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newslint: error: {config}:3: {key}: ")
    assert message in err
    assert "\n" not in err


@pytest.mark.parametrize(
    ("key", "value"), [("languagetool", "http://x:8081"), ("grammar", "harper")]
)
def test_settings_must_be_a_mapping(tmp_path, capsys, key, value) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text(f"{key}: {value}\n", encoding="utf-8")
    assert _check(_project_file(tmp_path)) == 2
    assert f"{config}:1: {key}: expected a mapping" in capsys.readouterr().err


def _project_file(tmp_path: Path) -> Path:
    article = tmp_path / "a.md"
    article.write_text("Headline\n", encoding="utf-8")
    return article
