"""``/api/stories``: stories, and each story's timeline, key points, events, actors,
quotes, coverage, check and export."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse, Response

from dateline import service
from dateline.errors import ExportFormatError
from dateline.model import JSON
from dateline.views.export import FORMATS, check_format
from dateline.web.deps import PageDep, StoreDep, StoryDep

router = APIRouter(prefix="/api/stories", tags=["stories"])

Unverified = Annotated[
    bool, Query(description="Also the lines the checker cannot verify, marked verified=false.")
]


@router.get("", summary="Stories, largest first")
def list_stories(store: StoreDep, page: PageDep) -> JSON:
    return page.of(service.stories(store))


@router.get("/{story_id}", summary="One story")
def get_story(story: StoryDep) -> JSON:
    return story.to_json()


@router.get("/{story_id}/timeline", summary="A story's timeline, in date order")
def get_timeline(
    store: StoreDep,
    story: StoryDep,
    since: Annotated[
        date | None, Query(alias="from", description="Events that end on or after this day.")
    ] = None,
    until: Annotated[
        date | None, Query(alias="to", description="Events that start on or before this day.")
    ] = None,
    top: Annotated[
        int | None, Query(ge=1, description="Only the N most important entries.")
    ] = None,
    every: Annotated[bool, Query(alias="all", description="Every entry (the default).")] = False,
    unverified: Unverified = False,
) -> JSON:
    """Every entry, or the ``top`` most important, with how many more there are."""
    chosen = None if every else top
    if chosen is None:
        entries = service.timeline(store, story, since=since, until=until, unverified=unverified)
        shown, more = entries, 0
    else:
        head = service.timeline_head(
            store, story, top=chosen, since=since, until=until, unverified=unverified
        )
        shown, more = list(head.entries), head.more
    return {
        "story": story.id,
        "title": story.title,
        "entries": [entry.to_json() for entry in shown],
        "more": more,
    }


@router.get("/{story_id}/brief", summary="A story's key points")
def get_brief(
    store: StoreDep,
    story: StoryDep,
    since: Annotated[
        date | None, Query(description="Only what happened or was said since this day.")
    ] = None,
    unverified: Unverified = False,
) -> JSON:
    points = service.brief(store, story, since=since, unverified=unverified)
    return {"story": story.id, "title": story.title, "points": [p.to_json() for p in points]}


@router.get("/{story_id}/events", summary="A story's events with their reports")
def get_events(store: StoreDep, story: StoryDep, page: PageDep) -> JSON:
    return page.of(service.events(store, story))


@router.get("/{story_id}/entities", summary="A story's actors, with roles over time")
def get_entities(store: StoreDep, story: StoryDep, page: PageDep) -> JSON:
    return page.of(service.entities(store, story))


@router.get("/{story_id}/quotes", summary="Who said what in a story")
def get_quotes(
    store: StoreDep,
    story: StoryDep,
    page: PageDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="A part of the speaker's name.")
    ] = None,
) -> JSON:
    return page.of(service.quotes(store, speaker, story))


@router.get("/{story_id}/coverage", summary="Articles per outlet per day")
def get_coverage(store: StoreDep, story: StoryDep) -> JSON:
    found = service.coverage(store, story)
    return {"story": story.id, "coverage": [c.to_json() for c in found]}


@router.get("/{story_id}/check", summary="Every line of the story against its sources")
def get_check(store: StoreDep, story: StoryDep) -> JSON:
    return service.check(store, story).to_json()


@router.get(
    "/{story_id}/export",
    summary="The story as one export document",
    response_model=None,
    responses={200: {"content": {"application/json": {}, "text/plain": {}}}},
)
def get_export(
    store: StoreDep,
    story: StoryDep,
    fmt: Annotated[
        str, Query(alias="format", description=f"One of {', '.join(FORMATS)} but csv.")
    ] = "json",
) -> Response | JSON:
    check_format(fmt)
    if fmt == "csv":
        raise ExportFormatError(fmt, FORMATS, "CSV is one file per table: use the command line")
    document = service.export(store, story)
    if fmt == "json":
        return document.to_json()
    return PlainTextResponse(document.text(fmt))
