"""Ingest: the steps in order, through the store: read and extract what is given, store it,
analyse what waits for analysis, and link what waits for linking."""

from __future__ import annotations

from collections.abc import Callable

from dateline.model import Analysis, Extracted, Failure, IngestReport
from dateline.run.analyze import analyze_pending
from dateline.run.extract import Inputs, extract_into
from dateline.run.link import link_pending
from dateline.run.local import LocalRunner, Runner
from dateline.settings import Settings
from dateline.store import Store


def local_runner(settings: Settings) -> Runner:
    """The runner ``settings`` ask for: today the local process pool of ``jobs`` workers."""
    return LocalRunner(settings.jobs)


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

    Analysis and linking run over everything the store's queue holds, so a run that was
    interrupted is completed by the next.

    Returns:
        Counts of articles ingested, duplicate (already stored), updated (duplicates that
        filled missing metadata), the near copies found, analysed, and the failures.
    """
    runner = runner or local_runner(settings)
    report = extract_into(store, inputs, settings, runner, on_result)
    analysed = analyze_pending(store, runner, on_result=on_analysed)
    report.analysed = analysed.analysed
    report.failures += analysed.failures
    report.copies = link_pending(store, settings.lock_timeout)
    return report
