"""The article repository: raw inputs as read, articles as extracted, every document that
carried one (sightings), and the failures of any stage."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import false, func, or_, select, text
from sqlalchemy.engine import Connection

from dateline.errors import ArticleNotFoundError
from dateline.model import (
    AddOutcome,
    Article,
    Hints,
    Published,
    RawDocument,
    SearchHit,
    SearchResult,
    Sighting,
    StoredArticle,
    StoredFailure,
)
from dateline.run.stages import FIRST
from dateline.store.db import Database
from dateline.store.queue import enqueue
from dateline.store.schema import (
    articles,
    failures,
    raw_documents,
    sightings,
    story_articles,
)
from dateline.store.sql import insert_id
from dateline.store.timestamps import now

logger = logging.getLogger(__name__)

# Metadata a later, richer copy of an article may fill in when the stored copy lacks it.
_FILLABLE = ("title", "publisher", "wire", "dateline", "language", "summary")


class ArticleRepository:
    """Raw documents, articles, sightings and failures."""

    def __init__(self, db: Database):
        self._db = db

    def add_raw(self, raw: RawDocument) -> int:
        """Store a raw document (once per distinct content) and return its row id."""
        sha = raw.sha256
        with self._db.transaction() as conn:
            found = conn.execute(
                select(raw_documents.c.id).where(raw_documents.c.sha256 == sha)
            ).scalar()
            if found is not None:
                return int(found)
            return insert_id(
                conn,
                raw_documents.insert().values(
                    sha256=sha,
                    source=raw.source,
                    kind=raw.kind,
                    url=raw.url,
                    hints=_hints_json(raw.hints),
                    content=raw.content,
                    received_at=now(),
                ),
            )

    def add(self, article: Article, raw_id: int) -> tuple[AddOutcome, str]:
        """Store an article unless a copy (same canonical URL or same text) is there.

        A duplicate fills metadata the stored copy lacks; nothing stored is overwritten.
        Every document that carried the article is recorded as a sighting. A new article
        waits for the first stages.

        Returns:
            The outcome and the id of the stored article.
        """
        text_hash = article.text_hash
        with self._db.transaction() as conn:
            match = or_(
                articles.c.text_hash == text_hash,
                articles.c.url == article.url if article.url else false(),
            )
            row = conn.execute(select(articles).where(match).limit(1)).mappings().first()
            if row is None:
                stamp = now()
                conn.execute(
                    articles.insert().values(
                        id=article.id,
                        raw_id=raw_id,
                        text_hash=text_hash,
                        created_at=stamp,
                        updated_at=stamp,
                        **_article_row(article),
                    )
                )
                _sighted(conn, article.id, article)
                enqueue(conn, FIRST, article.id)
                return AddOutcome.INGESTED, article.id
            new_source = _sighted(conn, row["id"], article)
            fills = _fills(row, article)
            if not fills:
                return (AddOutcome.COPY if new_source else AddOutcome.DUPLICATE), row["id"]
            conn.execute(
                articles.update()
                .where(articles.c.id == row["id"])
                .values(updated_at=now(), **fills)
            )
            logger.info("filled %s of article %s from %s", sorted(fills), row["id"], article.source)
            return AddOutcome.UPDATED, row["id"]

    def add_failure(self, source: str, stage: str, message: str, raw_id: int | None = None) -> None:
        """Record that ``stage`` could not process ``source``."""
        with self._db.transaction() as conn:
            conn.execute(
                failures.insert().values(
                    source=source, stage=stage, message=message, raw_id=raw_id, created_at=now()
                )
            )

    def all(self) -> Iterator[StoredArticle]:
        """Every article, oldest publication date first (undated last), then by id."""
        order = (articles.c.published.is_(None), articles.c.published, articles.c.id)
        with self._db.read() as conn:
            for row in conn.execute(select(articles).order_by(*order)).mappings():
                yield _stored(row)

    def get(self, article_id: str) -> StoredArticle:
        """The article with this id (a unique prefix of at least 4 characters also works).

        Raises:
            ArticleNotFoundError: no article, or more than one, matches.
        """
        with self._db.read() as conn:
            # a range, not LIKE: SQLite's LIKE cannot use the primary key index
            rows = (
                conn.execute(
                    select(articles)
                    .where(articles.c.id >= article_id, articles.c.id < article_id + "\uffff")
                    .limit(2)
                )
                .mappings()
                .all()
            )
        if len(article_id) < 4 or len(rows) != 1:
            raise ArticleNotFoundError(article_id)
        return _stored(rows[0])

    def of_story(self, story_id: int, limit: int) -> list[StoredArticle]:
        """A story's latest ``limit`` articles, newest first (undated last)."""
        order = (articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
        query = (
            select(articles)
            .join(story_articles, story_articles.c.article_id == articles.c.id)
            .where(story_articles.c.story_id == story_id)
            .order_by(*order)
            .limit(limit)
        )
        with self._db.read() as conn:
            return [_stored(row) for row in conn.execute(query).mappings()]

    def sightings(self, article_id: str) -> list[Sighting]:
        """Every document that carried the article, in the order they were read."""
        query = (
            select(sightings).where(sightings.c.article_id == article_id).order_by(sightings.c.id)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [Sighting(r["source"], r["url"], r["publisher"], r["published"]) for r in rows]

    def search(self, query: str, limit: int, offset: int = 0) -> SearchResult:
        """Articles whose title or text holds every word (or quoted phrase) of ``query``,
        best first (SQLite's FTS5 ranking, PostgreSQL's ``ts_rank``), with the words
        around the first match."""
        terms = search_terms(query)
        if not terms:
            return SearchResult(query, 0, ())
        with self._db.read() as conn:
            if conn.dialect.name == "postgresql":
                return _tsvector_search(conn, query, terms, limit, offset)
            return _fts_search(conn, query, terms, limit, offset)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        with self._db.read() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (raw_documents, articles, failures)
            }

    def failures(self) -> list[StoredFailure]:
        """Every recorded failure, oldest first."""
        with self._db.read() as conn:
            return [
                StoredFailure(**row)
                for row in conn.execute(select(failures).order_by(failures.c.id)).mappings()
            ]


def _sighted(conn: Connection, article_id: str, article: Article) -> bool:
    """Record that the document ``article`` came from carried the stored ``article_id``;
    False if that document was recorded already."""
    exists = conn.execute(
        select(sightings.c.id).where(
            sightings.c.article_id == article_id, sightings.c.source == article.source
        )
    ).first()
    if exists is None:
        row = _article_row(article)
        conn.execute(
            sightings.insert().values(
                article_id=article_id,
                source=article.source,
                url=article.url,
                publisher=article.publisher,
                published=row["published"],
                seen_at=now(),
            )
        )
    return exists is None


def _hints_json(hints: Hints) -> dict[str, Any]:
    out = {f.name: getattr(hints, f.name) for f in fields(hints)}
    out["authors"] = list(hints.authors)
    out["user_published"] = hints.user_published.isoformat() if hints.user_published else None
    return out


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher,
        "publisher_how": article.publisher_how,
        "wire": article.wire,
        "dateline": article.dateline,
        "authors": list(article.authors),
        "language": article.language,
        "published": article.published.value.isoformat() if article.published.value else None,
        "published_how": article.published.how,
        "body": list(article.body),
        "captions": list(article.captions),
        "summary": article.summary,
    }


def _fills(row: Any, article: Article) -> dict[str, Any]:
    """Fields of the stored ``row`` that ``article`` knows and the row does not."""
    new = _article_row(article)
    fills = {k: new[k] for k in _FILLABLE if row[k] is None and new[k] is not None}
    if "publisher" in fills:
        fills["publisher_how"] = new["publisher_how"]
    if not row["authors"] and new["authors"]:
        fills["authors"] = new["authors"]
    if row["published"] is None and new["published"] is not None:
        fills["published"], fills["published_how"] = new["published"], new["published_how"]
    if not row["captions"] and new["captions"]:
        fills["captions"] = new["captions"]
    return fills


def _stored(row: Any) -> StoredArticle:
    published = Published(
        date.fromisoformat(row["published"]) if row["published"] else None, row["published_how"]
    )
    article = Article(
        source=row["source"],
        url=row["url"],
        title=row["title"],
        publisher=row["publisher"],
        publisher_how=row["publisher_how"],
        wire=row["wire"],
        dateline=row["dateline"],
        authors=tuple(row["authors"]),
        language=row["language"],
        published=published,
        body=tuple(row["body"]),
        captions=tuple(row["captions"]),
        summary=row["summary"],
    )
    return StoredArticle(id=row["id"], created_at=row["created_at"], article=article)


# A word or a quoted phrase of a search query.
_SEARCH_TERM = re.compile(r'"([^"]+)"|([^\W_][\w\'’-]*)')
MAX_SEARCH_TERMS = 16


def search_terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, as typed (at most ``MAX_SEARCH_TERMS``);
    search syntax is never passed through."""
    found = [" ".join((m[1] or m[2]).split()) for m in _SEARCH_TERM.finditer(query)]
    return [term for term in found if term][:MAX_SEARCH_TERMS]


def _fts_search(
    conn: Connection, query: str, terms: list[str], limit: int, offset: int
) -> SearchResult:
    match = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    total = conn.execute(
        text("SELECT count(*) FROM article_search WHERE article_search MATCH :match"),
        {"match": match},
    ).scalar_one()
    rows = conn.execute(
        text(
            "SELECT article_id, snippet(article_search, 2, '', '', '…', 24) AS snippet "
            "FROM article_search WHERE article_search MATCH :match "
            "ORDER BY rank LIMIT :limit OFFSET :offset"
        ),
        {"match": match, "limit": limit, "offset": offset},
    ).all()
    return SearchResult(query, total, _hits(conn, [(r.article_id, r.snippet) for r in rows]))


def _tsvector_search(
    conn: Connection, query: str, terms: list[str], limit: int, offset: int
) -> SearchResult:
    matched = " && ".join(f"phraseto_tsquery('simple', :t{i})" for i in range(len(terms)))
    params: dict[str, Any] = {f"t{i}": term for i, term in enumerate(terms)}
    where = f"FROM article_search, (SELECT {matched} AS query) AS q WHERE document @@ query"
    total = conn.execute(text(f"SELECT count(*) {where}"), params).scalar_one()
    ranked = conn.execute(
        text(
            f"SELECT article_id, query {where} "
            "ORDER BY ts_rank(document, query) DESC, article_id LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": limit, "offset": offset},
    ).all()
    snippets = [
        conn.execute(
            text(
                "SELECT ts_headline('simple', coalesce(title, '') || ' ' || (SELECT "
                "string_agg(value, ' ') FROM json_array_elements_text(body)), "
                'CAST(:query AS tsquery), \'StartSel="", StopSel="", MaxWords=24, '
                "MinWords=12') FROM articles WHERE id = :id"
            ),
            {"query": row.query, "id": row.article_id},
        ).scalar_one()
        for row in ranked
    ]
    found = [(row.article_id, snippet) for row, snippet in zip(ranked, snippets, strict=True)]
    return SearchResult(query, total, _hits(conn, found))


def _hits(conn: Connection, found: list[tuple[str, str]]) -> tuple[SearchHit, ...]:
    ids = [article_id for article_id, _ in found]
    rows = conn.execute(select(articles).where(articles.c.id.in_(ids))).mappings()
    stored = {row["id"]: _stored(row) for row in rows}
    return tuple(SearchHit(stored[i], snippet) for i, snippet in found if i in stored)
