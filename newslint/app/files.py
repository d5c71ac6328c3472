"""Find article files, read them, and write fixed text back atomically."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from newslint.app.ignores import IgnoreFiles
from newslint.config.project import ConfigResolver
from newslint.core.errors import NewslintError
from newslint.core.regular_files import NotRegularFile, read_regular

SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".newslint_cache",
}


def iter_files(
    paths: list[str], resolver: ConfigResolver, follow_symlinks: bool = False
) -> Iterator[Path]:
    """Files named on the command line, and article files found walking directories.

    Files named explicitly are always linted; in directories, only regular files with a
    configured extension that no ``exclude`` pattern, ignore file (``.gitignore``, ``.ignore``:
    see :mod:`newslint.app.ignores`; ``respect_gitignore: false`` reads none) or leading dot (as
    in ``.github/``) leaves out. The walk follows no symlink: a symlinked file is left out
    (``follow_symlinks``: taken when it points to a regular file), a symlinked folder always.
    A symlink named on the command line that points out of its project is an error unless
    ``follow_symlinks``.
    """
    for name in paths:
        path = Path(name)
        if path.is_symlink() and not follow_symlinks:
            _check_link(path, resolver)
        if path.is_dir():
            yield from _walk(path, resolver, follow_symlinks)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise NewslintError("no such file or directory", path=name)


def project_of(path: Path, resolver: ConfigResolver) -> Path:
    """The project ``path`` (not resolved itself) lies in: its config's project, else the
    nearest folder above it holding ``.git``, else the current directory."""
    folder = path.absolute().parent
    config = resolver.for_path(folder / "_")
    if config.path is not None:
        return config.project
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return Path.cwd().resolve()


def _check_link(path: Path, resolver: ConfigResolver) -> None:
    """A symlink named on the command line must point inside its project."""
    root = project_of(path, resolver)
    if not path.resolve().is_relative_to(root):
        raise NewslintError(
            f"a symlink to {'a folder' if path.is_dir() else 'a file'} outside the project"
            f" ({root}); not read (--follow-symlinks reads it)",
            path=str(path),
        )


def _walk(root: Path, resolver: ConfigResolver, follow_symlinks: bool) -> Iterator[Path]:
    ignore_files = IgnoreFiles(root)
    for directory, dirnames, filenames in os.walk(root):
        base = Path(directory)
        config = resolver.for_path(base / "_")
        ignored = _ignored(ignore_files, base, root) if config.settings.respect_gitignore else None
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIP_DIRS
            and not d.startswith(".")
            and not (base / d).is_symlink()
            and not config.excludes(base / d)
            and not (ignored and ignored(d, True))
        )
        for filename in sorted(filenames):
            path = base / filename
            if filename.startswith(".") or (ignored and ignored(filename, False)):
                continue
            file_config = resolver.for_path(path)
            extensions = tuple(e.lower() for e in file_config.settings.extensions)
            if path.suffix.lower() not in extensions or file_config.excludes(path):
                continue
            if _regular_file(path, follow_symlinks):
                yield path


def _regular_file(path: Path, follow_symlinks: bool) -> bool:
    """Whether the walk takes ``path``: a regular file, or a symlink to one when following."""
    try:
        info = os.stat(path, follow_symlinks=follow_symlinks)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode)


def _ignored(ignore_files: IgnoreFiles, base: Path, root: Path) -> Callable[[str, bool], bool]:
    """Whether an entry of the walked folder ``base`` is ignored by the ignore files."""
    folder = ignore_files.top / os.path.relpath(base, root)
    if not ignore_files.specs(folder):
        return lambda name, is_dir: False
    return lambda name, is_dir: ignore_files.ignores(folder / name, is_dir)


def too_large(data: bytes, limit: int, name: str) -> bytes:
    """``data`` unless it holds more than ``limit`` bytes (0: no limit), which is an error."""
    if limit and len(data) > limit:
        raise NewslintError(
            f"file larger than max_file_size ({limit} bytes); not an article, left unchanged",
            path=name,
        )
    return data


def read_bytes(path: Path, limit: int = 0) -> bytes:
    """The bytes of the regular file ``path`` (a symlink is followed: callers decide whether it
    may be); reading stops after ``limit`` bytes (0: no limit): too large. A FIFO or device is
    refused without blocking."""
    try:
        return too_large(read_regular(path, limit), limit, str(path))
    except NotRegularFile:
        raise NewslintError("not a regular file; left unchanged", path=str(path)) from None
    except FileNotFoundError:
        raise NewslintError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise NewslintError("is a directory", path=str(path)) from None
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def digest(data: bytes) -> bytes:
    """What ``write_atomic(expected=...)`` compares: a hash of the bytes a fix was made from."""
    return hashlib.sha256(data).digest()


def write_atomic(
    path: Path,
    data: bytes,
    *,
    expected: bytes | None = None,
    follow_symlinks: bool = False,
    create: bool = False,
) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same directory and a rename.

    The file keeps its mode, owner and group. Refused, leaving everything as it is: a symlink
    (unless ``follow_symlinks``: then its target is replaced), a file with several hard links (a
    rename would split them), a read-only file, and a file whose bytes no longer hash to
    ``expected`` (edited since it was read) unless they are ``data`` already. A ``path`` that
    does not exist is an error, or with ``create`` a new file with the mode a new file gets
    (``0o666`` less the umask).
    """
    try:
        target, info = _target(path, follow_symlinks)
        if info is None and not create:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    _check_writable(path, info)
    ready = None if expected is None else lambda: _unchanged(target, expected, data, str(path))
    with replacing(target, info, name=str(path), ready=ready) as handle:
        handle.write(data)


@contextlib.contextmanager
def replacing(
    target: Path,
    info: os.stat_result | None,
    *,
    name: str | None = None,
    ready: Callable[[], bool] | None = None,
) -> Iterator[BinaryIO]:
    """A temporary file beside ``target`` that replaces it (a rename) when the block ends:
    written to disk first, with the owner, group and mode of the file ``info`` describes (None:
    those of a new file). If the block fails, or ``ready()`` says False, the temporary file is
    removed and ``target`` left as it was; an OSError is an error naming ``name``."""
    name = name or str(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=name) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            _keep_owner_and_mode(handle.fileno(), info)
            os.fsync(handle.fileno())
        if ready is None or ready():
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise NewslintError(f"cannot write: {exc.strerror or exc}", path=name) from None
        raise


def write_new(path: Path, text: str) -> None:
    """Create the file ``path`` (a relative path) holding ``text``; refused if anything is
    there, even a dangling symlink, or if a folder on the way is a symlink."""
    try:
        for folder in reversed(path.parents[:-1]):
            if folder.is_symlink():
                raise NewslintError("a symlink; not written through", path=str(folder))
            folder.mkdir(exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, 0o666), "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None


def _target(path: Path, follow_symlinks: bool) -> tuple[Path, os.stat_result | None]:
    """The file ``write_atomic`` replaces and its status (None: a new file)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path, None
    if stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            raise NewslintError(
                "a symlink; not written through (--follow-symlinks writes the file it points to)",
                path=str(path),
            )
        target = path.resolve()
        return target, os.stat(target)
    return path, info


def _check_writable(path: Path, info: os.stat_result | None) -> None:
    if info is None:
        return
    if not stat.S_ISREG(info.st_mode):
        raise NewslintError("not a regular file; left unchanged", path=str(path))
    if info.st_nlink > 1:
        raise NewslintError(
            f"has {info.st_nlink} hard links; left unchanged (a rewrite would split them)",
            path=str(path),
        )
    if not os.access(path, os.W_OK) or not info.st_mode & 0o222:  # root may write anything
        raise NewslintError("cannot write: file is read-only; left unchanged", path=str(path))


def _keep_owner_and_mode(fd: int, info: os.stat_result | None) -> None:
    """The temporary file gets the replaced file's owner, group and mode (a new file: the
    mode any new file gets). Changing the owner needs root; a group, membership of it."""
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, info.st_uid, info.st_gid)
    os.fchmod(fd, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits


def _unchanged(target: Path, expected: bytes, data: bytes, name: str) -> bool:
    """Whether ``target`` still holds the bytes hashing to ``expected`` (True: replace it).
    False if it holds ``data`` already (another run fixed it the same way); an error if it
    holds anything else (an edit saved meanwhile, which must not be lost)."""
    try:
        with target.open("rb") as handle:
            current = handle.read()
    except OSError as exc:
        raise NewslintError(f"cannot read back: {exc.strerror or exc}", path=name) from None
    if digest(current) == expected:
        return True
    if current == data:
        return False
    message = "changed while it was being fixed; left as it is now (run fix again)"
    raise NewslintError(message, path=name)
