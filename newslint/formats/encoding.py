"""Bytes to text: the encoding a file is decoded with, and its byte-order mark."""

from __future__ import annotations

from newslint.core.errors import NewslintError

BOM = "\ufeff"
_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def sniff_encoding(data: bytes, encoding: str = "utf-8") -> str:
    """``encoding``; but a UTF-16/32 byte-order mark wins over the default UTF-8."""
    if _is_utf8(encoding):
        for mark, name in _UNICODE_BOMS:
            if data.startswith(mark):
                return name
    return encoding


def decode(data: bytes, path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """Decode file bytes; return the text without BOM and whether a BOM was present."""
    if b"\x00" in data and _is_utf8(encoding):
        raise NewslintError("binary file (contains NUL bytes), not an article", path=path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise NewslintError(
            f"not valid {encoding}: byte 0x{bad} at offset {exc.start}"
            " (use --encoding for legacy files)",
            path=path,
        ) from None
    except LookupError:
        raise NewslintError(f"unknown encoding {encoding!r}", path=path) from None
    if "\x00" in text:
        raise NewslintError("binary file (contains NUL characters), not an article", path=path)
    if text.startswith(BOM):
        return text[1:], True
    return text, False
