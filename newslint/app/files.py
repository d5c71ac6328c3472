"""Find article files, read them, and write fixed text back atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from newslint.app.ignores import IgnoreFiles
from newslint.config.project import ConfigResolver
from newslint.core.errors import NewslintError

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


def iter_files(paths: list[str], resolver: ConfigResolver) -> Iterator[Path]:
    """Files named on the command line, and article files found walking directories.

    Files named explicitly are always linted; in directories, only files with a configured
    extension that no ``exclude`` pattern, ignore file (``.gitignore``, ``.ignore``: see
    :mod:`newslint.app.ignores`; ``respect_gitignore: false`` reads none) or leading dot (as
    in ``.github/``) leaves out. Symlinked directories are not followed.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, resolver)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise NewslintError("no such file or directory", path=name)


def _walk(root: Path, resolver: ConfigResolver) -> Iterator[Path]:
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
            if path.suffix.lower() in extensions and not file_config.excludes(path):
                yield path


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
    """The file's bytes; reading stops after ``limit`` bytes (0: no limit): too large."""
    try:
        with path.open("rb") as handle:
            return too_large(handle.read(limit + 1) if limit else handle.read(), limit, str(path))
    except FileNotFoundError:
        raise NewslintError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise NewslintError("is a directory", path=str(path)) from None
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same directory and a rename."""
    target = path.resolve()
    try:
        mode = target.stat().st_mode & 0o7777
        if not os.access(target, os.W_OK) or not mode & 0o222:  # root may write anything
            raise NewslintError("cannot write: file is read-only; left unchanged", path=str(path))
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
        raise
