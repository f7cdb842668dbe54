"""Views as they were last made, per story: reading a big story's timeline again costs
one row, until the story changes (an article joins it, an event it reports grows, an
analysis is redone, an article's metadata is filled) or the code that makes views does.

A derived table: where the store cannot be written (read-only, or busy with another
writer) a view is made and not kept, and dropping the rows loses nothing.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, func, insert, select

from dateline.errors import StoreError
from dateline.store.db import Database
from dateline.store.schema import (
    analyses,
    articles,
    event_members,
    stories,
    story_articles,
    view_cache,
)


class ViewCache:
    """Payloads of views, keyed by story, view and parameters, each valid for one stamp."""

    def __init__(self, db: Database):
        self._db = db

    def stamp(self, story_id: int) -> str:
        """A digest of what a story's views are made from: its row, its articles (how
        many, their last update and analysis) and the reports of its events (from any
        story: an event's dates move with each)."""
        reported = (
            select(event_members.c.event_id)
            .join(story_articles, story_articles.c.article_id == event_members.c.article_id)
            .where(story_articles.c.story_id == story_id)
        )
        members = select(func.count(event_members.c.id), func.max(event_members.c.id)).where(
            event_members.c.event_id.in_(reported)
        )
        linked = (
            select(
                func.count(articles.c.id),
                func.max(articles.c.updated_at),
                func.max(analyses.c.analysed_at),
                func.count(analyses.c.article_id),
            )
            .select_from(story_articles)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .outerjoin(analyses, analyses.c.article_id == story_articles.c.article_id)
            .where(story_articles.c.story_id == story_id)
        )
        row = select(stories).where(stories.c.id == story_id)
        with self._db.read() as conn:
            parts = [
                conn.execute(row).one_or_none(),
                conn.execute(linked).one(),
                conn.execute(members).one(),
            ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def get(self, story_id: int, view: str, params: str, stamp: str) -> str | None:
        """The payload kept for this view of the story, if it was made from ``stamp``."""
        query = select(view_cache.c.payload).where(
            view_cache.c.story_id == story_id,
            view_cache.c.view == view,
            view_cache.c.params == params,
            view_cache.c.stamp == stamp,
        )
        with self._db.read() as conn:
            return conn.execute(query).scalar_one_or_none()

    def put(self, story_id: int, view: str, params: str, stamp: str, payload: str) -> bool:
        """Keep a view's payload in place of the one before, and drop the story's views
        made from an older state of it; False where the store cannot be written now (the
        view is still good, only not kept)."""
        key = (
            (view_cache.c.story_id == story_id)
            & (view_cache.c.view == view)
            & (view_cache.c.params == params)
        )
        row = {"story_id": story_id, "view": view, "params": params}
        stale = (view_cache.c.story_id == story_id) & (view_cache.c.stamp != stamp)
        try:
            with self._db.transaction() as conn:
                conn.execute(delete(view_cache).where(key | stale))  # made from an older story
                conn.execute(insert(view_cache).values(**row, stamp=stamp, payload=payload))
        except StoreError:
            return False
        return True

    def clear(self) -> None:
        """Forget every view kept: each is made again when next read."""
        with self._db.transaction() as conn:
            conn.execute(delete(view_cache))
