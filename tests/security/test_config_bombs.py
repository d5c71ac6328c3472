"""Issue 11, Medium: a config or rule pack from a repository does bounded work and reads only
inside the project.

A 348-byte YAML alias bomb took 3.8 s and 400 MB and wrote 43 MB into ~/.cache; an ``extends``
chain where each file extends the next twice loaded 2^N files; a ``word_case`` rule of 200
words of 40 characters took 37 s to load; ``extends``/``packs`` read any path and validation
errors echoed what they read; a packs folder holding a symlink to ``/dev/zero`` exhausted
memory. Errors must be one line naming the file (and line), exit 2.
"""

from __future__ import annotations

import os
import random
import resource
import string
from pathlib import Path

import pytest

from security.seclib import ARTICLE, Sandbox, assert_one_line_error, assert_safe_outcome, du

BOUND = 10.0  # seconds for a run


def alias_bomb(levels: int, key: str = "per_path_ignores") -> str:
    """Nine strings, then each level a list of nine aliases of the level before: a few
    hundred bytes that expand to 9^(levels+1) strings."""
    lines = [f"{key}:", '  "x0/**": &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f'  "x{level}/**": &a{level} [{aliases}]')
    return "\n".join(lines) + "\n"


def _pack(rule_body: str, rule_id: str = "EV201") -> str:
    return (
        "rules:\n"
        f"  - id: {rule_id}\n"
        "    name: evil-rule\n"
        "    kind: word_case\n"
        "    category: casing\n"
        "    severity: warning\n"
        "    message: \"'{match}' takes a capital\"\n"
        "    description: A rule from a hostile pull request.\n" + rule_body
    )


def test_alias_bomb_in_config_is_refused_quickly(cold_sandbox: Sandbox) -> None:
    """Issue 11, Medium: "a 348-byte YAML alias bomb takes 3.8 s and 400 MB and writes 43 MB
    into ~/.cache" (six levels here: 445 bytes, 9^7 strings)."""
    sandbox = cold_sandbox
    sandbox.write("a.txt", ARTICLE)
    config = sandbox.write(".newslint.yaml", alias_bomb(6))
    assert config.stat().st_size < 500

    run = sandbox.run("check", "a.txt", timeout=BOUND)

    assert_one_line_error(run, config, cwd=sandbox.project, with_line=True)
    assert run.seconds < BOUND
    assert du(sandbox.cache) < 1_000_000, f"{du(sandbox.cache)} bytes written to the user cache"


def nested_bomb(level: int) -> str:
    """A flow list holding its own anchors: level N is nine copies of level N-1 (9^(N+1)
    strings from about 40 bytes a level)."""
    if level == 0:
        return "&b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    return f"&b{level} [{nested_bomb(level - 1)}, " + ", ".join([f"*b{level - 1}"] * 8) + "]"


def test_alias_bomb_in_pack_is_refused_quickly(cold_sandbox: Sandbox) -> None:
    """Issue 11, Medium (alias bomb, "from a config or pack"): the bomb as the word list of a
    rule in a pack (seven levels, about 400 bytes)."""
    sandbox = cold_sandbox
    sandbox.write("a.txt", ARTICLE)
    pack = sandbox.write("packs/bomb.yaml", _pack(f"    words: {nested_bomb(7)}\n"))
    sandbox.write(".newslint.yaml", "packs: [packs/bomb.yaml]\n")

    run = sandbox.run("check", "a.txt", timeout=BOUND)

    assert_one_line_error(run, pack, cwd=sandbox.project, with_line=True)
    assert run.seconds < BOUND
    assert du(sandbox.cache) < 2_000_000, f"{du(sandbox.cache)} bytes written to the user cache"


@pytest.mark.parametrize("where", ["config", "pack"])
def test_deep_yaml_nesting_is_a_one_line_error(sandbox: Sandbox, where: str) -> None:
    """Issue 11, Medium (16 tracebacks): "nesting 900 deep in YAML" (RecursionError)."""
    sandbox.write("a.txt", ARTICLE)
    deep = "[" * 900 + "]" * 900
    if where == "config":
        bad = sandbox.write(".newslint.yaml", f"fail_on: warning\nignore: {deep}\n")
    else:
        bad = sandbox.write("packs/deep.yaml", _pack(f"    words: {deep}\n"))
        sandbox.write(".newslint.yaml", "packs: [packs/deep.yaml]\n")

    run = sandbox.run("check", "a.txt", timeout=BOUND)

    assert_one_line_error(run, bad, cwd=sandbox.project, with_line=True)


def test_extends_fan_out_is_bounded(sandbox: Sandbox) -> None:
    """Issue 11, Medium: "an extends chain where each file extends the next twice loads 2^N
    files" (N = 20 here: a million loads)."""
    for level in range(20):
        sandbox.write(f"base/f{level}.yaml", f"extends: [f{level + 1}.yaml, f{level + 1}.yaml]\n")
    sandbox.write("base/f20.yaml", "fail_on: warning\n")
    sandbox.write(".newslint.yaml", "extends: base/f0.yaml\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt", timeout=BOUND)

    assert_safe_outcome(run, cwd=sandbox.project)
    assert run.seconds < BOUND


def test_extends_chain_of_1200_is_not_a_traceback(sandbox: Sandbox) -> None:
    """Issue 11, Medium (16 tracebacks): "an extends chain of 1,200" (RecursionError)."""
    for level in range(1200):
        sandbox.write(f"chain/c{level}.yaml", f"extends: c{level + 1}.yaml\n")
    sandbox.write("chain/c1200.yaml", "fail_on: warning\n")
    sandbox.write(".newslint.yaml", "extends: chain/c0.yaml\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt", timeout=BOUND)

    assert_safe_outcome(run, cwd=sandbox.project)


def test_word_case_pack_loads_in_linear_time(sandbox: Sandbox) -> None:
    """Issue 11, Medium: "a word_case rule with 200 words of 40 characters takes 37 s to load
    (400 words: 206 s)"; What to build: "pack loading linear in its word lists"."""
    rng = random.Random(11)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(40)) for _ in range(200)]
    body = "    words:\n" + "".join(f"      - {word}\n" for word in words)
    sandbox.write("packs/brands.yaml", _pack(body))
    sandbox.write(".newslint.yaml", "packs: [packs/brands.yaml]\n")
    sandbox.write("a.txt", f"Headline\n\nShares in {words[7]} rose on Tuesday.\n")

    run = sandbox.run("check", "--no-cache", "a.txt", timeout=BOUND)

    assert_safe_outcome(run, cwd=sandbox.project)
    assert run.code == 1, run  # the pack works: the lower-case word is found
    assert run.seconds < BOUND


def test_extends_outside_the_project_is_refused(sandbox: Sandbox) -> None:
    """Issue 11, Medium / What to build: "extends/packs/profile resolve inside the project
    unless the user names them": a repository config extending a file outside it (here a
    valid config that would turn rules off) is an error naming the repository's config."""
    outside = sandbox.write("team.yaml", "ignore: [casing]\n", sandbox.outside)
    config = sandbox.write(".newslint.yaml", f"extends: {outside}\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_one_line_error(run, config, cwd=sandbox.project, with_line=True)


@pytest.mark.parametrize(
    ("key", "content"),
    [
        ("extends", "aws_secret_access_key_AKIA5EXAMPLE: wJalrXUtnFEMI\n"),
        ("packs", "rules:\n  - id: AKIA5EXAMPLE\n    name: wJalrXUtnFEMI\n"),
    ],
    ids=["extends", "packs"],
)
def test_errors_quote_nothing_read_from_outside(sandbox: Sandbox, key: str, content: str) -> None:
    """Issue 11, Medium: "extends/packs read any path (/etc/passwd, /proc/PID/environ) and
    validation errors echo what they read" (a credentials file's keys came back in the
    message)."""
    creds = sandbox.write("credentials", content, sandbox.home)
    value = f"{creds}" if key == "extends" else f"[{creds}]"
    sandbox.write(".newslint.yaml", f"{key}: {value}\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt")

    assert_one_line_error(run)
    assert "AKIA5EXAMPLE" not in run.output and "wJalrXUtnFEMI" not in run.output, run


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_extends_proc_environ_leaks_nothing(sandbox: Sandbox) -> None:
    """Issue 11, Medium: ``extends: /proc/self/environ`` read the process environment; the
    error came on two lines and quoted from it."""
    sandbox.write(".newslint.yaml", "extends: /proc/self/environ\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt", env={"DEPLOY_TOKEN": "ghp_EXAMPLE_TOKEN_1234"})

    assert_one_line_error(run)
    assert "ghp_EXAMPLE_TOKEN_1234" not in run.output, run


def _memory_limit() -> None:
    limit = 2 * 1024**3  # bytes of address space: the machine survives a memory bomb
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_pack_folder_symlink_to_dev_zero_is_refused(sandbox: Sandbox) -> None:
    """Issue 11, Medium: "a packs folder holding a symlink to /dev/zero exhausts memory";
    What to build: "special files refused"."""
    (sandbox.project / "packs").mkdir()
    os.symlink("/dev/zero", sandbox.project / "packs" / "zero.yaml")
    sandbox.write(".newslint.yaml", "packs: [packs/]\n")
    sandbox.write("a.txt", ARTICLE)

    run = sandbox.run("check", "a.txt", timeout=BOUND, preexec=_memory_limit)

    assert_one_line_error(run, sandbox.project / "packs" / "zero.yaml", cwd=sandbox.project)
    assert run.seconds < BOUND
