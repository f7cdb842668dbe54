"""The Store: dateline's one door to the database (SQLite by default, PostgreSQL by URL)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from dateline.errors import ArticleNotFoundError, StoreError
from dateline.model import Article, Hints, Published, RawDocument
from dateline.store.analyses import AnalysisTables
from dateline.store.links import LinkTables
from dateline.store.stories import StoryTables
from dateline.store.schema import articles, failures, raw_documents, sightings
from dateline.store.sql import enqueue
from dateline.store.timestamps import now

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# "copy": a duplicate from a document not seen before (another outlet ran the same text)
AddOutcome = Literal["ingested", "duplicate", "copy", "updated"]

# Metadata a later, richer copy of an article may fill in when the stored copy lacks it.
_FILLABLE = ("title", "publisher", "wire", "dateline", "language", "summary")


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its id and when it was first stored, with the article."""

    id: str
    created_at: str
    article: Article

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at, **self.article.to_json()}


def db_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as is, anything else a SQLite file path."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work during an ingest; NORMAL sync is still crash-safe in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store(AnalysisTables, LinkTables, StoryTables):
    """Articles, their raw inputs and failures, in one database.

    Every write is its own transaction, so an interrupted ingest keeps what it committed.
    """

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, db: str) -> Store:
        """Open (creating and migrating if needed) the store at a path or URL.

        Raises:
            StoreError: the database cannot be opened or migrated.
        """
        url = db_url(db)
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            with engine.begin() as conn:
                _migrate(conn)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the store {db}: {_first_line(exc)}") from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[Connection]:
        """A connection in a transaction; database errors become a StoreError."""
        try:
            with (self.engine.begin() if write else self.engine.connect()) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot {'write to' if write else 'read'} the store: "
                             f"{_first_line(exc)}") from exc

    # -- writes -----------------------------------------------------------------------

    def add_raw(self, raw: RawDocument) -> int:
        """Store a raw document (once per distinct content) and return its row id."""
        sha = raw.sha256
        with self._transaction() as conn:
            found = conn.execute(
                select(raw_documents.c.id).where(raw_documents.c.sha256 == sha)).scalar()
            if found is not None:
                return found
            return conn.execute(raw_documents.insert().values(
                sha256=sha, source=raw.source, kind=raw.kind, url=raw.url,
                hints=_hints_json(raw.hints), content=raw.content, received_at=now(),
            )).inserted_primary_key[0]

    def add_article(self, article: Article, raw_id: int) -> tuple[AddOutcome, str]:
        """Store an article unless a copy (same canonical URL or same text) is there.

        A duplicate fills metadata the stored copy lacks; nothing stored is overwritten.
        Every document that carried the article is recorded as a sighting.

        Returns:
            The outcome and the id of the stored article.
        """
        text_hash = article.text_hash
        with self._transaction() as conn:
            match = or_(articles.c.text_hash == text_hash,
                        articles.c.url == article.url if article.url else False)
            row = conn.execute(select(articles).where(match).limit(1)).mappings().first()
            if row is None:
                stamp = now()
                conn.execute(articles.insert().values(
                    id=article.id, raw_id=raw_id, text_hash=text_hash,
                    created_at=stamp, updated_at=stamp, **_article_row(article)))
                _sighted(conn, article.id, article)
                for stage in ("analyze", "copies"):
                    enqueue(conn, stage, article.id)
                return "ingested", article.id
            new_source = _sighted(conn, row["id"], article)
            fills = _fills(row, article)
            if not fills:
                return ("copy" if new_source else "duplicate"), row["id"]
            conn.execute(articles.update().where(articles.c.id == row["id"])
                         .values(updated_at=now(), **fills))
            logger.info("filled %s of article %s from %s", sorted(fills), row["id"],
                        article.source)
            return "updated", row["id"]

    def add_failure(self, source: str, stage: str, message: str,
                    raw_id: int | None = None) -> None:
        """Record that ``stage`` could not process ``source``."""
        with self._transaction() as conn:
            conn.execute(failures.insert().values(
                source=source, stage=stage, message=message, raw_id=raw_id,
                created_at=now()))

    # -- reads ------------------------------------------------------------------------

    def articles(self) -> Iterator[StoredArticle]:
        """Every article, oldest publication date first (undated last), then by id."""
        order = (articles.c.published.is_(None), articles.c.published, articles.c.id)
        with self._transaction(write=False) as conn:
            for row in conn.execute(select(articles).order_by(*order)).mappings():
                yield _stored(row)

    def get(self, article_id: str) -> StoredArticle:
        """The article with this id (a unique prefix of at least 4 characters also works).

        Raises:
            ArticleNotFoundError: no article, or more than one, matches.
        """
        with self._transaction(write=False) as conn:
            # a range, not LIKE: SQLite's LIKE cannot use the primary key index
            rows = conn.execute(select(articles).where(
                articles.c.id >= article_id, articles.c.id < article_id + "\uffff")
                .limit(2)).mappings().all()
        if len(article_id) < 4 or len(rows) != 1:
            raise ArticleNotFoundError(article_id)
        return _stored(rows[0])

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        with self._transaction(write=False) as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (raw_documents, articles, failures)}

    def failures(self) -> list[dict[str, Any]]:
        with self._transaction(write=False) as conn:
            return [dict(r) for r in conn.execute(
                select(failures).order_by(failures.c.id)).mappings()]


def _sighted(conn: Connection, article_id: str, article: Article) -> bool:
    """Record that the document ``article`` came from carried the stored ``article_id``;
    False if that document was recorded already."""
    exists = conn.execute(select(sightings.c.id).where(
        sightings.c.article_id == article_id, sightings.c.source == article.source)).first()
    if exists is None:
        row = _article_row(article)
        conn.execute(sightings.insert().values(
            article_id=article_id, source=article.source, url=article.url,
            publisher=article.publisher, published=row["published"], seen_at=now()))
    return exists is None


def _first_line(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _migrate(conn: Connection) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _hints_json(hints: Hints) -> dict[str, Any]:
    out = {f.name: getattr(hints, f.name) for f in fields(hints)}
    out["authors"] = list(hints.authors)
    out["user_published"] = hints.user_published.isoformat() if hints.user_published else None
    return out


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "source": article.source, "url": article.url, "title": article.title,
        "publisher": article.publisher, "wire": article.wire, "dateline": article.dateline,
        "authors": list(article.authors), "language": article.language,
        "published": article.published.value.isoformat() if article.published.value else None,
        "published_how": article.published.how, "body": list(article.body),
        "captions": list(article.captions), "summary": article.summary,
    }


def _fills(row: Any, article: Article) -> dict[str, Any]:
    """Fields of the stored ``row`` that ``article`` knows and the row does not."""
    new = _article_row(article)
    fills = {k: new[k] for k in _FILLABLE if row[k] is None and new[k] is not None}
    if not row["authors"] and new["authors"]:
        fills["authors"] = new["authors"]
    if row["published"] is None and new["published"] is not None:
        fills["published"], fills["published_how"] = new["published"], new["published_how"]
    if not row["captions"] and new["captions"]:
        fills["captions"] = new["captions"]
    return fills


def _stored(row: Any) -> StoredArticle:
    published = Published(date.fromisoformat(row["published"]) if row["published"] else None,
                          row["published_how"])
    article = Article(
        source=row["source"], url=row["url"], title=row["title"], publisher=row["publisher"],
        wire=row["wire"], dateline=row["dateline"], authors=tuple(row["authors"]),
        language=row["language"], published=published, body=tuple(row["body"]),
        captions=tuple(row["captions"]), summary=row["summary"])
    return StoredArticle(id=row["id"], created_at=row["created_at"], article=article)
