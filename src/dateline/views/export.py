"""Read-only views of what linking saved: the story listing, a story's events, the actors a
story mentions, and the whole store (or one story) as one JSON document.

Everything here reads the store and returns plain JSON-ready values; the CLI prints them
and the JSON Schema (``schemas/dateline.schema.json``: ``story_listing``, ``event``,
``entity_listing``, ``export``) describes them. Offsets (``start``/``end``) are character
offsets into the article's text, its body paragraphs joined by a blank line.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from dateline.errors import ExportFormatError, StoryNotFoundError
from dateline.link.entities import person_actor
from dateline.store import Store, StoredArticle
from dateline.views import render
from dateline.views.brief import Point, brief
from dateline.views.timeline import Citation, Entry, timeline

# Version of the export document; bumped only when a key is renamed or removed (new keys
# may come at any time).
SCHEMA_VERSION = "1"
# The formats ``dateline export`` writes; csv is one file per table, so it needs a folder.
FORMATS = ("json", "jsonl", "md", "csv")
# The export's tables, in the order jsonl and csv write them.
TABLES = ("articles", "entities", "quotes", "events", "stories", "timeline", "brief")

def find_story(store: Store, spec: str) -> int:
    """The story a user means: its id, or a case-insensitive part of its title that only
    one story's title contains.

    Raises:
        StoryNotFoundError: no story, or several, match.
    """
    listed = store.stories()
    spec = spec.strip()
    if spec.isdigit() and int(spec) in {story["id"] for story in listed}:
        return int(spec)
    wanted = spec.casefold()
    matches = sorted(story["id"] for story in listed
                     if wanted and wanted in (story["title"] or "").casefold())
    if len(matches) != 1:
        raise StoryNotFoundError(spec, matches)
    return matches[0]


def story_listing(store: Store) -> list[dict[str, Any]]:
    """Every story, largest first: id, title, start, end, articles, outlets, events."""
    return [{k: story[k] for k in ("id", "title", "start", "end", "articles", "outlets",
                                   "events")} for story in store.stories()]


def story_events(store: Store, story_id: int | None = None) -> list[dict[str, Any]]:
    """A story's events (every event with None), in date order: id, title, start, end,
    precision, dated_by, places, participants (actor ids), articles and evidence
    (article_id, start, end, date as the sentence gives it)."""
    return store.story_events(story_id)


def entities(store: Store, story_id: int | None = None) -> list[dict[str, Any]]:
    """Actors by how many articles mention them, with their roles over time (the lines of
    ``dateline entities --json``); with ``story_id``, only the actors the story's articles
    mention, counted, named and with roles as those articles give them."""
    return store.entities(person_key=functools.partial(person_actor, store), story_id=story_id)


def export_json(store: Store, story_id: int | None = None) -> dict[str, Any]:
    """The store, or one story, as one JSON document: articles, entities, quotes, events
    and stories, each cross-referenced by id.

    Args:
        store: the store to read.
        story_id: only this story's articles and what hangs off them (their actors,
            quotes, events); None for everything.

    Returns:
        A dict with ``schema_version`` and the lists ``articles``, ``entities``, ``quotes``,
        ``events`` and ``stories`` (the schema's ``export``).

    Raises:
        StoryNotFoundError: ``story_id`` is not a story.
    """
    if story_id is not None and story_id not in {s["id"] for s in store.stories()}:
        raise StoryNotFoundError(str(story_id))
    stored = _articles(store, story_id)
    article_ids = [s.id for s in stored]
    wanted = set(article_ids)
    mentioned = store.actor_mentions_in(None if story_id is None else article_ids)
    actors = entities(store, story_id)
    seen_in: dict[int, set[str]] = {}
    for row in mentioned:
        seen_in.setdefault(row["actor_id"], set()).add(row["article_id"])
    duplicate_of = store.canonicals(article_ids)
    events = store.story_events(story_id)
    stories = _stories(store, story_id, events)
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [{"id": s.id, **s.article.to_json(), "duplicate_of": duplicate_of.get(s.id)}
                     for s in stored],
        "entities": [_entity(actor, seen_in.get(actor["id"], set())) for actor in actors],
        "quotes": _quotes(store, story_id, wanted, mentioned),
        "events": [_event(event) for event in events],
        "stories": stories,
        "timeline": [{"story": story["id"], "title": story["title"],
                      "entries": [entry.to_json() for entry in timeline(store, story["id"])]}
                     for story in stories],
        "brief": [{"story": story["id"], "title": story["title"],
                   "points": [point.to_json() for point in brief(store, story["id"])]}
                  for story in stories],
    }


def export_text(data: dict[str, Any], fmt: str = "json") -> str:
    """An export document written out in ``fmt``: ``json`` (one object), ``jsonl`` (a
    header line, then one line per record with its ``type``) or ``md`` (each story's
    timeline and key points, cited by footnotes).

    Raises:
        ExportFormatError: ``fmt`` is not one of ``FORMATS``, or needs a folder (csv).
    """
    check_format(fmt)
    if fmt == "jsonl":
        lines = [{"type": "export", "schema_version": data["schema_version"]}]
        lines += [{"type": table, **record} for table in TABLES for record in data[table]]
        return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if fmt == "md":
        return "\n".join(render.markdown(t["title"], render.sections(
            None, [_entry_of(e) for e in t["entries"]], [_point_of(p) for p in b["points"]]))
            for t, b in zip(data["timeline"], data["brief"]))
    if fmt == "csv":
        raise ExportFormatError(fmt, FORMATS, "it writes one file per table: give --out FOLDER")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_tables(data: dict[str, Any]) -> dict[str, str]:
    """The export as CSV, one text per table (``articles.csv`` ...): nested values (lists,
    citations) as JSON in their cell, timeline and brief one row per line."""
    out = {}
    for table in TABLES:
        rows = data[table]
        if table in ("timeline", "brief"):
            key = "entries" if table == "timeline" else "points"
            rows = [{"story": group["story"], **row} for group in rows for row in group[key]]
        columns = list(dict.fromkeys(column for row in rows for column in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        out[f"{table}.csv"] = buffer.getvalue()
    return out


def check_format(fmt: str) -> None:
    """Raises ExportFormatError unless dateline exports ``fmt``."""
    if fmt not in FORMATS:
        raise ExportFormatError(fmt, FORMATS)


# -- helpers ---------------------------------------------------------------------------------

def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _entry_of(data: dict[str, Any]) -> Entry:
    fields = {k: data[k] for k in ("date", "end", "precision", "dated_by", "text", "event",
                                   "title", "sources", "importance")}
    return Entry(**fields, places=tuple(data["places"]), participants=tuple(data["participants"]),
                 citations=tuple(Citation(**c) for c in data["citations"]))


def _point_of(data: dict[str, Any]) -> Point:
    return Point(data["text"], data["kind"], tuple(Citation(**c) for c in data["citations"]),
                 data["date"], data["end"])


def _articles(store: Store, story_id: int | None) -> list[StoredArticle]:
    """The articles exported, in publication order (undated last)."""
    if story_id is None:
        return list(store.articles())
    stored = [store.get(article_id) for article_id in store.story_article_ids(story_id)]
    return sorted(stored, key=lambda s: (_day(s) is None, _day(s) or "", s.id))


def _day(stored: StoredArticle) -> str | None:
    value = stored.article.published.value
    return value.isoformat() if value else None


def _entity(actor: dict[str, Any], article_ids: set[str]) -> dict[str, Any]:
    return {
        "id": actor["id"], "name": actor["name"], "type": actor["label"],
        "aliases": actor["aliases"], "articles": sorted(article_ids), "mentions": actor["mentions"],
        "roles": [{"title": role["title"], "first_seen": role["first_seen"],
                   "last_seen": role["last_seen"],
                   "evidence": [{"article": e["article_id"], "start": e["start"], "end": e["end"]}
                                for e in role["evidence"]]}
                  for role in actor["roles"]],
    }


def _quotes(store: Store, story_id: int | None, wanted: set[str],
            mentioned: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes of the exported articles, each speaker resolved to the actor its article
    links that name to (null where the speaker is unnamed or not linked)."""
    actor_of: dict[str, dict[str, int]] = {}
    for row in mentioned:
        actor_of.setdefault(row["article_id"], {})[row["name"]] = row["actor_id"]
    out = []
    for stored, quote in store.quotes(story_id=story_id):
        if stored.id not in wanted:
            continue
        out.append({"article": stored.id, "start": quote.start, "end": quote.end,
                    "text": quote.text,
                    "speaker": _speaker(store, quote.speaker, actor_of.get(stored.id, {})),
                    "speaker_name": quote.speaker, "cue": quote.cue, "direct": quote.direct,
                    "medium": quote.medium})
    return out


def _speaker(store: Store, name: str | None, actor_of: dict[str, int]) -> int | None:
    """The actor a quote's speaker is: the article's own link of that name, else the one
    person the name keys to, when the article mentions that actor."""
    if not name:
        return None
    if name in actor_of:
        return actor_of[name]
    actor_id = person_actor(store, name)
    return actor_id if actor_id in actor_of.values() else None


def _event(event: dict[str, Any]) -> dict[str, Any]:
    return {**{k: event[k] for k in ("id", "title", "start", "end", "precision", "dated_by",
                                     "places", "participants", "articles")},
            "evidence": [{"article": e["article_id"], "start": e["start"], "end": e["end"],
                          "date": e["date"]} for e in event["evidence"]]}


def _stories(store: Store, story_id: int | None, events: list[dict[str, Any]]
             ) -> list[dict[str, Any]]:
    out = []
    for story in sorted(store.stories(), key=lambda s: s["id"]):
        if story_id is not None and story["id"] != story_id:
            continue
        article_ids = store.story_article_ids(story["id"])
        members = set(article_ids)
        out.append({"id": story["id"], "title": story["title"], "start": story["start"],
                    "end": story["end"],
                    "events": [e["id"] for e in events if members.intersection(e["articles"])],
                    "articles": article_ids})
    return out
