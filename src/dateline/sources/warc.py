"""WARC archives: one raw document per archived HTML page."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from dateline.errors import BAD_WARC, EMPTY, TOO_LARGE_STREAM, SourceReadError
from dateline.model import RawDocument
from dateline.sources.decode import decode
from dateline.sources.failure import SourceFailure
from dateline.sources.stream import read_upto

logger = logging.getLogger(__name__)

_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def read_warc(
    stream: io.RawIOBase, source: str, *, max_bytes: int
) -> Iterator[RawDocument | SourceFailure]:
    """Yield one document per HTML page the archive holds, numbered ``source#1``...

    Only ``response`` records with HTTP status 200 and an HTML Content-Type count; requests,
    metadata, redirects, errors and other media are skipped. warcio reads a record that a
    truncated file cuts short as if it were whole, so each document is held back until the
    archive has been read past its record.

    Args:
        stream: the archive, already decompressed if it was gzipped.
        source: the input's name.
        max_bytes: the largest page taken; a larger one is a failure for that item.

    Raises:
        SourceReadError: BAD_WARC (or TRUNCATED_GZIP from the stream) when the archive is
            corrupt or truncated, after the documents read before the damage.
    """
    records = ArchiveIterator(stream)
    pending: RawDocument | SourceFailure | None = None
    previous: ArcWarcRecord | None = None
    ordinal = used = 0
    try:
        for record in _parsed(records, source):
            _check_whole(previous, ordinal, source)
            if pending is not None:
                yield pending
                pending = None
            previous, ordinal = record, ordinal + 1
            if _is_html_page(record):
                used += 1
                pending = _document(record, f"{source}#{used}", max_bytes)
            else:
                logger.debug("%s: skipping record %d (%s)", source, ordinal, _describe(record))
        _check_whole(previous, ordinal, source)
        # Bytes after the last whole record that did not parse as one: its headers were
        # cut. (warcio counts the bytes it read, in ``fh``, even on a stream that cannot.)
        if records.fh.tell() > records.offset:
            raise SourceReadError(source, BAD_WARC.format(detail=_damaged(records)))
    except SourceReadError:
        # The damage may lie past the held-back document's record, which is then whole.
        if pending is not None and _missing(previous) is None:
            yield pending
        raise
    if pending is not None:
        yield pending


def _parsed(records: ArchiveIterator, source: str) -> Iterator[ArcWarcRecord]:
    """warcio's records, any error while it parses one raised as BAD_WARC.

    On damaged headers warcio raises AttributeError and the like, not only
    ArchiveLoadFailed; a fix for one such case was closed unmerged (webrecorder/warcio#203).
    So here, and only around its parser, every exception means a damaged archive.
    """
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except SourceReadError:
            raise
        except ArchiveLoadFailed as exc:
            detail = f"{str(exc).strip()} at byte {records.offset:,}"
            raise SourceReadError(source, BAD_WARC.format(detail=detail)) from exc
        except Exception as exc:
            logger.debug("%s: warcio failed after byte %d", source, records.offset, exc_info=True)
            raise SourceReadError(source, BAD_WARC.format(detail=_damaged(records))) from exc
        yield record


def _damaged(records: ArchiveIterator) -> str:
    # ``offset`` is where the last whole record ended, so where the damaged one starts.
    return f"damaged or incomplete record at byte {records.offset:,}"


def _missing(record: ArcWarcRecord | None) -> str | None:
    """What a record, read to its end by warcio, lacks; None when it is whole."""
    if record is None:
        return None
    if not isinstance(record.raw_stream, LimitReader):
        return "has no valid Content-Length"
    if record.raw_stream.limit:
        return f"is truncated, {record.raw_stream.limit:,} bytes missing"
    return None


def _check_whole(record: ArcWarcRecord | None, ordinal: int, source: str) -> None:
    if problem := _missing(record):
        raise SourceReadError(source, BAD_WARC.format(detail=f"record {ordinal} {problem}"))


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return (
        record.http_headers.get_statuscode() == "200"
        and content_type.split(";")[0].strip().lower() in _HTML_TYPES
    )


def _describe(record: ArcWarcRecord) -> str:
    if record.rec_type != "response" or record.http_headers is None:
        return str(record.rec_type)
    status = record.http_headers.get_statuscode()
    return f"{record.rec_type} {status} {record.http_headers.get_header('Content-Type')}"


def _document(record: ArcWarcRecord, item: str, max_bytes: int) -> RawDocument | SourceFailure:
    # content_stream() undoes chunked transfer and gzip/brotli content encodings.
    data = read_upto(record.content_stream(), max_bytes + 1)
    if len(data) > max_bytes:
        return SourceFailure(item, TOO_LARGE_STREAM.format(limit=max_bytes))
    content_type = record.http_headers.get_header("Content-Type")
    try:
        text = decode(data, item, content_type=content_type, html=True)
    except SourceReadError as exc:
        return SourceFailure(exc.source, exc.reason)
    if not text.strip():
        return SourceFailure(item, EMPTY)
    # WARC/1.0's grammar put the URI in angle brackets, and some writers still do.
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>") or None
    return RawDocument(source=item, kind="html", content=text, url=url)
