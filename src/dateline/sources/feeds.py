"""RSS and Atom feeds: one raw document per item, with the metadata the feed states."""

from __future__ import annotations

import io
import logging
import re
import xml.sax
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import lxml.html

from dateline.errors import BAD_FEED, EMPTY_FEED, FEED_ITEM_NO_TEXT, SourceReadError
from dateline.model import DocumentKind, Hints, RawDocument, xml_safe
from dateline.sources.decode import header_charset
from dateline.sources.failure import SourceFailure

logger = logging.getLogger(__name__)

# RSS 2.0 <author> is "email (Name)". feedparser's own split only knows top-level domains
# of two to four letters, so "desk@paper.news (Ana Lima)" comes out as a name "s (Ana Lima".
_RSS_AUTHOR = re.compile(r"\s*[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*")
_SPACE = re.compile(r"\s+")


def read_feed(
    data: bytes, source: str, *, url: str | None = None, content_type: str | None = None
) -> Iterator[RawDocument | SourceFailure]:
    """Yield one document per feed item, numbered ``source#1``, ``source#2``...

    An item's document is its full content (``content:encoded``, Atom ``content``) or its
    description/summary, whichever holds more text; an item with neither is a failure.

    Args:
        data: the whole feed; feedparser finds its encoding.
        source: the input's name.
        url: the URL the feed was downloaded from, against which relative links resolve.
        content_type: the HTTP Content-Type header, if the feed came over HTTP.

    Raises:
        SourceReadError: BAD_FEED when the XML is broken and no item has text;
            EMPTY_FEED when a well-formed feed has no items.
    """
    # Of the Content-Type, only the charset: the content already showed this is a feed, and
    # feedparser flags one served as, say, text/html (or with no type) as broken.
    charset = header_charset(content_type)
    media_type = f"application/xml; charset={charset}" if charset else "application/xml"
    headers = {"content-type": media_type}
    if url:
        headers["content-location"] = url
    # A file-like object: given bytes or str, feedparser may take them for a path or URL.
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:
        # feedparser's lenient parser fails on some broken input rather than flagging it
        # (ValueError from chr() on "&#x110000;"): every exception there is a broken feed.
        logger.debug("%s: feedparser failed", source, exc_info=True)
        raise SourceReadError(
            source, BAD_FEED.format(detail=f"{type(exc).__name__}: {exc}")
        ) from exc
    entries = parsed.entries
    if parsed.bozo:
        # feedparser falls back to a lenient parser, which may still recover items.
        problem = _describe(parsed.bozo_exception)
        if not any(_body(entry) for entry in entries):
            raise SourceReadError(source, BAD_FEED.format(detail=problem))
        logger.warning("%s: feed not well-formed (%s); reading its items anyway", source, problem)
    if not entries:
        raise SourceReadError(source, EMPTY_FEED)
    publisher = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(entries, 1):
        item = f"{source}#{number}"
        body = _body(entry)
        if body is None:
            yield SourceFailure(item, FEED_ITEM_NO_TEXT)
            continue
        kind, content = body[0], xml_safe(body[1])
        summary = entry.get("summary_detail")
        hints = Hints(
            title=_clean(entry.get("title")),
            published=_published(entry),
            publisher=publisher,
            authors=_authors(entry),
            summary=_clean(_visible_text(summary.value, summary.type)) if summary else None,
        )
        yield RawDocument(item, kind, content, url=entry.get("link"), hints=hints)


def _body(entry: Any) -> tuple[DocumentKind, str] | None:
    """The item's content or summary, whichever has more visible text; content on a tie."""
    best = None
    best_length = 0
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if not detail or not detail.get("value"):
            continue
        length = len(_visible_text(detail.value, detail.get("type")).strip())
        if length > best_length:
            best, best_length = detail, length
    if best is None:
        return None
    return ("text" if best.get("type") == "text/plain" else "html"), best.value


def _visible_text(value: str, content_type: str | None) -> str:
    if not value.strip() or "html" not in (content_type or "text/html"):
        return value
    return lxml.html.fragment_fromstring(xml_safe(value), create_parent="div").text_content()


def _published(entry: Any) -> str | None:
    """The item's publication (else update) time as ISO 8601, in the feed's own offset.

    feedparser's ``*_parsed`` values are in UTC, which can move a late-evening story to the
    next day; the stated string keeps the publisher's offset, so it is preferred.
    """
    for key in ("published", "updated"):
        if stated := _iso(entry.get(key) or ""):
            return stated
        if parsed := entry.get(f"{key}_parsed"):
            return datetime(*parsed[:6]).replace(tzinfo=UTC).isoformat()
    return None


def _iso(stated: str) -> str | None:
    """An RFC 822 or ISO 8601 date as ISO 8601; a date alone stays a date, with no time."""
    for parse in (date.fromisoformat, parsedate_to_datetime, datetime.fromisoformat):
        try:
            return parse(stated.strip()).isoformat()
        except (ValueError, TypeError):
            continue
    return None


def _authors(entry: Any) -> tuple[str, ...]:
    rss_author = _RSS_AUTHOR.fullmatch(entry.get("author") or "")
    if rss_author:
        return (rss_author["name"].strip(),)
    names = (_clean(detail.get("name")) for detail in entry.get("authors") or [])
    return tuple(dict.fromkeys(name for name in names if name))


def _describe(exc: Exception) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        return f"{exc.getMessage()} at line {exc.getLineNumber()}"
    return str(exc)


def _clean(value: str | None) -> str | None:
    """The value with whitespace collapsed, or None when there is nothing left."""
    if not value:
        return None
    return _SPACE.sub(" ", value).strip() or None
