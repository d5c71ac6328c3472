"""The ignore files a directory walk respects, as git and ripgrep read them.

``.gitignore`` files (inside a git repository, with ``.git/info/exclude``) and ``.ignore`` files
hold gitignore patterns relative to their folder; a deeper file's patterns override those of
the folders above it, and within a file the last matching pattern wins (``!`` re-includes).
Ignore files in the folders between the repository root and the folder walked count too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

IGNORE_FILES = (".gitignore", ".ignore")
# (folder the patterns are relative to, its patterns), outermost first
Specs = tuple[tuple[Path, "pathspec.GitIgnoreSpec"], ...]


def git_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds ``.git``."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@lru_cache(maxsize=1024)
def _spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    """The patterns of one ignore file (None: no such file, or not readable as text)."""
    import pathspec

    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


def _own(folder: Path, in_git: bool) -> Specs:
    """The specs of the ignore files in ``folder`` itself."""
    names = IGNORE_FILES if in_git else IGNORE_FILES[1:]
    found = []
    for name in names:
        spec = _spec(folder / name)
        if spec is not None:
            found.append((folder, spec))
    return tuple(found)


class IgnoreFiles:
    """Answers "is this path ignored?" for a walk, reading each folder's ignore files once."""

    def __init__(self, top: Path) -> None:
        self.top = top = top.resolve()
        self.root = git_root(top)
        self._by_folder: dict[Path, Specs] = {}
        outer: Specs = ()
        if self.root is not None:
            exclude = _spec(self.root / ".git" / "info" / "exclude")
            outer = ((self.root, exclude),) if exclude is not None else ()
            for folder in reversed(top.relative_to(self.root).parents):  # root .. top's parent
                outer += _own(self.root / folder, in_git=True)
        self._outer = outer

    def specs(self, folder: Path) -> Specs:
        """The specs that apply inside ``folder`` (an absolute, resolved folder of the walk)."""
        if folder not in self._by_folder:
            inside = self.top in folder.parents
            above = self.specs(folder.parent) if inside else self._outer
            self._by_folder[folder] = above + _own(folder, self.root is not None)
        return self._by_folder[folder]

    def ignores(self, path: Path, is_dir: bool) -> bool:
        """Whether ``path`` (absolute, resolved) is ignored by the files of its folders."""
        verdict = None
        for base, spec in self.specs(path.parent):
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                verdict = include
        return bool(verdict)
