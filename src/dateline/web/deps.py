"""What routes take from the app, as dependencies: the store, the settings, the ingest
jobs, a story named in the path, and a page of a list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request

from dateline import service
from dateline.model import JSON, Serialised, Story
from dateline.settings import Settings
from dateline.store import Store
from dateline.web.jobs import IngestJobs

MAX_LIMIT = 500
# The furthest a page may start: beyond any list dateline holds, within a 64-bit integer.
MAX_OFFSET = 1_000_000_000
Item = TypeVar("Item", bound=Serialised)


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_jobs(request: Request) -> IngestJobs:
    jobs: IngestJobs = request.app.state.jobs
    return jobs


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
JobsDep = Annotated[IngestJobs, Depends(get_jobs)]


def get_story(store: StoreDep, story_id: Annotated[int, Path(ge=1, le=MAX_OFFSET)]) -> Story:
    """The story with this id (404 when there is none)."""
    return service.find_story(store, str(story_id))


StoryDep = Annotated[Story, Depends(get_story)]


@dataclass(frozen=True)
class Page:
    """Which part of a list to answer with."""

    limit: int
    offset: int

    def of(self, items: Sequence[Item], shape: Callable[[Item], JSON] | None = None) -> JSON:
        """The page of ``items`` as the API answers: each one's JSON (``shape``, else its
        ``to_json``), the total, the bounds."""
        shown = items[self.offset : self.offset + self.limit]
        return {
            "items": [shape(item) if shape else item.to_json() for item in shown],
            "total": len(items),
            "limit": self.limit,
            "offset": self.offset,
        }


def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(get_page)]


def form_day(value: str | None, field: str) -> date | None:
    """A day a form or query field gives as YYYY-MM-DD (None when left empty; 422 when it
    is not a day)."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{field}: {value!r} is not a date (YYYY-MM-DD)") from None


def form_number(value: str, field: str) -> int | None:
    """A whole number a field gives (None when left empty; 422 when it is not one)."""
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise HTTPException(422, f"{field}: {value!r} is not a number")
    return int(value)
