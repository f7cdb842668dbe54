"""The Store's event and story tables: the candidate look-ups linking uses, one transaction
per linked article, and the listings the views read."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from dateline.store.schema import (actor_mentions, actors, articles, copies, event_keys,
                                   event_members, events, sightings, stories, story_articles,
                                   story_decisions, story_keys, term_counts)
from dateline.store.sql import chunks, done, lookup, upsert, waiting
from dateline.store.timestamps import now

if TYPE_CHECKING:
    from dateline.link.stories import StoryDecision


class StoryTables:
    """Store methods for events and stories (mixed into ``Store``)."""

    _transaction: Callable[..., Any]

    # -- what linking reads -----------------------------------------------------------------

    def unstoried(self) -> list[str]:
        """Entity-linked articles in no story yet, in publication order (undated last), then
        by id: the order one batch is linked in does not depend on the order of its inputs."""
        query = waiting("stories", articles.c.published.is_(None), articles.c.published,
                        articles.c.id)
        with self._transaction(write=False) as conn:
            return list(conn.execute(query).scalars())

    def article_actors(self, article_id: str) -> tuple[dict[str, int], dict[int, int]]:
        """The actor of each name an article's mentions give, and how often it names each."""
        query = select(actor_mentions).where(actor_mentions.c.article_id == article_id)
        actor_of: dict[str, int] = {}
        counts: dict[int, int] = {}
        with self._transaction(write=False) as conn:
            for row in conn.execute(query).mappings():
                actor_of[row["name"]] = row["actor_id"]
                counts[row["actor_id"]] = counts.get(row["actor_id"], 0) + row["mentions"]
        return actor_of, counts

    def term_frequencies(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many linked articles use each term, and how many articles are linked."""
        with self._transaction(write=False) as conn:
            found = lookup(conn, term_counts.c.term, term_counts.c.articles, ["", *terms])
        return found, found.pop("", 0)

    def event_candidates(self, keys: Sequence[str]) -> dict[int, dict[str, Any]]:
        """Events filed under any of ``keys``: id -> profile."""
        if not keys:
            return {}
        query = (select(events.c.id, events.c.profile)
                 .where(events.c.id.in_(select(event_keys.c.event_id)
                                        .where(event_keys.c.key.in_(keys)))))
        with self._transaction(write=False) as conn:
            return dict(conn.execute(query).all())

    def story_candidates(self, keys: Sequence[str], since: str | None
                         ) -> dict[int, dict[str, Any]]:
        """Stories that used any of ``keys`` on or after ``since``: id -> profile and title."""
        if not keys:
            return {}
        used = select(story_keys.c.story_id).where(story_keys.c.key.in_(keys))
        if since:
            used = used.where(story_keys.c.last >= since)
        return self._profiles(stories.c.id.in_(used))

    def story_profiles(self, story_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return self._profiles(stories.c.id.in_(story_ids))

    def stories_of_events(self, event_ids: Sequence[int]) -> set[int]:
        """The stories of the articles that report these events."""
        if not event_ids:
            return set()
        query = (select(story_articles.c.story_id).distinct()
                 .join(event_members, event_members.c.article_id == story_articles.c.article_id)
                 .where(event_members.c.event_id.in_(event_ids)))
        with self._transaction(write=False) as conn:
            return set(conn.execute(query).scalars())

    def story_of_copy(self, article_id: str) -> int | None:
        """The story of the canonical article this one is a near copy of, if any."""
        query = (select(story_articles.c.story_id)
                 .join(copies, copies.c.canonical_id == story_articles.c.article_id)
                 .where(copies.c.article_id == article_id))
        with self._transaction(write=False) as conn:
            return conn.execute(query).scalar()

    def _profiles(self, where: Any) -> dict[int, dict[str, Any]]:
        query = select(stories.c.id, stories.c.profile, stories.c.title).where(
            where, stories.c.merged_into.is_(None))
        with self._transaction(write=False) as conn:
            return {row.id: {"profile": row.profile, "title": row.title}
                    for row in conn.execute(query)}

    # -- the one write per linked article ----------------------------------------------------

    def save_links(self, article_id: str, found: Sequence[dict[str, Any]],
                   decision: StoryDecision, keys: Sequence[str], published: date | None,
                   terms: Sequence[str]) -> None:
        """Save what linking decided for an article, in one transaction: the events it
        starts or adds to (with its member sentences and their look-up keys), the story it
        starts, joins or merges, the decision, and its terms' document counts."""
        day = published.isoformat() if published else None
        with self._transaction() as conn:
            for event in found:
                event_id = _save_event(conn, event)
                if event["members"]:
                    conn.execute(event_members.insert(), [
                        {"article_id": article_id, "event_id": event_id, **member}
                        for member in event["members"]])
            story_id = _save_story(conn, decision, day)
            conn.execute(story_articles.insert().values(article_id=article_id, story_id=story_id))
            upsert(conn, story_keys, [{"key": key, "story_id": story_id, "last": day}
                                      for key in keys], "last", keep="latest")
            conn.execute(story_decisions.insert().values(
                article_id=article_id, action=decision.action, story_id=story_id,
                merged=decision.merged, score=decision.score, decided_at=now()))
            upsert(conn, term_counts, [{"term": term, "articles": 1} for term in ["", *terms]],
                   "articles")
            done(conn, "stories", article_id)

    # -- what the views read -----------------------------------------------------------------

    def stories(self) -> list[dict[str, Any]]:
        """Every story, largest first: id, title, date span, articles, outlets, events."""
        size = func.count(story_articles.c.article_id)
        with self._transaction(write=False) as conn:
            rows = conn.execute(
                select(stories.c.id, stories.c.title, stories.c.start, stories.c.end,
                       size.label("articles"))
                .join(story_articles, story_articles.c.story_id == stories.c.id)
                .group_by(stories.c.id).order_by(size.desc(), stories.c.id)).mappings().all()
            outlet = func.coalesce(sightings.c.publisher, articles.c.publisher)
            outlets = _per_story(conn, select(
                story_articles.c.story_id, func.count(func.distinct(outlet)))
                .join(sightings, sightings.c.article_id == story_articles.c.article_id)
                .join(articles, articles.c.id == story_articles.c.article_id))
            reported = _per_story(conn, select(
                story_articles.c.story_id, func.count(func.distinct(event_members.c.event_id)))
                .join(event_members, event_members.c.article_id == story_articles.c.article_id))
        return [{**row, "outlets": outlets.get(row["id"], 0), "events": reported.get(row["id"], 0)}
                for row in rows]

    def story_article_ids(self, story_id: int) -> list[str]:
        """A story's articles in publication order."""
        query = (select(articles.c.id)
                 .join(story_articles, story_articles.c.article_id == articles.c.id)
                 .where(story_articles.c.story_id == story_id)
                 .order_by(articles.c.published, articles.c.id))
        with self._transaction(write=False) as conn:
            return list(conn.execute(query).scalars())

    def story_events(self, story_id: int | None = None) -> list[dict[str, Any]]:
        """Events (of one story, or all), in date order, with the sentences that report them:
        id, title, start, end, precision, dated_by, places, participants (actor ids),
        articles and evidence (article id, start, end, date as that sentence gives it and
        where that date came from: ``timex`` or ``published``)."""
        members = select(event_members)
        if story_id is not None:
            members = members.join(story_articles,
                                   story_articles.c.article_id == event_members.c.article_id
                                   ).where(story_articles.c.story_id == story_id)
        with self._transaction(write=False) as conn:
            found: dict[int, list[dict[str, Any]]] = {}
            for row in conn.execute(members.order_by(event_members.c.article_id,
                                                     event_members.c.start)).mappings():
                found.setdefault(row["event_id"], []).append(
                    {"article_id": row["article_id"], "start": row["start"], "end": row["end"],
                     "date": row["date"], "date_from": row["date_from"]})
            rows = []
            for chunk in chunks(sorted(found)):
                rows += conn.execute(select(events).where(events.c.id.in_(chunk))).mappings().all()
        out = []
        for row in sorted(rows, key=lambda r: (r["start"] or "9999", r["id"])):
            profile = row["profile"]
            evidence = found[row["id"]]
            out.append({
                "id": row["id"], "title": row["title"], "start": row["start"], "end": row["end"],
                "precision": row["precision"], "dated_by": row["dated_by"],
                "places": sorted(profile["places"], key=lambda p: (-profile["places"][p], p)),
                "participants": sorted(int(actor) for actor in profile["participants"]),
                "articles": sorted({e["article_id"] for e in evidence}),
                "evidence": evidence,
            })
        return out

    def event_evidence(self, event_id: int) -> list[dict[str, Any]]:
        """Every sentence, in any story, that reports an event: article id, start, end, the
        date it gives and where that date came from."""
        query = (select(event_members.c.article_id, event_members.c.start, event_members.c.end,
                        event_members.c.date, event_members.c.date_from)
                 .where(event_members.c.event_id == event_id)
                 .order_by(event_members.c.article_id, event_members.c.start))
        with self._transaction(write=False) as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def story_decisions(self, story_id: int | None = None) -> list[dict[str, Any]]:
        """The recorded decisions, in the order they were taken."""
        query = select(story_decisions).order_by(story_decisions.c.id)
        if story_id is not None:
            query = query.where(story_decisions.c.story_id == story_id)
        with self._transaction(write=False) as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def canonicals(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The canonical article of each of these that is a near copy: id -> canonical id."""
        with self._transaction(write=False) as conn:
            return lookup(conn, copies.c.article_id, copies.c.canonical_id, article_ids)

    def story_of(self, article_id: str) -> int | None:
        """The story an article belongs to, None before it is linked."""
        with self._transaction(write=False) as conn:
            return conn.execute(select(story_articles.c.story_id)
                                .where(story_articles.c.article_id == article_id)).scalar()

    def actor_mentions_in(self, article_ids: Sequence[str] | None = None
                          ) -> list[dict[str, Any]]:
        """Which actors articles mention (all articles with None), under which names, how
        often: article_id, actor_id, name, mentions, by article then actor."""
        query = select(actor_mentions).order_by(actor_mentions.c.article_id,
                                                actor_mentions.c.actor_id, actor_mentions.c.name)
        with self._transaction(write=False) as conn:
            if article_ids is None:
                return [dict(row) for row in conn.execute(query).mappings()]
            return [dict(row) for chunk in chunks(sorted(set(article_ids)))
                    for row in conn.execute(query.where(
                        actor_mentions.c.article_id.in_(chunk))).mappings()]

    def actor_names(self, actor_ids: Sequence[int]) -> dict[int, str]:
        """The name of each actor: id -> name (ids not found are left out)."""
        with self._transaction(write=False) as conn:
            return lookup(conn, actors.c.id, actors.c.name, actor_ids)


def _save_event(conn: Connection, event: dict[str, Any]) -> int:
    values = {k: event[k] for k in ("title", "start", "end", "precision", "dated_by", "profile")}
    event_id = event["id"]
    if event_id is None:
        event_id = conn.execute(events.insert().values(**values)).inserted_primary_key[0]
    else:
        conn.execute(events.update().where(events.c.id == event_id).values(**values))
    upsert(conn, event_keys, [{"key": key, "event_id": event_id} for key in event["keys"]])
    return event_id


def _save_story(conn: Connection, decision: StoryDecision, day: str | None) -> int:
    values = {"title": decision.title, "title_score": decision.title_score,
              "profile": decision.profile}
    if decision.story_id is None:
        return conn.execute(stories.insert().values(start=day, end=day, **values)
                            ).inserted_primary_key[0]
    story_id = decision.story_id
    spans = conn.execute(select(stories.c.start, stories.c.end).where(
        stories.c.id.in_([story_id, *decision.merged]))).all()
    days = [d for span in spans for d in span if d] + ([day] if day else [])
    conn.execute(stories.update().where(stories.c.id == story_id).values(
        start=min(days, default=None), end=max(days, default=None), **values))
    for gone in decision.merged:
        conn.execute(update(story_articles).where(story_articles.c.story_id == gone)
                     .values(story_id=story_id))
        moved = conn.execute(select(story_keys.c.key, story_keys.c.last)
                             .where(story_keys.c.story_id == gone)).all()
        conn.execute(story_keys.delete().where(story_keys.c.story_id == gone))
        upsert(conn, story_keys, [{"key": key, "story_id": story_id, "last": last}
                                  for key, last in moved], "last", keep="latest")
        conn.execute(stories.update().where(stories.c.id == gone).values(merged_into=story_id))
    return story_id


def _per_story(conn: Connection, query: Any) -> dict[int, int]:
    return dict(conn.execute(query.group_by(story_articles.c.story_id)).all())

