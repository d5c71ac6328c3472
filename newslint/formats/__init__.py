"""Input formats: each turns an article's bytes or text into a :class:`Document` with regions.

A format is chosen by the file name's suffix (Markdown for ``.md`` and its kin, plain text for
anything else); a new format is a module here with a class following
:class:`~newslint.core.document.DocumentFormat`, added to :data:`FORMATS`.
"""

from __future__ import annotations

from pathlib import PurePath

from newslint.core.document import Document, DocumentFormat
from newslint.formats.encoding import decode, sniff_encoding
from newslint.formats.markdown import Markdown
from newslint.formats.plaintext import PlainText

FORMATS: dict[str, DocumentFormat] = {"text": PlainText(), "markdown": Markdown()}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown"}


def format_for(path: str | None) -> DocumentFormat:
    """The format of a file named ``path`` (plain text when nothing claims its suffix)."""
    suffix = PurePath(path).suffix.lower() if path else ""
    return FORMATS[SUFFIXES.get(suffix, "text")]


def open_document(
    text: str,
    path: str | None = None,
    *,
    doc_format: DocumentFormat | None = None,
    paragraph_breaks: str = "auto",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Document:
    """A document of ``text`` named ``path`` (``<text>`` without one), in ``doc_format`` or
    the one its name calls for."""
    return Document(
        text,
        path or "<text>",
        doc_format or format_for(path),
        bom=bom,
        encoding=encoding,
        paragraph_breaks=paragraph_breaks,
    )


def read_document(
    data: bytes, path: str, *, encoding: str = "utf-8", paragraph_breaks: str = "auto"
) -> Document:
    """Decode a file's bytes (a UTF-16/32 byte-order mark wins over a UTF-8 default) into a
    document; undecodable or binary data is a :class:`~newslint.core.errors.NewslintError`."""
    encoding = sniff_encoding(data, encoding)
    text, bom = decode(data, path, encoding)
    return open_document(text, path, encoding=encoding, bom=bom, paragraph_breaks=paragraph_breaks)
