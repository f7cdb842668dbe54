"""The analysis repository: each article's analysis, saved and read whole; its quotes and
roles read across articles."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, select

from dateline.model import (
    Analysis,
    AnalysisPart,
    Clause,
    EventMention,
    Mention,
    Quote,
    Role,
    StoredArticle,
    StoredQuote,
    TimeExpression,
)
from dateline.run.stages import Stage
from dateline.store.articles import ArticleRepository
from dateline.store.db import Database
from dateline.store.queue import finish
from dateline.store.schema import (
    actor_mentions,
    analyses,
    articles,
    clauses,
    event_mentions,
    mentions,
    quotes,
    roles,
    story_articles,
    timexes,
)
from dateline.store.sql import insert_rows
from dateline.store.timestamps import now

_ANALYSIS_TABLES = (mentions, timexes, quotes, roles, event_mentions, clauses)


class AnalysisRepository:
    """Per-article analyses, and the quotes and roles they found."""

    def __init__(self, db: Database, articles: ArticleRepository):
        self._db = db
        self._articles = articles

    def save(
        self, article_id: str, analysis: Analysis, version: int, claimant: str | None = None
    ) -> None:
        """Replace an article's analysis (and the actors linked from the old one) and mark
        the stage done, in one transaction; with ``claimant``, only while that process
        holds the article's claim.

        Raises:
            ClaimLost: another process took the article; nothing is saved.
        """
        with self._db.transaction() as conn:
            for table in (*_ANALYSIS_TABLES, actor_mentions):
                conn.execute(table.delete().where(table.c.article_id == article_id))
            conn.execute(analyses.delete().where(analyses.c.article_id == article_id))
            conn.execute(
                analyses.insert().values(
                    article_id=article_id,
                    version=version,
                    analysed_at=now(),
                    sentences=[list(span) for span in analysis.sentences],
                )
            )
            for table, rows in _analysis_rows(analysis):
                insert_rows(conn, table, [{"article_id": article_id, **r} for r in rows])
            finish(conn, Stage.ANALYZE, article_id, claimant)

    def get(
        self, article_id: str, *, parts: Collection[AnalysisPart] = tuple(AnalysisPart)
    ) -> Analysis | None:
        """An article's stored analysis, None when it has not been analysed. Only the
        ``parts`` named are read, the others left empty: a reader that needs a few of them
        (linking, the views that only check lines) reads no more."""
        with self._db.read() as conn:
            done = (
                conn.execute(select(analyses).where(analyses.c.article_id == article_id))
                .mappings()
                .first()
            )
            if done is None:
                return None
            found = {
                t.name: conn.execute(
                    select(t).where(t.c.article_id == article_id).order_by(t.c.start, t.c.id)
                )
                .mappings()
                .all()
                for t in _ANALYSIS_TABLES
                if AnalysisPart(t.name) in parts
            }
        return Analysis(
            sentences=tuple((start, end) for start, end in done["sentences"]),
            mentions=tuple(Mention(**_fields(r, Mention)) for r in found.get("mentions", ())),
            timexes=tuple(
                TimeExpression(**{**_fields(r, TimeExpression), "anchor": _day(r["anchor"])})
                for r in found.get("timexes", ())
            ),
            quotes=tuple(_quote(r) for r in found.get("quotes", ())),
            roles=tuple(_role(r) for r in found.get("roles", ())),
            event_mentions=tuple(
                EventMention(
                    **{
                        **_fields(r, EventMention),
                        "participants": tuple(r["participants"]),
                        "places": tuple(r["places"]),
                    }
                )
                for r in found.get("event_mentions", ())
            ),
            clauses=tuple(Clause(**_fields(r, Clause)) for r in found.get("clauses", ())),
        )

    def quotes(self, speaker: str | None = None, story_id: int | None = None) -> list[StoredQuote]:
        """Quotes with their articles, by publication date; ``speaker`` matches a name part,
        ``story_id`` keeps that story's articles (read through the story's index)."""
        query = (
            select(quotes, articles.c.published)
            .join(articles, quotes.c.article_id == articles.c.id)
            .order_by(
                articles.c.published.is_(None),
                articles.c.published,
                quotes.c.article_id,
                quotes.c.start,
            )
        )
        if speaker:
            query = query.where(quotes.c.speaker.contains(speaker, autoescape=True))
        if story_id is not None:
            query = query.join(story_articles, story_articles.c.article_id == articles.c.id).where(
                story_articles.c.story_id == story_id
            )
        with self._db.read() as conn:
            rows = conn.execute(query).mappings().all()
        cache: dict[str, StoredArticle] = {}
        out = []
        for row in rows:
            if row["article_id"] not in cache:
                cache[row["article_id"]] = self._articles.get(row["article_id"])
            out.append(StoredQuote(cache[row["article_id"]], _quote(row)))
        return out

    def speaker_counts(self, story_id: int, limit: int) -> list[tuple[str, int]]:
        """The ``limit`` names a story quotes most as speakers (of what they said, not
        what they believe or plan), with how often, most first."""
        counted = func.count().label("said")
        query = (
            select(quotes.c.speaker, counted)
            .join(story_articles, story_articles.c.article_id == quotes.c.article_id)
            .where(quotes.c.speaker.is_not(None), quotes.c.speech)
            .where(story_articles.c.story_id == story_id)
            .group_by(quotes.c.speaker)
            .order_by(counted.desc(), quotes.c.speaker)
            .limit(limit)
        )
        with self._db.read() as conn:
            return [(speaker, count) for speaker, count in conn.execute(query).all()]

    def latest_quotes(
        self, story_id: int, speakers: Sequence[str], limit: int
    ) -> tuple[StoredQuote, ...]:
        """The ``limit`` latest things the story quotes any of ``speakers`` as saying."""
        query = (
            select(quotes)
            .join(story_articles, story_articles.c.article_id == quotes.c.article_id)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(quotes.c.speaker.in_(list(speakers)), quotes.c.speech)
            .where(story_articles.c.story_id == story_id)
            .order_by(articles.c.published.is_(None), articles.c.published.desc())
            .limit(limit)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return tuple(StoredQuote(self._articles.get(r["article_id"]), _quote(r)) for r in rows)

    def roles(self, story_id: int | None = None) -> list[tuple[str, Role]]:
        """Every role analysis found (in one story's articles with ``story_id``), with the
        id of its article, by date, article and place in the text."""
        query = select(roles).order_by(roles.c.as_of, roles.c.article_id, roles.c.start)
        if story_id is not None:
            query = query.join(
                story_articles, story_articles.c.article_id == roles.c.article_id
            ).where(story_articles.c.story_id == story_id)
        with self._db.read() as conn:
            return [(row["article_id"], _role(row)) for row in conn.execute(query).mappings()]


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

    return [
        (mentions, rows(analysis.mentions)),
        (timexes, rows(analysis.timexes)),
        (quotes, rows(analysis.quotes)),
        (roles, rows(analysis.roles)),
        (event_mentions, rows(analysis.event_mentions)),
        (clauses, rows(analysis.clauses)),
    ]


def _quote(row: Any) -> Quote:
    return Quote(**_fields(row, Quote))


def _role(row: Any) -> Role:
    return Role(**{**_fields(row, Role), "as_of": _day(row["as_of"])})


def _fields(row: Any, record: type) -> dict[str, Any]:
    return {f.name: row[f.name] for f in fields(record)}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
