"""One error shape for every failure: ``{"error": {"code", "message"}}`` with the status
code that says what went wrong; never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from dateline.errors import (
    ArticleNotFoundError,
    DatelineError,
    NoStoriesError,
    StoreError,
    StoryNotFoundError,
)
from dateline.web.pages import page

logger = logging.getLogger(__name__)

# What each library error means to a client: status and code.
_STATUS: dict[type[DatelineError], tuple[int, str]] = {
    StoryNotFoundError: (404, "story_not_found"),
    NoStoriesError: (404, "no_stories"),
    ArticleNotFoundError: (404, "article_not_found"),
    StoreError: (503, "store_unavailable"),
}
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    411: "length_required",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def error(status: int, code: str, message: str) -> JSONResponse:
    """The error response."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def answer(request: Request, status: int, code: str, message: str) -> Response:
    """The error as the API answers it, or as a page for a page's address."""
    if request.url.path.startswith(("/api/", "/openapi")):
        return error(status, code, message)
    heading = "Not found" if status == 404 else "Something went wrong"
    return page(request, "error.html", status, heading=heading, message=message)


def install(app: FastAPI) -> None:
    """Answer every error in the one shape."""

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> Response:
        status, code = next(
            (v for t, v in _STATUS.items() if isinstance(exc, t)), (400, "bad_request")
        )
        return answer(request, status, code, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return answer(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'request'}: {e['msg']}"
            for e in exc.errors()
        ]
        return answer(request, 422, "invalid_request", "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.error("unexpected error", exc_info=exc)
        return answer(request, 500, "internal_error", "internal error: see the server log")
