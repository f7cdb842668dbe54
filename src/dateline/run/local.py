"""Runners for the pure stages: the ``Runner`` protocol, and the local process pool."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    """Maps a pure stage function over a stream of items, in order.

    ``fn`` is a picklable module-level function that never raises (failures are values);
    a runner may run it in this process, in worker processes or on other machines.

    Attributes:
        reads_files: whether the read step maps over files through this runner (its
            workers read them) rather than reading them in this process as a stream.
    """

    reads_files: bool

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """Yield ``(item, fn(item))`` in input order."""
        ...


class LocalRunner:
    """A local process pool of ``jobs`` workers (1: in this process)."""

    # Read in this process: a large archive streams document by document into the pool.
    reads_files = False

    def __init__(self, jobs: int):
        self.jobs = jobs

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        return map_ordered(fn, items, self.jobs)


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[tuple[T, R]]:
    """Yield ``(item, fn(item))`` in input order, at most ``4 * workers`` items in flight.

    ``fn`` must be a picklable module-level function that does not raise; with one worker
    it runs in this process. The window keeps memory flat however long the stream is.
    """
    if workers <= 1:
        for item in items:
            yield item, fn(item)
        return
    window: deque[tuple[T, Future[R]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item in items:
            window.append((item, pool.submit(fn, item)))
            if len(window) >= 4 * workers:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
