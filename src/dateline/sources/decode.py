"""Turn a document's bytes into text: byte-order mark, declared charset, UTF-8, a guess."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator

import charset_normalizer

from dateline.errors import UNDECODABLE, SourceReadError

logger = logging.getLogger(__name__)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?encoding\s*=\s*["']([\w.:-]+)""")
# Browsers look further than the 1,024 bytes the HTML standard asks for; so do we.
_META_SCAN_BYTES = 8192
# Labels that browsers read as windows-1252 (WHATWG Encoding Standard); servers send
# ISO-8859-1 by default, so a page so labelled that is valid UTF-8 is taken as UTF-8.
_WINDOWS_1252_LABELS = {"ascii", "iso8859-1", "cp1252"}
# charset-normalizer's "chaos" (share of implausible characters); it drops guesses above 0.2.
_MAX_CHAOS = 0.1


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def decode(data: bytes, source: str, *, content_type: str | None = None, html: bool = False) -> str:
    """Decode one document and normalise its newlines to ``\\n``.

    Tries, in this order, the first that decodes without error: a byte-order mark; the
    charset of the HTTP Content-Type; for HTML, ``<meta charset>``, its http-equiv form or
    the XML declaration; UTF-8; then charset-normalizer's guess, only when it is confident.
    This is the HTML standard's order (transport before markup).

    Args:
        data: the document's bytes.
        source: the input's name, for errors.
        content_type: the HTTP Content-Type header, if the document came over HTTP.
        html: whether to look for a charset declared in the markup.

    Raises:
        SourceReadError: UNDECODABLE when no encoding fits.
    """
    for encoding in _candidates(data, content_type, html):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return _normalise_newlines(text)
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.chaos <= _MAX_CHAOS:
        logger.debug("%s: decoded as %s (guessed)", source, guess.encoding)
        return _normalise_newlines(str(guess))
    described = f"{guess.encoding}, not confident" if guess is not None else "no guess"
    raise SourceReadError(source, UNDECODABLE.format(guess=described))


def _candidates(data: bytes, content_type: str | None, html: bool) -> Iterator[str]:
    """Encodings to try, most authoritative first, each once."""
    labels = [charset] if (charset := header_charset(content_type)) else []
    if html:
        head = data[:_META_SCAN_BYTES]
        if declared := _META_CHARSET.search(head) or _XML_ENCODING.match(head):
            labels.append(declared.group(1).decode("ascii"))
    ordered = [bom_encoding(data)]
    for label in labels:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            logger.debug("ignoring unknown charset %r", label)
            continue
        if name in _WINDOWS_1252_LABELS:
            # cp1252 leaves five bytes undefined; Latin-1 then takes any byte.
            ordered += ["utf-8", "cp1252", "latin-1"]
        elif not name.startswith(("utf-16", "utf-32")):
            # A declared UTF-16/32 without a byte-order mark is a mislabel (the standard
            # says read it as UTF-8): ASCII markup would decode as nonsense.
            ordered.append(name)
    ordered.append("utf-8")
    yield from dict.fromkeys(encoding for encoding in ordered if encoding)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
