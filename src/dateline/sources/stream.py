"""Byte streams: sniffing without seeking, gunzipping with clear errors, bounded reads."""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from dateline.errors import TOO_LARGE_STREAM, TRUNCATED_GZIP, SourceReadError
from dateline.sources.detect import SNIFF_BYTES, Format, is_gzip, sniff


class _Joined(io.RawIOBase):
    """``head`` followed by the rest of ``rest``: stdin and sockets cannot seek back."""

    def __init__(self, head: bytes, rest: BinaryIO | io.RawIOBase):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Gunzipped(io.RawIOBase):
    """The decompressed content of a gzip stream; damage raises SourceReadError.

    Reads return what is decompressed so far (``read1``), so everything before the damage
    reaches the reader before the error does: a truncated ``.warc.gz`` still gives up its
    complete records.
    """

    def __init__(self, compressed: io.RawIOBase, source: str):
        self._gzip = gzip.GzipFile(fileobj=compressed, mode="rb")
        self._source = source
        self._error: SourceReadError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # Every read after the damage fails the same way.
        if self._error is not None:
            raise self._error
        try:
            data = self._gzip.read1(len(buffer))
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            self._error = SourceReadError(self._source, TRUNCATED_GZIP.format(detail=exc))
            raise self._error from exc
        buffer[: len(data)] = data
        return len(data)


def sniffed(raw: BinaryIO, source: str) -> tuple[io.RawIOBase, Format]:
    """Name the format of an input and give a stream of it from its first byte.

    A gzip input is decompressed and its content sniffed (``.warc.gz``, ``.html.gz``...).

    Args:
        raw: the input, positioned at its start; it need not be seekable.
        source: the input's name, for errors.

    Returns:
        A stream of the (decompressed) input and its format. The stream is unbuffered: a
        read returns what is there, so data before damage is not lost with a longer read.

    Raises:
        SourceReadError: TRUNCATED_GZIP when the gzip stream breaks within the sniffed head.
    """
    head = read_upto(raw, SNIFF_BYTES)
    stream: io.RawIOBase = _Joined(head, raw)
    if is_gzip(head):
        gunzipped = _Gunzipped(stream, source)
        head = _read_head(gunzipped)
        stream = _Joined(head, gunzipped)
    return stream, sniff(head)


def _read_head(gunzipped: _Gunzipped) -> bytes:
    """The first SNIFF_BYTES decompressed bytes, or those before the damage, if any.

    A small archive lies wholly in the head: what came before the damage (complete WARC
    records, say) is still passed on, and the stream raises the error again after it.
    """
    head = bytearray()
    try:
        while len(head) < SNIFF_BYTES and (chunk := gunzipped.read(SNIFF_BYTES - len(head))):
            head += chunk
    except SourceReadError:
        if not head:
            raise
    return bytes(head)


def read_upto(stream: BinaryIO | io.RawIOBase, size: int) -> bytes:
    """Read ``size`` bytes, or up to the end of the stream if it is shorter."""
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def read_limited(stream: io.RawIOBase, source: str, max_bytes: int) -> bytes:
    """Read the whole stream, stopping with TOO_LARGE_STREAM one byte past ``max_bytes``."""
    data = read_upto(stream, max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceReadError(source, TOO_LARGE_STREAM.format(limit=max_bytes))
    return data
