"""Build the binary fixtures in this folder: run once, commit the output.

    .venv/bin/python tests/data/sources/make_fixtures.py

Text fixtures are written by hand; these are generated so that they can be rebuilt and
reviewed as code: a WARC (and a truncated copy), gzip files, a Latin-1 file, a fake PNG.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent

PAGE_A = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour bridge reopens</title></head>
<body><article><h1>Harbour bridge reopens</h1>
<p>PORT ELLEN, 3 March (Dateline Wire) - The harbour bridge reopened on Monday after
nine months of repairs, the council said.</p></article></body></html>
"""

PAGE_B = """<html><head><title>Caf\u00e9 owners welcome bridge</title></head>
<body><p>Caf\u00e9 owners on the quay said trade had fallen by a third while the bridge
was closed. \u00abWe survived,\u00bb said one.</p></body></html>
"""

NOT_FOUND_PAGE = "<html><body><p>Not found</p></body></html>"


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    )


def make_warc() -> bytes:
    """warcinfo, request, two HTML 200 responses, a PNG response and a 404 page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record("pages.warc.gz", {"software": "dateline tests"})
    )
    request = StatusAndHeaders(
        "GET /bridge HTTP/1.1", [("Host", "news.example")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record("https://news.example/bridge", "request", http_headers=request)
    )
    _response(
        writer,
        "https://news.example/bridge",
        "200 OK",
        "text/html; charset=utf-8",
        PAGE_A.encode("utf-8"),
    )
    _response(writer, "https://news.example/png", "200 OK", "image/png", PNG)
    _response(
        writer,
        "https://news.example/cafe",
        "200 OK",
        "text/html; charset=iso-8859-1",
        PAGE_B.encode("latin-1"),
    )
    _response(
        writer,
        "https://news.example/missing",
        "404 Not Found",
        "text/html",
        NOT_FOUND_PAGE.encode("ascii"),
    )
    return out.getvalue()


# A PNG signature and IHDR chunk start, then junk: enough to be recognised as binary.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

LATIN1_TEXT = """Soci\u00e9t\u00e9 G\u00e9n\u00e9rale annonce la fermeture de son agence de Z\u00fcrich.
La d\u00e9cision, prise apr\u00e8s trois ann\u00e9es de pertes, touche quarante employ\u00e9s,
a pr\u00e9cis\u00e9 la banque mardi dans un communiqu\u00e9.
"""


def main() -> None:
    warc = make_warc()
    (HERE / "pages.warc.gz").write_bytes(warc)
    # Cut inside the last gzip member (the 404 response): the first records stay readable.
    (HERE / "truncated.warc.gz").write_bytes(warc[: len(warc) - 40])
    html = (HERE / "article").read_bytes()
    (HERE / "article.html.gz").write_bytes(gzip.compress(html, mtime=0))
    (HERE / "truncated.html.gz").write_bytes(gzip.compress(html, mtime=0)[:-30])
    (HERE / "picture.txt").write_bytes(PNG)
    (HERE / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))


if __name__ == "__main__":
    main()
