"""Reading a file that may be hostile: a regular file only, opened without blocking, read with a
bound (a FIFO, a device or ``/dev/zero`` named as an article or a config never hangs a run)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer


class NotRegularFile(OSError):
    """A FIFO, a device, a socket or a directory: never read."""


def read_regular(path: Path, limit: int = 0) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit + 1`` of them (0: all), so that a
    caller can tell a file over its limit. OSErrors (NotRegularFile too) are the caller's."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        return handle.read(limit + 1) if limit else handle.read()
