"""One error shape for every failure: ``{"error": {"code", "message"}}`` with the status
code that says what went wrong; never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from dateline.errors import (
    ArticleNotFoundError,
    DatelineError,
    NoStoriesError,
    StoreError,
    StoryNotFoundError,
)

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
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def error(status: int, code: str, message: str) -> JSONResponse:
    """The error response."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def install(app: FastAPI) -> None:
    """Answer every error in the one shape."""

    @app.exception_handler(DatelineError)
    async def dateline_error(_request: Request, exc: DatelineError) -> JSONResponse:
        status, code = next(
            (v for t, v in _STATUS.items() if isinstance(exc, t)), (400, "bad_request")
        )
        return error(status, code, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'request'}: {e['msg']}"
            for e in exc.errors()
        ]
        return error(422, "invalid_request", "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        logger.error("unexpected error", exc_info=exc)
        return error(500, "internal_error", "internal error: the server log has the details")
