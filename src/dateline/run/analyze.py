"""The analyze step: analyse articles in batches over a runner, without a store or for the
articles the store's queue holds."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from dateline.analyze import ANALYZER_VERSION, analyze, analyze_many
from dateline.model import (
    Analysed,
    Analysis,
    AnalyzeReport,
    Article,
    Extracted,
    Failure,
    StoredArticle,
)
from dateline.run.extract import Inputs, extract_documents
from dateline.run.local import Runner, chunked
from dateline.run.stages import Stage
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.queue import ClaimLost, this_process

logger = logging.getLogger(__name__)

Item = TypeVar("Item", StoredArticle, Extracted)

# Articles parsed together in one nlp.pipe call: big enough to batch, small enough to
# keep every process busy.
BATCH = 8
# Articles claimed at a time: a few batches, so that other processes find work too.
CLAIM = 4 * BATCH


def analyze_pending(
    store: Store,
    runner: Runner,
    *,
    redo: bool = False,
    on_result: Callable[[Analysis | Failure], None] | None = None,
    between: Callable[[], None] | None = None,
) -> AnalyzeReport:
    """Analyse every stored article waiting for analysis, and those an older analyser
    analysed (every article with ``redo``).

    Articles are claimed a few at a time as the runner takes them, so processes that
    analyse one store at once share its queue. Each analysis is saved, and marked done,
    in its own transaction, so an interrupted run goes on where it stopped; the claims a
    killed process left on this host are freed first. ``between`` runs after each batch
    of results is saved, while the runner's workers go on with the next (``ingest``
    links there).
    """
    report = AnalyzeReport()
    done = 0
    if redo:
        store.queue.enqueue_all(Stage.ANALYZE)
    else:
        store.queue.enqueue_outdated(ANALYZER_VERSION)
    store.queue.release_dead(Stage.ANALYZE)
    claimed = (
        store.articles.get(article_id)
        for ids in iter(lambda: store.queue.claim(Stage.ANALYZE, CLAIM), [])
        for article_id in ids
    )
    for stored, result in _analysed(claimed, runner):
        if isinstance(result, Failure):
            store.articles.add_failure(result.source, result.stage, result.reason)
            report.failures.append(result)
        else:
            try:
                store.analyses.save(stored.id, result, ANALYZER_VERSION, this_process())
            except ClaimLost:
                logger.warning("%s: analysed by another process meanwhile", stored.id)
                continue
            report.analysed += 1
        if on_result:
            on_result(result)
        done += 1
        if between and done % BATCH == 0:
            between()
    return report


def analyze_documents(
    inputs: Inputs, settings: Settings, runner: Runner
) -> Iterator[Analysed | Failure]:
    """Read, extract and analyse ``inputs`` without a store, in input order."""
    failed: list[Failure] = []  # extraction failures, reported in input order

    def extracted() -> Iterator[Extracted]:
        for result in extract_documents(inputs, settings, runner):
            if isinstance(result, Failure):
                failed.append(result)
            else:
                yield result

    for item, result in _analysed(extracted(), runner):
        yield from failed
        failed.clear()
        yield result if isinstance(result, Failure) else Analysed(item.article, result)
    yield from failed


def _analysed(items: Iterator[Item], runner: Runner) -> Iterator[tuple[Item, Analysis | Failure]]:
    """Each stored or extracted article with its analysis, in order, batched over a runner."""
    for batch, results in runner.map(_analyze_batch, chunked(items, BATCH)):
        yield from zip(batch, results)


def _analyze_batch(items: Sequence[StoredArticle | Extracted]) -> list[Analysis | Failure]:
    """The analyze stage for the runner: never raises, a failure is a value."""
    articles = [item.article for item in items]
    try:
        return list(analyze_many(articles))
    except Exception:  # find which article broke the batch; analyse the others
        return [_analyze_one(article) for article in articles]


def _analyze_one(article: Article) -> Analysis | Failure:
    try:
        return analyze(article)
    except Exception as exc:
        logger.debug("analysis of %s crashed", article.source, exc_info=True)
        return Failure(article.source, "analyze", f"unexpected {exc.__class__.__name__}: {exc}")
