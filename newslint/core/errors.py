"""The one exception type that reaches the user as a one-line error (exit code 2)."""


class NewslintError(Exception):
    """A problem with input, config or rules, reported as one line without a traceback."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
