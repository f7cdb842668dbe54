"""The whole store, or one story, as one export document, and that document written out as
JSON, JSON lines, Markdown or CSV tables.

The JSON Schema (``schemas/dateline.schema.json``, ``export``) describes the document.
Offsets (``start``/``end``) are character offsets into the article's text, its body
paragraphs joined by a blank line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.errors import ExportFormatError, StoryNotFoundError
from dateline.model import JSON, ActorMention, BriefPoint, StoredArticle, TimelineEntry
from dateline.store import Store
from dateline.views import render
from dateline.views.actors import PersonIndex, story_actors
from dateline.views.brief import brief
from dateline.views.faithful import Verifier
from dateline.views.timeline import Articles, timeline

# Version of the export document; bumped only when a key is renamed or removed (new keys
# may come at any time).
SCHEMA_VERSION = "1"
# The formats ``dateline export`` writes; csv is one file per table, so it needs a folder.
FORMATS = ("json", "jsonl", "md", "csv")
# The export's tables, in the order jsonl and csv write them.
TABLES = ("articles", "entities", "quotes", "events", "stories", "timeline", "brief")
# C0/C1 control characters but tab and newlines: a terminal showing the file acts on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class StoryView:
    """One exported story: its record, its timeline and its key points."""

    story: JSON
    entries: list[TimelineEntry]
    points: list[BriefPoint]


@dataclass(frozen=True)
class Export:
    """An export document: its tables of records, and each story's timeline and key points
    as the views made them (so Markdown and JSON write the same lines)."""

    articles: list[JSON]
    entities: list[JSON]
    quotes: list[JSON]
    events: list[JSON]
    stories: list[StoryView]

    def to_json(self) -> JSON:
        """The export document (the schema's ``export``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "articles": self.articles,
            "entities": self.entities,
            "quotes": self.quotes,
            "events": self.events,
            "stories": [view.story for view in self.stories],
            "timeline": [
                {
                    "story": v.story["id"],
                    "title": v.story["title"],
                    "entries": [entry.to_json() for entry in v.entries],
                }
                for v in self.stories
            ],
            "brief": [
                {
                    "story": v.story["id"],
                    "title": v.story["title"],
                    "points": [point.to_json() for point in v.points],
                }
                for v in self.stories
            ],
        }

    def text(self, fmt: str = "json") -> str:
        """The document written out in ``fmt``: ``json`` (one object), ``jsonl`` (a header
        line, then one line per record with its ``type``) or ``md`` (each story's timeline
        and key points, cited by footnotes).

        Raises:
            ExportFormatError: ``fmt`` is not one of ``FORMATS``, or needs a folder (csv).
        """
        check_format(fmt)
        if fmt == "md":
            return "\n".join(
                render.markdown(v.story["title"], render.sections(v.entries, v.points))
                for v in self.stories
            )
        if fmt == "csv":
            raise ExportFormatError(fmt, FORMATS, "it writes one file per table: give --out FOLDER")
        data = self.to_json()
        if fmt == "jsonl":
            lines = [{"type": "export", "schema_version": data["schema_version"]}]
            lines += [{"type": table, **record} for table in TABLES for record in data[table]]
            return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def tables(self) -> dict[str, str]:
        """The document as CSV, one text per table (``articles.csv`` ...): nested values
        (lists, citations) as JSON in their cell, timeline and brief one row per line.
        Text is made safe to open: no control characters, no formulas (``_cell``)."""
        data = self.to_json()
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


def export(store: Store, actor_of: PersonIndex, story_id: int | None = None) -> Export:
    """The store, or one story: articles, entities, quotes, events and stories, each
    cross-referenced by id, and each story's timeline and key points.

    Args:
        store: the store to read.
        actor_of: the actor a person's name belongs to (roles, quote speakers).
        story_id: only this story's articles and what hangs off them (their actors,
            quotes, events); None for everything.

    Raises:
        StoryNotFoundError: ``story_id`` is not a story.
    """
    if story_id is not None and story_id not in {s.id for s in store.stories.listing()}:
        raise StoryNotFoundError(str(story_id))
    stored = _articles(store, story_id)
    article_ids = [s.id for s in stored]
    mentioned = store.actors.mentions_in(None if story_id is None else article_ids)
    seen_in: dict[int, set[str]] = {}
    for m in mentioned:
        seen_in.setdefault(m.actor_id, set()).add(m.article_id)
    duplicate_of = store.copies.canonicals(article_ids)
    events = store.events.of_story(story_id)
    articles = Articles(store)
    verify = Verifier(articles)  # the timelines and key points hold what their citations support
    return Export(
        articles=[
            {"id": s.id, **s.article.to_json(), "duplicate_of": duplicate_of.get(s.id)}
            for s in stored
        ],
        entities=[
            actor.export_json(sorted(seen_in.get(actor.id, set())))
            for actor in story_actors(store, story_id, actor_of)
        ],
        quotes=_quotes(store, story_id, set(article_ids), mentioned, actor_of),
        events=[event.export_json() for event in events],
        stories=[
            StoryView(
                story,
                timeline(store, story["id"], articles=articles, keep=verify),
                brief(store, story["id"], articles=articles, keep=verify),
            )
            for story in _stories(store, story_id, [(e.id, set(e.articles)) for e in events])
        ],
    )


def check_format(fmt: str) -> None:
    """Raises ExportFormatError unless dateline exports ``fmt``."""
    if fmt not in FORMATS:
        raise ExportFormatError(fmt, FORMATS)


# -- helpers ---------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A CSV cell: nested values as JSON; text without control characters, and quoted
    with ``'`` where a spreadsheet would run it as a formula (``=HYPERLINK(...)``)."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _articles(store: Store, story_id: int | None) -> list[StoredArticle]:
    """The articles exported, in publication order (undated last)."""
    if story_id is None:
        return list(store.articles.all())
    stored = [store.articles.get(article_id) for article_id in store.stories.article_ids(story_id)]
    return sorted(stored, key=lambda s: (s.published is None, s.published or "", s.id))


def _quotes(
    store: Store,
    story_id: int | None,
    wanted: set[str],
    mentioned: Sequence[ActorMention],
    actor_of: PersonIndex,
) -> list[JSON]:
    """Quotes of the exported articles, each speaker resolved to the actor its article
    links that name to (null where the speaker is unnamed or not linked)."""
    linked: dict[str, dict[str, int]] = {}
    for m in mentioned:
        linked.setdefault(m.article_id, {})[m.name] = m.actor_id
    out = []
    for found in store.analyses.quotes(story_id=story_id):
        article_id, quote = found.article.id, found.quote
        if article_id not in wanted:
            continue
        out.append(
            {
                "article": article_id,
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "speaker": _speaker(quote.speaker, linked.get(article_id, {}), actor_of),
                "speaker_name": quote.speaker,
                "cue": quote.cue,
                "direct": quote.direct,
                "medium": quote.medium,
            }
        )
    return out


def _speaker(name: str | None, linked: dict[str, int], actor_of: PersonIndex) -> int | None:
    """The actor a quote's speaker is: the article's own link of that name, else the one
    person the name keys to, when the article mentions that actor."""
    if not name:
        return None
    if name in linked:
        return linked[name]
    actor_id = actor_of(name)
    return actor_id if actor_id in linked.values() else None


def _stories(
    store: Store, story_id: int | None, events: Sequence[tuple[int, set[str]]]
) -> list[JSON]:
    out = []
    for story in sorted(store.stories.listing(), key=lambda s: s.id):
        if story_id is not None and story.id != story_id:
            continue
        article_ids = store.stories.article_ids(story.id)
        members = set(article_ids)
        out.append(
            {
                "id": story.id,
                "title": story.title,
                "start": story.start,
                "end": story.end,
                "events": [
                    event_id
                    for event_id, reported_in in events
                    if members.intersection(reported_in)
                ],
                "articles": article_ids,
            }
        )
    return out
