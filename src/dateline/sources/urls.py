"""Downloading: the one place dateline goes on the network for an input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version

import httpx

from dateline.errors import FETCH_FAILED, TOO_LARGE, TOO_LARGE_STREAM, SourceReadError
from dateline.settings import DEFAULT_FETCH_TIMEOUT

USER_AGENT = f"dateline/{version('dateline')} (news timeline builder)"
# "[Errno -2] " before what the operating system says.
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
# Connecting never waits longer than this, whatever the overall timeout.
CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded document: its URL after redirects, its body and its Content-Type."""

    url: str
    content: bytes
    content_type: str | None


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_FETCH_TIMEOUT,
) -> FetchedPage:
    """Download ``url``, following redirects, keeping at most ``max_bytes`` of it.

    Args:
        url: an http or https URL.
        max_bytes: the largest body taken; the download stops past it.
        client: the httpx client to use (tests give one with a mock transport); by default
            a new one for this download.
        timeout: seconds to wait for the server (each read, write or pool wait); connecting
            waits at most ``CONNECT_TIMEOUT`` seconds, or ``timeout`` when it is shorter.

    Returns:
        The page as downloaded, content encodings (gzip, brotli) undone.

    Raises:
        SourceReadError: FETCH_FAILED (with the HTTP status, or the error's class and
            message) when the download fails; TOO_LARGE or TOO_LARGE_STREAM when the body
            is over the limit.
    """
    try:
        if client is None:
            with httpx.Client() as own_client:
                return _download(own_client, url, max_bytes, timeout)
        return _download(client, url, max_bytes, timeout)
    except httpx.HTTPStatusError as exc:
        status = f"HTTP {exc.response.status_code} {exc.response.reason_phrase}".strip()
        raise SourceReadError(url, FETCH_FAILED.format(detail=status)) from exc
    # InvalidURL is not an HTTPError.
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise SourceReadError(url, FETCH_FAILED.format(detail=_described(exc))) from exc


def _described(exc: Exception) -> str:
    """The error's class and what it says, without an errno: ``ConnectError: Name or
    service not known`` (the class alone hides whether the name or the server failed)."""
    message = _ERRNO.sub("", str(exc)).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _download(client: httpx.Client, url: str, max_bytes: int, timeout: float) -> FetchedPage:
    headers = {"User-Agent": USER_AGENT}
    request = client.stream(
        "GET",
        url,
        headers=headers,
        follow_redirects=True,
        timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
    )
    with request as response:
        response.raise_for_status()
        declared = response.headers.get("Content-Length", "")
        # Only a lower bound when the body is compressed, but it saves a doomed download.
        if declared.isdigit() and int(declared) > max_bytes:
            raise SourceReadError(url, TOO_LARGE.format(size=int(declared), limit=max_bytes))
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise SourceReadError(url, TOO_LARGE_STREAM.format(limit=max_bytes))
        return FetchedPage(
            url=str(response.url),
            content=bytes(body),
            content_type=response.headers.get("Content-Type"),
        )
