"""The Store's analysis tables: each article's analysis, saved and read whole; quotes."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dateline.model import Analysis, EventMention, Mention, Quote, Role, TimeExpression
from dateline.store.schema import (actor_mentions, analyses, articles, entity_links,
                                   event_mentions, mentions, quotes, roles, story_articles,
                                   timexes)
from dateline.store.sql import done, enqueue, waiting
from dateline.store.timestamps import now

if TYPE_CHECKING:
    from dateline.store.store import StoredArticle


class AnalysisTables:
    """Store methods for per-article analysis (mixed into ``Store``)."""

    _transaction: Callable[..., Any]
    get: Callable[[str], StoredArticle]

    def save_analysis(self, article_id: str, analysis: Analysis, version: int) -> None:
        """Replace an article's analysis, and mark it done (its entities now wait to be
        linked), in one transaction."""
        with self._transaction() as conn:
            for table in (*_ANALYSIS_TABLES, actor_mentions, entity_links):
                conn.execute(table.delete().where(table.c.article_id == article_id))
            conn.execute(analyses.delete().where(analyses.c.article_id == article_id))
            conn.execute(analyses.insert().values(
                article_id=article_id, version=version, analysed_at=now(),
                sentences=[list(span) for span in analysis.sentences]))
            for table, rows in _analysis_rows(analysis):
                if rows:
                    conn.execute(table.insert(), [{"article_id": article_id, **r} for r in rows])
            done(conn, "analyze", article_id)
            enqueue(conn, "entities", article_id)

    def unanalysed(self, redo: bool = False) -> Iterator[StoredArticle]:
        """Articles with no analysis yet (all of them with ``redo``), by id, read one by one."""
        query = (select(articles.c.id).order_by(articles.c.id) if redo
                 else waiting("analyze", articles.c.id))
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

    def quotes(self, speaker: str | None = None, story_id: int | None = None
               ) -> list[tuple[StoredArticle, Quote]]:
        """Quotes with their articles, by publication date; ``speaker`` matches a name part,
        ``story_id`` keeps that story's articles (read through the story's index)."""
        query = (select(quotes, articles.c.published).join(articles, quotes.c.article_id == articles.c.id)
                 .order_by(articles.c.published.is_(None), articles.c.published,
                           quotes.c.article_id, quotes.c.start))
        if speaker:
            query = query.where(quotes.c.speaker.contains(speaker, autoescape=True))
        if story_id is not None:
            query = query.join(story_articles, story_articles.c.article_id == articles.c.id
                               ).where(story_articles.c.story_id == story_id)
        with self._transaction(write=False) as conn:
            rows = conn.execute(query).mappings().all()
        cache: dict[str, StoredArticle] = {}
        out = []
        for row in rows:
            if row["article_id"] not in cache:
                cache[row["article_id"]] = self.get(row["article_id"])
            out.append((cache[row["article_id"]], Quote(**_fields(row, Quote))))
        return out


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
