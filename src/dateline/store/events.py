"""The event repository: events, the keys linking finds them by, and the sentences that
report them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Text, bindparam, cast, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Subquery

from dateline.model import (
    Event,
    EventMention,
    EventProfile,
    EventReport,
    EventUpdate,
    Precision,
    story_kind_key,
)
from dateline.store.db import Database
from dateline.store.schema import event_keys, event_members, events, story_articles
from dateline.store.sql import chunks, insert_ids, insert_rows, upsert

# Profiles decoded and kept for candidate look-ups: linking one article asks for the same
# busy events again and again, and decoding their JSON was most of its cost.
PARSED_PROFILES = 20_000


class EventRepository:
    """Events and their reports."""

    def __init__(self, db: Database):
        self._db = db
        # event id -> (its profile's JSON text, that profile), least recently used first;
        # checked against the stored text on every look-up, so a profile another writer
        # changed is read anew
        self._parsed: dict[int, tuple[str, EventProfile]] = {}

    def filed(
        self, keys: Sequence[str], latest: int | None = None
    ) -> dict[str, dict[int, EventProfile]]:
        """The events filed under each of ``keys`` (keys with none left out): key -> id ->
        profile; with ``latest``, only the ``latest`` newest under each key (their profiles
        alone read and decoded, whatever the number filed). The profiles are shared with
        later look-ups: copy one (``EventProfile.copy``) before changing it."""
        found: dict[str, dict[int, EventProfile]] = {}
        with self._db.read() as conn:
            for chunk in chunks(sorted(set(keys))):
                picked = _filed(chunk, latest)
                query = select(picked.c.key, events.c.id, cast(events.c.profile, Text)).join(
                    events, events.c.id == picked.c.event_id
                )
                for key, event_id, raw in conn.execute(query):
                    found.setdefault(key, {})[event_id] = self._decoded(event_id, raw)
        return found

    def _decoded(self, event_id: int, raw: str) -> EventProfile:
        """A profile from its JSON text: the one decoded before while the text is the same.
        When the cache is full, the least recently used profile leaves it."""
        kept = self._parsed.pop(event_id, None)
        if kept is None or kept[0] != raw:
            if len(self._parsed) >= PARSED_PROFILES:
                del self._parsed[next(iter(self._parsed))]
            kept = (raw, EventProfile.from_json(json.loads(raw)))
        self._parsed[event_id] = kept  # now the newest used
        return kept[1]

    def of_article(self, article_id: str) -> dict[int, list[EventMention]]:
        """One article's mentions of events: event id -> its mentions (offsets, trigger,
        date and kind; who and where are not stored)."""
        query = (
            select(event_members)
            .where(event_members.c.article_id == article_id)
            .order_by(event_members.c.event_id, event_members.c.start)
        )
        found: dict[int, list[EventMention]] = {}
        with self._db.read() as conn:
            for row in conn.execute(query).mappings():
                found.setdefault(row["event_id"], []).append(
                    EventMention(
                        row["start"],
                        row["end"],
                        row["trigger"],
                        row["date"],
                        row["date_from"],
                        (),
                        (),
                        row["trigger_start"],
                        row["lemma"],
                        row["kind"],
                    )
                )
        return found

    def profiles(self, event_ids: Sequence[int]) -> dict[int, EventProfile]:
        """Events by id: id -> profile."""
        found: dict[int, EventProfile] = {}
        with self._db.read() as conn:
            for chunk in chunks(sorted(event_ids)):
                query = select(events.c.id, events.c.profile).where(events.c.id.in_(chunk))
                found.update(
                    (event_id, EventProfile.from_json(profile))
                    for event_id, profile in conn.execute(query)
                )
        return found

    def withdraw(
        self, article_id: str, changed: Sequence[EventUpdate], emptied: Sequence[int]
    ) -> None:
        """Take an article's reports out of its events, in one transaction: the events it
        leaves take ``changed`` (their new profile, title, dates and keys); those it was
        the only report of (``emptied``) go."""
        with self._db.transaction() as conn:
            conn.execute(event_members.delete().where(event_members.c.article_id == article_id))
            gone = [*emptied, *(u.id for u in changed if u.id is not None)]
            for chunk in chunks(sorted(gone)):
                conn.execute(event_keys.delete().where(event_keys.c.event_id.in_(chunk)))
            for chunk in chunks(sorted(emptied)):
                conn.execute(events.delete().where(events.c.id.in_(chunk)))
            save_events(conn, changed, article_id)

    def reports(self, event_id: int) -> list[EventReport]:
        """Every sentence, in any story, that reports an event as its main happening."""
        return [r for r in self.reports_of([event_id])[event_id] if r.kind == "main"]

    def reports_of(self, event_ids: Sequence[int]) -> dict[int, list[EventReport]]:
        """Every mention, of any kind and in any story, of each of these events: id ->
        its mentions, as reports."""
        found: dict[int, list[EventReport]] = {event_id: [] for event_id in event_ids}
        with self._db.read() as conn:
            for chunk in chunks(sorted(found)):
                query = (
                    select(event_members)
                    .where(event_members.c.event_id.in_(chunk))
                    .order_by(event_members.c.article_id, event_members.c.start)
                )
                for row in conn.execute(query).mappings():
                    found[row["event_id"]].append(_report(row))
        return found

    def of_story(self, story_id: int | None = None) -> list[Event]:
        """Events (of one story, or all), in date order (undated last), each with the
        sentences of the story's articles that report it as their main happening; an
        event no sentence reports so (only named besides, or a statement) is left out."""
        members = select(event_members).where(_MAIN)
        if story_id is not None:
            members = members.join(
                story_articles, story_articles.c.article_id == event_members.c.article_id
            ).where(story_articles.c.story_id == story_id)
        found: dict[int, list[EventReport]] = {}
        with self._db.read() as conn:
            for row in conn.execute(
                members.order_by(event_members.c.article_id, event_members.c.start)
            ).mappings():
                found.setdefault(row["event_id"], []).append(_report(row))
            rows: list[Any] = []
            for chunk in chunks(sorted(found)):
                rows += conn.execute(select(events).where(events.c.id.in_(chunk))).mappings().all()
        return [
            _event(row, found[row["id"]])
            for row in sorted(rows, key=lambda r: (r["start"] or "9999", r["id"]))
        ]


def _filed(keys: Sequence[str], latest: int | None) -> Subquery:
    """(key, event id) of the events filed under ``keys``; with ``latest``, the newest
    that many under each."""
    filed = select(event_keys.c.key, event_keys.c.event_id).where(event_keys.c.key.in_(keys))
    if latest is None:
        return filed.subquery()
    newest = event_keys.c.event_id.desc()
    ranked = filed.add_columns(
        func.row_number().over(partition_by=event_keys.c.key, order_by=newest).label("n")
    ).subquery()
    return select(ranked.c.key, ranked.c.event_id).where(ranked.c.n <= latest).subquery()


def save_events(
    conn: Connection,
    updates: Sequence[EventUpdate],
    article_id: str,
    story_id: int | None = None,
) -> None:
    """Write the events one article leaves: their rows, their keys (with their trigger
    classes in the article's story, ``story_id``), the article's reports; a few
    statements for all of them, whatever their number."""
    new = [_event_row(update) for update in updates if update.id is None]
    old = [
        {"event_id": update.id, **{f"new_{k}": v for k, v in _event_row(update).items()}}
        for update in updates
        if update.id is not None
    ]
    inserted = iter(insert_ids(conn, events, new))
    event_ids = [next(inserted) if update.id is None else update.id for update in updates]
    if old:
        conn.execute(_UPDATE_EVENT, old)
    upsert(
        conn,
        event_keys,
        [
            {"key": key, "event_id": event_id}
            for update, event_id in zip(updates, event_ids, strict=True)
            for key in [
                *update.keys,
                *(story_kind_key(story_id, kind) for kind in update.kinds if story_id is not None),
            ]
        ],
    )
    members = [
        {
            "article_id": article_id,
            "event_id": event_id,
            "start": m.start,
            "end": m.end,
            "trigger": m.trigger,
            "date": m.date,
            "date_from": m.date_from,
            "trigger_start": m.trigger_start,
            "lemma": m.lemma,
            "kind": m.kind,
        }
        for update, event_id in zip(updates, event_ids, strict=True)
        for m in update.members
    ]
    insert_rows(conn, event_members, members)


_UPDATE_EVENT = (
    events.update()
    .where(events.c.id == bindparam("event_id"))
    .values(
        {
            name: bindparam(f"new_{name}")
            for name in ("title", "profile", "start", "end", "precision", "dated_by")
        }
    )
)


def _event_row(update: EventUpdate) -> dict[str, Any]:
    span = update.span
    return {
        "title": update.title,
        "profile": update.profile.to_json(),
        "start": span.start if span else None,
        "end": span.end if span else None,
        "precision": span.precision if span else None,
        "dated_by": span.dated_by if span else None,
    }


# The members views read: sentences that report the event as their main happening.
_MAIN = event_members.c.kind == "main"


def _report(row: Any) -> EventReport:
    return EventReport(
        row["article_id"], row["start"], row["end"], row["date"], row["date_from"], row["kind"]
    )


def _event(row: Any, reports: list[EventReport]) -> Event:
    profile = row["profile"]
    places = profile["places"]
    return Event(
        id=row["id"],
        title=row["title"],
        start=row["start"],
        end=row["end"],
        precision=Precision(row["precision"]) if row["precision"] else None,
        dated_by=row["dated_by"],
        places=tuple(sorted(places, key=lambda p: (-places[p], p))),
        participants=tuple(sorted(int(actor) for actor in profile["participants"])),
        articles=tuple(sorted({r.article_id for r in reports})),
        evidence=tuple(reports),
    )
