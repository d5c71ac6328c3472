"""Vale's messages: Go ``fmt`` verbs filled as ``core.FormatMessage`` fills them."""

from __future__ import annotations

import re

_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])")


def go_sprintf(template: str, *args: object) -> str:
    """``fmt.Sprintf(template, args...)`` as Vale calls it: a missing argument prints
    ``%!s(MISSING)``, extra arguments are ignored (Vale's ``CondSprintf``)."""
    out: list[str] = []
    pos = 0
    next_arg = 0
    for match in _VERB.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        index, flags, width, precision, verb = match.groups()
        if verb == "%":
            out.append("%")
            continue
        if index:
            next_arg = int(index) - 1
        if next_arg >= len(args):
            out.append(f"%!{verb}(MISSING)")
            next_arg += 1
            continue
        value = args[next_arg]
        next_arg += 1
        out.append(_format(value, flags, width, precision, verb))
    out.append(template[pos:])
    return "".join(out)


def _format(value: object, flags: str, width: str, precision: str | None, verb: str) -> str:
    if verb in ("s", "v"):
        text = value if isinstance(value, str) else str(value)
        if precision is not None and isinstance(value, str):
            text = text[: int(precision)]
    elif verb == "q" and isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif verb == "d" and isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif verb in "feg" and isinstance(value, (int, float)):
        text = f"{value:.{int(precision) if precision is not None else 6}{verb}}"
    else:
        kind = "string" if isinstance(value, str) else type(value).__name__
        return f"%!{verb}({kind}={value})"
    if width:
        text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width))
    return text


def format_message(template: str, *subs: object) -> str:
    """A message with its verbs filled, line breaks read as spaces (Vale's ``FormatAlert``)."""
    return go_sprintf(template, *subs).replace("\n", " ")


def to_sentence(words: list[str], conjunction: str) -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b', or 'c'`` (Vale's ``ToSentence``)."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conjunction} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conjunction} {quoted[-1]}"
    return ", ".join(quoted)
