"""The Store: dateline's one door to the database (SQLite by default, PostgreSQL by URL)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import and_, create_engine, event, func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from dateline.errors import ArticleNotFoundError, StoreError
from dateline.model import (Analysis, Article, EventMention, Hints, Mention, Published, Quote,
                            RawDocument, Role, TimeExpression)
from dateline.store.schema import (actor_keys, actor_mentions, actors, analyses, articles,
                                   copies, entity_links, event_mentions, failures, fingerprints,
                                   lsh_buckets, mentions, quotes, raw_documents, roles, sightings,
                                   timexes)

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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work during an ingest; NORMAL sync is still crash-safe in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
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
                hints=_hints_json(raw.hints), content=raw.content, received_at=_now(),
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
                now = _now()
                conn.execute(articles.insert().values(
                    id=article.id, raw_id=raw_id, text_hash=text_hash,
                    created_at=now, updated_at=now, **_article_row(article)))
                _sighted(conn, article.id, article)
                return "ingested", article.id
            new_source = _sighted(conn, row["id"], article)
            fills = _fills(row, article)
            if not fills:
                return ("copy" if new_source else "duplicate"), row["id"]
            conn.execute(articles.update().where(articles.c.id == row["id"])
                         .values(updated_at=_now(), **fills))
            logger.info("filled %s of article %s from %s", sorted(fills), row["id"],
                        article.source)
            return "updated", row["id"]

    def add_failure(self, source: str, stage: str, message: str,
                    raw_id: int | None = None) -> None:
        """Record that ``stage`` could not process ``source``."""
        with self._transaction() as conn:
            conn.execute(failures.insert().values(
                source=source, stage=stage, message=message, raw_id=raw_id,
                created_at=_now()))

    def save_analysis(self, article_id: str, analysis: Analysis, version: int) -> None:
        """Replace an article's analysis, and mark it done, in one transaction."""
        with self._transaction() as conn:
            for table in (*_ANALYSIS_TABLES, actor_mentions, entity_links):
                conn.execute(table.delete().where(table.c.article_id == article_id))
            conn.execute(analyses.delete().where(analyses.c.article_id == article_id))
            conn.execute(analyses.insert().values(
                article_id=article_id, version=version, analysed_at=_now(),
                sentences=[list(span) for span in analysis.sentences]))
            for table, rows in _analysis_rows(analysis):
                if rows:
                    conn.execute(table.insert(), [{"article_id": article_id, **r} for r in rows])

    def save_fingerprint(self, article_id: str, size: int, minhash: Sequence[int],
                         band_keys: Sequence[tuple[int, int]],
                         copy_of: tuple[str, float, float] | None) -> None:
        """Store an article's fingerprint and LSH keys, and the group it joins if it is a
        copy (canonical id, similarity, containment), in one transaction."""
        with self._transaction() as conn:
            conn.execute(fingerprints.insert().values(
                article_id=article_id, size=size, minhash=list(minhash)))
            conn.execute(lsh_buckets.insert(), [
                {"band": band, "bucket": bucket, "article_id": article_id}
                for band, bucket in dict.fromkeys(band_keys)])
            if copy_of is not None:
                canonical, similarity, containment = copy_of
                conn.execute(copies.insert().values(
                    article_id=article_id, canonical_id=canonical, similarity=similarity,
                    containment=containment))

    def actor(self, key: str) -> int | None:
        """The actor known by a name key."""
        with self._transaction(write=False) as conn:
            return conn.execute(select(actor_keys.c.actor_id)
                                .where(actor_keys.c.key == key)).scalar()

    def actors_with_surname(self, surname: str) -> list[int]:
        """Actors whose full person name ends in ``surname`` (a name key)."""
        with self._transaction(write=False) as conn:
            return list(conn.execute(select(actors.c.id).where(actors.c.surname == surname)
                                     .order_by(actors.c.id)).scalars())

    def add_actor(self, name: str, label: str, key: str, surname: str | None) -> int:
        with self._transaction() as conn:
            actor_id = conn.execute(actors.insert().values(
                name=name, label=label, surname=surname)).inserted_primary_key[0]
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
        return actor_id

    def name_actor(self, actor_id: int, name: str, key: str, surname: str | None) -> None:
        """Give an actor a fuller name, and the key it is known by under that name."""
        with self._transaction() as conn:
            conn.execute(actors.update().where(actors.c.id == actor_id)
                         .values(name=name, surname=surname))
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))

    def save_entity_links(self, article_id: str, found: Sequence[tuple[int, str, int]]) -> None:
        """Record the actors an article mentions (actor id, name as written, count) and mark
        it linked, in one transaction."""
        with self._transaction() as conn:
            conn.execute(actor_mentions.delete().where(actor_mentions.c.article_id == article_id))
            if found:
                conn.execute(actor_mentions.insert(), [
                    {"article_id": article_id, "actor_id": a, "name": n, "mentions": c}
                    for a, n, c in found])
            conn.execute(entity_links.insert().values(article_id=article_id))

    # -- reads ------------------------------------------------------------------------

    def entity_unlinked(self) -> list[str]:
        """Analysed articles whose actors are not linked yet, in the order they were stored."""
        query = (select(articles.c.id).join(analyses, analyses.c.article_id == articles.c.id)
                 .where(~articles.c.id.in_(select(entity_links.c.article_id)))
                 .order_by(articles.c.raw_id, articles.c.id))
        with self._transaction(write=False) as conn:
            return list(conn.execute(query).scalars())

    def unlinked(self) -> Iterator[StoredArticle]:
        """Articles with no fingerprint yet, in the order they were stored, read one by one."""
        # raw ids grow with each input read, so they keep the order within one second too
        query = (select(articles.c.id)
                 .where(~articles.c.id.in_(select(fingerprints.c.article_id)))
                 .order_by(articles.c.raw_id, articles.c.id))
        with self._transaction(write=False) as conn:
            ids = conn.execute(query).scalars().all()
        return (self.get(article_id) for article_id in ids)

    def copy_candidates(self, band_keys: Sequence[tuple[int, int]]
                        ) -> dict[str, tuple[int, list[int], str]]:
        """Articles sharing an LSH band key: id -> (size, minhash, canonical id of its group)."""
        if not band_keys:
            return {}
        # OR of (band, bucket) pairs, not a row-value IN: SQLite scans the whole table for
        # the latter but searches the primary key once per pair for the former.
        pairs = (and_(lsh_buckets.c.band == band, lsh_buckets.c.bucket == bucket)
                 for band, bucket in band_keys)
        shared = select(lsh_buckets.c.article_id).distinct().where(or_(*pairs))
        query = (select(fingerprints, copies.c.canonical_id)
                 .join(copies, copies.c.article_id == fingerprints.c.article_id, isouter=True)
                 .where(fingerprints.c.article_id.in_(shared)))
        with self._transaction(write=False) as conn:
            return {r["article_id"]: (r["size"], r["minhash"], r["canonical_id"] or r["article_id"])
                    for r in conn.execute(query).mappings()}

    def copy_groups(self) -> list[dict[str, Any]]:
        """Groups of copies of one story: the canonical article and its near copies, each
        with every document that carried it (exact copies from other outlets)."""
        with self._transaction(write=False) as conn:
            members = conn.execute(select(copies).order_by(copies.c.canonical_id,
                                                           copies.c.article_id)).mappings().all()
            seen: dict[str, list[dict[str, Any]]] = {}
            for row in conn.execute(select(sightings).order_by(sightings.c.id)).mappings():
                seen.setdefault(row["article_id"], []).append(
                    {k: row[k] for k in ("source", "url", "publisher", "published")})
        groups: dict[str, dict[str, Any]] = {}
        for row in members:
            groups.setdefault(row["canonical_id"], {"canonical_id": row["canonical_id"],
                                                    "copies": []})["copies"].append(
                {"article_id": row["article_id"], "similarity": row["similarity"],
                 "containment": row["containment"]})
        members_ids = {row["article_id"] for row in members}
        exact = [article_id for article_id, seen_in in seen.items()
                 if len(seen_in) > 1 and article_id not in members_ids]
        for article_id in exact:
            groups.setdefault(article_id, {"canonical_id": article_id, "copies": []})
        out = []
        for canonical_id in sorted(groups):
            group = groups[canonical_id]
            group["title"] = self.get(canonical_id).article.title
            group["sightings"] = seen.get(canonical_id, [])
            for copy in group["copies"]:
                copy["sightings"] = seen.get(copy["article_id"], [])
            out.append(group)
        return out

    def unanalysed(self, redo: bool = False) -> Iterator[StoredArticle]:
        """Articles with no analysis yet (all of them with ``redo``), by id, read one by one."""
        query = select(articles.c.id).order_by(articles.c.id)
        if not redo:
            query = query.where(~articles.c.id.in_(select(analyses.c.article_id)))
        with self._transaction(write=False) as conn:
            ids = conn.execute(query).scalars().all()
        return (self.get(article_id) for article_id in ids)

    def analysis(self, article_id: str) -> Analysis | None:
        """An article's stored analysis, None when it has not been analysed."""
        with self._transaction(write=False) as conn:
            done = conn.execute(select(analyses).where(
                analyses.c.article_id == article_id)).mappings().first()
            if done is None:
                return None
            found = {t.name: conn.execute(select(t).where(t.c.article_id == article_id)
                                          .order_by(t.c.start, t.c.id)).mappings().all()
                     for t in _ANALYSIS_TABLES}
        return Analysis(
            sentences=tuple(tuple(span) for span in done["sentences"]),
            mentions=tuple(Mention(**_fields(r, Mention)) for r in found["mentions"]),
            timexes=tuple(TimeExpression(**{**_fields(r, TimeExpression),
                                            "anchor": _day(r["anchor"])}) for r in found["timexes"]),
            quotes=tuple(Quote(**_fields(r, Quote)) for r in found["quotes"]),
            roles=tuple(Role(**{**_fields(r, Role), "as_of": _day(r["as_of"])})
                        for r in found["roles"]),
            event_mentions=tuple(EventMention(**{**_fields(r, EventMention),
                                                 "participants": tuple(r["participants"]),
                                                 "places": tuple(r["places"])})
                                 for r in found["event_mentions"]),
        )

    def quotes(self, speaker: str | None = None) -> list[tuple[StoredArticle, Quote]]:
        """Quotes with their articles, by publication date; ``speaker`` matches a name part."""
        query = (select(quotes, articles.c.published).join(articles, quotes.c.article_id == articles.c.id)
                 .order_by(articles.c.published.is_(None), articles.c.published,
                           quotes.c.article_id, quotes.c.start))
        if speaker:
            query = query.where(quotes.c.speaker.contains(speaker, autoescape=True))
        with self._transaction(write=False) as conn:
            rows = conn.execute(query).mappings().all()
        cache: dict[str, StoredArticle] = {}
        out = []
        for row in rows:
            if row["article_id"] not in cache:
                cache[row["article_id"]] = self.get(row["article_id"])
            out.append((cache[row["article_id"]], Quote(**_fields(row, Quote))))
        return out

    def entities(self, person_key: Callable[[str], int | None] | None = None
                 ) -> list[dict[str, Any]]:
        """Actors by how many articles mention them: id, name, label, the names they go by,
        counts, and their roles over time.

        Args:
            person_key: maps a role's person name to its actor id (``link.entities``
                knows the keys); without it, roles are matched by exact name.
        """
        docs = func.count(actor_mentions.c.article_id.distinct()).label("articles")
        total = func.sum(actor_mentions.c.mentions).label("mentions")
        query = (select(actors.c.id, actors.c.name, actors.c.label, total, docs)
                 .join(actor_mentions, actor_mentions.c.actor_id == actors.c.id)
                 .group_by(actors.c.id)
                 .order_by(docs.desc(), total.desc(), actors.c.name))
        with self._transaction(write=False) as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            names: dict[int, list[str]] = {}
            for actor_id, name in conn.execute(select(actor_mentions.c.actor_id,
                                                      actor_mentions.c.name).distinct()
                                               .order_by(actor_mentions.c.name)):
                names.setdefault(actor_id, []).append(name)
            held = conn.execute(select(roles).order_by(roles.c.as_of, roles.c.article_id,
                                                       roles.c.start)).mappings().all()
        by_actor = {row["name"]: row["id"] for row in rows}
        timeline: dict[int, dict[str, dict[str, Any]]] = {}
        for role in held:
            actor_id = person_key(role["person"]) if person_key else by_actor.get(role["person"])
            if actor_id is None:
                continue
            titles = timeline.setdefault(actor_id, {})
            entry = titles.setdefault(role["title"].casefold(), {
                "title": role["title"], "as_of": role["as_of"], "article_id": role["article_id"],
                "first_seen": role["as_of"], "last_seen": role["as_of"],
                "evidence": [{"article_id": role["article_id"], "start": role["start"],
                              "end": role["end"]}]})
            if entry["evidence"][-1]["article_id"] != role["article_id"]:
                entry["evidence"].append({"article_id": role["article_id"], "start": role["start"],
                                          "end": role["end"]})
            if role["as_of"] and (entry["last_seen"] or "") < role["as_of"]:
                entry["last_seen"] = role["as_of"]
        for row in rows:
            row["aliases"] = names.get(row["id"], [])
            row["roles"] = list(timeline.get(row["id"], {}).values())
        return rows

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


_ANALYSIS_TABLES = (mentions, timexes, quotes, roles, event_mentions)


def _analysis_rows(analysis: Analysis) -> list[tuple[Any, list[dict[str, Any]]]]:
    def rows(items: Any) -> list[dict[str, Any]]:
        out = []
        for item in items:
            row = {f.name: getattr(item, f.name) for f in fields(item)}
            for key, value in row.items():
                if isinstance(value, date):
                    row[key] = value.isoformat()
                elif isinstance(value, tuple):
                    row[key] = list(value)
            out.append(row)
        return out

    return [(mentions, rows(analysis.mentions)), (timexes, rows(analysis.timexes)),
            (quotes, rows(analysis.quotes)), (roles, rows(analysis.roles)),
            (event_mentions, rows(analysis.event_mentions))]


def _fields(row: Any, record: type) -> dict[str, Any]:
    return {f.name: row[f.name] for f in fields(record)}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _sighted(conn: Connection, article_id: str, article: Article) -> bool:
    """Record that the document ``article`` came from carried the stored ``article_id``;
    False if that document was recorded already."""
    exists = conn.execute(select(sightings.c.id).where(
        sightings.c.article_id == article_id, sightings.c.source == article.source)).first()
    if exists is None:
        row = _article_row(article)
        conn.execute(sightings.insert().values(
            article_id=article_id, source=article.source, url=article.url,
            publisher=article.publisher, published=row["published"], seen_at=_now()))
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
