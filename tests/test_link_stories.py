"""Articles grouped into stories incrementally: start, join or merge, with each decision kept."""

from __future__ import annotations

import json
import random

import pytest

import dateline
from conftest import TALKS, copy_of, new_db
from dateline.link.stories import JOIN, MERGE, _decide
from dateline.model import StoryProfile

LINES = TALKS.read_text().splitlines(keepends=True)


class FakeStories:
    """The story look-ups ``_decide`` makes, over a fixed set of stories."""

    def __init__(self, profiles, with_events=(), copied=None):
        self.found = {
            i: StoryProfile(i, title, weights) for i, (title, weights) in profiles.items()
        }
        self.with_events, self.copied = set(with_events), copied
        self.stories = self  # ``_decide`` reads ``store.stories``

    def candidates(self, keys, since, until):
        return {i: p for i, p in self.found.items() if set(keys) & set(p.profile)}

    def of_events(self, event_ids):
        return self.with_events

    def of_copy(self, article_id):
        return self.copied

    def profiles(self, story_ids):
        return {i: self.found[i] for i in story_ids}


def story(title, **weights):
    return (title, weights)


ARTICLE = {"w:ceasefire": 2.0, "w:gaza": 2.0, "a1": 1.0}


def test_stories_start_when_nothing_is_alike():
    decision = _decide(
        FakeStories({1: story("Snow", **{"w:snow": 3.0})}), "x", "Truce", None, ARTICLE, []
    )
    assert (decision.action, decision.story_id, decision.merged) == ("start", None, ())


def test_stories_join_the_most_alike():
    stories = FakeStories(
        {
            1: story("Gaza truce", **{"w:gaza": 1.0, "w:flood": 5.0}),
            2: story("Gaza ceasefire", **{"w:ceasefire": 2.0, "w:gaza": 2.0}),
        }
    )
    decision = _decide(stories, "x", "Ceasefire holds", None, ARTICLE, [])
    assert (decision.action, decision.story_id) == ("join", 2) and decision.score >= JOIN
    assert decision.profile["w:ceasefire"] == 4.0


def test_stories_an_article_that_bridges_two_merges_them_into_the_older():
    stories = FakeStories(
        {
            4: story("Gaza ceasefire talks", **{"w:ceasefire": 2.0, "a1": 1.0}),
            3: story("Gaza aid", **{"w:gaza": 2.0, "a1": 1.0}),
        }
    )
    decision = _decide(stories, "x", "Ceasefire in Gaza", None, ARTICLE, [])
    assert decision.action == "merge" and decision.score >= MERGE
    assert (decision.story_id, decision.merged) == (3, (4,))
    # the headline whose words carry most of the merged profile heads the story: "Ceasefire
    # in Gaza" scores 8/3, "Gaza ceasefire talks" 2, "Gaza aid" 4/3
    assert decision.title == "Ceasefire in Gaza"


def test_stories_a_shared_event_lifts_a_story_whose_words_the_article_shares():
    # cosine 1.6 / (3 * 4.32), about 0.12: under JOIN alone, over it with the shared event
    alike = {1: story("Gaza", **{"w:gaza": 0.8, "w:flood": 3.0, "w:rain": 3.0})}
    alone = _decide(FakeStories(alike), "x", "Truce", None, ARTICLE, [])
    shared = _decide(FakeStories(alike, with_events={1}), "x", "Truce", None, ARTICLE, [])
    assert alone.action == "start"
    assert (shared.action, shared.story_id) == ("join", 1) and shared.score >= JOIN


def test_stories_a_shared_event_alone_joins_no_story():
    # a day's generic happening ("said", "launched") matched in a story of other words
    unlike = {1: story("Snow", **{"w:snow": 3.0})}
    decision = _decide(FakeStories(unlike, with_events={1}), "x", "Truce", None, ARTICLE, [])
    assert decision.action == "start"


def test_stories_a_shared_event_does_not_merge_a_story_of_other_words():
    stories = FakeStories(
        {
            3: story("Gaza aid", **{"w:gaza": 2.0, "w:ceasefire": 2.0, "a1": 1.0}),
            4: story("Tech", **{"w:gaza": 0.2, "w:app": 4.0, "w:phone": 4.0}),
        },
        with_events={3, 4},
    )
    decision = _decide(stories, "x", "Ceasefire in Gaza", None, ARTICLE, [])
    assert (decision.action, decision.story_id, decision.merged) == ("join", 3, ())


def test_stories_a_near_copy_joins_its_original_story():
    stories = FakeStories({7: story("Elsewhere", **{"w:other": 1.0})}, copied=7)
    decision = _decide(stories, "x", "Copy", None, ARTICLE, [])
    assert (decision.action, decision.story_id, decision.score) == ("join", 7, 1.0)


def ingest_lines(tmp_path, name, batches):
    db = new_db(tmp_path, f"{name}")
    for n, batch in enumerate(batches):
        path = tmp_path / f"{name}{n}.jsonl"
        path.write_text("".join(batch))
        dateline.ingest([str(path)], db)
    return dateline.open(db)


def partition(store):
    """Stories as sets of article URLs, comparable across stores."""
    groups = {}
    for article in store.articles.all():
        groups.setdefault(store.stories.of_article(article.id), set()).add(article.article.url)
    return sorted(sorted(group) for group in groups.values())


@pytest.fixture
def in_order(talks):
    return talks


@pytest.mark.slow
def test_stories_group_the_talks_and_leave_the_snow_apart(in_order):
    groups = partition(in_order)
    snow = next(g for g in groups if any("denver" in url for url in g))
    assert snow == ["https://mountain-news.test/denver-snow"]
    abu_dhabi = next(g for g in groups if "https://gazette.test/abu-dhabi-talks-begin" in g)
    assert {
        "https://coastal-times.test/2026/02/04/abu-dhabi",
        "https://coastal-times.test/2026/02/05/abu-dhabi-end",
    } <= set(abu_dhabi)


@pytest.mark.slow
def test_stories_every_article_has_a_recorded_decision(in_order):
    decisions = in_order.stories.decisions()
    assert len(decisions) == len(LINES)
    # in publication order: the Riyadh talks and the Denver snow start a story, the rest join
    assert [d.action for d in decisions] == [
        "start",
        "join",
        "join",
        "start",
        "join",
        "join",
        "join",
        "join",
        "join",
    ]
    listed = {s.id: s for s in in_order.stories.listing()}
    assert sum(s.articles for s in listed.values()) == len(LINES)
    assert all(s.start <= s.end for s in listed.values())


@pytest.mark.slow
def test_stories_same_partition_in_reverse_order(in_order, tmp_path):
    with ingest_lines(tmp_path, "reversed", [LINES[::-1]]) as reversed_store:
        assert partition(reversed_store) == partition(in_order)


@pytest.mark.slow
def test_stories_batches_in_shuffled_order(in_order, tmp_path):
    shuffled = random.Random(3).sample(LINES, len(LINES))
    batches = [shuffled[:2], shuffled[2:4], shuffled[4:]]
    with ingest_lines(tmp_path, "shuffled", batches) as store:
        groups = partition(store)
    assert any(
        {
            "https://gazette.test/abu-dhabi-talks-begin",
            "https://coastal-times.test/2026/02/04/abu-dhabi",
        }
        <= set(g)
        for g in groups
    )
    assert ["https://mountain-news.test/denver-snow"] in groups


@pytest.mark.slow
def test_stories_reingest_decides_nothing_new(in_order, tmp_path):
    db = copy_of(in_order, tmp_path, "again")
    dateline.ingest([str(TALKS)], db)
    with dateline.open(db) as again:
        assert again.stories.decisions() == in_order.stories.decisions()
        assert partition(again) == partition(in_order)


def dated(line, published, url):
    article = json.loads(line)
    return json.dumps({**article, "published": published, "url": url}) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize(("published", "together"), [("2025-09-01", True), ("2024-01-10", False)])
def test_stories_are_open_a_year_before_and_after_their_days(tmp_path, published, together):
    """An archive ingested after the newer coverage: a story that began more than a year
    after an article is not open to it, as one that ended more than a year before is not."""
    newer = LINES[2]  # Abu Dhabi talks open, 2026-02-04
    older = dated(LINES[4], published, "https://archive.test/abu-dhabi")
    with ingest_lines(tmp_path, "archive", [[newer], [older]]) as store:
        groups = partition(store)
    assert (len(groups) == 1) == together


def test_stories_an_article_without_a_title_is_headed_by_its_first_words():
    from dateline.link.stories import headline

    assert (
        headline(None, "The well is sealed, officials say. Work goes on.")
        == "The well is sealed, officials say."
    )
    assert (
        headline(
            "  ",
            "one two three four five six seven eight nine ten eleven twelve "
            "thirteen fourteen fifteen",
        )
        == "one two three four five six seven eight nine ten eleven twelve thirteen fourteen …"
    )
    assert headline("Kept as is", "Body.") == "Kept as is"


def test_a_story_without_titles_is_named_by_a_whole_phrase_of_its_own_words():
    from dateline.link.stories import HEADLINE_WORDS, headline

    text = (
        '"This is a dark day for the port," the mayor said.\n\nStrikers shut the harbour of '
        "Port Lenna on Sunday, halting grain exports for a third week as talks stalled."
    )
    name = headline(None, text)
    assert name == "Strikers shut the harbour of Port Lenna on Sunday"
    assert len(name.split()) <= HEADLINE_WORDS and not name.endswith("…")
    assert headline("Port strike", text) == "Port strike"
