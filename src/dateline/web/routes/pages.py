"""The web pages: stories (``/``), a story, an article, search and adding articles, drawn
on the server from the service's types (``web.present``), with a little CSS and script
shipped in the package."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dateline import service
from dateline.model import BriefPoint, Citation, CitedSpan, PointKind, Story
from dateline.views.remembered import remembered_text
from dateline.web import present
from dateline.web.deps import (
    MAX_OFFSET,
    JobsDep,
    SettingsDep,
    StoreDep,
    StoryDep,
    form_day,
    form_number,
)
from dateline.web.pages import page, text_of
from dateline.web.routes.ingest import MAX_FIELDS, MAX_FILES, submit_form

router = APIRouter(include_in_schema=False)
# Entries a story page shows before "show all"; stories a page lists; cited spans an
# entry opens to.
TOP_ENTRIES = 20
STORIES_PER_PAGE = 50
STORY_ARTICLES = 30
SPANS_SHOWN = 3
CSRF_COOKIE = "dateline_csrf"
TOKEN_COOKIE = "dateline_token"

Day = Annotated[date | None, Query()]


@router.get("/", name="stories_page")
def stories_page(
    request: Request,
    store: StoreDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    listed = service.stories(store)
    shown = listed[offset : offset + STORIES_PER_PAGE]
    rows = [(story, present.sparkline(service.coverage(store, story))) for story in shown]
    more = len(listed) > offset + STORIES_PER_PAGE
    return page(
        request, "stories.html", rows=rows, more=more, next_offset=offset + STORIES_PER_PAGE
    )


@router.get("/stories/{story_id}", name="story_page")
def story_page(
    request: Request,
    store: StoreDep,
    story: StoryDep,
    actor_field: Annotated[str, Query(alias="actor", max_length=12)] = "",
    from_field: Annotated[str, Query(alias="from", max_length=10)] = "",
    to_field: Annotated[str, Query(alias="to", max_length=10)] = "",
    every: Annotated[bool, Query(alias="all")] = False,
) -> HTMLResponse:
    """The story at a glance; the filter form's fields may come empty ("anyone", no
    date). Drawn once per state of the story and filters, then read back."""
    actor = form_number(actor_field, "actor")
    since, until = form_day(from_field, "from"), form_day(to_field, "to")

    def draw() -> str:
        top = MAX_OFFSET if every else TOP_ENTRIES
        head = service.timeline_head(store, story, top=top, since=since, until=until, actor=actor)
        entries = [(entry, *_spans(store, entry.citations)) for entry in head.entries]
        points = service.brief(store, story)
        people = service.people(store, story)
        query = request.url.remove_query_params("all").query
        top_url = request.url.path + (f"?{query}" if query else "")
        return text_of(
            request,
            "story.html",
            story=story,
            months=present.months(entries),
            shown=len(entries),
            more=head.more,
            every=every,
            all_url=top_url + ("&" if query else "?") + "all=1",
            top_url=top_url,
            points=[(p, *_spans(store, p.citations)) for p in points if not _disputed(p)],
            disputes=[(p, *_spans(store, p.citations, 6)) for p in points if _disputed(p)],
            people=people,
            chosen_actor=actor,
            since=since,
            until=until,
            filtered=bool(actor or since or until),
            strips=present.role_strips(people, story.start, story.end),
            speakers=service.speakers(store, story),
            coverage=present.coverage_rows(service.coverage(store, story)),
            articles=service.story_articles(store, story, STORY_ARTICLES),
        )

    params = (actor, since, until, every)
    return HTMLResponse(remembered_text(store, story.id, "story page", params, draw))


@router.get("/articles/{article_id}", name="article_page")
def article_page(
    request: Request,
    store: StoreDep,
    article_id: Annotated[str, Path(min_length=4, max_length=16)],
) -> HTMLResponse:
    detail = service.article(store, article_id)
    stored = detail.stored
    story_id = store.stories.story_of(stored.id)
    return page(
        request,
        "article.html",
        stored=stored,
        article=stored.article,
        story=_story(store, story_id),
        paragraphs=present.annotated(stored.article.text, detail.analysis),
        quotes=detail.analysis.quotes if detail.analysis else (),
        copies=service.sightings(store, stored.id)[1:],
    )


@router.get("/search", name="search_page")
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    query = q.strip()
    result = service.search(store, query, limit=20, offset=offset) if query else None
    more = result is not None and result.total > offset + 20
    next_url = request.url.include_query_params(offset=offset + 20) if more else None
    return page(
        request, "search.html", query=query, result=result, offset=offset, next_url=next_url
    )


@router.get("/login", name="login_page")
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html", guarded=request.app.state.token is not None)


@router.post("/login", name="login_submit")
async def login_submit(request: Request) -> Response:
    """Sign in with the server's token: a cookie then carries it for the pages."""
    token: str | None = request.app.state.token
    form = await request.form(max_files=0, max_fields=1)
    given = form.get("token")
    if token is None or not isinstance(given, str) or not secrets.compare_digest(given, token):
        return page(request, "login.html", 401, guarded=token is not None, problem=True)
    response = RedirectResponse(request.app.url_path_for("stories_page"), status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.get("/ingest", name="ingest_page")
def ingest_page(request: Request) -> HTMLResponse:
    return _ingest_form(request)


@router.post("/ingest", name="ingest_submit")
async def ingest_submit(request: Request, jobs: JobsDep, settings: SettingsDep) -> Response:
    length = request.headers.get("content-length", "")
    if not length.isdigit() or int(length) > MAX_FILES * settings.max_bytes:
        return _ingest_form(request, "Send less at once: the form is over the limits.", 413)
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS + 1)
    except HTTPException as exc:
        return _ingest_form(request, str(exc.detail), exc.status_code)
    sent, kept = form.get("csrf"), request.cookies.get(CSRF_COOKIE)
    if not isinstance(sent, str) or not kept or not secrets.compare_digest(sent, kept):
        return _ingest_form(request, "The form had expired: send it again.", 403)
    try:
        job = await submit_form(form, jobs, settings.max_bytes)
    except (HTTPException, RequestValidationError) as exc:
        problem = exc.detail if isinstance(exc, HTTPException) else _first_problem(exc)
        return _ingest_form(request, str(problem), 422)
    return RedirectResponse(request.app.url_path_for("job_page", job_id=job.id), status_code=303)


@router.get("/ingest/{job_id}", name="job_page")
def job_page(
    request: Request,
    store: StoreDep,
    jobs: JobsDep,
    job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> HTMLResponse:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id}")
    stories = [s for s in (_story(store, i) for i in job.stories) if s is not None]
    return page(request, "job.html", job=job.to_json(), stories=stories)


def _ingest_form(request: Request, problem: str | None = None, status: int = 200) -> HTMLResponse:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = page(request, "ingest.html", status, csrf=token, problem=problem)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/ingest")
    return response


def _first_problem(exc: RequestValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(p) for p in error["loc"])
    return f"{field}: {error['msg']}"


def _spans(
    store: StoreDep, citations: tuple[Citation, ...], shown: int = SPANS_SHOWN
) -> tuple[list[CitedSpan], int]:
    """The first ``shown`` cited spans in context, and how many more there are."""
    return service.cited_spans(store, citations[:shown]), max(0, len(citations) - shown)


def _disputed(point: BriefPoint) -> bool:
    return point.kind is PointKind.DISPUTE


def _story(store: StoreDep, story_id: int | None) -> Story | None:
    return service.find_story(store, str(story_id)) if story_id is not None else None
