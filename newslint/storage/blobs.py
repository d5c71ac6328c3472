"""Cache entries on disk: data only, signed, written atomically, and never through a symlink.

A cache directory may come from anywhere: committed to a repository, restored from a CI cache,
shared through ``HOME=/tmp``. So every entry is bytes with a header holding an HMAC of its
namespace, key and payload under a per-user secret kept outside every cache
(``$XDG_CONFIG_HOME/newslint/cache.key``, created on first use, mode 0600); an entry whose
signature does not verify (corrupt, planted, or another user's) is a miss. Nothing is ever
unpickled or executed. Directories are opened one component at a time with ``O_NOFOLLOW``,
below the directory the store is rooted in, so a symlink planted anywhere inside the store
stops the store (one warning) instead of redirecting a write, a read or a deletion.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

_MAGIC = b"newslint-cache 1\n"
_SIGNATURE = 64  # hex digits of an HMAC-SHA256
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FD_FUNCTIONS = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd
_warned: set[str] = set()


def warn_once(message: str) -> None:
    """Print a cache warning on standard error, once a run."""
    if message not in _warned:
        _warned.add(message)
        print(f"newslint: warning: {message}", file=sys.stderr)


class UnsafePath(OSError):
    """A store directory that is a symlink, not a directory, or not ours."""


def _secret() -> bytes | None:
    """This user's cache signing key (created on first use), or None if it cannot be had."""
    return _secret_in(os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config"))


@cache
def _secret_in(config_home: str) -> bytes | None:
    folder = Path(config_home) / "newslint"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = _open_dir(folder.parent, [folder.name], create=False)
    except OSError:
        return None
    try:
        with contextlib.suppress(FileExistsError):
            new = os.open(
                "cache.key", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd
            )
            with os.fdopen(new, "w") as handle:
                handle.write(secrets.token_hex(32))
        key_fd = os.open("cache.key", os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
        with os.fdopen(key_fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or _foreign(info) or info.st_mode & 0o077:
                return None
            key = handle.read(200).strip()
        return key if len(key) >= 32 else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _foreign(info: os.stat_result) -> bool:
    """Owned by another user (a store anyone could have planted)."""
    return hasattr(os, "geteuid") and info.st_uid != os.geteuid()


def _open_dir(base: Path, parts: list[str], *, create: bool) -> int:
    """A descriptor of ``base/parts...``, each part opened without following a symlink (and
    made, with ``create``, when missing). ``base`` itself is trusted (a project root or the
    user's cache directory). Raises :class:`UnsafePath` for a symlink or a foreign directory."""
    fd = os.open(base, os.O_RDONLY | _DIRECTORY)
    try:
        for depth, part in enumerate(parts, 1):
            where = base.joinpath(*parts[:depth])
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o700, dir_fd=fd)
            try:
                child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafePath(f"{where} is a symlink or not a directory") from None
                raise
            os.close(fd)
            fd = child
            if _foreign(os.fstat(fd)):
                raise UnsafePath(f"{where} is owned by another user")
        return fd
    except BaseException:
        os.close(fd)
        raise


class BlobStore:
    """Signed entries under ``base/name/<namespace>/<version>/``; failures only cost speed.

    ``version`` separates what different newslint builds wrote; other versions' folders that
    went unused for ``stale_after`` seconds are removed (without following any symlink).
    """

    def __init__(self, base: Path, name: str, version: str, stale_after: float = 86400.0) -> None:
        self.base = base
        self.name = name
        self.version = version
        self.stale_after = stale_after
        self._ready: set[str] = set()
        self.disabled = not _FD_FUNCTIONS

    @property
    def root(self) -> Path:
        return self.base / self.name

    def _refuse(self, exc: OSError) -> None:
        self.disabled = True
        if isinstance(exc, UnsafePath):
            warn_once(f"cache not used: {exc}")

    def _sign(self, namespace: str, key: str, payload: bytes) -> bytes | None:
        secret = _secret()
        if secret is None:
            return None
        mac = hmac.new(secret, f"{namespace}\0{key}\0".encode(), hashlib.sha256)
        mac.update(payload)
        return mac.hexdigest().encode()

    def get(self, namespace: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or None (missing, corrupt, planted, unreadable)."""
        if self.disabled or not os.path.isdir(self.root):
            return None
        try:
            fd = _open_dir(self.base, [self.name, namespace, self.version, key[:2]], create=False)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._refuse(exc)
            return None
        try:
            entry = os.open(key, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
            with os.fdopen(entry, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        finally:
            os.close(fd)
        head = len(_MAGIC) + _SIGNATURE + 1
        if not data.startswith(_MAGIC) or len(data) < head:
            return None
        payload = data[head:]
        expected = self._sign(namespace, key, payload)
        if expected is None or not hmac.compare_digest(data[len(_MAGIC) : head - 1], expected):
            return None
        return payload

    def put(self, namespace: str, key: str, payload: bytes) -> None:
        """Store ``payload`` under ``key`` atomically (a temporary file, then a rename)."""
        signature = self._sign(namespace, key, payload)
        if self.disabled or signature is None:
            return
        try:
            self._prepare(namespace)
            fd = _open_dir(self.base, [self.name, namespace, self.version, key[:2]], create=True)
        except OSError as exc:
            self._refuse(exc)
            return
        temporary = f".{key}.{secrets.token_hex(6)}.tmp"
        try:
            out = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd
            )
            with os.fdopen(out, "wb") as handle:
                handle.write(_MAGIC + signature + b"\n" + payload)
            os.replace(temporary, key, src_dir_fd=fd, dst_dir_fd=fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=fd)
        finally:
            os.close(fd)

    def _prepare(self, namespace: str) -> None:
        """Create the store (tagged for backup tools, ignored by git) and drop the stale
        versions of ``namespace`` once a run."""
        if namespace in self._ready:
            return
        self._ready.add(namespace)
        self.base.mkdir(parents=True, exist_ok=True)
        fd = _open_dir(self.base, [self.name], create=True)
        try:
            for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "*\n")):
                with contextlib.suppress(FileExistsError):
                    out = os.open(
                        name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644, dir_fd=fd
                    )
                    with os.fdopen(out, "w", encoding="utf-8") as handle:
                        handle.write(content)
        finally:
            os.close(fd)
        fd = _open_dir(self.base, [self.name, namespace], create=True)
        try:
            self._drop_stale(fd)
        finally:
            os.close(fd)

    def _drop_stale(self, fd: int) -> None:
        """Remove other versions' folders unused for ``stale_after`` seconds (rmtree by
        descriptor: it never follows a symlink)."""
        cutoff = time.time() - self.stale_after
        for name in _listdir(fd):
            if name == self.version:
                continue
            with contextlib.suppress(OSError):
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                if info.st_mtime > cutoff:
                    continue
                if stat.S_ISDIR(info.st_mode):
                    _remove_tree(fd, name)
                else:
                    os.unlink(name, dir_fd=fd)


def _listdir(fd: int) -> Iterator[str]:
    with contextlib.suppress(OSError):
        yield from os.listdir(fd)


def _remove_tree(parent: int, name: str) -> None:
    """Delete the directory ``name`` under ``parent`` and what it holds; symlinks inside are
    removed as links, never followed."""
    fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)
    try:
        for child in _listdir(fd):
            info = os.stat(child, dir_fd=fd, follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                _remove_tree(fd, child)
            else:
                os.unlink(child, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(name, dir_fd=parent)


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# Created by newslint; safe to delete.\n"
