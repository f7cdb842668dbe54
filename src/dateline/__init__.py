"""dateline: turn news coverage into sourced story timelines.

The same operations as the command line::

    import dateline
    report = dateline.ingest(["articles/"], db="news.db")
    with dateline.open("news.db") as store:
        for stored in store.articles():
            print(stored.id, stored.article.title)
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from dateline.errors import DatelineError
from dateline.model import Article, RawDocument
from dateline.pipeline import (Analysed, Extracted, Failure, IngestReport, analyze_documents,
                               extract_documents)
from dateline.pipeline import ingest as _ingest
from dateline.settings import Settings, load_settings
from dateline.store import Store
from dateline.views.export import export_json

__all__ = ["Analysed", "Article", "DatelineError", "Extracted", "Failure", "IngestReport",
           "RawDocument", "Settings", "Store", "analyze", "export_json", "extract", "ingest",
           "open"]


def open(db: str = "dateline.db") -> Store:  # noqa: A001 - dateline.open mirrors sqlite3-style APIs
    """Open (creating if needed) the store at a SQLite path or database URL."""
    return Store.open(db)


def ingest(inputs: Sequence[str], db: str = "dateline.db", *, published: date | None = None,
           publisher: str | None = None, settings: Settings | None = None) -> IngestReport:
    """Read, extract, store, link and analyse articles from files, directories and URLs.

    Returns:
        What was ingested, found duplicate, and skipped (with reasons).
    """
    settings = settings or load_settings({"db": db})
    with Store.open(settings.db) as store:
        return _ingest(inputs, store, settings, published=published, publisher=publisher)


def extract(inputs: Sequence[str], *, published: date | None = None,
            publisher: str | None = None,
            settings: Settings | None = None) -> Iterator[Extracted | Failure]:
    """Extract articles from inputs without a store, one result per document, in order."""
    return extract_documents(inputs, settings or load_settings(), published=published,
                             publisher=publisher)


def analyze(inputs: Sequence[str], *, published: date | None = None,
            publisher: str | None = None,
            settings: Settings | None = None) -> Iterator[Analysed | Failure]:
    """Extract and analyse articles from inputs without a store, one result per document."""
    return analyze_documents(inputs, settings or load_settings(), published=published,
                             publisher=publisher)
