"""Runners for the pure stages: the ``Runner`` protocol, and the local process pool."""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
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
    pool = ProcessPoolExecutor(workers, initializer=worker_start, initargs=(os.getpid(),))
    try:
        for item in items:
            window.append((item, pool.submit(fn, item)))
            if len(window) >= 4 * workers:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()
    except BaseException:  # an error, Ctrl-C, or the consumer gone: no work is waited for
        stop(pool)
        raise
    pool.shutdown()


# Seconds to wait for an ended pool's workers and thread.
STOP_WAIT = 5.0


def stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: cancel the work that waits and end the workers at their task.
    (Python 3.14 has ``terminate_workers()``; before it, the workers are only reachable
    through the pool's ``_processes``.)"""
    workers = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(STOP_WAIT)
    # the pool's own thread sees its workers gone and ends; joined here, it is not left
    # to the interpreter's exit, which would wake it through a pipe already closed
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(STOP_WAIT)


# prctl(2) option: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def worker_start(parent: int) -> None:
    """Set up a worker process: Ctrl-C, which the terminal sends the whole group, is the
    parent's to handle, and SIGTERM ends the worker quietly (not the handler a forked
    worker inherits); and the worker dies with its parent, however the parent ends
    (``kill -9`` included), instead of waiting on its pipe forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: watch the parent instead
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
