"""The Store: dateline's one door to the database (SQLite by default, PostgreSQL by URL),
one repository per aggregate behind it."""

from __future__ import annotations

from dateline.store.actors import ActorRepository
from dateline.store.analyses import AnalysisRepository
from dateline.store.articles import ArticleRepository
from dateline.store.copies import CopyRepository
from dateline.store.db import BUSY_TIMEOUT, Database
from dateline.store.events import EventRepository
from dateline.store.queue import Queue
from dateline.store.stories import StoryRepository
from dateline.store.view_cache import ViewCache


class Store:
    """Articles and everything found in and across them, in one database.

    Each repository reads and writes one aggregate and returns model types: ``articles``
    (raw inputs, articles, sightings, failures), ``analyses`` (per-article analyses, their
    quotes and roles), ``copies`` (fingerprints and copy groups), ``actors``, ``events``,
    ``stories``, ``queue`` (the work each stage has pending) and ``view_cache`` (views as
    they were last made, while what they were made from stays). Every write is its own
    transaction, so an interrupted ingest keeps what it committed.
    """

    def __init__(self, db: Database):
        self.db = db
        self.articles = ArticleRepository(db)
        self.analyses = AnalysisRepository(db, self.articles)
        self.copies = CopyRepository(db, self.articles)
        self.actors = ActorRepository(db)
        self.events = EventRepository(db)
        self.stories = StoryRepository(db)
        self.queue = Queue(db)
        self.view_cache = ViewCache(db)

    @classmethod
    def open(cls, db: str, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        """Open (creating and migrating if needed) the store at a path or URL.

        ``create`` False refuses a store that does not exist yet (read commands); a
        database that holds another program's tables is always refused. A write waits
        up to ``busy_timeout`` seconds while another process writes.

        Raises:
            StoreError: the database cannot be opened, migrated, or is refused.
        """
        return cls(Database.open(db, create=create, busy_timeout=busy_timeout))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
