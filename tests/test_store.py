from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

import dateline.service
from conftest import copy_of, new_db
from dateline.errors import ArticleNotFoundError, StoreError
from dateline.link.entities import link_entities
from dateline.model import (
    Analysis,
    Article,
    EventMention,
    Hints,
    Mention,
    Published,
    Quote,
    RawDocument,
    Role,
    TimeExpression,
)
from dateline.run.stages import Stage
from dateline.store import Store
from dateline.store.schema import mapped, metadata, stories, story_keys, term_counts
from dateline.store.sql import upsert


def make_article(**changes) -> Article:
    base = Article(
        source="a.html",
        url="https://example.org/news/1",
        title="Talks resume",
        publisher=None,
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(),
        body=("First paragraph.", "Second paragraph."),
    )
    return base.replace(**changes)


RAW = RawDocument(
    source="a.html",
    kind="text",
    content="First paragraph.",
    hints=Hints(user_published=date(2026, 1, 2)),
)


@pytest.fixture
def store(memory_store):
    """These tests need no file: each gets a fresh in-memory store."""
    return memory_store


def test_store_migrations_match_schema(store):
    with store.db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"version_table": "_dateline_migrations", "include_name": mapped}
        )
        diffs = compare_metadata(context, metadata)
    assert diffs == []


def test_store_head_is_alembics_head(store):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from dateline.store.db import HEAD, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
    with store.db.engine.connect() as conn:
        assert (
            MigrationContext.configure(
                conn, opts={"version_table": "_dateline_migrations"}
            ).get_current_revision()
            == HEAD
        )


def test_store_reopen_keeps_articles(db_path):
    with Store.open(str(db_path)) as store:
        store.articles.add(make_article(), store.articles.add_raw(RAW))
    with Store.open(str(db_path)) as store:
        assert [s.article.title for s in store.articles.all()] == ["Talks resume"]


def test_store_add_raw_once_per_content(store):
    assert store.articles.add_raw(RAW) == store.articles.add_raw(RAW)
    assert store.articles.counts()["raw_documents"] == 1


def test_store_same_article_twice_is_duplicate(store):
    raw_id = store.articles.add_raw(RAW)
    first = store.articles.add(make_article(), raw_id)
    second = store.articles.add(make_article(), raw_id)
    assert first[0] == "ingested" and second == ("duplicate", first[1])
    assert store.articles.counts()["articles"] == 1


def test_store_same_url_other_text_is_duplicate(store):
    raw_id = store.articles.add_raw(RAW)
    store.articles.add(make_article(), raw_id)
    assert store.articles.add(make_article(body=("Rewritten.",)), raw_id)[0] == "duplicate"


def test_store_same_text_other_url_is_duplicate(store):
    raw_id = store.articles.add_raw(RAW)
    store.articles.add(make_article(url=None), raw_id)
    copy = make_article(
        url="https://mirror.example.com/x", body=("first  paragraph", "SECOND paragraph!")
    )
    assert store.articles.add(copy, raw_id)[0] == "duplicate"


def test_store_richer_copy_fills_missing_metadata_only(store):
    raw_id = store.articles.add_raw(RAW)
    _, article_id = store.articles.add(make_article(), raw_id)
    richer = make_article(
        title="Other title",
        publisher="Example News",
        published=Published(date(2026, 1, 18), "metadata"),
    )
    assert store.articles.add(richer, raw_id) == ("updated", article_id)
    stored = store.articles.get(article_id).article
    assert stored.title == "Talks resume"
    assert stored.publisher == "Example News"
    assert stored.published == Published(date(2026, 1, 18), "metadata")


def test_store_get_by_unique_prefix(store):
    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    assert store.articles.get(article_id[:6]).id == article_id


@pytest.mark.parametrize("wanted", ["ffff", "", "abc"])
def test_store_get_unknown_id_raises(store, wanted):
    store.articles.add(make_article(), store.articles.add_raw(RAW))
    with pytest.raises(ArticleNotFoundError):
        store.articles.get(wanted)


def test_store_articles_sorted_by_date_undated_last(store):
    raw_id = store.articles.add_raw(RAW)
    for n, day in [(1, None), (2, date(2026, 2, 1)), (3, date(2026, 1, 1))]:
        store.articles.add(
            make_article(
                url=f"https://e.org/{n}",
                body=(f"Text {n}.",),
                published=Published(day, "given" if day else None),
            ),
            raw_id,
        )
    assert [s.article.url[-1] for s in store.articles.all()] == ["3", "2", "1"]


def test_store_open_unwritable_path_raises(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(str(tmp_path / "missing-dir" / "x.db"))


def test_store_write_error_is_store_error(store):
    with store.db.engine.begin() as conn:
        conn.execute(text("DROP TABLE failures"))
    with pytest.raises(
        StoreError, match=r"^cannot write to the store: (OperationalError|ProgrammingError)"
    ):
        store.articles.add_failure("x", "read", "y")


def test_store_failures_recorded(store):
    store.articles.add_failure("bad.bin", "read", "the input is binary data, not text or HTML")
    assert [(f.source, f.stage) for f in store.articles.failures()] == [("bad.bin", "read")]


ANALYSIS = Analysis(
    sentences=((0, 16), (18, 37)),
    mentions=(Mention(0, 5, "First", "PERSON", "First"),),
    timexes=(
        TimeExpression(6, 15, "paragraph", "DATE", "2026-01-18", "month-day", date(2026, 1, 18)),
    ),
    quotes=(Quote(18, 36, "Second paragraph", True, "said", 0, 4, "First", 0, 5, "on X"),),
    roles=(Role("First", "minister", 0, 5, date(2026, 1, 18)),),
    event_mentions=(
        EventMention(0, 16, "met", "2026-01-18", "timex", ("First",), ("Kyiv",)),
        EventMention(18, 37, "said", None, None, ("First",), (), 33, "say", "reporting"),
    ),
)


def test_store_analysis_round_trip_and_pending(store):
    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    assert store.queue.waiting(Stage.ANALYZE) == [article_id]
    assert store.analyses.get(article_id) is None
    store.analyses.save(article_id, ANALYSIS, version=1)
    assert store.analyses.get(article_id) == ANALYSIS
    assert store.queue.waiting(Stage.ANALYZE) == []
    assert store.queue.enqueue_all(Stage.ANALYZE) == [article_id]
    assert store.queue.waiting(Stage.ANALYZE) == [article_id]


def test_store_analysis_parts_read_only_those_named(store):
    from dataclasses import replace

    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    store.analyses.save(article_id, ANALYSIS, version=1)
    from dateline.model import AnalysisPart

    found = store.analyses.get(article_id, parts={AnalysisPart.QUOTES, AnalysisPart.EVENT_MENTIONS})
    assert found == replace(ANALYSIS, mentions=(), timexes=(), roles=(), clauses=())


def test_store_analysis_replaced_not_added(store):
    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    store.analyses.save(article_id, ANALYSIS, version=1)
    store.analyses.save(article_id, ANALYSIS, version=2)
    assert store.analyses.get(article_id) == ANALYSIS
    assert link_entities(store) == 1
    assert [n["mentions"] for n in [a.to_json() for a in dateline.service.entities(store)]] == [1]


def test_store_quotes_and_entities(store):
    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    store.analyses.save(article_id, ANALYSIS, version=1)
    assert [(s.article.id, s.quote.speaker) for s in store.analyses.quotes(speaker="Fir")] == [
        (article_id, "First")
    ]
    assert store.analyses.quotes(speaker="Nobody") == []
    link_entities(store)
    (entity,) = [a.to_json() for a in dateline.service.entities(store)]
    assert entity["name"] == "First" and entity["articles"] == 1
    assert entity["roles"] == [
        {
            "title": "minister",
            "as_of": "2026-01-18",
            "article_id": article_id,
            "first_seen": "2026-01-18",
            "last_seen": "2026-01-18",
            "evidence": [{"article_id": article_id, "start": 0, "end": 5}],
        }
    ]


@pytest.mark.slow
def test_store_queue_of_pending_work_is_filled_by_the_migration(talks, tmp_path):
    """A store made before the queue existed gets one: what each stage still has to do."""
    from alembic import command
    from alembic.config import Config

    from dateline.store.db import MIGRATIONS
    from dateline.store.schema import pending, story_articles, story_decisions

    db = copy_of(talks, tmp_path, "old")
    with Store.open(db) as store, store.db.engine.begin() as conn:
        assert conn.execute(pending.select()).all() == []  # fully linked: nothing waits
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        last = conn.execute(text("SELECT article_id FROM story_articles LIMIT 1")).scalar()
        conn.execute(story_decisions.delete().where(story_decisions.c.article_id == last))
        conn.execute(story_articles.delete().where(story_articles.c.article_id == last))
    with Store.open(db) as store, store.db.engine.connect() as conn:
        waits = select(pending.c.stage, pending.c.article_id)
        assert conn.execute(waits).all() == [("stories", last)]
        assert store.queue.waiting(Stage.STORIES) == [last]


def test_stores_opened_at_once_migrate_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = new_db(tmp_path, "new", migrated=False)

    def open_and_count(_: int) -> int:
        with Store.open(path) as store:
            return store.articles.counts()["articles"]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [0, 0, 0, 0]


def test_filed_events_are_read_anew_when_another_writer_changed_them(db_path):
    from dateline.model import EventProfile, EventUpdate
    from dateline.store.events import save_events

    def saved(store, triggers, event_id=None):
        update = EventUpdate(event_id, "Talks", None, EventProfile(triggers=triggers), ("k",), ())
        with store.db.transaction() as conn:
            save_events(conn, [update], "a1")

    with dateline.open(str(db_path)) as mine, dateline.open(str(db_path)) as other:
        saved(mine, {"talks": 1})
        ((event_id, first),) = mine.events.filed(["k", "other"])["k"].items()
        assert mine.events.filed(["k"])["k"][event_id] is first  # decoded once
        saved(other, {"talks": 2}, event_id)
        assert mine.events.filed(["k"])["k"][event_id].triggers == {"talks": 2}


def test_decoded_profiles_the_least_recently_used_leaves_a_full_cache(store, monkeypatch):
    from dateline.model import EventProfile, EventUpdate
    from dateline.store import events as event_store

    monkeypatch.setattr(event_store, "PARSED_PROFILES", 2)
    with store.db.transaction() as conn:
        for n in range(3):
            update = EventUpdate(None, f"E{n}", None, EventProfile(), (f"k{n}",), ())
            event_store.save_events(conn, [update], "a1")

    def read(n):
        return store.events.filed([f"k{n}"])[f"k{n}"][n + 1]

    first, second = read(0), read(1)
    assert read(0) is first  # used last: kept
    read(2)  # the cache is full: the least recently used, the second, leaves
    assert read(0) is first
    assert read(1) is not second and read(1) == second


def test_actor_keys_found_are_kept_and_keys_missed_are_asked_again(db_path):
    with dateline.open(str(db_path)) as mine, dateline.open(str(db_path)) as other:
        assert mine.actors.by_key("kyiv") is None
        actor = other.actors.add("Kyiv", "GPE", "kyiv", None)
        assert mine.actors.by_key("kyiv") == actor
        assert mine.actors.by_key("kyiv") == actor


def test_linking_takes_what_no_article_waiting_for_analysis_comes_before(store):
    """Actors and stories are linked in publication order, as analysis takes articles:
    while an earlier article waits for analysis, the later ones wait to be linked."""
    ids = {}
    for n, day in enumerate((3, 1, 2)):  # stored out of publication order
        raw = RawDocument(source=f"{n}.txt", kind="text", content=f"Paragraph {n}.")
        article = make_article(
            url=f"https://example.org/news/{n}",
            body=(f"Paragraph {n}.",),
            published=Published(date(2026, 1, day), "given"),
        )
        ids[day] = store.articles.add(article, store.articles.add_raw(raw))[1]
    assert store.queue.waiting(Stage.ANALYZE) == [ids[1], ids[2], ids[3]]
    store.analyses.save(ids[1], ANALYSIS, version=1)
    store.analyses.save(ids[3], ANALYSIS, version=1)
    assert store.queue.ready(Stage.ENTITIES) == [ids[1]]  # the 3rd waits for the 2nd
    store.analyses.save(ids[2], ANALYSIS, version=1)
    assert store.queue.ready(Stage.ENTITIES) == [ids[1], ids[2], ids[3]]
    assert store.queue.ready(Stage.STORIES) == []


def test_names_looked_up_at_once_are_answered_from_what_was_found_and_written(db_path):
    with dateline.open(str(db_path)) as mine, dateline.open(str(db_path)) as other:
        kyiv = other.actors.add("Kyiv", "GPE", "kyiv", None)
        with mine.actors.looking_up(["kyiv", "zelensky", "volodymyr zelensky"], ["zelensky"]):
            assert mine.actors.by_key("kyiv") == kyiv
            assert mine.actors.by_key("zelensky") is None
            assert mine.actors.with_surname("zelensky") == []
            person = mine.actors.add(
                "Volodymyr Zelensky", "PERSON", "volodymyr zelensky", "zelensky"
            )
            assert mine.actors.by_key("volodymyr zelensky") == person
            assert mine.actors.with_surname("zelensky") == [person]
        later = other.actors.add("Zelensky", "PERSON", "zelensky", None)
        assert mine.actors.by_key("zelensky") == later  # asked again once the block is over


def test_store_event_views_read_the_sentences_that_report_it(store):
    """Members of every kind are stored; views see an event through its main reports, and
    not at all when it was only named."""
    from dateline.model import EventProfile, EventUpdate
    from dateline.store.events import save_events
    from dateline.store.schema import event_members

    _, article_id = store.articles.add(make_article(), store.articles.add_raw(RAW))
    store.analyses.save(article_id, ANALYSIS, version=1)
    met, said = ANALYSIS.event_mentions
    named = EventMention(0, 16, "meeting", None, None, (), (), 6, "meeting", "other")
    with store.db.transaction() as conn:
        for members in ((met, named), (said,)):
            update = EventUpdate(None, "Event", None, EventProfile(), ("k",), members)
            save_events(conn, [update], article_id)
    with store.db.read() as conn:
        stored = conn.execute(
            select(event_members.c.trigger, event_members.c.kind, event_members.c.trigger_start)
        ).all()
    assert sorted(stored) == [
        ("meeting", "other", 6),
        ("met", "main", None),
        ("said", "reporting", 33),
    ]
    (event,) = store.events.of_story(None)
    assert [(e.start, e.end) for e in event.evidence] == [(0, 16)]
    assert [(r.start, r.end) for r in store.events.reports(event.id)] == [(0, 16)]


def test_store_a_merged_story_files_its_events_under_the_story_it_merged_into(store):
    """An event filed under a story's trigger classes is found under the story that story
    is merged into, and no longer under its own."""
    from dateline.model import EventProfile, EventUpdate, StoryAction, StoryDecision, story_kind_key

    def linked(n, decision, kinds):
        article = make_article(url=f"https://example.org/{n}", body=(f"Paragraph {n}.",))
        _, article_id = store.articles.add(article, store.articles.add_raw(RAW))
        update = EventUpdate(None, "Arrest", None, EventProfile(), (), (), kinds)
        store.stories.save_links(article_id, [update], decision, [], None, [])
        return store.stories.of_article(article_id)

    first = linked(1, StoryDecision(StoryAction.START, None, None, {}, "One"), ("arrest",))
    second = linked(2, StoryDecision(StoryAction.START, None, None, {}, "Two"), ("kill",))
    merged = StoryDecision(StoryAction.MERGE, first, 0.9, {}, "One", (second,))
    assert linked(3, merged, ()) == first
    keys = [story_kind_key(s, k) for s in (first, second) for k in ("arrest", "kill")]
    filed = {key: set(events) for key, events in store.events.filed(keys).items()}
    assert set(filed) == {story_kind_key(first, "arrest"), story_kind_key(first, "kill")}


def test_store_filed_latest_gives_the_newest_events_under_each_key(store):
    from dateline.model import EventProfile, EventUpdate
    from dateline.store.events import save_events

    with store.db.transaction() as conn:
        for n in range(5):
            keys = ("busy",) if n < 4 else ("busy", "quiet")
            save_events(conn, [EventUpdate(None, f"E{n}", None, EventProfile(), keys, ())], "a1")
    every = store.events.filed(["busy", "quiet", "none"])
    newest = store.events.filed(["busy", "quiet", "none"], latest=2)
    assert sorted(every["busy"]) == [1, 2, 3, 4, 5]
    assert sorted(newest["busy"]) == [4, 5] and sorted(newest["quiet"]) == [5]
    assert "none" not in newest
    many = [f"k{n}" for n in range(600)] + ["busy"]  # more keys than one statement asks
    assert sorted(store.events.filed(many, latest=3)["busy"]) == [3, 4, 5]


def test_upserted_rows_of_one_key_end_as_if_upserted_one_after_the_other(store):
    counts = [{"term": "talks", "articles": 1}, {"term": "truce", "articles": 2}]
    lasts = [
        {"key": "t:talks", "story_id": 1, "last": "2026-02-04"},
        {"key": "t:talks", "story_id": 1, "last": None},
        {"key": "t:talks", "story_id": 1, "last": "2026-02-05"},
    ]
    with store.db.transaction() as conn:
        conn.execute(stories.insert().values(id=1, title="Talks", profile={}))
        upsert(conn, term_counts, [*counts, {"term": "talks", "articles": 3}], "articles")
        upsert(conn, term_counts, counts[:1], "articles")
        upsert(conn, story_keys, lasts, "last", keep="latest")
        upsert(conn, story_keys, lasts[:1], "last", keep="latest")
        assert dict(conn.execute(select(term_counts.c.term, term_counts.c.articles)).all()) == {
            "talks": 5,
            "truce": 2,
        }
        assert conn.execute(select(story_keys.c.last)).scalars().all() == ["2026-02-05"]
