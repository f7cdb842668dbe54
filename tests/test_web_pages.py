"""The web pages through TestClient on a store the CLI filled: each page draws, filters
go in the URL, the paste form ingests behind a CSRF token, every response carries the
Content-Security-Policy, and hostile article text is shown escaped, never as markup."""

from __future__ import annotations

import json
import re
import time

import pytest
from fastapi.testclient import TestClient

import dateline
from clikit import invoke
from conftest import DATA, db_of, new_db
from dateline.web import create_app

pytestmark = pytest.mark.slow

HOSTILE_TITLE = 'Port talks <script>alert("title")</script> "><svg onload=alert(1)>'
HOSTILE_TEXT = (
    "Harbour officials met union leaders on Tuesday to end the port strike, the port "
    'authority said. <img src=x onerror=alert("body")> \u202egnirts desrever\u202c\n\n'
    "The talks will resume next week, the union's negotiator said."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("pages")
    hostile = folder / "hostile.jsonl"
    record = {
        "url": "https://harbour.test/talks",
        "title": HOSTILE_TITLE,
        "publisher": "Quay <b>News</b>",
        "published": "2026-02-03",
        "text": HOSTILE_TEXT,
    }
    hostile.write_text(json.dumps(record) + "\n")
    path = new_db(folder, "pages")
    for source in (DATA / "link" / "talks.jsonl", hostile):
        assert invoke("ingest", source, "--db", path).exit_code == 0
    return path


@pytest.fixture(scope="module")
def client(db):
    with dateline.open(db) as store, TestClient(create_app(store)) as client:
        yield client


def story_ids(client) -> list[int]:
    return [s["id"] for s in client.get("/api/stories").json()["items"]]


def test_every_page_draws_with_the_security_headers(client):
    story = story_ids(client)[0]
    article = client.get("/api/articles").json()["items"][0]["id"]
    for url in ("/", f"/stories/{story}", f"/articles/{article}", "/search?q=talks", "/ingest"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "<script>" not in response.text  # scripts come from /static only
    assert client.get("/static/app.js").status_code == 200


def test_stories_page_lists_each_story_with_its_sparkline(client):
    text = client.get("/").text
    for story in client.get("/api/stories").json()["items"]:
        assert f'href="/stories/{story["id"]}"' in text
    assert '<svg class="spark"' in text


def test_story_page_shows_the_timeline_with_cited_sentences(client):
    story = story_ids(client)[0]
    text = client.get(f"/stories/{story}").text
    api = client.get(f"/api/stories/{story}/timeline", params={"top": 20}).json()
    assert text.count("<details>") >= len(api["entries"])
    first = api["entries"][0]
    citation = first["citations"][0]
    assert "<mark>" in text and f'href="/articles/{citation["article"]}"' in text
    for heading in ("Timeline", "Key points", "Who held which title when", "Who said what"):
        assert heading in text


def test_story_filters_are_in_the_address(client):
    story = story_ids(client)[0]
    text = client.get(f"/stories/{story}").text
    actors = re.findall(r'<option value="(\d+)"', text)
    assert actors
    filtered = client.get(f"/stories/{story}", params={"actor": actors[0]}).text
    assert f'<option value="{actors[0]}" selected>' in filtered and "Clear" in filtered
    late = client.get(f"/stories/{story}", params={"from": "2999-01-01"}).text
    assert "No dated event matches these filters" in late
    assert client.get(f"/stories/{story}", params={"from": "May"}).status_code == 422


def test_article_page_marks_entities_times_and_quotes(client):
    article = client.get("/api/articles").json()["items"][0]["id"]
    text = client.get(f"/articles/{article}").text
    assert re.search(r'<time title="[^"]+"', text)
    assert '<span class="PERSON">' in text or '<span class="GPE">' in text
    assert '<q class="said">' in text


def test_hostile_text_is_shown_escaped(client):
    hits = client.get("/api/search", params={"q": "harbour officials"}).json()["items"]
    [hostile] = [hit["id"] for hit in hits if "script" in (hit["title"] or "")]
    story = client.get(f"/api/articles/{hostile}").json()["story"]
    for url in (f"/articles/{hostile}", f"/stories/{story}", "/", "/search?q=harbour"):
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "<svg onload" not in text and "<b>News</b>" not in text, url
    assert "&lt;script&gt;alert" in client.get(f"/articles/{hostile}").text
    assert "&lt;script&gt;" in client.get("/search", params={"q": "<script>"}).text


def test_errors_are_pages_for_pages(client):
    response = client.get("/stories/999999")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text


def wait_until_done(client, url: str) -> str:
    for _ in range(600):
        text = client.get(url).text
        if 'data-state="done"' in text or 'data-state="failed"' in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{url} did not finish")


def test_paste_an_article_and_see_where_it_went(tmp_path):
    db = new_db(tmp_path, "paste")
    with TestClient(create_app(dateline.Settings(db=db, jobs=1))) as client:
        form = client.get("/ingest")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)[1]
        data = {"csrf": token, "text": HOSTILE_TEXT, "publisher": "Quay News"}
        sent = client.post("/ingest", data=data, files={"files": ("", b"")}, follow_redirects=False)
        assert sent.status_code == 303
        text = wait_until_done(client, sent.headers["location"])
        assert 'data-state="done"' in text and 'href="/stories/' in text
        story = int(re.search(r'href="/stories/(\d+)"', text)[1])
        assert "Harbour officials met union leaders" in client.get(f"/stories/{story}").text


def test_a_post_without_the_form_token_or_from_another_site_is_refused(client):
    no_token = client.post("/ingest", data={"text": "x"}, files={"files": ("", b"")})
    assert no_token.status_code == 403 and "expired" in no_token.text
    forged = client.post("/ingest", data={"text": "x"}, headers={"origin": "https://evil.test"})
    assert forged.status_code == 403


def test_one_speaker_under_two_spellings_is_one(client):
    from dateline import service

    with dateline.open(db_of(client.app.state.store)) as store:
        story = service.find_story(store)
        quoted = service.speakers(store, story)
    names = [q.speaker for q in quoted]
    assert not ({"Zelensky", "Zelenskyy"} <= set(names)), names
    zelensky = next(q for q in quoted if q.speaker.startswith("Zelensk"))
    assert zelensky.count == len(zelensky.quotes) == 2
