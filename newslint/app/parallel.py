"""Map a function over many items in worker processes: results in input order, bounded memory."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _apply(func: Callable[[T], R], batch: list[T]) -> list[R]:
    return [func(item) for item in batch]


BATCH_BYTES = 64 * 1024  # of input a worker process is sent at a time
MAX_BATCH = 256  # items in one batch, however small
# Less input than this is linted in one process: starting workers (each compiles its rules'
# prefilter) costs more than it saves (benchmarks/jobs_speed.py).
SMALL_RUN_BYTES = 1024 * 1024


def batches(
    items: Iterable[T], size: Callable[[T], int], limit: int = BATCH_BYTES, most: int = MAX_BATCH
) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``most`` items that hold ``limit`` bytes or just
    over (as ``size`` counts them; an item larger than ``limit`` goes alone)."""
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += size(item)
        if held >= limit or len(batch) >= most:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    *,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    size: Callable[[T], int] | None = None,
    batch: int = 4,
) -> Iterator[R]:
    """``map(func, items)`` run by ``jobs`` worker processes, yielding results in input order.

    Items are sent in batches of about BATCH_BYTES by ``size`` (without ``size``, of ``batch``
    items), and only a few batches per worker are in flight at a time, so a long stream of items
    (files, JSON Lines records) is never held in memory at once. With ``jobs <= 1`` everything
    runs in this process and ``initializer`` is not called.
    """
    if jobs <= 1:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = batches(items, size) if size else batches(items, lambda _: 0, most=batch)
    pool = ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs)
    pending: deque[Future[list[R]]] = deque()
    try:
        while True:
            while len(pending) < 4 * jobs:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append(pool.submit(_apply, func, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_CONTEXT: Any = None  # what each worker process built for ordered_map_with_context


def _build_context(build: Callable[..., Any], build_args: tuple[Any, ...]) -> None:
    global _CONTEXT
    _CONTEXT = build(*build_args)


def _with_context(func: Callable[[Any, T], R], item: T) -> R:
    return func(_CONTEXT, item)


def ordered_map_with_context(
    func: Callable[[Any, T], R],
    items: Iterable[T],
    jobs: int,
    build: Callable[..., Any],
    build_args: tuple[Any, ...],
    size: Callable[[T], int] | None = None,
) -> Iterator[R]:
    """``func(context, item)`` for each item in worker processes, results in input order
    (batched by ``size`` as :func:`ordered_map` says).

    Each worker builds its own ``context = build(*build_args)`` once, when it starts.
    """
    return ordered_map(
        partial(_with_context, func),
        items,
        jobs,
        initializer=_build_context,
        initargs=(build, build_args),
        size=size,
    )
