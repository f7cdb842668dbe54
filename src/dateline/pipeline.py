"""Sources -> extract -> store -> link -> analyze: ingest, and each stage without a store."""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, TypeVar

from dateline.analyze import ANALYZER_VERSION, analyze, analyze_many
from dateline.errors import ExtractionError
from dateline.extract import extract
from dateline.link.copies import Copy, link_copies
from dateline.link.entities import link_entities
from dateline.link.stories import link_stories
from dateline.model import Analysis, Article, RawDocument
from dateline.run.local import chunked, map_ordered
from dateline.settings import Settings
from dateline.sources import SourceFailure, read_sources
from dateline.store import Store, StoredArticle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """A document a stage could not process: where it came from, which stage, why."""

    source: str
    stage: str
    reason: str
    raw: RawDocument | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "stage": self.stage, "reason": self.reason}


@dataclass(frozen=True)
class Extracted:
    raw: RawDocument
    article: Article


@dataclass(frozen=True)
class Analysed:
    article: Article
    analysis: Analysis


@dataclass
class IngestReport:
    """What one ``ingest`` run did; ``updated`` and ``exact_copies`` (the same text from a
    document not seen before) are part of ``duplicate``; ``skipped`` counts the failures."""

    ingested: int = 0
    duplicate: int = 0
    updated: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    exact_copies: list[tuple[str, str]] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.failures)

    def to_json(self) -> dict[str, object]:
        return {
            "ingested": self.ingested, "duplicate": self.duplicate, "updated": self.updated,
            "analysed": self.analysed, "skipped": self.skipped, "article_ids": self.article_ids,
            "exact_copies": [{"source": source, "article_id": article_id}
                             for source, article_id in self.exact_copies],
            "copies": [c.to_json() for c in self.copies],
            "failures": [f.to_json() for f in self.failures],
        }


def _extract_one(raw: RawDocument) -> Article | Failure:
    """The extract stage for the process pool: never raises, a failure is a value."""
    try:
        return extract(raw)
    except ExtractionError as exc:
        return Failure(raw.source, "extract", exc.reason)
    except Exception as exc:  # a bug or a parser crash on one document must not end the batch
        logger.debug("extraction of %s crashed", raw.source, exc_info=True)
        return Failure(raw.source, "extract", f"unexpected {exc.__class__.__name__}: {exc}")


def extract_documents(
    inputs: Sequence[str], settings: Settings, *, published: date | None = None,
    publisher: str | None = None, stdin: BinaryIO | None = None,
    fetch: Callable | None = None, keep_raw: Callable[[RawDocument], None] | None = None,
) -> Iterator[Extracted | Failure]:
    """Read ``inputs`` and extract an article from each document, in input order.

    Args:
        published, publisher: what the user states about every input (``given``).
        keep_raw: called with each raw document before it is extracted (the store keeps it).
    """
    def raws() -> Iterator[RawDocument | Failure]:
        for doc in read_sources(inputs, stdin=stdin, fetch=fetch, max_bytes=settings.max_bytes):
            if isinstance(doc, SourceFailure):
                yield Failure(doc.source, "read", doc.reason)
                continue
            if published or publisher:
                doc = dataclasses.replace(doc, hints=dataclasses.replace(
                    doc.hints, user_published=published, user_publisher=publisher))
            if keep_raw:
                keep_raw(doc)
            yield doc

    for doc, result in map_ordered(_stage, raws(), settings.jobs):
        if isinstance(result, Article):
            yield Extracted(doc, result)
        elif isinstance(doc, RawDocument):
            yield dataclasses.replace(result, raw=doc)
        else:
            yield result


def _stage(doc: RawDocument | Failure) -> Article | Failure:
    return doc if isinstance(doc, Failure) else _extract_one(doc)


def ingest(
    inputs: Sequence[str], store: Store, settings: Settings, *, published: date | None = None,
    publisher: str | None = None, stdin: BinaryIO | None = None, fetch: Callable | None = None,
    on_result: Callable[[Extracted | Failure], None] | None = None,
    on_analysed: Callable[[Analysis | Failure], None] | None = None,
    with_analysis: bool = True,
) -> IngestReport:
    """Read, extract and store articles, link near copies, then analyse what is pending.

    Each document is committed on its own. The raw document is stored before
    extraction, so a document whose extraction fails is kept and can be extracted again;
    a failure is recorded with its reason. Analysis runs over every unanalysed article
    in the store, so a run that was interrupted during analysis completes it.

    Returns:
        Counts of articles ingested, duplicate (already stored), updated (duplicates that
        filled missing metadata), the near copies found, analysed, and the failures.
    """
    report = IngestReport()
    raw_ids: dict[str, int] = {}

    def keep_raw(raw: RawDocument) -> None:
        raw_ids[raw.sha256] = store.add_raw(raw)

    for result in extract_documents(inputs, settings, published=published, publisher=publisher,
                                    stdin=stdin, fetch=fetch, keep_raw=keep_raw):
        raw_id = (raw_ids.pop(result.raw.sha256, None) or store.add_raw(result.raw)
                  if result.raw else None)
        if isinstance(result, Failure):
            store.add_failure(result.source, result.stage, result.reason, raw_id)
            report.failures.append(result)
        else:
            outcome, article_id = store.add_article(result.article, raw_id)
            report.ingested += outcome == "ingested"
            report.duplicate += outcome != "ingested"
            report.updated += outcome == "updated"
            if outcome == "copy":
                report.exact_copies.append((result.article.source, article_id))
            report.article_ids.append(article_id)
        if on_result:
            on_result(result)
    report.copies = link_copies(store).copies
    if with_analysis:
        analysed = analyze_pending(store, settings, on_result=on_analysed)
        report.analysed = analysed.analysed
        report.failures += analysed.failures
    return report


Item = TypeVar("Item", StoredArticle, Extracted)

# Articles parsed together in one nlp.pipe call: big enough to batch, small enough to
# keep every process busy.
BATCH = 8


def _analyze_batch(items: list[StoredArticle | Extracted]) -> list[Analysis | Failure]:
    """The analyze stage for the process pool: never raises, a failure is a value."""
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


def _analysed(items: Iterator[Item], jobs: int) -> Iterator[tuple[Item, Analysis | Failure]]:
    """Each stored or extracted article with its analysis, in order, batched over a pool."""
    for batch, results in map_ordered(_analyze_batch, chunked(items, BATCH), jobs):
        yield from zip(batch, results)


@dataclass
class AnalyzeReport:
    """What one ``analyze_pending`` run did."""

    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)


def analyze_pending(store: Store, settings: Settings, *, redo: bool = False,
                    on_result: Callable[[Analysis | Failure], None] | None = None) -> AnalyzeReport:
    """Analyse every stored article that has no analysis yet (every article with ``redo``),
    then link the entities it mentions to the actors across articles, and the article to
    the events it reports and the story it belongs to.

    Each analysis is saved, and marked done, in its own transaction, so an interrupted
    run goes on where it stopped.
    """
    report = AnalyzeReport()
    for stored, result in _analysed(store.unanalysed(redo=redo), settings.jobs):
        if isinstance(result, Failure):
            store.add_failure(result.source, result.stage, result.reason)
            report.failures.append(result)
        else:
            store.save_analysis(stored.id, result, ANALYZER_VERSION)
            report.analysed += 1
        if on_result:
            on_result(result)
    link_entities(store)
    link_stories(store)
    return report


def analyze_documents(
    inputs: Sequence[str], settings: Settings, *, published: date | None = None,
    publisher: str | None = None, stdin: BinaryIO | None = None,
) -> Iterator[Analysed | Failure]:
    """Read, extract and analyse ``inputs`` without a store, in input order."""
    failed: list[Failure] = []  # extraction failures, reported in input order

    def extracted() -> Iterator[Extracted]:
        for result in extract_documents(inputs, settings, published=published,
                                        publisher=publisher, stdin=stdin):
            if isinstance(result, Failure):
                failed.append(result)
            else:
                yield result

    for item, result in _analysed(extracted(), settings.jobs):
        yield from failed
        failed.clear()
        yield result if isinstance(result, Failure) else Analysed(item.article, result)
    yield from failed
