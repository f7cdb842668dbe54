"""The extract step: read inputs, extract an article from each document, and (through the
store) keep each raw document and store each article."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from dateline.errors import ExtractionError
from dateline.extract import extract
from dateline.model import AddOutcome, Article, Extracted, Failure, IngestReport, RawDocument
from dateline.run.local import Runner
from dateline.run.read import read_documents
from dateline.settings import Settings
from dateline.sources import FetchedPage, SourceFailure
from dateline.store import Store

logger = logging.getLogger(__name__)

Fetch = Callable[[str], FetchedPage]


@dataclass(frozen=True)
class Inputs:
    """What to read, and what the user states about every input.

    Attributes:
        sources: file paths, directories, http(s) URLs, ``-`` for ``stdin``.
        published, publisher: stated for inputs that state none themselves (``given``).
        stdin: what ``-`` reads (default: standard input).
        fetch: downloads one URL (default: ``sources.fetch_url``; tests pass a fake).
    """

    sources: Sequence[str]
    published: date | None = None
    publisher: str | None = None
    stdin: BinaryIO | None = None
    fetch: Fetch | None = None


def extract_documents(
    inputs: Inputs,
    settings: Settings,
    runner: Runner,
    keep_raw: Callable[[RawDocument], None] | None = None,
) -> Iterator[Extracted | Failure]:
    """Read ``inputs`` and extract an article from each document, in input order.

    Args:
        keep_raw: called with each raw document before it is extracted (the store keeps it).
    """

    def raws() -> Iterator[RawDocument | Failure]:
        for doc in read_documents(inputs, settings, runner):
            if isinstance(doc, SourceFailure):
                yield Failure(doc.source, "read", doc.reason)
                continue
            if inputs.published or inputs.publisher:
                given = dataclasses.replace(
                    doc.hints, user_published=inputs.published, user_publisher=inputs.publisher
                )
                doc = dataclasses.replace(doc, hints=given)
            if keep_raw:
                keep_raw(doc)
            yield doc

    for doc, result in runner.map(_stage, raws()):
        if isinstance(result, Article):
            assert isinstance(doc, RawDocument)  # a read failure comes back as it went in
            yield Extracted(doc, result)
        elif isinstance(doc, RawDocument):
            yield dataclasses.replace(result, raw=doc)
        else:
            yield result


def extract_into(
    store: Store,
    inputs: Inputs,
    settings: Settings,
    runner: Runner,
    on_result: Callable[[Extracted | Failure], None] | None = None,
) -> IngestReport:
    """Read and extract ``inputs`` and store each article (a new one waits for the first
    stages), counting what was new, duplicate and skipped.

    Each document is committed on its own. The raw document is stored before extraction,
    so a document whose extraction fails is kept and can be extracted again; a failure is
    recorded with its reason.
    """
    report = IngestReport()
    raw_ids: dict[str, int] = {}

    def keep_raw(raw: RawDocument) -> None:
        raw_ids[raw.sha256] = store.articles.add_raw(raw)

    for result in extract_documents(inputs, settings, runner, keep_raw):
        raw_id = (
            raw_ids.pop(result.raw.sha256, None) or store.articles.add_raw(result.raw)
            if result.raw
            else None
        )
        if isinstance(result, Failure):
            store.articles.add_failure(result.source, result.stage, result.reason, raw_id)
            report.failures.append(result)
        else:
            assert raw_id is not None
            outcome, article_id = store.articles.add(result.article, raw_id)
            report.ingested += outcome is AddOutcome.INGESTED
            report.duplicate += outcome is not AddOutcome.INGESTED
            report.updated += outcome is AddOutcome.UPDATED
            if outcome is AddOutcome.COPY:
                report.exact_copies.append((result.article.source, article_id))
            report.article_ids.append(article_id)
        if on_result:
            on_result(result)
    return report


def _stage(doc: RawDocument | Failure) -> Article | Failure:
    """The extract stage for the runner: never raises, a failure is a value."""
    if isinstance(doc, Failure):
        return doc
    try:
        return extract(doc)
    except ExtractionError as exc:
        return Failure(doc.source, "extract", exc.reason)
    except Exception as exc:  # a bug or a parser crash on one document must not end the batch
        logger.debug("extraction of %s crashed", doc.source, exc_info=True)
        return Failure(doc.source, "extract", f"unexpected {exc.__class__.__name__}: {exc}")
