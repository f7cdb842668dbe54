"""Regression tests for hostile and broken input (issue #15): each observed bug, pinned.

Readers, extraction and the exports each get the input that broke them: HTML nested past
libxml2's depth limit, text in a single-byte code page or damaged UTF-8, truncated
archives, JSON lines of the wrong shape, unreachable URLs, and article text that a
spreadsheet or a Markdown renderer would read as a formula or as markup.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
from pathlib import Path

import httpx
import pytest
from markdown_it import MarkdownIt

from clikit import invoke
from dateline.errors import SourceReadError
from dateline.extract import extract
from dateline.extract.html_depth import MAX_DEPTH, shallow
from dateline.model import RawDocument
from dateline.sources import SourceFailure, fetch_url, read_sources
from dateline.sources.decode import decode
from dateline.views import render
from dateline.views.export import Export

SOURCES = Path(__file__).parent / "data" / "sources"

PARAGRAPH = (
    "The council voted on Tuesday to approve the new budget for the city after a long"
    " debate that lasted well into the evening, the mayor's office said."
)


def deep_page(depth: int, opener: str, closer: str) -> str:
    paragraphs = "".join(f"<p>{n}. {PARAGRAPH}</p>" for n in range(1, 6))
    return (
        "<html><head><title>Budget approved</title></head><body>"
        + opener * depth
        + f"<article><h1>Budget approved</h1>{paragraphs}"
        + "<script>var trap = '<p>not text</p>';</script></article>"
        + closer * depth
        + "</body></html>"
    )


# HTML deeper than libxml2 parses


@pytest.mark.parametrize("depth", [300, 5000])
@pytest.mark.parametrize(("opener", "closer"), [("<div>", "</div>"), ("<font size=2>", "")])
def test_issue_15_deep_html_keeps_its_text(depth, opener, closer):
    article = extract(RawDocument("deep.html", "html", deep_page(depth, opener, closer)))
    assert article.body == tuple(f"{n}. {PARAGRAPH}" for n in range(1, 6))
    assert article.title == "Budget approved"


def test_html_depth_leaves_a_shallow_page_alone():
    page = deep_page(100, "<div>", "</div>")
    assert shallow(page) is page


def test_html_depth_flattens_below_the_limit():
    flat = shallow(deep_page(1000, "<div>", "</div>"))
    assert flat.count("<div") == MAX_DEPTH - 2  # <html> and <body> are open above them
    assert "not text" not in flat.replace("'<p>not text</p>'", "")
    assert flat.count(PARAGRAPH) == 5


# Encodings

NEWS = {
    "en": ("Señor Pérez said the café was fine.", "latin-1"),
    "en-typography": ("The minister’s “plan” — agreed on Tuesday — was praised.", "cp1252"),
    "es": (
        "El presidente del Gobierno, Pedro Sánchez, anunció el martes que la reunión con los"
        " sindicatos se celebrará en Madrid después del verano. «No habrá más retrasos»,"
        " añadió.",
        "cp1252",
    ),
    "fr": (
        "Le ministre a annoncé mercredi que la réforme des retraites serait débattue à"
        " l'Assemblée nationale dès le mois prochain, malgré l'opposition des syndicats.",
        "latin-1",
    ),
    "de": (
        "Die Bundesregierung hat am Dienstag beschlossen, die Förderung für Elektroautos zu"
        " verlängern. Der Wirtschaftsminister äußerte sich zufrieden über die Einigung.",
        "cp1252",
    ),
    "pt": (
        "O governo português anunciou nesta terça-feira um acordo com os sindicatos, após"
        " semanas de negociações difíceis.",
        "latin-1",
    ),
    "pl": (
        "Prezydent Polski podpisał w środę ustawę o zmianach w sądownictwie. Łódź i Kraków"
        " będą gospodarzami spotkań, powiedział rzecznik Ministerstwa Sprawiedliwości.",
        "cp1250",
    ),
    "cs": (
        "Vláda v úterý schválila návrh zákona o státním rozpočtu. Ministr financí řekl, že"
        " schodek bude nižší, než se očekávalo.",
        "cp1250",
    ),
    "ru": (
        "Президент России заявил во вторник, что переговоры с Украиной продолжатся на"
        " следующей неделе в Стамбуле.",
        "cp1251",
    ),
    "el": (
        "Ο πρωθυπουργός ανακοίνωσε την Τρίτη νέα μέτρα για την οικονομία της χώρας.",
        "cp1253",
    ),
}


@pytest.mark.parametrize("language", NEWS)
def test_issue_15_single_byte_news_text_decoded_right(language):
    text, encoding = NEWS[language]
    assert decode(text.encode(encoding), "news.txt") == text


def test_issue_15_damaged_utf8_replaced_with_a_count(caplog):
    data = "Señor Pérez said the café was fine".encode() + b" \xff\xfe and cut \xc3"
    with caplog.at_level(logging.WARNING, logger="dateline.sources.decode"):
        text = decode(data, "damaged.txt")
    assert text == "Señor Pérez said the café was fine \ufffd\ufffd and cut \ufffd"
    assert caplog.messages == [
        "damaged.txt: 3 undecodable byte sequence(s) replaced with U+FFFD (read as UTF-8)"
    ]


# Containers broken part way, JSON lines of the wrong shape, unreachable URLs


def test_issue_15_truncated_warc_reports_what_it_read(tmp_path):
    # Cut inside the headers of its last record: the two pages before it are whole.
    warc = gzip.decompress((SOURCES / "pages.warc.gz").read_bytes())
    start = warc.rindex(b"WARC/1.")
    path = tmp_path / "cut.warc"
    path.write_bytes(warc[: start + 40])
    result = invoke("extract", "--json", path)
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        f"{path}#1",
        f"{path}#2",
    ]
    assert result.stderr == (
        f"skipped {path}: not a readable WARC file (damaged or incomplete record at byte"
        f" {start:,}); the items up to #2 were read, the rest is skipped\n"
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Body.", "title": 7}', 'line 1: "title" is a number, not a string'),
        ('{"html": ["<p>Body.</p>"]}', 'line 1: "html" is an array, not a string'),
        (
            '{"text": "Body.", "authors": {"name": "Ana"}}',
            'line 1: "authors" is an object, not a string or an array of strings',
        ),
        (
            '{"text": "Body.", "authors": ["Ana", 0]}',
            'line 1: "authors" is an array holding a number, not a string or an array of strings',
        ),
    ],
)
def test_issue_15_jsonl_wrong_type_named(tmp_path, line, reason):
    path = tmp_path / "typed.jsonl"
    path.write_text(line + "\n")
    assert list(read_sources([str(path)])) == [SourceFailure(f"{path}#1", reason)]


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (
            httpx.ConnectError("[Errno -2] Name or service not known"),
            "ConnectError: Name or service not known",
        ),
        (httpx.ConnectError("[Errno 111] Connection refused"), "ConnectError: Connection refused"),
        (httpx.ReadTimeout(""), "ReadTimeout"),
    ],
)
def test_issue_15_unreachable_url_says_why(error, detail):
    def handler(request: httpx.Request) -> httpx.Response:
        error.request = request
        raise error

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(SourceReadError) as raised:
        fetch_url("https://courier.example/x", max_bytes=1000, client=client)
    assert raised.value.reason == f"download failed ({detail})"


# Exports: what a spreadsheet or a Markdown renderer would act on


def test_issue_15_csv_neutralises_formulas_and_control_characters():
    hostile = {
        "id": "a1",
        "title": '=HYPERLINK("https://evil.example","Click")',
        "publisher": "+44 20 7946 0000",
        "wire": "@SUM(A1:A9)",
        "dateline": "-2+3",
        "summary": "red \x1b[31malert\x1b[0m and \x9b2J cleared\x07",
        "body": ["=1+1", "Fine.\tTabbed"],
        "words": 12,
    }
    empty = Export(articles=[hostile], entities=[], quotes=[], events=[], stories=[])
    [row] = csv.DictReader(io.StringIO(empty.tables()["articles.csv"]))
    assert row == {
        "id": "a1",
        "title": '\'=HYPERLINK("https://evil.example","Click")',
        "publisher": "'+44 20 7946 0000",
        "wire": "'@SUM(A1:A9)",
        "dateline": "'-2+3",
        "summary": "red [31malert[0m and 2J cleared",
        "body": '["=1+1", "Fine.\\tTabbed"]',
        "words": "12",
    }


LIST_LIKE = [
    "1. Ships arrive",
    "2) Cranes inspected",
    "+ Fares unchanged",
    "- Berths shut",
    "---",
    "> quoted",
]


def test_issue_15_markdown_text_never_becomes_markup():
    lines = [(None, text, ()) for text in LIST_LIKE] + [("March 3", "1. Labelled", ())]
    written = render.markdown("1. Story", [render.Section("Timeline", lines)])
    tokens = MarkdownIt("commonmark").parse(written)
    blocks = [t.type for t in tokens if t.type.endswith("_open") and t.level == 0]
    assert blocks == ["heading_open", "heading_open", "bullet_list_open"]
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == len(lines)
    assert not any(t.type in ("ordered_list_open", "blockquote_open", "hr") for t in tokens)
    shown = [
        "".join(child.content for child in t.children or () if child.type == "text")
        for t in tokens
        if t.type == "inline"
    ]
    assert shown == ["1. Story", "Timeline", *LIST_LIKE, "March 3: 1. Labelled"]


# What the fuzzing found (bench/fuzz.py, tests/test_fuzz_readers.py)


def test_fuzz_found_feed_parser_crash_is_a_bad_feed(tmp_path):
    # feedparser's lenient parser calls chr() on a reference past U+10FFFF and raises.
    path = tmp_path / "feed.xml"
    path.write_text('<rss version="2.0"><channel><item><title>&#x110000; <</title></item>')
    [failure] = read_sources([str(path)])
    assert isinstance(failure, SourceFailure)
    assert failure.reason == (
        "not a well-formed RSS/Atom feed (ValueError: chr() arg not in range(0x110000))"
    )


def test_fuzz_found_jsonl_nested_too_deep(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "Body."}\n' + "[" * 100_000 + "\n")
    assert list(read_sources([str(path)]))[1:] == [
        SourceFailure(f"{path}#2", "line 2 is not a JSON object (nested too deep)")
    ]


def test_fuzz_found_jsonl_lone_surrogate_and_controls_dropped(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "Ships \\ud800moved\\u0000 in.", "title": "A\\u0007B"}\n')
    [doc] = read_sources([str(path)])
    assert (doc.content, doc.hints.title) == ("Ships moved in.", "AB")
    assert doc.sha256  # encodable, so storable


def test_fuzz_found_control_characters_in_html_extracted():
    # Too little page for trafilatura: the fragment reader removes the script, and lxml
    # refused to keep the control character in the text after it.
    page = f"<p>{PARAGRAPH}</p><script>x</script><p>The mayor\x01 left.</p>"
    article = extract(RawDocument("ctl.html", "html", page))
    assert article.body == (PARAGRAPH, "The mayor left.")
