"""Cache stores hold signed data only and never follow a symlink (issue 11)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from newslint.app.cli import main
from newslint.storage import blobs
from newslint.storage.blobs import BlobStore
from newslint.storage.cache import CACHE_DIR

SEED = EXAMPLES / "seed-article.txt"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder outside the project with files and subfolders an attacker wants gone."""
    folder = tmp_path / "victim"
    (folder / "keep" / "deep").mkdir(parents=True)
    (folder / "keep" / "deep" / "data.txt").write_text("precious\n", encoding="utf-8")
    (folder / "notes.txt").write_text("precious\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".newslint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    shutil.copyfile(SEED, root / "a.txt")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "link", ["findings", ".gitignore", "CACHEDIR.TAG", "findings/.x", "."], ids=repr
)
def test_a_symlink_in_the_findings_cache_reaches_nothing(project, victim, link, capsys) -> None:
    """`.newslint_cache/findings -> victim` and friends: a check neither deletes, creates nor
    truncates anything outside the project, and says why the cache is not used."""
    before = _tree(victim)
    cache = project / CACHE_DIR
    if link == ".":
        cache.symlink_to(victim, target_is_directory=True)
    else:
        target = cache / link
        target.parent.mkdir(parents=True, exist_ok=True)
        aim = victim / "notes.txt" if link in (".gitignore", "CACHEDIR.TAG") else victim
        target.symlink_to(aim)
    code = main(["check", str(project / "a.txt")])
    assert code == 1  # the seed's findings, as without a cache
    assert _tree(victim) == before
    assert sorted(p.name for p in victim.iterdir()) == ["keep", "notes.txt"]
    err = capsys.readouterr().err
    if link in ("findings", "."):
        assert "warning: cache not used" in err and "Traceback" not in err


def test_stale_versions_are_pruned_without_following_links(tmp_path, victim) -> None:
    store = BlobStore(tmp_path, "store", "v2", stale_after=0)
    old = tmp_path / "store" / "ns" / "v1"
    old.mkdir(parents=True)
    (old / "link").symlink_to(victim, target_is_directory=True)
    store.put("ns", "k.json", b"[]")
    assert not old.exists()
    assert _tree(victim) == {"keep/deep/data.txt": b"precious\n", "notes.txt": b"precious\n"}


def test_entries_round_trip_and_planted_or_damaged_ones_are_misses(tmp_path) -> None:
    store = BlobStore(tmp_path, "store", "v1")
    store.put("ns", "abcd.json", b'{"a": 1}')
    assert store.get("ns", "abcd.json") == b'{"a": 1}'
    entry = next((tmp_path / "store").rglob("abcd.json"))
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01  # one flipped bit
    entry.write_bytes(bytes(data))
    assert store.get("ns", "abcd.json") is None
    entry.write_bytes(b'{"a": 2}')  # planted without the signature
    assert store.get("ns", "abcd.json") is None


def test_an_entry_signed_with_another_key_is_a_miss(tmp_path, monkeypatch) -> None:
    """A restored CI cache or a shared HOME: entries made under another user's key are not read."""
    store = BlobStore(tmp_path, "store", "v1")
    store.put("ns", "k.json", b"mine")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-user"))
    assert BlobStore(tmp_path, "store", "v1").get("ns", "k.json") is None


def test_a_symlinked_entry_is_not_read(tmp_path) -> None:
    store = BlobStore(tmp_path, "store", "v1")
    store.put("ns", "k1.json", b"one")
    entry = next((tmp_path / "store").rglob("k1.json"))
    secret = tmp_path / "secret"
    secret.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(secret)
    assert store.get("ns", "k1.json") is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_store_owned_by_another_user_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    store = BlobStore(tmp_path, "store", "v1")
    store.put("ns", "k.json", b"x")
    assert store.get("ns", "k.json") is None
    assert "owned by another user" in capsys.readouterr().err


def test_the_signing_key_is_private(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert blobs._secret() is not None
    key = tmp_path / "config" / "newslint" / "cache.key"
    assert key.stat().st_mode & 0o777 == 0o600
    os.chmod(key, 0o644)
    blobs._secret_in.cache_clear()
    assert blobs._secret() is None  # a readable key could have been copied: no cache
