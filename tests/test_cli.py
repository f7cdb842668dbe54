"""End-to-end tests through the CLI, on inputs written into tmp_path."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from clikit import invoke, schema_for
from dateline.store import Store

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Port reopens after storm | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2026-03-04T08:00:00Z">
<link rel="canonical" href="https://harbour.example.com/news/port-reopens"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Port reopens after storm</h1>
<p>The city's container port reopened on Tuesday after a storm closed it for three days,
the harbour authority said, and ships queued outside the breakwater began to move in.</p>
<p>Officials said the cranes had been inspected overnight and that two berths would stay
closed until damaged fenders were replaced later this month.</p>
<p>Shipping agents said the backlog would take about a week to clear.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>
"""

TEXT = """Council approves new cycle lanes

The city council voted on Monday to build twelve kilometres of protected cycle lanes across
the centre, after a debate that ran late into the evening and drew a crowd of residents.

Supporters said the lanes would cut traffic and make the streets safer for children walking
to school, while shop owners warned that losing parking spaces would hurt their trade.

Work on the first section is due to start in the spring and to last about eight months.
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "page.html").write_text(PAGE)
    (folder / "nested" / "council.txt").write_text(TEXT)
    return folder


@pytest.mark.slow
def test_cli_ingest_lists_and_shows(inputs, db_path):
    result = invoke("ingest", inputs, "--db", db_path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(
        "ingested 2, duplicate 0 (0 updated), near copies 0, analysed 2, skipped 0"
    )
    listing = invoke("articles", "--db", db_path, "--json")
    lines = [json.loads(line) for line in listing.stdout.splitlines()]
    assert [line["title"] for line in lines] == [
        "Port reopens after storm",
        "Council approves new cycle lanes",
    ]
    for line in lines:
        jsonschema.validate(line, schema_for("article_listing"))
    assert lines[0]["published"] == {"value": "2026-03-04", "how": "metadata"}
    shown = invoke("show", lines[0]["id"][:8], "--db", db_path, "--json")
    article = json.loads(shown.stdout)
    jsonschema.validate(article, schema_for("stored_article"))
    assert article["url"] == "https://harbour.example.com/news/port-reopens"
    assert len(article["body"]) == 3


@pytest.mark.slow
def test_cli_articles_plain_lines(inputs, db_path):
    invoke("ingest", inputs, "--db", db_path)
    out = invoke("articles", "--db", db_path).stdout.splitlines()
    assert len(out) == 2
    assert "2026-03-04 (metadata)" in out[0] and "Port reopens after storm" in out[0]


@pytest.mark.slow
def test_cli_show_plain_has_body(inputs, db_path):
    invoke("ingest", inputs, "--db", db_path)
    with Store.open(str(db_path)) as store:
        article_id = next(store.articles.all()).id
    out = invoke("show", article_id, "--db", db_path).stdout
    assert "title:     Port reopens after storm" in out
    assert "two berths would stay" in out and "Copyright" not in out


@pytest.mark.slow
def test_cli_reingest_adds_nothing(inputs, db_path):
    invoke("ingest", inputs, "--db", db_path)
    again = invoke("ingest", inputs, "--db", db_path, "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["duplicate"] == 2
    with Store.open(str(db_path)) as store:
        assert store.articles.counts()["articles"] == 2
        assert store.articles.counts()["raw_documents"] == 2


@pytest.mark.slow
def test_cli_ingest_stdin_with_given_metadata(db_path):
    result = invoke(
        "ingest",
        "-",
        "--db",
        db_path,
        "--published",
        "2026-01-18",
        "--publisher",
        "Example Post",
        input=TEXT.encode(),
    )
    assert result.exit_code == 0, result.output
    line = json.loads(invoke("articles", "--db", db_path, "--json").stdout)
    assert line["published"] == {"value": "2026-01-18", "how": "given"}
    assert line["publisher"] == "Example Post" and line["source"] == "-"


@pytest.mark.slow
def test_cli_bad_inputs_skipped_and_reported(inputs, db_path):
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = invoke("ingest", inputs, "--db", db_path, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema_for("ingest_report"))
    assert (report["ingested"], report["skipped"]) == (2, 2)
    assert f"skipped {inputs / 'empty.txt'}: the input is empty" in result.stderr
    assert (
        f"skipped {inputs / 'image.html'}: the input is binary data, not text or HTML"
        in result.stderr
    )
    assert "Traceback" not in result.output
    listed = [
        json.loads(line)
        for line in invoke("failures", "--db", db_path, "--json").stdout.splitlines()
    ]
    for line in listed:
        jsonschema.validate(line, schema_for("failure"))
    assert [(f["source"], f["stage"], f["message"]) for f in listed] == [
        (str(inputs / "empty.txt"), "read", "the input is empty"),
        (str(inputs / "image.html"), "read", "the input is binary data, not text or HTML"),
    ]
    shown = invoke("failures", "--db", db_path).stdout
    assert "empty.txt" in shown and "the input is binary data" in shown


def test_cli_missing_path_is_one_line(db_path, tmp_path):
    result = invoke("ingest", tmp_path / "nope.html", "--db", db_path)
    assert result.exit_code == 1
    assert f"skipped {tmp_path / 'nope.html'}: no such file or directory" in result.stderr


def test_cli_extract_json_lines(inputs):
    result = invoke("extract", inputs, "--json")
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    for obj in objects:
        jsonschema.validate(obj, schema_for("article"))
        assert {
            "source",
            "title",
            "publisher",
            "wire",
            "dateline",
            "authors",
            "language",
            "published",
            "body",
            "captions",
        } <= obj.keys()


def test_cli_bad_published_date_is_usage_error(inputs, db_path):
    result = invoke("ingest", inputs, "--db", db_path, "--published", "18/01/2026")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --published: '18/01/2026' is not a date: use YYYY-MM-DD"


def test_cli_show_unknown_id(store, db_path):
    result = invoke("show", "ffffffff", "--db", db_path)
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "Error: no article with id 'ffffffff'. List ids with 'dateline articles'."
    )


def test_cli_unopenable_store(tmp_path):
    result = invoke("ingest", "--db", tmp_path / "no" / "such" / "dir.db", "-")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open the store")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_control_characters_not_printed(db_path, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Evil \x1b[2J\x1b]0;pwned\x07 headline\n\n" + TEXT.split("\n\n", 1)[1])
    invoke("ingest", hostile, "--db", db_path)
    out = invoke("articles", "--db", db_path).stdout
    assert "\x1b" not in out and "\x07" not in out


@pytest.mark.slow
def test_cli_killed_ingest_loses_and_duplicates_nothing(tmp_path, db_path):
    feed = tmp_path / "many.jsonl"
    lines = [
        json.dumps(
            {
                "url": f"https://news.example.org/{n}",
                "title": f"Report {n}",
                "text": f"Report number {n} says the committee met for the {n}th time "
                f"and agreed on {n} new measures after a long debate.\n\n"
                f"Members will meet again next week to review item {n}.",
            }
        )
        for n in range(400)
    ]
    feed.write_text("\n".join(lines))
    cmd = [
        sys.executable,
        "-m",
        "dateline",
        "ingest",
        str(feed),
        "--db",
        str(db_path),
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while stored < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with Store.open(str(db_path), create=False) as store:
                stored = store.articles.counts()["articles"]
        except Exception:  # not made yet, or still migrating
            stored = 0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 400, "the ingest should have been killed midway"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(str(db_path)) as store:
        assert store.articles.counts()["articles"] == 400
        assert len({s.article.url for s in store.articles.all()}) == 400


def test_cli_help_lists_commands():
    out = invoke("--help").stdout
    for command in ("ingest", "extract", "articles", "show"):
        assert command in out


@pytest.fixture
def local_site():
    """A loopback HTTP server: /story is PAGE, anything else 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            found = self.path == "/story"
            body = PAGE.encode() if found else b"not here"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_cli_ingest_urls(local_site, db_path):
    result = invoke("ingest", f"{local_site}/story", f"{local_site}/gone", "--db", db_path)
    assert result.exit_code == 1
    assert f"skipped {local_site}/gone: download failed (HTTP 404 Not Found)" in result.stderr
    line = json.loads(invoke("articles", "--db", db_path, "--json").stdout)
    assert line["source"] == f"{local_site}/story"
    assert line["url"] == "https://harbour.example.com/news/port-reopens"


@pytest.mark.slow
def test_cli_huge_input_skipped_unread(inputs, db_path):
    huge = inputs / "huge.txt"
    with huge.open("wb") as f:
        f.write(TEXT.encode() * 20)  # looks like text where the format is sniffed ...
        f.truncate(20_000_001)  # ... then sparse: nothing should read it
    result = invoke("ingest", inputs, "--db", db_path)
    assert result.exit_code == 1
    assert (
        f"skipped {huge}: the input is 20,000,001 bytes, over the 20,000,000-byte limit"
        in result.stderr
    )
    assert "ingested 2," in result.stderr


@pytest.mark.slow
def test_cli_truncated_gzip_skipped(inputs, db_path):
    whole = gzip.compress(PAGE.replace("Port", "Airport").encode() * 20)
    (inputs / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    result = invoke("ingest", inputs, "--db", db_path)
    assert result.exit_code == 1
    assert (
        f"skipped {inputs / 'cut.html.gz'}: the gzip stream is truncated or corrupt"
        in result.stderr
    )
    assert "ingested 2," in result.stderr


@pytest.mark.slow
def test_cli_demo_corpus(db_path):
    corpus = files("dateline") / "demo" / "corpus"
    result = invoke("ingest", corpus, "--db", db_path, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ingested"] == 12
    listing = [
        json.loads(line)
        for line in invoke("articles", "--db", db_path, "--json").stdout.splitlines()
    ]
    dates = [line["published"]["value"] for line in listing]
    assert dates == sorted(dates) and dates[0] == "2004-11-24" and dates[-1] == "2008-07-02"
    assert all(line["published"]["how"] in ("metadata", "text") for line in listing)
