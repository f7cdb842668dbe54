"""The story repository: stories, the keys linking finds them by, the document counts of
their terms, which article belongs to which story, and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select, true, update
from sqlalchemy.engine import Connection

from dateline.model import (
    Coverage,
    DecisionRecord,
    EventUpdate,
    Story,
    StoryAction,
    StoryDecision,
    StoryProfile,
    story_kind_key,
)
from dateline.run.stages import Stage
from dateline.store.db import Database
from dateline.store.events import save_events
from dateline.store.queue import finish
from dateline.store.schema import (
    articles,
    copies,
    event_keys,
    event_members,
    sightings,
    stories,
    story_articles,
    story_decisions,
    story_keys,
    term_counts,
)
from dateline.store.sql import insert_id, lookup, upsert
from dateline.store.timestamps import now


class StoryRepository:
    """Stories, their members and the decisions that placed them."""

    def __init__(self, db: Database):
        self._db = db

    # -- what linking reads -----------------------------------------------------------------

    def term_frequencies(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many linked articles use each term, and how many articles are linked."""
        with self._db.read() as conn:
            found = lookup(conn, term_counts.c.term, term_counts.c.articles, ["", *terms])
        return found, found.pop("", 0)

    def candidates(
        self, keys: Sequence[str], since: str | None = None, until: str | None = None
    ) -> dict[int, StoryProfile]:
        """Stories that used any of ``keys`` on or after ``since`` and began on or before
        ``until``."""
        if not keys:
            return {}
        used = select(story_keys.c.story_id).where(story_keys.c.key.in_(keys))
        if since:
            used = used.where(story_keys.c.last >= since)
        begun = or_(stories.c.start.is_(None), stories.c.start <= until) if until else true()
        return self._profiles(and_(stories.c.id.in_(used), begun))

    def profiles(self, story_ids: Sequence[int]) -> dict[int, StoryProfile]:
        return self._profiles(stories.c.id.in_(story_ids))

    def of_events(self, event_ids: Sequence[int]) -> set[int]:
        """The stories of the articles that report these events."""
        if not event_ids:
            return set()
        query = (
            select(story_articles.c.story_id)
            .distinct()
            .join(event_members, event_members.c.article_id == story_articles.c.article_id)
            .where(event_members.c.event_id.in_(event_ids), event_members.c.kind == "main")
        )
        with self._db.read() as conn:
            return set(conn.execute(query).scalars())

    def of_copy(self, article_id: str) -> int | None:
        """The story of the canonical article this one is a near copy of, if any."""
        query = (
            select(story_articles.c.story_id)
            .join(copies, copies.c.canonical_id == story_articles.c.article_id)
            .where(copies.c.article_id == article_id)
        )
        with self._db.read() as conn:
            return _story_id(conn.execute(query).scalar())

    def of_article(self, article_id: str) -> int | None:
        """The story an article belongs to, None before it is linked."""
        query = select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
        with self._db.read() as conn:
            return _story_id(conn.execute(query).scalar())

    def _profiles(self, where: Any) -> dict[int, StoryProfile]:
        query = select(stories.c.id, stories.c.profile, stories.c.title).where(
            where, stories.c.merged_into.is_(None)
        )
        with self._db.read() as conn:
            return {
                row.id: StoryProfile(row.id, row.title, row.profile) for row in conn.execute(query)
            }

    # -- the one write per linked article ----------------------------------------------------

    def save_links(
        self,
        article_id: str,
        found: Sequence[EventUpdate],
        decision: StoryDecision,
        keys: Sequence[str],
        published: date | None,
        terms: Sequence[str],
    ) -> None:
        """Save what linking decided for an article, in one transaction: the events it
        starts or adds to (with its member sentences and their look-up keys), the story it
        starts, joins or merges, the decision, and its terms' document counts; and mark
        the stage done."""
        day = published.isoformat() if published else None
        with self._db.transaction() as conn:
            story_id = _save_story(conn, decision, day)
            save_events(conn, found, article_id, story_id)
            conn.execute(story_articles.insert().values(article_id=article_id, story_id=story_id))
            upsert(
                conn,
                story_keys,
                [{"key": key, "story_id": story_id, "last": day} for key in keys],
                "last",
                keep="latest",
            )
            conn.execute(
                story_decisions.insert().values(
                    article_id=article_id,
                    action=decision.action,
                    story_id=story_id,
                    merged=list(decision.merged),
                    score=decision.score,
                    decided_at=now(),
                )
            )
            upsert(
                conn,
                term_counts,
                [{"term": term, "articles": 1} for term in ["", *terms]],
                "articles",
            )
            finish(conn, Stage.STORIES, article_id)

    def save_events(self, article_id: str, found: Sequence[EventUpdate], story_id: int) -> None:
        """Save the events an article already in a story (``story_id``) reports after its
        analysis was redone, and mark the stage done, in one transaction (its story
        stays)."""
        with self._db.transaction() as conn:
            save_events(conn, found, article_id, story_id)
            finish(conn, Stage.STORIES, article_id)

    def skip(self, article_id: str) -> None:
        """Mark the stage done for an article that is in a story already."""
        with self._db.transaction() as conn:
            finish(conn, Stage.STORIES, article_id)

    # -- what the views read -----------------------------------------------------------------

    def listing(self) -> list[Story]:
        """Every story, largest first: title, date span, articles, outlets, events."""
        return self._stories(None)

    def get(self, story_id: int) -> Story | None:
        """One story as ``listing`` gives it (None when there is none with this id)."""
        found = self._stories(story_id)
        return found[0] if found else None

    def _stories(self, story_id: int | None) -> list[Story]:
        def only(query: Any) -> Any:
            if story_id is None:
                return query
            return query.where(story_articles.c.story_id == story_id)

        size = func.count(story_articles.c.article_id)
        with self._db.read() as conn:
            rows = (
                conn.execute(
                    only(
                        select(
                            stories.c.id,
                            stories.c.title,
                            stories.c.start,
                            stories.c.end,
                            size.label("articles"),
                        ).join(story_articles, story_articles.c.story_id == stories.c.id)
                    )
                    .group_by(stories.c.id)
                    .order_by(size.desc(), stories.c.id)
                )
                .mappings()
                .all()
            )
            outlet = func.coalesce(sightings.c.publisher, articles.c.publisher)
            outlets = _per_story(
                conn,
                only(
                    select(story_articles.c.story_id, func.count(func.distinct(outlet)))
                    .join(sightings, sightings.c.article_id == story_articles.c.article_id)
                    .join(articles, articles.c.id == story_articles.c.article_id)
                ),
            )
            reported = _per_story(
                conn,
                only(
                    select(
                        story_articles.c.story_id,
                        func.count(func.distinct(event_members.c.event_id)),
                    )
                    .join(event_members, event_members.c.article_id == story_articles.c.article_id)
                    .where(event_members.c.kind == "main")
                ),
            )
        return [
            Story(
                row["id"],
                row["title"],
                row["start"],
                row["end"],
                row["articles"],
                outlets.get(row["id"], 0),
                reported.get(row["id"], 0),
            )
            for row in rows
        ]

    def start_of(self, story_id: int) -> str | None:
        """The day the story's first article was published (None when none is dated)."""
        with self._db.read() as conn:
            found = conn.execute(select(stories.c.start).where(stories.c.id == story_id))
            return found.scalar_one_or_none()

    def article_ids(self, story_id: int) -> list[str]:
        """A story's articles in publication order."""
        query = (
            select(articles.c.id)
            .join(story_articles, story_articles.c.article_id == articles.c.id)
            .where(story_articles.c.story_id == story_id)
            .order_by(articles.c.published, articles.c.id)
        )
        with self._db.read() as conn:
            return list(conn.execute(query).scalars())

    def story_of(self, article_id: str) -> int | None:
        """The story the article is in (None before it is linked)."""
        query = select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
        with self._db.read() as conn:
            return conn.execute(query).scalar_one_or_none()

    def coverage(self, story_id: int) -> list[Coverage]:
        """How many of the story's articles each outlet published each day (outlet and day
        None where unknown), by day, then outlet."""
        outlet, day = articles.c.publisher, articles.c.published
        query = (
            select(outlet, day, func.count(articles.c.id))
            .join(story_articles, story_articles.c.article_id == articles.c.id)
            .where(story_articles.c.story_id == story_id)
            .group_by(outlet, day)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        found = [Coverage(row[0] or "", row[1], row[2]) for row in rows]
        return sorted(found, key=lambda c: (c.day or "9999", c.outlet))

    def decisions(self, story_id: int | None = None) -> list[DecisionRecord]:
        """The recorded decisions, in the order they were taken."""
        query = select(story_decisions).order_by(story_decisions.c.id)
        if story_id is not None:
            query = query.where(story_decisions.c.story_id == story_id)
        with self._db.read() as conn:
            return [
                DecisionRecord(
                    r["article_id"],
                    StoryAction(r["action"]),
                    r["story_id"],
                    tuple(r["merged"]),
                    r["score"],
                    r["decided_at"],
                )
                for r in conn.execute(query).mappings()
            ]


def _save_story(conn: Connection, decision: StoryDecision, day: str | None) -> int:
    values = {"title": decision.title, "profile": decision.profile}
    if decision.story_id is None:
        return insert_id(conn, stories.insert().values(start=day, end=day, **values))
    story_id = decision.story_id
    spans = conn.execute(
        select(stories.c.start, stories.c.end).where(stories.c.id.in_([story_id, *decision.merged]))
    ).all()
    days = [d for span in spans for d in span if d] + ([day] if day else [])
    conn.execute(
        stories.update()
        .where(stories.c.id == story_id)
        .values(start=min(days, default=None), end=max(days, default=None), **values)
    )
    for gone in decision.merged:
        conn.execute(
            update(story_articles)
            .where(story_articles.c.story_id == gone)
            .values(story_id=story_id)
        )
        moved = conn.execute(
            select(story_keys.c.key, story_keys.c.last).where(story_keys.c.story_id == gone)
        ).all()
        conn.execute(story_keys.delete().where(story_keys.c.story_id == gone))
        upsert(
            conn,
            story_keys,
            [{"key": key, "story_id": story_id, "last": last} for key, last in moved],
            "last",
            keep="latest",
        )
        conn.execute(stories.update().where(stories.c.id == gone).values(merged_into=story_id))
        _move_event_keys(conn, gone, story_id)
    return story_id


def _move_event_keys(conn: Connection, gone: int, story_id: int) -> None:
    """File the events a merged story's keys found under the story it merged into. (A
    prefix match, which reads the key index through: merges are few.)"""
    prefix = story_kind_key(gone, "")
    within = event_keys.c.key.startswith(prefix, autoescape=True)
    moved = conn.execute(select(event_keys.c.key, event_keys.c.event_id).where(within)).all()
    conn.execute(event_keys.delete().where(within))
    upsert(
        conn,
        event_keys,
        [
            {"key": story_kind_key(story_id, key[len(prefix) :]), "event_id": event_id}
            for key, event_id in moved
        ],
    )


def _per_story(conn: Connection, query: Any) -> dict[int, int]:
    return dict(conn.execute(query.group_by(story_articles.c.story_id)).all())


def _story_id(found: Any) -> int | None:
    return None if found is None else int(found)
