"""The HTTP API (``dateline.web``) through FastAPI's TestClient, on a store the CLI filled:
every route, the shapes the CLI's ``--json`` gives, pagination, search, background ingest,
and every error code in the one error shape."""

from __future__ import annotations

import json
import time

import jsonschema
import pytest
from fastapi.testclient import TestClient

import dateline
from clikit import invoke, schema_for
from conftest import DATA, free_port, new_db
from dateline.web import create_app

pytestmark = pytest.mark.slow

PASTED = (
    "Ferry strike halts island crossings\n\n"
    "Ferry crews walked out on Thursday over pay, halting every crossing to the islands, "
    "the operator said.\n\n"
    "The union said the strike would last until the operator returned to talks."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = new_db(tmp_path_factory.mktemp("api"), "talks")
    result = invoke("ingest", DATA / "link" / "talks.jsonl", "--db", path)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def client(db):
    with dateline.open(db) as store, TestClient(create_app(store)) as client:
        yield client


def error_of(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]["message"]


def test_stories_list_and_one(client):
    listed = client.get("/api/stories").json()
    assert listed["total"] >= 1 and listed["offset"] == 0
    first = listed["items"][0]
    jsonschema.validate(first, schema_for("story_listing"))
    assert client.get(f"/api/stories/{first['id']}").json() == first
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert page["limit"] == 1 and len(page["items"]) <= 1
    assert page["items"] == listed["items"][1:2]


def test_timeline_is_the_clis(client, db):
    story = client.get("/api/stories").json()["items"][0]["id"]
    every = client.get(f"/api/stories/{story}/timeline").json()
    cli = invoke("timeline", str(story), "--json", "--db", db)
    assert every["entries"] == [json.loads(line) for line in cli.stdout.splitlines()]
    assert every["more"] == 0 and every["story"] == story
    for entry in every["entries"]:
        jsonschema.validate(entry, schema_for("timeline_entry"))
    top = client.get(f"/api/stories/{story}/timeline", params={"top": 2}).json()
    assert len(top["entries"]) == min(2, len(every["entries"]))
    assert top["more"] == len(every["entries"]) - len(top["entries"])
    assert (
        client.get(f"/api/stories/{story}/timeline", params={"top": 2, "all": True}).json() == every
    )
    late = client.get(f"/api/stories/{story}/timeline", params={"from": "2999-01-01"}).json()
    assert late["entries"] == []


def test_brief_and_the_other_story_views(client, db):
    story = client.get("/api/stories").json()["items"][0]["id"]
    brief = client.get(f"/api/stories/{story}/brief").json()
    cli = invoke("brief", str(story), "--json", "--db", db)
    assert brief["points"] == [json.loads(line) for line in cli.stdout.splitlines()]
    for point in brief["points"]:
        jsonschema.validate(point, schema_for("brief_point"))
    events = client.get(f"/api/stories/{story}/events").json()
    assert events["total"] == len(events["items"]) > 0
    entities = client.get(f"/api/stories/{story}/entities").json()
    assert entities["items"] and all("roles" in e for e in entities["items"])
    quotes = client.get(f"/api/stories/{story}/quotes").json()
    assert quotes["items"]
    speaker = next(q["speaker"] for q in quotes["items"] if q["speaker"])
    only = client.get(f"/api/stories/{story}/quotes", params={"speaker": speaker}).json()
    assert only["items"] and all(speaker in q["speaker"] for q in only["items"])
    coverage = client.get(f"/api/stories/{story}/coverage").json()["coverage"]
    articles = client.get(f"/api/stories/{story}").json()["articles"]
    assert sum(c["articles"] for c in coverage) == articles
    check = client.get(f"/api/stories/{story}/check").json()
    jsonschema.validate(check, schema_for("check_result"))
    assert check["lines"] >= check["supported"] > 0
    exported = client.get(f"/api/stories/{story}/export").json()
    assert {"articles", "events", "timeline"} <= set(exported)
    markdown = client.get(f"/api/stories/{story}/export", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/plain") and markdown.text
    error_of(
        client.get(f"/api/stories/{story}/export", params={"format": "csv"}), 400, "bad_request"
    )


def test_articles_and_search(client):
    listed = client.get("/api/articles", params={"limit": 2}).json()
    assert listed["total"] > 2 and len(listed["items"]) == 2
    first = listed["items"][0]
    one = client.get(f"/api/articles/{first['id']}").json()
    assert one["id"] == first["id"] and one["analysis"] is not None and one["story"]
    assert client.get(f"/api/articles/{first['id'][:6]}").json()["id"] == first["id"]
    word = one["title"].split()[0]
    found = client.get("/api/search", params={"q": word}).json()
    assert found["total"] >= 1 and first["id"] in {hit["id"] for hit in found["items"]}
    none = client.get("/api/search", params={"q": '"no such phrase anywhere" zzzz'}).json()
    assert none["total"] == 0 and none["items"] == []
    odd = client.get("/api/search", params={"q": 'AND OR ( " * NEAR'}).json()  # no syntax
    assert odd["total"] >= 0


def test_errors_have_one_shape(client):
    error_of(client.get("/api/stories/999999"), 404, "story_not_found")
    error_of(client.get("/api/stories/0"), 422, "invalid_request")
    error_of(client.get("/api/stories/x/timeline"), 422, "invalid_request")
    error_of(client.get("/api/stories/1/timeline", params={"top": 0}), 422, "invalid_request")
    error_of(client.get("/api/stories/1/timeline", params={"from": "May"}), 422, "invalid_request")
    error_of(client.get("/api/articles/ffffffffffff"), 404, "article_not_found")
    error_of(client.get("/api/search"), 422, "invalid_request")
    error_of(client.get("/api/stories", params={"limit": 100000}), 422, "invalid_request")
    error_of(client.get("/api/nothing"), 404, "not_found")
    error_of(client.delete("/api/stories"), 405, "method_not_allowed")
    error_of(client.get("/api/ingest/" + "0" * 32), 404, "not_found")
    error_of(
        client.post("/api/ingest", content=b"text", headers={"content-type": "text/plain"}),
        415,
        "unsupported_media_type",
    )
    error_of(client.post("/api/ingest", json={"text": ""}), 422, "invalid_request")
    error_of(
        client.post("/api/ingest", json={"text": "x", "url": "javascript:1"}),
        422,
        "invalid_request",
    )
    forged = client.post("/api/ingest", json={"text": "x"}, headers={"origin": "https://evil.test"})
    error_of(forged, 403, "forbidden")


def test_openapi_documents_the_paths(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/timeline",
        "/api/stories/{story_id}/brief",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/ingest",
    ):
        assert path in paths


def wait_for(client, location: str) -> dict:
    for _ in range(600):
        job = client.get(location).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"{location} did not finish")


def test_pasted_article_is_ingested_in_the_background(tmp_path):
    db = new_db(tmp_path, "pasted")
    app = create_app(dateline.Settings(db=db, jobs=1))
    with TestClient(app) as client:
        sent = client.post(
            "/api/ingest",
            json={"text": PASTED, "publisher": "Island Post", "published": "2026-03-06"},
        )
        assert sent.status_code == 202
        job = wait_for(client, sent.headers["location"])
        assert job["state"] == "done", job
        assert job["report"]["ingested"] == 1 and job["stories"]
        [article_id] = job["report"]["article_ids"]
        article = client.get(f"/api/articles/{article_id}").json()
        assert article["publisher"] == "Island Post" and article["story"] == job["stories"][0]
        files = {
            "files": ("strike.txt", PASTED.replace("Thursday", "Friday").encode(), "text/plain")
        }
        uploaded = client.post("/api/ingest", files=files, data={"publisher": "Harbour Wire"})
        assert uploaded.status_code == 202
        assert wait_for(client, uploaded.headers["location"])["state"] == "done"
        assert client.get("/api/articles").json()["total"] == 2
        found = client.get("/api/search", params={"q": "ferry crews"}).json()
        assert found["total"] == 2


def test_a_token_guards_every_route(client, db):
    with dateline.open(db) as store, TestClient(create_app(store, token="s3cret")) as guarded:
        error_of(guarded.get("/api/stories"), 401, "unauthorized")
        error_of(
            guarded.get("/api/stories", headers={"authorization": "Bearer wrong"}),
            401,
            "unauthorized",
        )
        ok = guarded.get("/api/stories", headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        page = guarded.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert guarded.get("/login").status_code == 200
        assert guarded.post("/login", data={"token": "wrong"}).status_code == 401
        signed = guarded.post("/login", data={"token": "s3cret"}, follow_redirects=False)
        assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
        assert guarded.get("/").status_code == 200  # the cookie now carries the token


def test_serve_refuses_another_address_without_a_token(db):
    result = invoke("serve", "--db", db, "--host", "0.0.0.0")
    assert result.exit_code == 2 and "--token" in result.stderr


def test_serve_says_when_its_port_is_taken(db):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = invoke("serve", "--db", db, "--port", port)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_an_unexpected_failure_is_a_500_without_a_trace(db, monkeypatch):
    from dateline import service

    def broken(_store):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(service, "stories", broken)
    with dateline.open(db) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        message = error_of(client.get("/api/stories"), 500, "internal_error")
    assert "secret" not in message and "Traceback" not in message


def test_the_kept_openapi_document_is_current():
    from dateline.web import openapi

    kept = openapi.KEPT.read_text(encoding="utf-8")
    assert kept == openapi.text(), (
        "run: python -m dateline.web.openapi > src/dateline/schemas/openapi.json"
    )


def test_ingest_limits_and_timeouts_have_their_codes(tmp_path, monkeypatch):
    settings = dateline.Settings(db=new_db(tmp_path, "limits"), jobs=1, max_bytes=20)
    with TestClient(create_app(settings)) as client:
        chunked = client.post(
            "/api/ingest",
            content=iter([b'{"text": "x"}']),
            headers={"content-type": "application/json"},
        )
        error_of(chunked, 411, "length_required")
        error_of(client.post("/api/ingest", json={"text": "x" * 2000}), 413, "too_large")
        big = {"files": ("big.txt", b"y" * 100, "text/plain")}
        error_of(client.post("/api/ingest", files=big), 413, "too_large")
        from dateline.web import app as web_app

        monkeypatch.setattr(web_app, "REQUEST_TIMEOUT", 0.0)
        error_of(client.get("/api/stories"), 503, "timeout")


def test_dateline_serve_answers_on_loopback(db):
    import subprocess
    import sys

    import httpx

    port = free_port()
    command = [sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(150):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("dateline serve did not answer")
        assert answer.status_code == 200 and answer.json()["total"] >= 1
        assert "script-src 'self'" in answer.headers["content-security-policy"]
    finally:
        server.terminate()
        assert server.wait(timeout=30) is not None
