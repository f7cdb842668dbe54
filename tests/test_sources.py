"""Tests for dateline.sources: recognising inputs and turning them into raw documents.

Fixtures are in tests/data/sources (see its README). Nothing here goes on the network:
URLs are read through a fake ``fetch``, and ``fetch_url`` through httpx's mock transport.
"""

from __future__ import annotations

import gzip
import inspect
import io
from pathlib import Path

import httpx
import pytest

from dateline import errors, sources
from dateline.errors import SourceReadError
from dateline.model import Hints, RawDocument
from dateline.settings import Settings
from dateline.sources import FetchedPage, SourceFailure, fetch_url, read_sources
from dateline.sources.decode import decode
from dateline.sources.detect import sniff

DATA = Path(__file__).parent / "data" / "sources"


def read(*inputs: str | Path, **options) -> list[RawDocument | SourceFailure]:
    return list(read_sources([str(name) for name in inputs], **options))


def failures(items: list) -> list[SourceFailure]:
    return [item for item in items if isinstance(item, SourceFailure)]


def plain_warc() -> bytes:
    return gzip.decompress((DATA / "pages.warc.gz").read_bytes())


# Files


def test_sources_html_recognised_without_extension():
    [doc] = read(DATA / "article")
    assert doc.kind == "html"
    assert doc.source == str(DATA / "article")
    assert doc.url is None
    assert "“It is the biggest decision" in doc.content


def test_sources_plain_text_named_html_is_text():
    [doc] = read(DATA / "plain-text.html")
    assert doc.kind == "text"
    assert doc.content.startswith("Ferry timetable to change in April\n\nThe island ferry")


def test_sources_gzip_file_is_decompressed_and_sniffed():
    [doc] = read(DATA / "article.html.gz")
    [plain] = read(DATA / "article")
    assert doc.kind == "html"
    assert doc.content == plain.content


def test_sources_latin1_file_is_decoded():
    [doc] = read(DATA / "latin1.txt")
    assert doc.kind == "text"
    assert doc.content.startswith("Société Générale annonce la fermeture de son agence de Zürich")


def test_sources_crlf_newlines_are_normalised(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"First line\r\nsecond line\rthird line\r\n")
    [doc] = read(path)
    assert doc.content == "First line\nsecond line\nthird line\n"


def test_sources_reads_lazily():
    documents = read_sources([str(DATA / "article"), str(DATA / "no-such-file")])
    assert isinstance(next(documents), RawDocument)
    assert next(documents) == SourceFailure(str(DATA / "no-such-file"), errors.NOT_FOUND)


# Bad inputs: each is exactly one failure, and the batch goes on.


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", errors.EMPTY),
        ("picture.txt", errors.BINARY),
        (
            "truncated.html.gz",
            errors.TRUNCATED_GZIP.format(
                detail="Compressed file ended before the end-of-stream marker was reached"
            ),
        ),
        (
            "malformed.xml",
            errors.BAD_FEED.format(detail="not well-formed (invalid token) at line 5"),
        ),
        ("no-such-file", errors.NOT_FOUND),
    ],
)
def test_sources_bad_input_is_one_failure_and_batch_continues(name, reason):
    items = read(DATA / name, DATA / "article")
    assert items[0] == SourceFailure(str(DATA / name), reason)
    assert len(items) == 2
    assert isinstance(items[1], RawDocument)


def test_sources_whitespace_only_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    assert read(path) == [SourceFailure(str(path), errors.EMPTY)]


def test_sources_undecodable_text(tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_bytes(b"Hello world " + bytes(range(128, 256)) * 4)
    assert read(path) == [SourceFailure(str(path), errors.UNDECODABLE.format(guess="no guess"))]


def test_sources_directory_given_as_file_input_is_walked(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.")
    assert [doc.source for doc in read(tmp_path)] == [str(tmp_path / "a.txt")]


def test_sources_huge_file_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.write(b"Plain text at the start of a very large file.\n" * 200)
        file.truncate(3_000_000_000)  # sparse: reading it would take far longer than the test
    limit = 20_000_000
    assert read(path) == [
        SourceFailure(str(path), errors.TOO_LARGE.format(size=3_000_000_000, limit=limit))
    ]


def test_sources_gzip_over_limit_once_decompressed(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"All work and no play.\n" * 10_000))
    assert read(path, max_bytes=50_000) == [
        SourceFailure(str(path), errors.TOO_LARGE_STREAM.format(limit=50_000))
    ]


# Directories


def test_sources_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("Bravo.")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text("Zulu.")
    (tmp_path / "a" / "deeper").mkdir()
    (tmp_path / "a" / "deeper" / "y.txt").write_text("Yankee.")
    (tmp_path / "c.txt").write_text("Charlie.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("Hidden too.")
    sources = [Path(doc.source).relative_to(tmp_path).as_posix() for doc in read(tmp_path)]
    assert sources == ["a/deeper/y.txt", "a/z.txt", "b.txt", "c.txt"]


def test_sources_directory_bad_file_does_not_stop_walk(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Bravo.")
    items = read(tmp_path)
    assert items[0] == SourceFailure(str(tmp_path / "a.txt"), errors.EMPTY)
    assert [doc.source for doc in items[1:]] == [str(tmp_path / "b.txt")]


# Feeds


def test_sources_rss_items_become_documents():
    docs = read(DATA / "rss.xml")
    assert [doc.source for doc in docs] == [f"{DATA / 'rss.xml'}#{n}" for n in (1, 2, 3)]
    assert [doc.url for doc in docs] == [
        "https://courier.example/2026/03/03/bridge",
        "https://courier.example/2026/03/04/flood-barrier",
        "https://courier.example/2026/03/05/ferry",
    ]
    assert {doc.kind for doc in docs} == {"html"}
    assert docs[2].content == "<p>The island ferry will run two extra crossings on weekdays.</p>"


def test_sources_rss_full_content_preferred_over_description():
    doc = read(DATA / "rss.xml")[1]
    assert doc.content.startswith("<p>The council voted 9 to 2 on Tuesday")
    assert doc.hints.summary == "The council voted for a barrier."


def test_sources_rss_hints():
    doc = read(DATA / "rss.xml")[0]
    assert doc.hints == Hints(
        title="Harbour bridge reopens",
        # The feed's own offset, not UTC (which would make it 3 March).
        published="2026-03-02T23:30:00-05:00",
        publisher="The Quayside Courier",
        authors=("Ana Lima",),
        summary="The harbour bridge reopened after nine months of repairs.",
    )


def test_sources_rss_author_email_form_gives_name():
    # "desk@courier.example (Tom Reyes)": feedparser alone mangles long top-level domains.
    assert read(DATA / "rss.xml")[1].hints.authors == ("Tom Reyes",)


def test_sources_atom_entries_become_documents():
    first, second = read(DATA / "atom.xml")
    assert first.source == f"{DATA / 'atom.xml'}#1"
    assert first.url == "https://radio.example/news/lifeboat"
    assert first.kind == "html"
    assert first.content.startswith("<p>The lifeboat crew rescued two sailors")
    assert first.hints.authors == ("Ines Berg", "Ola Nordmann")
    assert first.hints.published == "2026-03-04T21:40:00+01:00"
    assert first.hints.publisher == "Island Radio News"
    # Plain-text content stays text; with no <published>, <updated> stands in.
    assert second.kind == "text"
    assert second.hints.published == "2026-03-05T08:00:00+01:00"


def test_sources_feed_item_without_text_is_a_failure():
    path = DATA / "item-without-text.xml"
    first, second = read(path)
    assert first == SourceFailure(f"{path}#1", errors.FEED_ITEM_NO_TEXT)
    assert second.source == f"{path}#2"
    assert second.hints.title == "Market day moves to Friday"


def test_sources_feed_without_items(tmp_path):
    path = tmp_path / "quiet.xml"
    path.write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert read(path) == [SourceFailure(str(path), errors.EMPTY_FEED)]


def test_sources_broken_feed_with_items_still_yields_them(tmp_path):
    path = tmp_path / "sloppy.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>Sloppy</title><item><title>Fish & chips</title>'
        "<description>Prices rise at the quay.</description></item></channel></rss>"
    )
    [doc] = read(path)
    assert doc.content == "Prices rise at the quay."


# WARC


def test_sources_warc_yields_html_pages_only():
    path = DATA / "pages.warc.gz"
    docs = read(path)
    assert [(doc.source, doc.url) for doc in docs] == [
        (f"{path}#1", "https://news.example/bridge"),
        (f"{path}#2", "https://news.example/cafe"),
    ]
    assert {doc.kind for doc in docs} == {"html"}


def test_sources_warc_uses_http_charset():
    # The second page is ISO-8859-1, declared only in its HTTP header.
    assert "Café owners on the quay" in read(DATA / "pages.warc.gz")[1].content


def test_sources_warc_limit_applies_per_record(tmp_path):
    path = tmp_path / "pages.warc"
    path.write_bytes(plain_warc())
    assert path.stat().st_size > 1000
    assert len(read(path, max_bytes=1000)) == 2


def test_sources_truncated_warc_gz_yields_records_before_damage():
    path = DATA / "truncated.warc.gz"
    items = read(path)
    assert [item.source for item in items[:2]] == [f"{path}#1", f"{path}#2"]
    assert items[2:] == [
        SourceFailure(
            str(path),
            errors.PARTLY_READ.format(
                reason=errors.TRUNCATED_GZIP.format(
                    detail="Compressed file ended before the end-of-stream marker was reached"
                ),
                last="#2",
            ),
        )
    ]


def test_sources_truncated_warc_never_yields_a_cut_record(tmp_path):
    # Cut inside the ISO-8859-1 page, the second HTML record: only the first survives.
    warc = plain_warc()
    path = tmp_path / "cut.warc"
    path.write_bytes(warc[: warc.index("had fallen".encode("latin-1"))])
    items = read(path)
    assert [item.source for item in items[:1]] == [f"{path}#1"]
    assert items[1:] == [
        SourceFailure(
            str(path),
            errors.PARTLY_READ.format(
                reason=errors.BAD_WARC.format(detail="record 5 is truncated, 94 bytes missing"),
                last="#1",
            ),
        )
    ]


@pytest.mark.parametrize("kept", [5, 40, 200])
def test_sources_warc_cut_in_record_headers(tmp_path, kept):
    warc = plain_warc()
    start = warc.rindex(b"WARC/1.")
    path = tmp_path / "cut.warc"
    path.write_bytes(warc[: start + kept])
    items = read(path)
    assert [item.source for item in items] == [f"{path}#1", f"{path}#2", str(path)]
    assert items[2].reason.startswith("not a readable WARC file (")
    assert items[2].reason.endswith(
        f" at byte {start:,}); the items up to #2 were read, the rest is skipped"
    )


# JSON lines


def test_sources_jsonl_lines_become_documents():
    path = DATA / "articles.jsonl"
    docs = [item for item in read(path) if isinstance(item, RawDocument)]
    assert [(doc.source, doc.kind) for doc in docs] == [
        (f"{path}#1", "html"),
        (f"{path}#2", "text"),
        (f"{path}#7", "text"),
    ]
    assert docs[0].url == "https://courier.example/2026/03/03/bridge"
    assert docs[0].hints == Hints(
        title="Harbour bridge reopens",
        published="2026-03-02",
        publisher="The Quayside Courier",
        authors=("Ana Lima",),
    )
    assert docs[1].hints.authors == ("Tom Reyes",)
    assert docs[1].hints.summary == "Two extra crossings."
    assert docs[1].content == "The island ferry will run two extra crossings.\nFares are unchanged."


def test_sources_jsonl_bad_lines_are_failures_and_reading_continues():
    path = DATA / "articles.jsonl"
    assert failures(read(path)) == [
        SourceFailure(
            f"{path}#3",
            errors.BAD_JSONL.format(line=3, detail="Expecting ',' delimiter at column 39"),
        ),
        SourceFailure(f"{path}#5", errors.JSONL_NO_TEXT.format(line=5)),
        SourceFailure(f"{path}#6", errors.BAD_JSONL.format(line=6, detail="found an array")),
    ]


def test_sources_jsonl_field_of_wrong_type(tmp_path):
    path = tmp_path / "typed.jsonl"
    path.write_text('{"text": "Body.", "title": 7}\n')
    assert read(path) == [
        SourceFailure(
            f"{path}#1",
            errors.JSONL_FIELD.format(line=1, key="title", found="a number", wanted="a string"),
        )
    ]


def test_sources_jsonl_gz(tmp_path):
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress((DATA / "articles.jsonl").read_bytes()))
    assert len([item for item in read(path) if isinstance(item, RawDocument)]) == 3


def test_sources_jsonl_line_over_limit(tmp_path):
    path = tmp_path / "long.jsonl"
    long_line = '{"text": "' + "word " * 100 + '"}'
    path.write_text(f'{{"text": "Short."}}\n{long_line}\n{{"text": "After."}}\n')
    items = read(path, max_bytes=100)
    assert items[1] == SourceFailure(f"{path}#2", errors.TOO_LARGE_STREAM.format(limit=100))
    assert [item.content for item in items if isinstance(item, RawDocument)] == ["Short.", "After."]


# Standard input


def test_sources_stdin_is_sniffed():
    [doc] = read("-", stdin=io.BytesIO((DATA / "article").read_bytes()))
    assert (doc.source, doc.kind) == ("-", "html")


def test_sources_stdin_feed():
    docs = read("-", stdin=io.BytesIO((DATA / "rss.xml").read_bytes()))
    assert [doc.source for doc in docs] == ["-#1", "-#2", "-#3"]


def test_sources_stdin_over_limit_stops_reading():
    stdin = io.BytesIO(b"Some text. " * 1000)
    assert read("-", stdin=stdin, max_bytes=500) == [
        SourceFailure("-", errors.TOO_LARGE_STREAM.format(limit=500))
    ]
    assert stdin.tell() < 11_000


# URLs, through a fake fetch


def fake_fetch(pages: dict[str, FetchedPage]):
    def fetch(url: str) -> FetchedPage:
        if url not in pages:
            raise SourceReadError(url, errors.FETCH_FAILED.format(detail="HTTP 404 Not Found"))
        return pages[url]

    return fetch


def test_sources_url_html_page_gets_final_url():
    page = FetchedPage(
        url="https://courier.example/2026/03/04/flood-barrier",
        content="<p>Café prices rise.</p>".encode("latin-1"),
        content_type="text/html; charset=ISO-8859-1",
    )
    fetch = fake_fetch({"http://courier.example/b": page})
    [doc] = read("http://courier.example/b", fetch=fetch)
    assert doc == RawDocument(
        source="http://courier.example/b",
        kind="html",
        content="<p>Café prices rise.</p>",
        url="https://courier.example/2026/03/04/flood-barrier",
    )


def test_sources_url_feed_yields_items():
    url = "https://courier.example/rss"
    page = FetchedPage(url, (DATA / "rss.xml").read_bytes(), "application/rss+xml")
    docs = read(url, fetch=fake_fetch({url: page}))
    assert [doc.source for doc in docs] == [f"https://courier.example/rss#{n}" for n in (1, 2, 3)]
    assert docs[0].url == "https://courier.example/2026/03/03/bridge"


def test_sources_url_feed_resolves_relative_links():
    url = "https://courier.example/feeds/rss"
    feed = b"""<rss version="2.0"><channel><title>Courier</title><item><title>Ferry</title>
    <link>/2026/03/05/ferry</link><description>Two extra crossings.</description></item>
    </channel></rss>"""
    [doc] = read(url, fetch=fake_fetch({url: FetchedPage(url, feed, "text/xml")}))
    assert doc.url == "https://courier.example/2026/03/05/ferry"


def test_sources_url_failure_and_batch_continues():
    items = read("https://courier.example/gone", DATA / "article", fetch=fake_fetch({}))
    assert items[0] == SourceFailure(
        "https://courier.example/gone", errors.FETCH_FAILED.format(detail="HTTP 404 Not Found")
    )
    assert isinstance(items[1], RawDocument)


# fetch_url, through httpx's mock transport


def mock_client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_sources_fetch_url_follows_redirects_with_user_agent():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["User-Agent"])
        if request.url.path == "/short":
            return httpx.Response(301, headers={"Location": "https://courier.example/long"})
        return httpx.Response(200, content=b"<p>Hi</p>", headers={"Content-Type": "text/html"})

    page = fetch_url("https://courier.example/short", max_bytes=1000, client=mock_client(handler))
    assert page == FetchedPage("https://courier.example/long", b"<p>Hi</p>", "text/html")
    assert all(agent.startswith("dateline/") for agent in seen)


def test_sources_fetch_url_http_error():
    client = mock_client(lambda request: httpx.Response(404))
    with pytest.raises(SourceReadError) as raised:
        fetch_url("https://courier.example/x", max_bytes=1000, client=client)
    assert raised.value.reason == errors.FETCH_FAILED.format(detail="HTTP 404 Not Found")


def test_sources_fetch_url_network_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    with pytest.raises(SourceReadError) as raised:
        fetch_url("https://courier.example/x", max_bytes=1000, client=mock_client(handler))
    assert raised.value.reason == errors.FETCH_FAILED.format(detail="ConnectError: no route")


def test_sources_fetch_url_stops_past_limit():
    def handler(request: httpx.Request) -> httpx.Response:
        # A streamed body: no Content-Length to refuse it up front.
        return httpx.Response(200, content=iter([b"x" * 600, b"y" * 600]))

    with pytest.raises(SourceReadError) as raised:
        fetch_url("https://courier.example/x", max_bytes=1000, client=mock_client(handler))
    assert raised.value.reason == errors.TOO_LARGE_STREAM.format(limit=1000)


def test_sources_fetch_url_timeout():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, content=b"Hi")

    fetch_url("https://courier.example/x", max_bytes=1000, client=mock_client(handler))
    fetch_url(
        "https://courier.example/x", max_bytes=1000, client=mock_client(handler), timeout=45.0
    )
    fetch_url("https://courier.example/x", max_bytes=1000, client=mock_client(handler), timeout=4.0)
    assert seen == [
        {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 30.0},
        {"connect": 10.0, "read": 45.0, "write": 45.0, "pool": 45.0},
        {"connect": 4.0, "read": 4.0, "write": 4.0, "pool": 4.0},
    ]


def test_sources_fetch_timeout_defaults_to_the_settings_default():
    assert Settings().fetch_timeout == 30.0
    assert inspect.signature(fetch_url).parameters["timeout"].default == 30.0
    assert inspect.signature(read_sources).parameters["fetch_timeout"].default == 30.0


def test_sources_read_url_passes_fetch_timeout(monkeypatch):
    calls = []

    def fake_fetch_url(url: str, *, max_bytes: int, timeout: float) -> FetchedPage:
        calls.append((url, max_bytes, timeout))
        return FetchedPage(url, b"Hello there, a plain page of text.", "text/plain")

    monkeypatch.setattr(sources, "fetch_url", fake_fetch_url)
    read("https://courier.example/a", max_bytes=5000, fetch_timeout=7.5)
    read("https://courier.example/b")
    assert calls == [
        ("https://courier.example/a", 5000, 7.5),
        ("https://courier.example/b", 20_000_000, 30.0),
    ]


def test_sources_read_url_own_fetch_used_as_is():
    seen = []

    def fetch(url: str) -> FetchedPage:
        seen.append(url)
        return FetchedPage(url, b"Hello there, a plain page of text.", "text/plain")

    read("https://courier.example/a", fetch=fetch, fetch_timeout=7.5)
    assert seen == ["https://courier.example/a"]


# Recognising formats


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"WARC/1.0\r\nWARC-Type: response\r\n\x00\x01\x02", "warc"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary"),
        (b"PK\x03\x04\x14\x00", "binary"),
        (b"text\x00with NUL", "binary"),
        (bytes(range(1, 9)) * 10 + b"some letters", "binary"),
        (b'<?xml version="1.0"?>\n<!-- generator -->\n<rss version="2.0">', "feed"),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss>', "feed"),
        (b'\n{"text": "Hello"}\n{"text": "again"}\n', "jsonl"),
        (b'{\n  "pretty": "printed"\n}\n', "text"),
        (b"<!DOCTYPE html><html><head>", "html"),
        (b"<div class='story'><p>Hello</p></div>", "html"),
        ("<html><body>Hé</body></html>".encode("utf-16"), "html"),
        (b"Plain text, even if it mentions <rss> or a <b> tag.", "text"),
    ],
)
def test_sources_sniff(head, expected):
    assert sniff(head) == expected


# Decoding


@pytest.mark.parametrize(
    ("text", "encoding", "options"),
    [
        ('<meta charset="windows-1252"><p>Café “quoted”', "cp1252", {"html": True}),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">€',
            "iso-8859-15",
            {"html": True},
        ),
        ("<?xml version='1.0' encoding='koi8-r'?><p>Москва", "koi8-r", {"html": True}),
        ("<p>Москва", "cp1251", {"content_type": "text/html; charset=cp1251"}),
        ("<p>Café</p>", "utf-16", {}),
        # Labelled ISO-8859-1 (a common server default) but valid UTF-8: UTF-8 wins.
        ("<p>Café</p>", "utf-8", {"content_type": "text/html; charset=ISO-8859-1"}),
    ],
)
def test_sources_decode_declared_charsets(text, encoding, options):
    assert decode(text.encode(encoding), "x", **options) == text


def test_sources_decode_ignores_declared_utf16_without_bom():
    data = '<meta charset="utf-16"><p>Café</p>'.encode()
    assert decode(data, "x", html=True) == '<meta charset="utf-16"><p>Café</p>'
