"""A one-line progress bar on standard error, drawn only when it is a terminal: by bytes read for
a feed, by files done for a long run over files."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import IO

FILES_DELAY = 1.0  # seconds a run over files goes before its bar is drawn (short runs: never)


class Progress:
    """Counts ``done`` out of ``total`` (bytes, or files) and ``items`` advanced so far."""

    WIDTH = 30

    def __init__(
        self,
        label: str,
        total: int,
        stream: IO[str] | None = None,
        unit: str = "lines",
        delay: float = 0.0,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.label, self.unit = label, unit
        self.total = max(total, 1)
        self.done = 0
        self.items = 0
        self._shown = 0.0
        self._start = time.monotonic() + delay  # nothing is drawn before

    @classmethod
    def for_file(cls, path: Path) -> Progress:
        """Progress through a feed, by the bytes of its lines."""
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        return cls(str(path), size)

    @classmethod
    def for_files(cls, count: int, verb: str) -> Progress:
        """Progress through ``count`` files, shown once the run has gone on for a while."""
        return cls(verb, count, unit="files", delay=FILES_DELAY)

    def advance(self, size: int = 1) -> None:
        self.done += size
        self.items += 1
        now = time.monotonic()
        if self.enabled and now >= self._start and now - self._shown >= 0.1:
            self._shown = now
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"\r{self.label} [{bar}] {share:4.0%} {self.items} {self.unit}"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
