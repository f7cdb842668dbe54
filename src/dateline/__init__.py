"""dateline: turn news coverage into sourced story timelines.

The same operations as the command line::

    import dateline
    report = dateline.ingest(["articles/"], db="news.db")
    with dateline.open("news.db") as store:
        story = dateline.find_story(store)          # the largest story
        for entry in dateline.timeline(store, story, top=10):
            print(entry.label, entry.text, [c.article for c in entry.citations])
"""

from __future__ import annotations

# The pipeline (spaCy and the readers) is imported by the functions that run it, so that
# reading a store starts fast.
from collections.abc import Iterator, Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from dateline.errors import DatelineError
from dateline.model import Analysed, Article, Extracted, Failure, IngestReport, RawDocument, Story
from dateline.service import (
    article,
    articles,
    brief,
    check,
    copy_groups,
    dated_timeline,
    entities,
    events,
    export,
    find_story,
    quotes,
    stories,
    timeline,
    timeline_head,
)
from dateline.settings import Settings, load_settings
from dateline.store import Store

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Analysed",
    "Article",
    "DatelineError",
    "Extracted",
    "Failure",
    "IngestReport",
    "RawDocument",
    "Settings",
    "Store",
    "Story",
    "__version__",
    "analyze_documents",
    "article",
    "articles",
    "brief",
    "check",
    "copy_groups",
    "dated_timeline",
    "entities",
    "events",
    "export",
    "export_json",
    "extract_documents",
    "find_story",
    "ingest",
    "open",
    "quotes",
    "stories",
    "timeline",
    "timeline_head",
]


def open(db: str = "dateline.db") -> Store:
    """Open (creating if needed) the store at a SQLite path or database URL."""
    return Store.open(db)


def ingest(
    inputs: Sequence[str],
    db: str = "dateline.db",
    *,
    published: date | None = None,
    publisher: str | None = None,
    settings: Settings | None = None,
) -> IngestReport:
    """Read, extract, store, analyse and link articles from files, directories and URLs.

    Returns:
        What was ingested, found duplicate, and skipped (with reasons).
    """
    from dateline.run.extract import Inputs
    from dateline.run.ingest import ingest as run_ingest

    settings = settings or load_settings({"db": db})
    with Store.open(settings.db, busy_timeout=settings.busy_timeout) as store:
        return run_ingest(Inputs(inputs, published, publisher), store, settings)


def extract_documents(
    inputs: Sequence[str],
    *,
    published: date | None = None,
    publisher: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Extracted | Failure]:
    """Extract articles from inputs without a store, one result per document, in order."""
    from dateline.run.extract import Inputs
    from dateline.run.extract import extract_documents as run_extract
    from dateline.run.ingest import local_runner

    settings = settings or load_settings()
    given = Inputs(inputs, published, publisher)
    return run_extract(given, settings, local_runner(settings))


def analyze_documents(
    inputs: Sequence[str],
    *,
    published: date | None = None,
    publisher: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Analysed | Failure]:
    """Extract and analyse articles from inputs without a store, one result per document."""
    from dateline.run.analyze import analyze_documents as run_analyze
    from dateline.run.extract import Inputs
    from dateline.run.ingest import local_runner

    settings = settings or load_settings()
    given = Inputs(inputs, published, publisher)
    return run_analyze(given, settings, local_runner(settings))


def export_json(store: Store, story: Story | None = None) -> dict[str, object]:
    """The store, or one story, as the JSON document ``dateline export`` writes."""
    return export(store, story).to_json()
