"""Turn a document's bytes into text: byte-order mark, declared charset, UTF-8, a guess."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator

import charset_normalizer
from charset_normalizer.cd import coherence_ratio
from charset_normalizer.md import mess_ratio

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
# Czech read as Windows-1252 scores 0.036 below its Windows-1250 reading; Spanish read as
# ISO-8859-10 (« as Ŧ) 0.008 above its Windows-1252 reading.
_COHERENCE_MARGIN = 0.02
_REPLACEMENT = "\ufffd"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Punctuation that sits against letters in text: dashes, brackets, quotes (don’t, «Oui»).
_TEXT_PUNCTUATION = {"Pd", "Ps", "Pe", "Pi", "Pf"}


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
    the XML declaration; UTF-8. This is the HTML standard's order (transport before markup).
    Then UTF-8 with its few bad bytes replaced (logged with their count) when the rest is
    UTF-8 text; then the most plausible single-byte decoding (``_guess``).

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
    return _normalise_newlines(_utf8_replaced(data, source) or _guess(data, source))


def _utf8_replaced(data: bytes, source: str) -> str | None:
    """UTF-8 with bad bytes replaced by U+FFFD, when at least as many characters decode.

    Text in a single-byte encoding rarely forms even one valid multi-byte sequence (an
    accented capital or ``ß`` then a symbol), and fails on nearly every other non-ASCII
    byte; UTF-8 text damaged by a cut or a stray byte still has mostly valid ones.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    decoded = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    if not decoded or decoded < replaced:
        return None
    logger.warning(
        "%s: %d undecodable byte sequence(s) replaced with U+FFFD (read as UTF-8)",
        source,
        replaced,
    )
    return text


def _guess(data: bytes, source: str) -> str:
    """The single-byte decoding with the fewest oddities, then the most like a language.

    The candidates are Windows-1252 (which reads Latin-1 too) and charset-normalizer's
    guesses, each only when charset-normalizer's measure of chaos passes it. Western and
    Central European code pages often decode the same bytes to letters alike (``ñ`` or
    ``ń``), which chaos cannot tell apart: a wrong reading shows in its oddities
    (``podpisa³``), or in letter frequencies less like any language's (charset-normalizer's
    coherence, which must lead by a margin: it is noisy on a few words); when neither
    tells, Windows-1252 wins, the likelier in news.

    Raises:
        SourceReadError: UNDECODABLE when no candidate is plausible.
    """
    guesses = charset_normalizer.from_bytes(data)
    best: tuple[int, float, str, str] | None = None
    for encoding in dict.fromkeys(["cp1252", *(match.encoding for match in guesses)]):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if mess_ratio(text, _MAX_CHAOS) > _MAX_CHAOS:
            continue
        odd = _oddities(text)
        coherence = max((ratio for _, ratio in coherence_ratio(text)), default=0.0)
        if (
            best is None
            or odd < best[0]
            or (odd == best[0] and coherence > best[1] + _COHERENCE_MARGIN)
        ):
            best = (odd, coherence, encoding, text)
    if best is None:
        guess = guesses.best()
        described = f"{guess.encoding}, not confident" if guess is not None else "no guess"
        raise SourceReadError(source, UNDECODABLE.format(guess=described))
    logger.info("%s: decoded as %s (guessed)", source, best[2])
    return best[3]


def _oddities(text: str) -> int:
    """How many characters look like a wrong decoding rather than text.

    Counted: control characters other than whitespace; a symbol, digit-like sign or
    punctuation other than quotes and dashes right after a letter (``podpisa³``,
    ``mo¿e``); a letter in a different script from the letter before it (``rйforme``).
    """
    odd = 0
    for match in _NON_ASCII.finditer(text):
        char, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        category = unicodedata.category(char)
        if category == "Cc":
            odd += 1
        elif category[0] == "L":
            odd += before.isalpha() and _script(before) != _script(char)
        elif category not in _TEXT_PUNCTUATION and category[0] != "Z":
            odd += before.isalpha()
    return odd


def _script(letter: str) -> str:
    """The first word of a letter's Unicode name: LATIN, CYRILLIC, GREEK..."""
    return "LATIN" if letter.isascii() else unicodedata.name(letter, "?").split()[0]


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
