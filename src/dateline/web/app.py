"""The web application: ``create_app`` builds it around one store (no module-level app or
database); ``serve`` runs it with uvicorn."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.settings import Settings, load_settings
from dateline.store import Store
from dateline.web import errors
from dateline.web.jobs import IngestJobs
from dateline.web.routes import articles, ingest, pages, stories
from dateline.web.routes.pages import TOKEN_COOKIE

_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Seconds a request may take before it is answered 503 (an ingest runs in the background).
REQUEST_TIMEOUT = 60.0
# Every response: scripts, styles and images from this server only, no inline script.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(source: Store | Settings, *, token: str | None = None) -> FastAPI:
    """The API over ``source``: a Store the caller opened (and closes), or Settings whose
    store the app opens and closes with its lifespan. With ``token``, every request must
    carry it (``Authorization: Bearer <token>``)."""
    settings = source if isinstance(source, Settings) else _settings_of(source)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = (
            Store.open(settings.db, busy_timeout=settings.busy_timeout)
            if isinstance(source, Settings)
            else None
        )
        app.state.store = owned or source
        try:
            yield
        finally:
            app.state.jobs.close()
            if owned is not None:
                owned.close()

    app = FastAPI(
        title="dateline",
        version=__version__,
        summary="Sourced story timelines from news coverage.",
        lifespan=lifespan,
        docs_url=None,  # its page loads script from a CDN: the OpenAPI JSON is the doc
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.token = token
    app.state.jobs = IngestJobs(settings)
    if isinstance(source, Store):
        app.state.store = source
    errors.install(app)
    for router in (stories.router, articles.router, ingest.router, pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(files("dateline.web") / "static")), "static")

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response: Response
        if token is not None and not _authorised(request, token) and not _signing_in(request):
            if request.url.path.startswith(("/api/", "/openapi")):
                response = errors.error(401, "unauthorized", "a valid bearer token is required")
            else:
                response = RedirectResponse(request.app.url_path_for("login_page"), 303)
        elif request.method in _UNSAFE and not _same_origin(request):
            response = errors.error(403, "forbidden", "a request from another site is refused")
        else:
            try:
                response = await asyncio.wait_for(call_next(request), REQUEST_TIMEOUT)
            except TimeoutError:
                response = errors.error(503, "timeout", "the request took too long")
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (a loopback address or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _settings_of(store: Store) -> Settings:
    return load_settings({"db": store.db.engine.url.render_as_string(hide_password=False)})


def _authorised(request: Request, token: str) -> bool:
    """The token as a bearer header (the API) or the login cookie (the pages)."""
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), token):
        return True
    cookie = request.cookies.get(TOKEN_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, token)


def _signing_in(request: Request) -> bool:
    """The login page and its style sheet are open to all."""
    return request.url.path in ("/login", "/static/style.css")


def _same_origin(request: Request) -> bool:
    """A browser names the page a request comes from (Origin, else Referer); a request
    from another site's page is a forgery. Clients that name none are not browsers."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")
