"""Vale's runtime and configuration errors (``E100``, ``E201``) and warnings on stderr."""

from __future__ import annotations

import sys

from newslint.core.errors import NewslintError

WARNING_PREFIX = "newslint vale: warning: "


class ValeError(NewslintError):
    """An error Vale reports as ``E100 [context] Runtime error`` (or ``E201 Invalid value``).

    As a :class:`NewslintError` it is also a one-line error of ``newslint check``.
    """

    def __init__(
        self,
        context: str,
        message: str,
        *,
        code: str = "E100",
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        self.code = code
        self.context = context
        super().__init__(f"{code} [{context}] {message}", path=path, line=line)
        self.message = message

    def vale_text(self) -> str:
        """The error as Vale prints it (without colours)."""
        if self.code == "E201":
            where = f"{self.path}:{self.line or 1}:1"
            title = f"Invalid value [{where}]:"
        else:
            title = f"[{self.context}] Runtime error"
        return f"{self.code} {title}\n\n{self.message}\n\nExecution stopped with code 1."


def warn(message: str) -> None:
    """A note on stderr: not part of Vale's output (scenario runners leave these lines out)."""
    print(WARNING_PREFIX + message, file=sys.stderr)
