"""What ``check`` and ``fix`` run over: files, standard input, or the records of a JSON Lines feed.

An :class:`Input` knows its display name, the path whose config applies, how to read itself
into a document, and how ``fix`` puts its fixed text back: a file atomically in place, standard
input to standard output, a feed record as a line of the output feed. A source gives the inputs
of a run, in order, and where what they write goes (:func:`sink`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newslint import formats
from newslint.app.files import (
    digest,
    iter_files,
    read_bytes,
    replacing,
    too_large,
    write_atomic,
)
from newslint.app.jsonl import Record, iter_lines, parse_record, replace_text
from newslint.app.options import RunOptions
from newslint.app.progress import Progress
from newslint.config.project import Config, ConfigResolver
from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.core.fixer import FixResult
from newslint.core.model import Finding


class Input:
    """One article of a run (subclasses say where it comes from)."""

    name: str  # as reports show it
    config_path: Path | None  # whose config applies (None: the current directory's)
    to_stdout = False  # whether ``fix`` writes its text to standard output

    def read(self, config: Config) -> Document:
        raise NotImplementedError

    def write_back(self, doc: Document, result: FixResult) -> bytes:
        """Put ``fix``'s result back; returns what goes to the run's :func:`sink`."""
        raise NotImplementedError

    def passthrough(self) -> bytes:
        """What goes to the sink when the input could not be fixed."""
        return b""

    def mark(self, findings: list[Finding]) -> list[Finding]:
        """The findings as reported for this input."""
        return findings

    def size(self) -> int:
        """Bytes to read (how work is shared between worker processes); 0 if unknown."""
        return 0


def encoded(doc: Document, text: str | None) -> bytes:
    """``doc.to_bytes(text)``; a fixed text its encoding cannot hold (a repair to ’ in a
    Latin-1 file, say) is an error, and the file is left as it was."""
    try:
        return doc.to_bytes(text)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        message = (
            f"the fixed text holds {char!r} (U+{ord(char):04X}), which {doc.encoding} cannot"
            " encode; left unchanged"
        )
        raise NewslintError(message, path=doc.path) from None


def _decode(data: bytes, name: str, config: Config) -> Document:
    settings = config.settings
    return formats.read_document(
        data, name, encoding=settings.encoding, paragraph_breaks=settings.paragraph_breaks
    )


class FileInput(Input):
    """A file; ``fix`` replaces it only if it still holds what was read, and writes through a
    symlink only with ``follow_symlinks``."""

    def __init__(self, path: Path, follow_symlinks: bool = False) -> None:
        self.path = self.config_path = path
        self.name = str(path)
        self.follow_symlinks = follow_symlinks
        self.read_digest: bytes | None = None  # of the bytes last read

    def read(self, config: Config) -> Document:
        data = read_bytes(self.path, config.settings.max_file_size)
        self.read_digest = digest(data)
        return _decode(data, self.name, config)

    def write_back(self, doc: Document, result: FixResult) -> bytes:
        if result.changed:
            data = encoded(doc, result.text)
            follow = self.follow_symlinks
            write_atomic(self.path, data, expected=self.read_digest, follow_symlinks=follow)
        return b""

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:  # reading it will say why
            return 0


class StdinInput(Input):
    to_stdout = True

    def __init__(self, filename: str | None) -> None:  # --stdin-filename
        self.name = filename or "-"
        self.config_path = Path(filename) if filename else None

    def read(self, config: Config) -> Document:
        limit = config.settings.max_file_size
        data = too_large(sys.stdin.buffer.read(limit + 1 if limit else -1), limit, self.name)
        return _decode(data, self.name, config)

    def write_back(self, doc: Document, result: FixResult) -> bytes:
        return encoded(doc, result.text if result.changed else None)


class RecordInput(Input):
    """A line of a feed; its text field is a plain-text article named ``FEED#ID``, read (and the
    line parsed) where it is linted."""

    def __init__(
        self, feed: Path, line: int, raw: bytes, fields: tuple[str, str], to_stdout: bool
    ) -> None:
        self.feed, self.line, self.raw = feed, line, raw
        self.text_field, self.id_field = fields
        self.to_stdout = to_stdout  # the fixed feed goes to standard output
        self.name, self.config_path = str(feed), feed  # FEED#ID once read
        self.record: Record | None = None
        self.id = ""

    def read(self, config: Config) -> Document:
        limit = config.settings.max_file_size
        try:
            if limit and len(self.raw) > 6 * limit + 65_536:  # \uXXXX: 6 bytes a character
                raise ValueError(f"record larger than max_file_size ({limit} bytes); not linted")
            self.record = parse_record(self.raw, self.text_field, self.id_field)
            text = self.record.text
            if limit and len(text) > limit and len(text.encode("utf-8")) > limit:
                raise ValueError(f"text larger than max_file_size ({limit} bytes); not linted")
        except ValueError as exc:
            raise NewslintError(str(exc), path=str(self.feed), line=self.line) from None
        self.id = self.record.id
        self.name = f"{self.feed}#{self.id}"
        paragraph_breaks = config.settings.paragraph_breaks
        return formats.open_document(
            text, self.name, doc_format=formats.FORMATS["text"], paragraph_breaks=paragraph_breaks
        )

    def field(self, name: str) -> Any:
        """The value of the record's field ``name`` (None: no such field, or not read yet)."""
        return self.record.fields.get(name) if self.record is not None else None

    def write_back(self, doc: Document, result: FixResult) -> bytes:
        if result.changed and self.record is not None:
            return replace_text(self.record, result.text)
        return self.raw

    def passthrough(self) -> bytes:
        return self.raw

    def size(self) -> int:
        return len(self.raw)

    def mark(self, findings: list[Finding]) -> list[Finding]:
        return [dataclasses.replace(f, record=self.id) for f in findings]


def iter_inputs(options: RunOptions, resolver: ConfigResolver) -> Iterator[Input]:
    """The inputs ``options.paths`` name: files, article files under directories, '-' for
    standard input."""
    for name in options.paths:
        if name == "-":
            yield StdinInput(options.stdin_filename)
        else:
            follow = options.follow_symlinks
            for path in iter_files([name], resolver, follow):
                yield FileInput(path, follow)


class NoFiles(NewslintError):
    """The paths given hold no article to lint (reported as a warning; exit 2)."""


def collect_inputs(options: RunOptions, resolver: ConfigResolver) -> list[Input]:
    """:func:`iter_inputs` as a list; :class:`NoFiles` if there is none."""
    inputs = list(iter_inputs(options, resolver))
    if not inputs:
        extensions = resolver.for_path(Path(options.paths[0]) / "_").settings.extensions
        raise NoFiles(
            f"no article files in {', '.join(map(repr, options.paths))} (extensions:"
            f" {', '.join(extensions)}; ignored, excluded and hidden files are left out)"
        )
    return inputs


@contextlib.contextmanager
def sink(target: Path | None) -> Iterator[Callable[[bytes], object]]:
    """Where fixed text not written in place goes: to ``target`` (replaced at the end, with
    the mode it had or a new file's; left as it was if the run fails), else to standard
    output."""
    if target is None:
        yield _to_stdout
        return
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise NewslintError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
    with replacing(target.resolve(), info, name=str(target)) as handle:
        yield handle.write


def _to_stdout(data: bytes) -> None:
    if data:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


class Source(NamedTuple):
    """The inputs of a run, in order, and where the text they write goes."""

    inputs: Iterable[Input]
    config_path: Path | None  # whose rules stand for the run's
    max_jobs: int  # the most worker processes worth starting (1: none)
    to_stdout: bool = False  # fixed text goes to standard output
    output: Path | None = None  # ... or to this file
    progress: Progress | None = None  # a feed's is advanced as it is read, files' as done
    unbounded: bool = False  # a feed: its report is streamed whenever the format can be
    size: int = 0  # bytes of input, where known


def open_source(options: RunOptions, resolver: ConfigResolver) -> Source:
    """The files and standard input named on the command line, or the records of a feed."""
    if options.feed is not None:
        return _feed_source(options, options.feed)
    inputs = collect_inputs(options, resolver)
    stdin = any(isinstance(i, StdinInput) for i in inputs)
    few = len(inputs) < 4 or stdin
    first = inputs[0].config_path if inputs else None
    progress = (
        None if few else Progress.for_files(len(inputs), "fixing" if options.fixing else "checking")
    )
    to_stdout = options.writes_back and stdin
    size = sum(i.size() for i in inputs)
    max_jobs = 1 if few else len(inputs)
    return Source(inputs, first, max_jobs, to_stdout, progress=progress, size=size)


def _feed_source(options: RunOptions, feed: Path) -> Source:
    if options.paths != (".",):
        raise NewslintError("--jsonl reads the feed it names; give no PATH arguments")
    if options.fixing and options.diff:
        raise NewslintError("--diff does not work with --jsonl")
    to_stdout = options.fixing and options.output is None
    progress = Progress.for_file(feed)
    fields = (options.text_field, options.id_field)
    lines = iter_lines(feed, progress)
    inputs = (RecordInput(feed, n, raw, fields, to_stdout) for n, raw in lines)
    max_jobs = sys.maxsize if progress.total > 256 * 1024 else 1  # none for a small feed
    output = options.output if options.fixing else None
    return Source(inputs, feed, max_jobs, to_stdout, output, progress, True, progress.total)
