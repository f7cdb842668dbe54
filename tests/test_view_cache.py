"""Views made once per state of their story (``views.remembered``, ``store.view_cache``):
read again, a story's timeline and key points come from the store, the same as made;
when an article joins the story, they are made again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dateline
from conftest import DATA, new_db
from dateline import service
from dateline.store.schema import stories

RECORDS = (DATA / "brief" / "dispute.jsonl").read_text().splitlines()


def ingest(db: str, folder: Path, records: list[str]) -> None:
    path = folder / f"part{len(list(folder.glob('part*')))}.jsonl"
    path.write_text("\n".join(records) + "\n")
    dateline.ingest([str(path)], db)


def made_by_views(monkeypatch) -> list[str]:
    """The views the service makes from here on (not read back), by name."""
    calls: list[str] = []
    ranked, brief = service.ranked_entries, service.brief_view.brief

    def counted(name, make):
        def call(*args, **kwargs):
            calls.append(name)
            return make(*args, **kwargs)

        return call

    monkeypatch.setattr(service, "ranked_entries", counted("timeline", ranked))
    monkeypatch.setattr(service.brief_view, "brief", counted("brief", brief))
    return calls


@pytest.mark.slow
def test_a_story_view_is_made_once_and_read_back_the_same(tmp_path, monkeypatch):
    db = new_db(tmp_path, "fire")
    ingest(db, tmp_path, RECORDS)
    with dateline.open(db) as store:
        story = service.find_story(store)
        timeline, brief = service.timeline(store, story), service.brief(store, story)
        head = service.timeline_head(store, story, top=2)
        calls = made_by_views(monkeypatch)
        again = service.timeline(store, story)
        assert [e.to_json() for e in again] == [e.to_json() for e in timeline]
        assert [p.to_json() for p in service.brief(store, story)] == [p.to_json() for p in brief]
        assert service.timeline_head(store, story, top=2) == head
        assert calls == []
        service.timeline(store, story, unverified=True)  # other parameters: another view
        assert calls == ["timeline"]


@pytest.mark.slow
def test_an_article_joining_the_story_makes_its_views_again(tmp_path, monkeypatch):
    db = new_db(tmp_path, "fire")
    ingest(db, tmp_path, RECORDS[:2])
    with dateline.open(db) as store:
        story = service.find_story(store)
        before = service.timeline(store, story)
        service.brief(store, story)
    ingest(db, tmp_path, RECORDS[2:])
    with dateline.open(db) as store:
        joined = service.find_story(store)
        assert joined.id == story.id and joined.articles == story.articles + 1
        calls = made_by_views(monkeypatch)
        after = service.timeline(store, joined)
        service.brief(store, joined)
        assert calls == ["timeline", "brief"]
        cited = {c.article for e in after for c in e.citations}
        assert cited - {c.article for e in before for c in e.citations}


def test_the_cache_keeps_a_payload_for_its_stamp_only(store):
    with store.db.transaction() as conn:  # a story for the rows to belong to
        conn.execute(stories.insert().values(id=1, title="t", profile={}))
    stamp = store.view_cache.stamp(1)
    assert store.view_cache.put(1, "timeline", "[]", stamp, json.dumps([1]))
    assert store.view_cache.get(1, "timeline", "[]", stamp) == "[1]"
    assert store.view_cache.get(1, "timeline", "[]", "another") is None
    assert store.view_cache.get(1, "brief", "[]", stamp) is None
    store.view_cache.clear()
    assert store.view_cache.get(1, "timeline", "[]", stamp) is None


def test_views_of_an_older_story_are_dropped_when_a_new_one_is_kept(store):
    with store.db.transaction() as conn:
        conn.execute(stories.insert().values(id=1, title="t", profile={}))
    store.view_cache.put(1, "brief", "[]", "old", "[]")
    store.view_cache.put(1, "timeline", "[]", "new", "[]")
    assert store.view_cache.get(1, "brief", "[]", "old") is None
    assert store.view_cache.get(1, "timeline", "[]", "new") == "[]"
