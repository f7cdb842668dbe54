"""JSON lines: one raw document per line, an object with the text or HTML and metadata."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from dateline.errors import (
    BAD_JSONL,
    JSONL_FIELD,
    JSONL_NO_TEXT,
    TOO_LARGE_STREAM,
    SourceReadError,
)
from dateline.model import DocumentKind, Hints, RawDocument, xml_safe
from dateline.sources.failure import SourceFailure

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def read_jsonl(
    stream: io.RawIOBase, source: str, *, max_bytes: int
) -> Iterator[RawDocument | SourceFailure]:
    """Yield one document per line, numbered by line: ``source#3`` is line 3.

    Each line is an object with ``html`` (kind html) or ``text`` (kind text), ``html`` winning
    when both are given, and optional ``url``, ``title``, ``published``, ``publisher``,
    ``authors`` (a list or one string) and ``summary``; other keys are ignored. Blank lines
    are skipped; a line that is not such an object is a failure, and reading goes on.

    Args:
        stream: the JSON lines, already decompressed if they were gzipped.
        source: the input's name.
        max_bytes: the longest line taken; a longer one is a failure for that line.
    """
    lines = io.BufferedReader(stream)
    number = 0
    while line := lines.readline(max_bytes + 1):
        number += 1
        item = f"{source}#{number}"
        if len(line) > max_bytes:
            if not line.endswith(b"\n"):
                _skip_line(lines)
            yield SourceFailure(item, TOO_LARGE_STREAM.format(limit=max_bytes))
        elif line.strip():
            try:
                yield _document(line, number, item)
            except SourceReadError as exc:
                yield SourceFailure(exc.source, exc.reason)


def _document(line: bytes, number: int, item: str) -> RawDocument:
    try:
        record = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        raise _bad(item, number, f"{exc.msg} at column {exc.colno}") from exc
    except UnicodeDecodeError as exc:
        raise _bad(item, number, "not valid UTF-8") from exc
    except RecursionError as exc:  # the json module recurses into nested arrays and objects
        raise _bad(item, number, "nested too deep") from exc
    if not isinstance(record, dict):
        raise _bad(item, number, f"found {_JSON_TYPES[type(record)]}")
    fields = {
        key: _string(record, key, item, number)
        for key in ("url", "title", "text", "html", "published", "publisher", "summary")
    }
    hints = Hints(
        title=fields["title"],
        published=fields["published"],
        publisher=fields["publisher"],
        authors=_authors(record, item, number),
        summary=fields["summary"],
    )
    kind: DocumentKind
    if fields["html"]:
        kind, content = "html", fields["html"]
    elif fields["text"]:
        kind, content = "text", fields["text"]
    else:
        raise SourceReadError(item, JSONL_NO_TEXT.format(line=number))
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(source=item, kind=kind, content=content, url=fields["url"], hints=hints)


def _string(record: dict[str, Any], key: str, item: str, number: int) -> str | None:
    """The field as a string, None when absent, null or blank."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong_type(item, number, key, _JSON_TYPES[type(value)], "a string")
    return xml_safe(value).strip() or None


def _authors(record: dict[str, Any], item: str, number: int) -> tuple[str, ...]:
    value = record.get("authors")
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    wanted = "a string or an array of strings"
    if not isinstance(names, list):
        raise _wrong_type(item, number, "authors", _JSON_TYPES[type(value)], wanted)
    if others := [name for name in names if not isinstance(name, str)]:
        found = f"an array holding {_JSON_TYPES[type(others[0])]}"
        raise _wrong_type(item, number, "authors", found, wanted)
    return tuple(dict.fromkeys(clean for name in names if (clean := xml_safe(name).strip())))


def _bad(item: str, number: int, detail: str) -> SourceReadError:
    return SourceReadError(item, BAD_JSONL.format(line=number, detail=detail))


def _wrong_type(item: str, number: int, key: str, found: str, wanted: str) -> SourceReadError:
    return SourceReadError(
        item, JSONL_FIELD.format(line=number, key=key, found=found, wanted=wanted)
    )


def _skip_line(stream: io.BufferedIOBase) -> None:
    """Read past the rest of an over-long line without holding it."""
    while (chunk := stream.readline(1 << 16)) and not chunk.endswith(b"\n"):
        pass
