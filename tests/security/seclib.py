"""Helpers of the security tests (issue 11): run newslint black-box in a sandbox.

Every run is the ``newslint`` console script of this interpreter's environment in a subprocess,
with ``HOME``, ``XDG_CACHE_HOME`` and ``XDG_CONFIG_HOME`` inside the test's temporary directory,
no ``NEWSLINT_*`` variable, and a time limit (a hang fails the test instead of the suite).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NEWSLINT = Path(sys.executable).with_name("newslint")
if not NEWSLINT.exists():  # pragma: no cover - an environment without a bin/ beside python
    NEWSLINT = Path(shutil.which("newslint") or "newslint")

ARTICLE = "Headline\n\nThe vote was on tuesday.\n"  # one safe finding: NL302 on line 3
FIXED_ARTICLE = "Headline\n\nThe vote was on Tuesday.\n"
_DROPPED_ENV = ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "PYTHONPATH", "CI")


@dataclass
class Run:
    """What one newslint process did."""

    args: list[str]
    code: int
    out: str
    err: str
    seconds: float
    timed_out: bool = False

    def __str__(self) -> str:
        state = "timed out" if self.timed_out else f"exit {self.code}"
        return (
            f"newslint {' '.join(self.args)!s:.300}: {state} after {self.seconds:.1f} s\n"
            f"--- stdout (end) ---\n{self.out[-1500:]}\n--- stderr (end) ---\n{self.err[-1500:]}"
        )

    @property
    def output(self) -> str:
        return self.out + self.err


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "surrogateescape")


def run_newslint(
    args: list[str],
    *,
    cwd: Path,
    home: Path,
    cache: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    stdin: bytes | None = None,
    preexec: Callable[[], None] | None = None,
    stdout_file: Path | None = None,
) -> Run:
    """Run ``newslint ARGS`` in ``cwd``; a run longer than ``timeout`` is killed. Standard
    output goes to ``stdout_file`` when given (e.g. ``/dev/full``), else it is captured."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NEWSLINT_") and k not in _DROPPED_ENV
    }
    environment.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(cache),
        XDG_CONFIG_HOME=str(home / ".config"),
        LC_ALL="C.UTF-8",
        PYTHONDONTWRITEBYTECODE="1",
    )
    environment.update(env or {})

    def start_session() -> None:
        os.setsid()
        if preexec:
            preexec()

    started = time.monotonic()
    sink = stdout_file.open("wb") if stdout_file else None
    process = subprocess.Popen(
        [str(NEWSLINT), *args],
        cwd=cwd,
        env=environment,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=sink or subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=start_session,
    )
    if sink:
        sink.close()
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        timed_out = True
    seconds = time.monotonic() - started
    return Run(args, process.returncode, _decode(out), _decode(err), seconds, timed_out)


@dataclass
class Sandbox:
    """A home directory, a git project inside it, and a directory outside the project.

    ``root/home`` is ``$HOME`` (user config in ``home/.config``), ``root/work/project`` the
    repository under attack (``git init``), ``root/outside`` what must stay untouched.
    """

    root: Path
    cache: Path
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.home = self.root / "home"
        self.project = self.root / "work" / "project"
        self.outside = self.root / "outside"
        for directory in (self.home, self.project, self.outside):
            directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", str(self.project)], check=True)

    def write(self, relative: str, text: str | bytes, base: Path | None = None) -> Path:
        path = (base or self.project) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))
        return path

    def run(self, *args: str, cwd: Path | None = None, **kw: object) -> Run:
        env = {**self.env, **(kw.pop("env", None) or {})}  # type: ignore[dict-item]
        return run_newslint(
            list(args), cwd=cwd or self.project, home=self.home, cache=self.cache, env=env, **kw
        )  # type: ignore[arg-type]


# -- assertions --------------------------------------------------------------------------------
def spellings(path: Path, cwd: Path) -> list[str]:
    """Ways an error line may name ``path``: as given, resolved, or relative to ``cwd``."""
    names = {str(path), str(path.resolve()) if path.exists() else str(path)}
    for base in (cwd, cwd.resolve()):
        with contextlib.suppress(ValueError):  # another drive
            names.add(os.path.relpath(path, base))
    return sorted(names, key=len, reverse=True)


def assert_no_traceback(run: Run) -> None:
    assert not run.timed_out, f"no answer within the time limit\n{run}"
    assert "Traceback" not in run.output, f"a traceback\n{run}"


def assert_one_line_error(
    run: Run, path: Path | None = None, *, cwd: Path | None = None, with_line: bool = False
) -> str:
    """Exit 2, no traceback, one line on stderr naming ``path`` (``path:LINE`` with_line)."""
    assert_no_traceback(run)
    assert run.code == 2, f"expected exit 2 (an error)\n{run}"
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one error line\n{run}"
    line = lines[0]
    assert len(line) < 2000, f"an error line of {len(line)} characters\n{run}"
    if path is not None:
        suffix = r":\d+" if with_line else ""
        names = spellings(path, cwd or path.parent)
        assert any(re.search(re.escape(name) + suffix, line) for name in names), (
            f"the error line does not name {path}{':LINE' if with_line else ''}\n{run}"
        )
    return line


def assert_safe_outcome(run: Run, path: Path | None = None, *, cwd: Path | None = None) -> None:
    """A result (exit 0 or 1) or a one-line error (exit 2); never a traceback or a hang."""
    assert_no_traceback(run)
    if run.code == 2:
        assert_one_line_error(run, path, cwd=cwd)
    else:
        assert run.code in (0, 1), f"unexpected exit code\n{run}"


def tree(directory: Path) -> dict[str, str]:
    """Every path under ``directory`` (symlinks not followed) with a digest of what it is."""
    found: dict[str, str] = {}
    for base, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = Path(base) / name
            rel = path.relative_to(directory).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def du(directory: Path) -> int:
    """Bytes of the regular files under ``directory``."""
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file() and not p.is_symlink())


# -- a local HTTP server that counts what it is asked ---------------------------------------------
LT_LANGUAGES = b'[{"name": "English (US)", "code": "en", "longCode": "en-US"}]'
LT_NO_MATCHES = b'{"software": {"name": "LanguageTool"}, "matches": []}'


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = Callable[[Request], tuple[int, dict[str, str], bytes]]


class CountingServer:
    """An HTTP server on 127.0.0.1 that records every request.

    ``answer(request) -> (status, headers, body)`` decides the reply; the default acts as a
    LanguageTool server with no matches.
    """

    def __init__(self, answer: Answer | None = None) -> None:
        self.requests: list[Request] = []
        self.answer = answer or languagetool_answer
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, self.path, dict(self.headers), body)
                server.requests.append(request)
                status, headers, payload = server.answer(request)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_HEAD = _serve

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def bodies(self) -> bytes:
        return b"\n".join(r.body for r in self.requests)


def languagetool_answer(request: Request) -> tuple[int, dict[str, str], bytes]:
    if request.path.rstrip("/").endswith("/v2/languages"):
        return 200, {"Content-Type": "application/json"}, LT_LANGUAGES
    if request.path.rstrip("/").endswith("/v2/check"):
        return 200, {"Content-Type": "application/json"}, LT_NO_MATCHES
    return 404, {}, b"not found"
