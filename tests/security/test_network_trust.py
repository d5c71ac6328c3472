"""Issue 11, High: a repository's config never makes newslint connect anywhere.

Trust model under test ("What to build"): a repository's ``.newslint.yaml`` may choose rules,
packs and paths inside the project, never a network endpoint or a path outside it. A
LanguageTool server is used only when the user allows it.

Assumptions about the interface of the fix (the issue leaves the names open):
- the user allows a server with the existing environment variable ``NEWSLINT_LANGUAGETOOL_URL``,
  with a new CLI flag ``--languagetool-server URL`` (check and fix), or in a user-level config
  ``$XDG_CONFIG_HOME/newslint/config.yaml`` holding the same ``languagetool:`` mapping as a
  project config (``server``, ``local``, ...);
- ``languagetool.local: true`` counts only from the user (CLI/env/user config), never from a
  repository.

Every server here is a local HTTP server on 127.0.0.1 that counts the requests it gets.
"""

from __future__ import annotations

import os

from security.seclib import CountingServer, Request, Sandbox, assert_no_traceback

GRAMMAR_ARTICLE = "Headline\n\nThe vote was a upset on tuesday.\n"


def _repo_server(sandbox: Sandbox, url: str, extra: str = "") -> None:
    sandbox.write(".newslint.yaml", f"languagetool:\n  server: {url}\n{extra}")


def test_repository_config_cannot_choose_a_languagetool_server(sandbox: Sandbox) -> None:
    """Issue 11, High: ``languagetool: {server: URL}`` in a repository config made newslint
    POST the articles to any host. The same server named by the user's environment variable is
    used (the allowed way still works)."""
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer() as server:
        _repo_server(sandbox, server.url)
        run = sandbox.run("check", "a.txt")
        assert_no_traceback(run)
        assert run.code == 1, run  # the other rules still report "tuesday"
        assert server.requests == [], f"contacted a server the repository named\n{run}"

        allowed = sandbox.run("check", "a.txt", env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
        assert_no_traceback(allowed)
        assert any(r.path.endswith("/v2/check") for r in server.requests), allowed


def test_cli_flag_allows_a_languagetool_server(sandbox: Sandbox) -> None:
    """Issue 11, What to build: a server is used "when the user allows it (... CLI flag ...)";
    assumed flag: ``--languagetool-server URL``."""
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer() as server:
        run = sandbox.run("check", "--languagetool-server", server.url, "a.txt")
        assert_no_traceback(run)
        assert run.code == 1, run
        assert any(r.path.endswith("/v2/check") for r in server.requests), run


def test_user_config_allows_a_languagetool_server(sandbox: Sandbox) -> None:
    """Issue 11, What to build: a server is used "when the user allows it (... the user-level
    config)"; assumed file: ``$XDG_CONFIG_HOME/newslint/config.yaml``."""
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer() as server:
        sandbox.write(
            ".config/newslint/config.yaml", f"languagetool:\n  server: {server.url}\n", sandbox.home
        )
        run = sandbox.run("check", "a.txt")
        assert_no_traceback(run)
        assert run.code == 1, run
        assert any(r.path.endswith("/v2/check") for r in server.requests), run


def test_repository_config_cannot_start_a_local_languagetool(sandbox: Sandbox) -> None:
    """Issue 11, High: ``local: true`` in a repository config made newslint download and run a
    Java server (through ``language_tool_python``). A stand-in of that library that records
    being imported shows whether newslint went for it."""
    marker = sandbox.outside / "language_tool_python-was-used"
    stub = sandbox.outside / "stubs" / "language_tool_python.py"
    stub.parent.mkdir()
    stub.write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\n"
        "class LanguageTool:\n"
        "    def __init__(self, *a, **k):\n"
        "        raise RuntimeError('stand-in: no server')\n",
        encoding="utf-8",
    )
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    sandbox.write(".newslint.yaml", "languagetool:\n  local: true\n")

    run = sandbox.run("check", "a.txt", env={"PYTHONPATH": str(stub.parent)})

    assert_no_traceback(run)
    assert run.code == 1, run
    assert not marker.exists(), f"a repository config started a local LanguageTool\n{run}"


def test_fragment_in_server_url_cannot_redirect_requests(sandbox: Sandbox) -> None:
    """Issue 11, High: ``http://internal/path#`` turned the LanguageTool client into a request
    forgery (the API path became a fragment, the request went to ``/path``) whose answer was
    printed in the log. Even for a server the user names, newslint asks only the LanguageTool
    API (or refuses the URL), and echoes nothing of an answer that is not one."""
    secret = b"INTERNAL-ADMIN-PAGE token=5f4dcc3b5aa765d61d8327deb882cf99"

    def internal(request: Request) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "text/plain"}, secret

    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer(internal) as server:
        url = f"{server.url}/internal/admin#"
        run = sandbox.run("check", "a.txt", env={"NEWSLINT_LANGUAGETOOL_URL": url})
        assert_no_traceback(run)
        paths = [r.path for r in server.requests]
        assert all(p.rstrip("/").endswith(("/v2/languages", "/v2/check")) for p in paths), paths
        assert "INTERNAL-ADMIN" not in run.output, run


def test_no_redirect_to_another_host(sandbox: Sandbox) -> None:
    """Issue 11, What to build: "no redirects to other hosts": the user's server answering
    with a redirect to another host:port must not send newslint there."""
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer() as elsewhere:

        def redirect(request: Request) -> tuple[int, dict[str, str], bytes]:
            return 307, {"Location": elsewhere.url + request.path}, b""

        with CountingServer(redirect) as server:
            run = sandbox.run("check", "a.txt", env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
            assert_no_traceback(run)
            assert server.requests, "the allowed server was not asked at all"
            assert elsewhere.requests == [], f"followed a redirect to another host\n{run}"


def test_symlink_into_git_config_is_not_sent_to_the_server(sandbox: Sandbox) -> None:
    """Issue 11, High: a symlinked "article" ``notes.txt -> ../.git/config`` sent the checkout's
    authorization header to the server (the walk skips ``.git/``, but followed the link)."""
    git_config = sandbox.project / ".git" / "config"
    with git_config.open("a", encoding="utf-8") as handle:
        handle.write(
            '[http "https://git.example.org/"]\n'
            "\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46c2VjcmV0\n"
        )
    sandbox.write("articles/real.txt", GRAMMAR_ARTICLE)
    os.symlink("../.git/config", sandbox.project / "articles" / "notes.txt")
    with CountingServer() as server:
        run = sandbox.run("check", "articles", env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
        assert_no_traceback(run)
        assert server.requests, "the allowed server was not asked at all"
        assert b"eC1hY2Nlc3MtdG9rZW46c2VjcmV0" not in server.bodies(), "credentials were sent"
        assert "eC1hY2Nlc3MtdG9rZW46c2VjcmV0" not in run.output, run


def test_repository_config_cannot_put_the_languagetool_cache_outside(sandbox: Sandbox) -> None:
    """Issue 11, What to build: a repository config chooses "paths inside the project, never
    ... outside it": ``languagetool.cache: ../../outside/lt`` wrote cache files there."""
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    with CountingServer() as server:
        sandbox.write(".newslint.yaml", "languagetool:\n  cache: ../../outside/lt\n")
        run = sandbox.run("check", "a.txt", env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
        assert_no_traceback(run)
        assert not (sandbox.outside / "lt").exists(), f"wrote outside the project\n{run}"


def test_languagetool_cache_symlink_is_not_written_through(sandbox: Sandbox) -> None:
    """Issue 11, Critical (the cache follows symlinks when it writes): a committed
    ``.newslint_cache/languagetool -> /elsewhere`` got LanguageTool's cache written there."""
    elsewhere = sandbox.outside / "elsewhere"
    elsewhere.mkdir()
    sandbox.write("a.txt", GRAMMAR_ARTICLE)
    (sandbox.project / ".newslint_cache").mkdir()
    os.symlink(elsewhere, sandbox.project / ".newslint_cache" / "languagetool")
    with CountingServer() as server:
        run = sandbox.run("check", "a.txt", env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
        assert_no_traceback(run)
        assert server.requests, "the allowed server was not asked at all"
        assert list(elsewhere.iterdir()) == [], "the cache was written through the symlink"
