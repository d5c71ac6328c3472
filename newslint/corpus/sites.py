"""Which site a document belongs to: a URL's host, another field's value, or a folder."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

FOLDER = "@folder"  # as a site field: the folder holding the file
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\r?\n(.*?)^(?:---|\.\.\.|\+\+\+)\r?$", re.S | re.M)


def site_name(value: object) -> str:
    """The site a field's value names: a URL's host (without ``www.``), else the value."""
    text = str(value).strip() if value is not None else ""
    if "://" in text:
        host = urlsplit(text).hostname or ""
        return host.removeprefix("www.")
    return text


def front_matter_value(text: str, field: str) -> str | None:
    """The value of ``field`` in the YAML (``key: value``) or TOML (``key = value``) front
    matter of ``text``; None without one."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return None
    line = re.search(rf"^{re.escape(field)}[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", block.group(1), re.M)
    return line.group(1).strip("\"'") if line else None
