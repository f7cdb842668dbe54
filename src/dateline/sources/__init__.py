"""Open inputs and yield raw documents: files, directories, URLs and standard input.

Each input is recognised by its content, not its name: gzip (then sniffed again), WARC,
RSS/Atom, JSON lines, HTML or plain text. Containers yield one document per item.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from dateline.errors import BINARY, EMPTY, PARTLY_READ, TOO_LARGE, SourceReadError
from dateline.model import RawDocument
from dateline.settings import DEFAULT_FETCH_TIMEOUT
from dateline.sources import feeds, files, jsonl, warc
from dateline.sources.decode import decode
from dateline.sources.failure import SourceFailure
from dateline.sources.stream import read_limited, sniffed
from dateline.sources.urls import FetchedPage, fetch_url

__all__ = ["FetchedPage", "SourceFailure", "fetch_url", "read_sources"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000

Item = RawDocument | SourceFailure


def read_sources(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    fetch: Callable[[str], FetchedPage] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
) -> Iterator[Item]:
    """Read every input, lazily, yielding a document or a failure for each thing found.

    A bad input or item never stops the others: it becomes a SourceFailure and reading
    goes on.

    Args:
        inputs: file paths; directories (walked recursively in name order, hidden entries
            skipped); http(s) URLs; ``-`` for standard input.
        stdin: what ``-`` reads; by default ``sys.stdin.buffer``.
        fetch: downloads one URL, raising SourceReadError on failure; by default
            ``fetch_url`` (tests pass a fake).
        max_bytes: the largest document read. A file over it is refused before it is read,
            a stream once it has gone past it. WARC and JSON lines are read record by
            record, so the limit applies to each record rather than the whole archive.
        fetch_timeout: seconds the default fetcher waits for a URL; unused when ``fetch``
            is given.

    Yields:
        A RawDocument per document, a SourceFailure per input or item that could not be read.
    """
    if fetch is None:
        fetch = functools.partial(fetch_url, max_bytes=max_bytes, timeout=fetch_timeout)
    for name in inputs:
        if name == "-":
            stream = sys.stdin.buffer if stdin is None else stdin
            yield from _guarded(_read_stream(stream, "-", max_bytes=max_bytes))
        elif name.lower().startswith(("http://", "https://")):
            yield from _guarded(_read_url(name, fetch, max_bytes))
        elif os.path.isdir(name):
            for path in files.walk(name):
                if isinstance(path, SourceFailure):
                    yield path
                else:
                    yield from _guarded(_read_file(path, max_bytes))
        else:
            yield from _guarded(_read_file(name, max_bytes))


def _guarded(documents: Iterator[Item]) -> Iterator[Item]:
    """Pass the documents on; the SourceReadError that ends an input becomes a failure,
    which names the last item read when the input broke after some (a truncated WARC)."""
    last = None
    try:
        for last in documents:
            yield last
    except SourceReadError as exc:
        logger.debug("cannot read %s: %s", exc.source, exc.reason)
        reason = exc.reason
        if last is not None:
            item = last.source.removeprefix(exc.source) or last.source  # "#2", not the path again
            reason = PARTLY_READ.format(reason=reason, last=item)
        yield SourceFailure(exc.source, reason)


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    with files.open_file(path) as (file, size):
        yield from _read_stream(file, path, max_bytes=max_bytes, size=size)


def _read_url(url: str, fetch: Callable[[str], FetchedPage], max_bytes: int) -> Iterator[Item]:
    page = fetch(url)
    yield from _read_stream(
        io.BytesIO(page.content),
        url,
        max_bytes=max_bytes,
        size=len(page.content),
        url=page.url,
        content_type=page.content_type,
    )


def _read_stream(
    raw: BinaryIO,
    source: str,
    *,
    max_bytes: int,
    size: int | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Item]:
    """Sniff one input and read it with the reader for its format.

    Args:
        raw: the input's bytes, as a stream.
        source: the input's name.
        max_bytes: the limit on a document (on each item for WARC and JSON lines).
        size: the input's size when known before reading (a file's).
        url: the URL it was downloaded from, after redirects.
        content_type: the HTTP Content-Type it came with.

    Raises:
        SourceReadError: when the input as a whole cannot be read.
    """
    stream, kind = sniffed(raw, source)
    logger.debug("reading %s as %s", source, kind)
    if kind == "empty":
        raise SourceReadError(source, EMPTY)
    if kind in ("binary", "gzip"):
        # "gzip" here is gzip inside gzip: not something a news source produces.
        raise SourceReadError(source, BINARY)
    if kind == "warc":
        yield from warc.read_warc(stream, source, max_bytes=max_bytes)
        return
    if kind == "jsonl":
        yield from jsonl.read_jsonl(stream, source, max_bytes=max_bytes)
        return
    if size is not None and size > max_bytes:
        raise SourceReadError(source, TOO_LARGE.format(size=size, limit=max_bytes))
    data = read_limited(stream, source, max_bytes)
    if kind == "feed":
        yield from feeds.read_feed(data, source, url=url, content_type=content_type)
        return
    text = decode(data, source, content_type=content_type, html=kind == "html")
    if not text.strip():
        raise SourceReadError(source, EMPTY)
    yield RawDocument(source, "html" if kind == "html" else "text", text, url=url)
