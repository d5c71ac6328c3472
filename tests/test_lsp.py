"""``newslint server`` driven by a JSON-RPC client over stdio (tests/lsp_client.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs newslint[lsp]")

from lsp_client import CAPABILITIES, LspClient, apply_text_edits, position_of

from newslint import fix_text, lint_text
from newslint.formats import open_document

ARTICLE = (
    "# Council approves new park\n"
    "\n"
    "Residents 🌳🌳 cheered on tuesday as the city council voted to open a park near the\n"
    "river, the mayor said. The vote came after a long debate on monday night.\n"
    "\n"
    "Secretary of Defense lloyd austinSpeaking with reporters, he said the work goes on.\n"
    "\n"
    "Leave a Comment\n"
)
RULE_DOCS = "https://github.com/your-org/newslint/blob/main/docs/rules/"


@contextmanager
def server(root: Path, *args: str, **initialize: object) -> Iterator[LspClient]:
    """A started and initialized server in ``root``; on leaving, it must exit cleanly and no
    message it sent may carry a traceback."""
    client = LspClient(root, args)
    try:
        client.initialize(root, **initialize)  # type: ignore[arg-type]
        yield client
    finally:
        code = client.close()
        everything = json.dumps(client.received + list(client.responses.values()))
        assert "Traceback" not in everything and "traceback" not in everything
        assert b"Traceback" not in client.stderr  # the log has one line per problem
        assert code == 0, client.stderr.decode()


def _by_rule(diagnostics: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for d in diagnostics:
        found.setdefault(d["code"], []).append(d)
    return found


def _change(client: LspClient, uri: str, version: int, edits: list[dict]) -> None:
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": edits},
    )


def _replace_all(client: LspClient, uri: str, version: int, text: str) -> None:
    _change(client, uri, version, [{"text": text}])


def _actions(client: LspClient, uri: str, rng: dict, only: list[str] | None = None) -> list:
    context: dict = {"diagnostics": []}
    if only:
        context["only"] = only
    return client.request(
        "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng, "context": context}
    )


def _edits_of(action: dict) -> list[dict]:
    edit = action["edit"]
    if "documentChanges" in edit:
        return [e for change in edit["documentChanges"] for e in change["edits"]]
    return [e for edits in edit["changes"].values() for e in edits]


def test_initialize_and_diagnostics_with_exact_ranges(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("severity:\n  NL302: error\n  NL201: info\n")
    article = tmp_path / "park.md"
    article.write_text(ARTICLE, encoding="utf-8")
    with server(tmp_path) as client:
        uri = client.open(article, ARTICLE)
        diagnostics = client.diagnostics(uri)
    expected = lint_text(ARTICLE, path=str(article))
    assert [d["code"] for d in diagnostics] == [f.rule for f in expected]
    for d, finding in zip(diagnostics, expected, strict=True):
        assert d["range"] == {
            "start": position_of(ARTICLE, finding.start),
            "end": position_of(ARTICLE, finding.end),
        }
        assert d["message"] == finding.message and d["source"] == "newslint"
        assert d["codeDescription"]["href"] == f"{RULE_DOCS}{finding.rule}.md"
    by_rule = _by_rule(diagnostics)
    # the config's severity map: NL302 raised to error (1), NL201 lowered to info (3)
    assert {d["severity"] for d in by_rule["NL302"]} == {1}
    assert by_rule["NL201"][0]["severity"] == 3 and by_rule["NL101"][0]["severity"] == 1
    # the emoji before "tuesday" count two UTF-16 units each
    tuesday = by_rule["NL302"][0]["range"]
    assert tuesday["start"] == {"line": 2, "character": ARTICLE.split("\n")[2].index("tuesday") + 2}


def test_changes_are_linted_debounced_and_on_save(tmp_path: Path) -> None:
    article = tmp_path / "park.md"
    article.write_text(ARTICLE, encoding="utf-8")
    with server(tmp_path, initializationOptions={"debounceMs": 300}) as client:
        uri = client.open(article, ARTICLE)
        client.diagnostics(uri)
        mark = client.mark()
        # two quick changes, linted once: "tuesday" typed over as "Tuesday", "big " added
        tuesday = ARTICLE.index("tuesday")
        title = ARTICLE.index("park")
        _change(client, uri, 2, [{"range": {"start": position_of(ARTICLE, tuesday),
            "end": position_of(ARTICLE, tuesday + 1)}, "text": "T"}])  # fmt: skip
        _change(client, uri, 3, [{"range": {"start": position_of(ARTICLE, title),
            "end": position_of(ARTICLE, title)}, "text": "big "}])  # fmt: skip
        after = client.diagnostics(uri, after=mark)
        assert [d["code"] for d in after] == ["NL302", "NL101", "NL201"]  # "monday" is left
        changed = ARTICLE.replace("tuesday", "Tuesday").replace("new park", "new big park")
        monday = changed.index("monday")
        assert after[0]["range"]["start"] == position_of(changed, monday)
        time.sleep(0.5)
        published = [
            p for p in client.notifications("textDocument/publishDiagnostics") if p["uri"] == uri
        ]
        assert [p["version"] for p in published] == [1, 3]  # version 2 was never linted
        mark = client.mark()
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        saved = client.diagnostics(uri, after=mark)
        assert [d["code"] for d in saved] == ["NL302", "NL101", "NL201"]
        mark = client.mark()
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

        # closing clears the document's diagnostics (on a busy machine a publication from
        # before the close may still arrive first)
        def cleared() -> bool | None:
            return any(p["diagnostics"] == [] for p in _published_after(client, mark, uri)) or None

        assert client.wait_for(cleared, 30, "cleared diagnostics")


def _published_after(client: LspClient, mark: int, uri: str) -> list[dict]:
    """The diagnostics publications for ``uri`` received after ``mark``."""
    with client.changed:
        messages = client.received[mark:]
    return [
        m["params"]
        for m in messages
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    ]


def test_code_actions_applied_to_the_text(tmp_path: Path) -> None:
    article = tmp_path / "park.md"
    with server(tmp_path) as client:
        uri = client.open(article, ARTICLE)
        diagnostics = _by_rule(client.diagnostics(uri))
        # a safe fix: preferred, and applying it changes exactly the finding
        actions = _actions(client, uri, diagnostics["NL302"][0]["range"], ["quickfix"])
        fix = next(a for a in actions if a["title"].startswith("NL302"))
        assert fix["isPreferred"] is True and fix["kind"] == "quickfix"
        assert fix["diagnostics"][0]["code"] == "NL302"
        assert fix["edit"]["documentChanges"][0]["textDocument"]["version"] == 1
        assert apply_text_edits(ARTICLE, _edits_of(fix)) == ARTICLE.replace("tuesday", "Tuesday")
        # an unsafe fix: offered, labelled, not preferred
        actions = _actions(client, uri, diagnostics["NL101"][0]["range"])
        unsafe = next(a for a in actions if a["title"].startswith("NL101"))
        assert "unsafe" in unsafe["title"] and not unsafe.get("isPreferred")
        assert apply_text_edits(ARTICLE, _edits_of(unsafe)) == ARTICLE.replace(
            "austinSpeaking", "austin\n\nSpeaking"
        )
        # fix all (resolved lazily): the text `newslint fix` gives
        actions = _actions(client, uri, diagnostics["NL302"][0]["range"], ["source.fixAll"])
        assert [a["kind"] for a in actions] == ["source.fixAll.newslint"]
        assert "edit" not in actions[0]
        resolved = client.request("codeAction/resolve", actions[0])
        fixed = apply_text_edits(ARTICLE, _edits_of(resolved))
        assert fixed == fix_text(ARTICLE, path=str(article)).text
        assert "Leave a Comment" not in fixed and "austinSpeaking" in fixed  # safe fixes only
        # the fixed text, sent back, has no safe fix left: no fix-all offered
        _replace_all(client, uri, 2, fixed)
        everywhere = {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}
        actions = _actions(client, uri, everywhere)
        assert not [a for a in actions if a["kind"] == "source.fixAll.newslint"]
        assert [a["title"][:5] for a in actions if a["kind"] == "quickfix"] == [
            "NL101",
            "Disab",
        ]


def test_fix_all_is_computed_at_once_for_a_client_without_resolve(tmp_path: Path) -> None:
    capabilities = json.loads(json.dumps(CAPABILITIES))
    del capabilities["textDocument"]["codeAction"]["resolveSupport"]
    del capabilities["workspace"]["workspaceEdit"]
    text = ARTICLE.replace("\n", "\r\n")  # and CRLF line ends are kept
    with server(tmp_path, capabilities=capabilities) as client:
        uri = client.open(tmp_path / "park.md", text)
        client.diagnostics(uri)
        actions = _actions(
            client, uri, {"start": position_of(text, 0), "end": position_of(text, 0)}
        )
        fix_all = next(a for a in actions if a["kind"] == "source.fixAll.newslint")
        assert set(fix_all["edit"]) == {"changes"}  # no documentChanges support
        fixed = apply_text_edits(text, _edits_of(fix_all))
        assert fixed == fix_text(text, path=str(tmp_path / "park.md")).text
        assert "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")


def _prose_blocks(text: str) -> list[str]:
    doc = open_document(text, "a.md")
    return [text[b.start : b.end] for b in doc.blocks if b.kind != "html-comment"]


def test_disable_this_rule_here_keeps_the_markdown_and_silences_one_finding(
    tmp_path: Path,
) -> None:
    text = ARTICLE
    with server(tmp_path) as client:
        uri = client.open(tmp_path / "park.md", text)
        mark = 0
        # "monday" is on the second line of a paragraph; "Leave a Comment" starts a block
        for version, (rule, index) in enumerate((("NL302", 1), ("NL201", 0)), start=2):
            diagnostic = _by_rule(client.diagnostics(uri, after=mark))[rule][index]
            actions = _actions(client, uri, diagnostic["range"], ["quickfix"])
            disable = next(a for a in actions if a["title"].startswith(f"Disable {rule}"))
            new_text = apply_text_edits(text, _edits_of(disable))
            comment = f"<!-- newslint-disable-next-line {rule} -->"
            assert new_text.count(comment) == 1
            # the same blocks as before, bar the comment (inline in a paragraph, or its own)
            unchanged = [b.replace(" " + comment, "") for b in _prose_blocks(new_text)]
            assert unchanged == _prose_blocks(text)
            mark = client.mark()
            _replace_all(client, uri, version, new_text)
            left = [f.rule for f in lint_text(new_text, path="park.md")]
            assert [d["code"] for d in client.diagnostics(uri, after=mark)] == left
            text = new_text
    assert left == ["NL302", "NL101"]  # "tuesday" and the glued caption are left
    assert "open a park near the <!-- newslint-disable-next-line NL302 -->\nriver" in text
    assert "\n\n<!-- newslint-disable-next-line NL201 -->\nLeave a Comment\n" in text


def test_plain_text_has_fixes_but_no_suppression_comment(tmp_path: Path) -> None:
    text = "Council approves new park\n\nThe council voted on tuesday.\n\nLeave a Comment\n"
    with server(tmp_path) as client:
        uri = client.open(tmp_path / "park.txt", text)
        diagnostics = client.diagnostics(uri)
        assert [d["code"] for d in diagnostics] == ["NL302", "NL201"]
        everywhere = {"start": position_of(text, 0), "end": position_of(text, len(text))}
        titles = [a["title"] for a in _actions(client, uri, everywhere)]
        assert titles[:2] == ["NL302: Capitalise 'tuesday'", "NL201: Delete the comment-form line"]
        assert not [t for t in titles if t.startswith("Disable")]


def test_hover_explains_the_rule(tmp_path: Path) -> None:
    with server(tmp_path) as client:
        uri = client.open(tmp_path / "park.md", ARTICLE)
        diagnostics = _by_rule(client.diagnostics(uri))
        start = diagnostics["NL101"][0]["range"]["start"]
        inside = {"line": start["line"], "character": start["character"] + 3}
        hover = client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": inside}
        )
        value = hover["contents"]["value"]
        assert hover["contents"]["kind"] == "markdown"
        assert hover["range"] == diagnostics["NL101"][0]["range"]
        assert value.startswith("**NL101**: ") and "**NL101 glued-caption**" in value
        assert "Scrapers drop the space or line break" in value  # the description
        assert "lloyd austinSpeaking with reporters" in value  # the bad example
        assert f"({RULE_DOCS}NL101.md)" in value
        nothing = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}},
        )
        assert nothing is None


def test_utf8_and_utf32_positions_when_the_client_offers_them(tmp_path: Path) -> None:
    line = ARTICLE.split("\n")[2]
    column = line.index("tuesday")  # in code points
    for encoding, character in (("utf-8", column + 2 * 3), ("utf-32", column)):
        capabilities = json.loads(json.dumps(CAPABILITIES))
        capabilities["general"]["positionEncodings"] = [encoding, "utf-16"]
        client = LspClient(tmp_path)
        try:
            result = client.initialize(tmp_path, capabilities=capabilities)
            assert result["capabilities"]["positionEncoding"] == encoding
            uri = client.open(tmp_path / "park.md", ARTICLE)
            found = _by_rule(client.diagnostics(uri))["NL302"][0]["range"]["start"]
            assert found == {"line": 2, "character": character}
            # an incremental edit after the emoji lands where the client meant it
            mark = client.mark()
            at = position_of(ARTICLE, ARTICLE.index("tuesday"), encoding)
            _change(client, uri, 2, [{"range": {"start": at, "end": at}, "text": "last "}])
            moved = _by_rule(client.diagnostics(uri, after=mark))["NL302"][0]["range"]["start"]
            assert moved == {"line": 2, "character": character + 5}
        finally:
            assert client.close() == 0


def _write_config(path: Path, text: str) -> None:
    """Write a config so that its mtime changes even on a coarse-grained file system."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    while path.stat().st_mtime_ns == before:
        time.sleep(0.01)
        path.write_text(text)


def test_config_and_pack_reload_and_a_broken_config(tmp_path: Path) -> None:
    newsroom = tmp_path / "newsroom"
    other = tmp_path / "other"
    for folder in (newsroom, other):
        folder.mkdir()
        (folder / ".git").mkdir()  # each its own repository: configs are not shared
    config = newsroom / ".newslint.yaml"
    _write_config(config, "ignore: [NL302]\npacks: [house.yaml]\n")
    pack = newsroom / "house.yaml"
    pack.write_text(_house_pack("Filed by the night desk"))
    text = "Council approves park\n\nThe council voted on tuesday.\n\nFiled by the night desk\n"
    with server(tmp_path) as client:
        uri = client.open(newsroom / "a.txt", text)
        other_uri = client.open(other / "b.txt", text)
        assert [d["code"] for d in client.diagnostics(uri)] == ["XX100"]
        assert [d["code"] for d in client.diagnostics(other_uri)] == ["NL302"]
        registered = client.wait_for(
            lambda: client.notifications("client/registerCapability") or None, 10, "registration"
        )
        globs = [
            w["globPattern"]
            for r in registered[0]["registrations"]
            for w in r["registerOptions"]["watchers"]
        ]
        assert "**/.newslint.yaml" in globs and "**/*.{yaml,yml}" in globs
        # the config changes on disk; the client reports it (file watching)
        _write_config(config, "packs: [house.yaml]\n")
        mark = client.mark()
        client.notify(
            "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]}
        )
        assert [d["code"] for d in client.diagnostics(uri, after=mark)] == ["NL302", "XX100"]
        # the pack changes; a client without file watching sends only didSave
        _write_config(pack, _house_pack("Filed by the day desk"))
        mark = client.mark()
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert [d["code"] for d in client.diagnostics(uri, after=mark)] == ["NL302"]
        # a broken config: one message naming the file and line; the other project still works
        _write_config(config, "packs: [house.yaml]\nselekt: [NL302]\n")
        mark = client.mark()
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri, after=mark) == []
        _replace_all(client, uri, 2, text + "\nOn friday we met.\n")  # typing on: no new message
        _replace_all(client, other_uri, 2, "On friday we met.\n")
        assert [d["code"] for d in client.diagnostics(other_uri, after=mark)] == ["NL302"]
        messages = [
            m["message"] for m in client.notifications("window/showMessage") if m["type"] == 1
        ]
        assert len(messages) == 1 and "\n" not in messages[0]
        assert messages[0].startswith(f"newslint: {config.resolve()}:2: ")
        assert "selekt" in messages[0]
        # repaired: linted again
        _write_config(config, "packs: [house.yaml]\n")
        mark = client.mark()
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert [d["code"] for d in client.diagnostics(uri, after=mark)] == ["NL302", "NL302"]


def test_an_unsaved_buffer_takes_the_workspace_folders_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".newslint.yaml").write_text("ignore: [NL302]\n")
    with server(tmp_path) as client:
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": "untitled:Untitled-1",
                    "languageId": "markdown",
                    "version": 1,
                    "text": "<!-- newslint-disable NL201 -->\n\nOn tuesday we met.\n\n"
                    "Leave a Comment\n",
                }
            },
        )
        # the folder's config (no NL302) and Markdown handling (the comment is a directive)
        assert client.diagnostics("untitled:Untitled-1") == []
        mark = client.mark()
        _replace_all(client, "untitled:Untitled-1", 2, "On friday we met.\n\nLeave a Comment\n")
        assert [d["code"] for d in client.diagnostics("untitled:Untitled-1", after=mark)] == [
            "NL201"
        ]


def test_a_broken_config_given_on_the_command_line_is_told_not_fatal(tmp_path: Path) -> None:
    config = tmp_path / "newsroom.yaml"
    config.write_text("severity:\n  NL302: fatal\n")
    with server(tmp_path, "--config", str(config), "--stdio") as client:
        uri = client.open(tmp_path / "a.md", "On tuesday we met.\n")
        assert client.diagnostics(uri) == []
        told = client.wait_for(
            lambda: client.notifications("window/showMessage") or None, 10, "message"
        )
        assert told[0]["type"] == 1 and told[0]["message"] == (
            f"newslint: {config}:1: key 'severity': expected 'info', 'warning' or 'error',"
            " got 'fatal'"
        )
        _write_config(config, "severity:\n  NL302: error\n")
        mark = client.mark()
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert [d["severity"] for d in client.diagnostics(uri, after=mark)] == [1]


def _house_pack(phrase: str) -> str:
    return (
        "description: House rules.\nrules:\n"
        "  - id: XX100\n    name: house-desk-note\n    kind: boilerplate\n"
        "    category: boilerplate\n    severity: warning\n"
        "    message: 'Desk note: {match}'\n"
        "    description: A note of the desk that the CMS leaves in the copy.\n"
        f"    unit: line\n    patterns: ['{phrase.lower()}']\n"
        "    examples:\n"
        f"      bad: ['{phrase}']\n"
        "      good: ['The council met on Monday.']\n"
    )


def test_malformed_requests_get_errors_and_the_server_goes_on(tmp_path: Path) -> None:
    with server(tmp_path) as client:
        uri = client.open(tmp_path / "park.md", ARTICLE)
        client.diagnostics(uri)
        bad_params = client.request_raw("textDocument/hover", {"textDocument": {"uri": uri}})
        assert bad_params["error"]["code"] == -32602
        unknown = client.request_raw("newslint/nothing", {})
        assert unknown["error"]["code"] == -32601
        client.send_raw(b'{"jsonrpc": "2.0", "id": 99, "method": ')  # not JSON
        parse_error = client.wait_for(lambda: client.responses.get(None), 10, "parse error")
        assert parse_error["error"]["code"] == -32700
        client.send_raw(b'{"id": 100, "method": "textDocument/hover"}')  # not JSON-RPC 2.0
        invalid = client.wait_for(lambda: client.responses.get(100), 10, "invalid request")
        assert invalid["error"]["code"] == -32600
        # positions past the end of the document, and a document never opened
        far = {"start": {"line": 500, "character": 9}, "end": {"line": 900, "character": 0}}
        assert _actions(client, uri, far) is not None
        assert _actions(client, (tmp_path / "never.md").as_uri(), far) == []
        start = _by_rule(client.diagnostics(uri))["NL302"][0]["range"]["start"]
        hover = client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": start}
        )
        assert "NL302" in hover["contents"]["value"]


def test_a_rule_that_times_out_and_an_undecodable_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".newslint.yaml").write_text("packs: [slow.yaml]\n")
    (tmp_path / "slow.yaml").write_text(
        "description: A rule that backtracks.\nrules:\n"
        "  - id: XX901\n    name: backtracker\n    kind: pattern\n    category: style\n"
        "    severity: warning\n    message: 'Backtracking: {match}'\n"
        "    description: A rule whose pattern backtracks catastrophically.\n"
        "    patterns: ['(a|aa)+$']\n"
        "    examples:\n      bad: []\n      good: ['The council met on Monday.']\n"
    )
    slow = "The council met on tuesday.\n\n" + "a" * 60 + "b\n"
    with server(tmp_path) as client:
        uri = client.open(tmp_path / "slow.txt", slow)
        assert [d["code"] for d in client.diagnostics(uri, timeout=60)] == ["NL302"]
        warning = client.wait_for(
            lambda: client.notifications("window/showMessage") or None, 10, "warning"
        )
        assert warning[0]["type"] == 2 and "XX901 (backtracker)" in warning[0]["message"]
        # the rule is skipped for this file from now on: the next change is quick
        mark = client.mark()
        started = time.monotonic()
        _replace_all(client, uri, 2, slow.replace("tuesday", "friday"))
        assert [d["code"] for d in client.diagnostics(uri, after=mark)] == ["NL302"]
        assert time.monotonic() - started < 2.5
        # a file sent as raw bytes that are not UTF-8 (Latin-1 "café"): read with U+FFFD
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": (tmp_path / "latin1.txt").as_uri(),
                        "languageId": "plaintext",
                        "version": 1,
                        "text": "The caf\x00 opened on Monday.\n",
                    }
                },
            }
        ).encode("utf-8")
        client.send_raw(body.replace(b"\\u0000", b"\xe9"))
        latin1 = client.diagnostics((tmp_path / "latin1.txt").as_uri())
        assert [(d["code"], d["range"]["start"]["character"]) for d in latin1] == [("NL604", 7)]
        # a broken UTF-16 file: a lone surrogate, escaped in the JSON, is read as U+FFFD
        surrogate = client.open(tmp_path / "utf16.txt", "The caf\ud800 opened on Monday.\n")
        assert [(d["code"], d["range"]["start"]) for d in client.diagnostics(surrogate)] == [
            ("NL604", {"line": 0, "character": 7})
        ]
        # a binary file: one message, no diagnostics
        binary = client.open(tmp_path / "image.txt", "PNG\x00\x01\x02 data")
        assert client.diagnostics(binary) == []
        messages = [m["message"] for m in client.notifications("window/showMessage")]
        assert any("image.txt: binary file" in m for m in messages)


def test_check_does_not_import_the_server_and_a_missing_extra_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("The council met on Monday.\n")
    probe = (
        "import sys; from newslint.app.cli import main; main(['check', '--quiet', sys.argv[1]]);"
        " print(sorted(m for m in ('pygls', 'lsprotocol', 'cattrs') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(article)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().endswith("[]")
    without = "import sys; sys.modules['pygls'] = None; from newslint.app.cli import main; " + (
        "sys.exit(main(['server']))"
    )
    out = subprocess.run([sys.executable, "-c", without], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr == (
        "newslint: error: the language server needs pygls: pip install 'newslint[lsp]'\n"
    )
