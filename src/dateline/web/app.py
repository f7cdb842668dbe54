"""The web application: ``create_app`` builds it around one store (no module-level app or
database); ``serve`` runs it with uvicorn."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response

from dateline import __version__
from dateline.settings import Settings, load_settings
from dateline.store import Store
from dateline.web import errors
from dateline.web.jobs import IngestJobs
from dateline.web.routes import articles, ingest, stories

_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def create_app(source: Store | Settings, *, token: str | None = None) -> FastAPI:
    """The API over ``source``: a Store the caller opened (and closes), or Settings whose
    store the app opens and closes with its lifespan. With ``token``, every request must
    carry it (``Authorization: Bearer <token>``)."""
    settings = source if isinstance(source, Settings) else _settings_of(source)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = Store.open(settings.db) if isinstance(source, Settings) else None
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
    )
    app.state.settings = settings
    app.state.jobs = IngestJobs(settings)
    if isinstance(source, Store):
        app.state.store = source
    errors.install(app)
    for router in (stories.router, articles.router, ingest.router):
        app.include_router(router)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if token is not None and not _authorised(request, token):
            return errors.error(401, "unauthorized", "a valid bearer token is required")
        if request.method in _UNSAFE and not _same_origin(request):
            return errors.error(403, "forbidden", "a request from another site is refused")
        return await call_next(request)

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
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), token)


def _same_origin(request: Request) -> bool:
    """A browser names the page a request comes from (Origin, else Referer); a request
    from another site's page is a forgery. Clients that name none are not browsers."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")
