"""What a check kind is: a module with ``Options``, ``Check`` and ``CAN_FIX``.

A check holds a rule's exact logic: ``run(doc, blocks)`` yields a :class:`Hit` for each problem
it finds in ``blocks`` (the blocks of the rule's scope, in order, or fewer of them when a
narrowing hook of :mod:`newslint.accel.narrowing` says where it must look). Context beyond the
blocks it is given (the paragraph before, the rest of the document) is read from ``doc``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from newslint.core.blocks import Block
    from newslint.core.document import Document
    from newslint.core.model import Hit


class Check(Protocol):
    """A rule's compiled check."""

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        """The problems in ``blocks`` (sorted, disjoint blocks of ``doc``)."""
        ...


class CheckKind(Protocol):
    """The shape of a check kind's module (built in, or a plugin's)."""

    @property
    def Options(self) -> type[Any]:
        """A dataclass of the kind's own rule keys."""
        ...

    @property
    def Check(self) -> Callable[[Any], Check]:
        """Builds the check from its options (raises ``ValueError`` on a bad combination)."""
        ...

    @property
    def CAN_FIX(self) -> bool:
        """Whether the kind's hits propose edits."""
        ...
