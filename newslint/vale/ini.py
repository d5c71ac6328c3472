"""Read ``.vale.ini`` files as Vale's INI library does (errata-ai/ini with shadows, loose).

Keys before the first section belong to the core section (``""``). A key given twice keeps every
value (a "shadow"); Vale reads the first with ``String()`` and all of them for list keys. Values
are trimmed; an inline comment needs a space before its ``#`` or ``;``; a value wrapped in one pair
of quotes loses them; ``\"\"\"`` or a backtick opens a value that may span lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newslint.core.errors import NewslintError


@dataclass
class Key:
    name: str
    values: list[str]
    lines: list[int]
    sources: list[Path]  # the file each value came from (paths are relative to it)

    @property
    def value(self) -> str:
        return self.values[0]

    def split(self, delimiter: str = ",") -> list[str]:
        """Every value split at ``delimiter``, trimmed, empty and repeated entries dropped (what
        Vale's ``mergeValues(StringsWithShadows(","))`` gives)."""
        found: list[str] = []
        for value in self.values:
            for part in value.split(delimiter):
                part = part.strip()
                if part and part not in found:
                    found.append(part)
        return found


@dataclass
class Section:
    name: str
    keys: dict[str, Key] = field(default_factory=dict)
    line: int = 0


@dataclass
class IniFile:
    sections: dict[str, Section] = field(default_factory=dict)

    def section(self, name: str) -> Section:
        return self.sections.get(name) or Section(name)

    def merge(self, other: IniFile) -> None:
        """Add ``other``'s keys as shadows of ours (Vale's ``shadowMerge``)."""
        for name, section in other.sections.items():
            mine = self.sections.setdefault(name, Section(name, line=section.line))
            for key_name, key in section.keys.items():
                if key_name in mine.keys:
                    target = mine.keys[key_name]
                    target.values += key.values
                    target.lines += key.lines
                    target.sources += key.sources
                else:
                    mine.keys[key_name] = Key(
                        key.name, list(key.values), list(key.lines), list(key.sources)
                    )


def _value(raw: str, lines: list[str], index: int, path: Path) -> tuple[str, int]:
    """The value starting with ``raw`` on line ``index`` and the index of its last line."""
    line = raw.lstrip()
    if not line:
        return "", index
    quote = '"""' if line.startswith('"""') and len(line) > 3 else "`" if line[0] == "`" else ""
    if quote:
        return _quoted_value(line[len(quote) :], quote, lines, index, path)
    line = line.strip()
    while line.endswith("\\") and index + 1 < len(lines):  # continuation lines
        index += 1
        line = line[:-1] + lines[index].strip()
    return _unquoted(_without_comment(line)), index


def _quoted_value(
    body: str, quote: str, lines: list[str], index: int, path: Path
) -> tuple[str, int]:
    """A value opened by ``quote`` (its text after it is ``body``), up to the closing one."""
    end = body.rfind(quote)
    if end != -1:
        return body[:end], index
    parts = [body]
    for j in range(index + 1, len(lines)):
        end = lines[j].rfind(quote)
        if end != -1:
            parts.append(lines[j][:end])
            return "\n".join(parts), j
        parts.append(lines[j])
    raise NewslintError(f"missing closing {quote} of a value", path=str(path), line=index + 1)


def _without_comment(line: str) -> str:
    for marker in (" #", " ;"):
        at = line.find(marker)
        if at != -1:
            return line[:at].strip()
    return line


def _unquoted(line: str) -> str:
    """``line`` without the one pair of quotes around it."""
    for q in ("'", '"'):
        if len(line) >= 2 and line[0] == q and line[-1] == q and line.find(q, 1) == len(line) - 1:
            return line[1:-1]
    return line


def parse(text: str, path: Path) -> IniFile:
    """Parse one INI text; ``path`` names it in errors and anchors its relative paths."""
    ini = IniFile()
    section = ini.sections.setdefault("", Section("", line=0))
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line or line[0] in "#;":
            index += 1
            continue
        if line[0] == "[":
            close = line.rfind("]")
            if close == -1:
                raise NewslintError(f"unclosed section: {line}", path=str(path), line=index + 1)
            name = line[1:close]
            section = ini.sections.setdefault(name, Section(name, line=index + 1))
            index += 1
            continue
        cut = min((i for i in (line.find("="), line.find(":")) if i != -1), default=-1)
        if cut == -1:
            raise NewslintError(
                f"expected 'key = value', got {line!r}", path=str(path), line=index + 1
            )
        name = line[:cut].strip().strip('"`')
        start = index
        value, index = _value(line[cut + 1 :], lines, index, path)
        if name in section.keys:
            key = section.keys[name]
            key.values.append(value)
            key.lines.append(start + 1)
            key.sources.append(path)
        else:
            section.keys[name] = Key(name, [value], [start + 1], [path])
        index += 1
    return ini


def load(path: Path) -> IniFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewslintError(f"cannot read: {exc}", path=str(path)) from None
    return parse(text, path)
