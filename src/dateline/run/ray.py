"""The Ray runner: the pure stages (read, extract, analyze) as Ray Data steps, on a Ray
cluster or on a local Ray.

Ray is imported by the functions here, when the ray engine is asked for, so dateline runs,
and starts fast, without it.
"""

from __future__ import annotations

import logging
import pickle
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from dateline.errors import RAY_FAILED, RAY_MISSING, RAY_UNREACHABLE, RunnerError
from dateline.run.local import chunked
from dateline.settings import Settings

if TYPE_CHECKING:
    import pyarrow as pa

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Items per dataset. Each dataset takes about half a second to plan and start, so windows
# are large; the driver holds one window's items and results at a time.
WINDOW = 256
# Blocks (map tasks) per CPU in a window: enough to even out documents of unequal cost.
BLOCKS_PER_CPU = 4
# The one column of a window's blocks: items and results travel pickled, because Ray Data
# would otherwise make Arrow columns of them, and a stage's values (dataclasses, an Article
# or a Failure) have no one Arrow type.
COLUMN = "pickled"


class RayRunner:
    """Maps a pure stage over items as Ray Data steps on the Ray this process is connected
    to (``ray_runner`` connects), yielding results in input order.

    Items go a window at a time, each window one dataset whose blocks keep their order
    (``preserve_order``), run to its end before the next starts. Files are read on the
    workers too.
    """

    reads_files = True

    def __init__(self, cpus: int, window: int = WINDOW):
        self.cpus = cpus
        self.window = window

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        for window in chunked(items, self.window):
            yield from zip(window, self._map_window(fn, window))

    def _map_window(self, fn: Callable[[T], R], items: list[T]) -> list[R]:
        """``fn`` of each item, in order, as one Ray Data dataset.

        Raises:
            RunnerError: a task failed past Ray's retries (a stage never raises, so this is
                a lost machine or a worker that crashed).
        """
        import ray.data
        from ray.exceptions import RayError

        rows = [{COLUMN: pickle.dumps(item)} for item in items]
        dataset = ray.data.from_items(
            rows, override_num_blocks=min(len(rows), BLOCKS_PER_CPU * self.cpus)
        )
        dataset.context.execution_options.preserve_order = True
        dataset.context.enable_progress_bars = False
        mapped = dataset.map_batches(partial(_apply, fn), batch_format="pyarrow", batch_size=None)
        try:
            batches = list(mapped.iter_batches(batch_format="pyarrow", batch_size=None))
        except RayError as exc:  # a failed task, a stage's bug included (UserCodeException)
            raise RunnerError(RAY_FAILED.format(detail=_first_line(exc))) from exc
        return [pickle.loads(result) for batch in batches for result in _pickles(batch)]


@contextmanager
def ray_runner(settings: Settings) -> Iterator[RayRunner]:
    """A RayRunner for as long as the block runs, on the Ray this process is connected to,
    else on the cluster at ``settings.address``, else on a local Ray of ``settings.jobs``
    CPUs. What this starts, it shuts down.

    Raises:
        RunnerError: Ray is not installed (RAY_MISSING), or not reachable at the address
            (RAY_UNREACHABLE).
    """
    try:
        import ray
        import ray.data  # which sets the level of its logger: set again below
    except ImportError:
        raise RunnerError(RAY_MISSING) from None
    # Ray's own lines (start-up notes, datasets run, the workers' logs) only with -vv.
    verbose = logger.isEnabledFor(logging.DEBUG)
    logging.getLogger("ray.data").setLevel(logging.DEBUG if verbose else logging.WARNING)
    started = not ray.is_initialized()
    if started:
        connect(settings, verbose)
    try:
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        yield RayRunner(int(cpus))
    finally:
        if started:
            ray.shutdown()


def connect(settings: Settings, verbose: bool) -> None:
    """Connect to the cluster at ``settings.address``, or start a local Ray ("local": not
    one found on this machine) for this run alone."""
    import ray

    local = not settings.address
    try:
        _reachable(settings.address)
        ray.init(
            address=settings.address or "local",
            num_cpus=settings.jobs if local else None,  # a cluster has its own
            include_dashboard=False if local else None,
            logging_level=logging.DEBUG if verbose else logging.ERROR,
            log_to_driver=verbose,
        )
    except (OSError, ValueError) as exc:  # ConnectionError is an OSError
        raise RunnerError(
            RAY_UNREACHABLE.format(address=settings.address, detail=_first_line(exc))
        ) from exc


def _reachable(address: str) -> None:
    """Fail at once where nothing listens at a ``host:port`` or ``ray://host:port``
    address: ``ray.init`` would wait on it for ever. (``auto`` and no address are Ray's
    to find.)

    Raises:
        OSError: the address does not answer within 10 s.
    """
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if host and port.isdigit():
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()


def _apply(fn: Callable[[T], R], batch: pa.Table) -> pa.Table:
    """One block of pickled items, on a worker: the block of their pickled results."""
    import pyarrow as pa

    results = [pickle.dumps(fn(pickle.loads(item))) for item in _pickles(batch)]
    # large_binary: one item is a whole file for the read step, which can pass 2 GiB
    return pa.table({COLUMN: pa.array(results, type=pa.large_binary())})


def _pickles(batch: pa.Table) -> list[bytes]:
    return list(batch.column(COLUMN).to_pylist())


def _first_line(exc: BaseException) -> str:
    """The first line of an error, without its full stop (the template adds one)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
