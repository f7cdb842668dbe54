"""Ingest: the steps in order, through the store: read and extract what is given, store it,
analyse what waits for analysis, and link what waits for linking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from dateline.model import Analysis, CopyFound, Extracted, Failure, IngestReport
from dateline.run.analyze import BATCH, analyze_pending
from dateline.run.extract import Inputs, extract_into
from dateline.run.link import link_pending, link_ready
from dateline.run.local import LocalRunner, Runner
from dateline.run.stages import Stage
from dateline.settings import Engine, Settings
from dateline.store import Store


def local_runner(settings: Settings) -> Runner:
    """The local process pool of ``jobs`` workers."""
    return LocalRunner(settings.jobs)


@contextmanager
def engine_runner(settings: Settings) -> Iterator[Runner]:
    """The runner ``settings.engine`` names, for as long as the block runs.

    Raises:
        RunnerError: the ray engine without Ray installed, or Ray not reachable.
    """
    if settings.engine is Engine.RAY:
        from dateline.run.ray import ray_runner  # Ray only when asked for: it is slow to import

        with ray_runner(settings) as runner:
            yield runner
    else:
        yield local_runner(settings)


def ingest(
    inputs: Inputs,
    store: Store,
    settings: Settings,
    *,
    runner: Runner | None = None,
    on_result: Callable[[Extracted | Failure], None] | None = None,
    on_analysed: Callable[[Analysis | Failure], None] | None = None,
) -> IngestReport:
    """Read, extract and store articles, analyse what is pending, then link it.

    Reading, extraction and analysis run on ``runner``, by default the one
    ``settings.engine`` names (stopped when they are done); linking runs here, on the
    articles analysed so far while the runner analyses the next (in the order linking
    after analysis would take them, so the store ends the same), then on the rest.
    Analysis and linking run over everything the store's queue holds, so a run that was
    interrupted is completed by the next.

    Returns:
        Counts of articles ingested, duplicate (already stored), updated (duplicates that
        filled missing metadata), the near copies found, analysed, and the failures.

    Raises:
        RunnerError: the runner could not start, or failed while running.
    """
    with ExitStack() as stack:
        runner = runner or stack.enter_context(engine_runner(settings))
        report = extract_into(store, inputs, settings, runner, on_result)
        along = _LinkAlong(store)
        analysed = analyze_pending(store, runner, on_result=on_analysed, between=along)
    report.analysed = analysed.analysed
    report.failures += analysed.failures
    # here, serially: each article is linked to those before it
    report.copies = along.copies + link_pending(store, settings.lock_timeout)
    return report


# Link steps taken at most while one run analyses: each reads the queue of what waits.
LINK_STEPS = 64


class _LinkAlong:
    """Links what analysis has made ready, every so many batches of analysis: every batch
    for a few hundred articles, and no more than ``LINK_STEPS`` times in a run however
    large, so that reading the queue costs no more than linking."""

    def __init__(self, store: Store):
        self._store = store
        self._every = max(1, len(store.queue.waiting(Stage.ANALYZE)) // (BATCH * LINK_STEPS))
        self._batches = 0
        self.copies: list[CopyFound] = []

    def __call__(self) -> None:
        self._batches += 1
        if self._batches % self._every == 0:
            self.copies += link_ready(self._store)
