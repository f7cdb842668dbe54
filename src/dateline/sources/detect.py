"""Recognise an input's format from its first bytes, whatever its name says."""

from __future__ import annotations

import json
import re
from typing import Literal

from dateline.sources.decode import bom_encoding

Format = Literal["empty", "binary", "gzip", "warc", "feed", "jsonl", "html", "text"]

# Enough for an XML prolog or an HTML <head> up to its first tags, yet cheap to read twice.
SNIFF_BYTES = 8192

_WARC = re.compile(rb"WARC/1\.[01]\r?\n")

# Formats that could pass the control-character test at their start; we cannot read them.
_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",  # ZIP, hence DOCX, EPUB, ODT
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: DOC, XLS
    b"\x7fELF",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",  # Zstandard
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# Control characters that never occur in text (tab, newlines, form feed and escape do).
_CONTROL = bytes([*range(9), 14, 15, *range(16, 27), *range(28, 32), 127])
_MAX_CONTROL_SHARE = 0.1

# The root element after an optional XML declaration, comments, processing instructions
# and DOCTYPE; any namespace prefix, as in <atom:feed> or <rdf:RDF>.
_FEED_ROOT = re.compile(
    rb"""\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*
    <(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]""",
    re.S | re.X,
)
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|section|div|p|title|meta)[\s>/]", re.I
)


def is_gzip(head: bytes) -> bool:
    return head.startswith(b"\x1f\x8b")


def sniff(head: bytes) -> Format:
    """Name the format of an input from its first bytes.

    Args:
        head: the first SNIFF_BYTES bytes of the input, or all of it when shorter.

    Returns:
        ``gzip`` (decompress and sniff again), ``warc``, ``feed`` (RSS/Atom/RDF),
        ``jsonl``, ``html`` or ``text``; ``empty`` for whitespace only, ``binary`` for
        data that is not text.
    """
    whole = len(head) < SNIFF_BYTES
    if is_gzip(head):
        return "gzip"
    if _WARC.match(head):
        return "warc"
    if head.startswith(_BINARY_MAGIC) or _BZIP2.match(head):
        return "binary"
    head = _as_utf8(head)
    if not head.strip():
        # A full head of whitespace may still be followed by text: let decoding decide.
        return "empty" if whole else "text"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if b"\x00" in head or controls > _MAX_CONTROL_SHARE * len(head):
        return "binary"
    if _FEED_ROOT.match(head):
        return "feed"
    if _is_json_line(head, whole):
        return "jsonl"
    if _HTML_TAG.search(head):
        return "html"
    return "text"


def _as_utf8(head: bytes) -> bytes:
    """The head without a byte-order mark, UTF-16/32 re-encoded so that its NULs go."""
    encoding = bom_encoding(head)
    if encoding is None:
        return head
    return head.decode(encoding, errors="ignore").encode("utf-8")


def _is_json_line(head: bytes, whole: bool) -> bool:
    """Whether the first non-blank line is a JSON object (or starts like one, if cut off)."""
    first, newline, _ = head.lstrip().partition(b"\n")
    first = first.strip()
    if not first.startswith(b"{"):
        return False
    if newline or whole:
        try:
            return isinstance(json.loads(first), dict)
        except ValueError:
            return False
    return first.startswith(b'{"')
