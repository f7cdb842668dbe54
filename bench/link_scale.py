"""Cost of storing and linking one more article as the store grows (1k, 10k, 100k stored).

Each store is filled in bulk with synthetic articles published over three years (sentences
over a 5,000-word vocabulary, every third word one of their story's 25 topic words;
fingerprints and LSH keys as `link_copies` writes them), as many actors (person names with
their name keys), and the rows entity, event and story linking would have left: an analysis
"done" row and 6 actor mentions per article (3 of its story's 5 actors);
stories of 6.7 articles on average (a new story with probability 0.15, else a story started
in the last 30 days), their tf-idf profiles, look-up keys and term counts computed from the
texts as `link_stories` computes them; and 10 event mentions per article, a fifth of them
reporting an event of the story reported before, the rest starting one (trigger drawn from
1,500 words with a Zipf 0.8 law, 1-2 of the story's actors; dated 76% by publication, 10%
by a day in the text, 7% a year, 4% a month, 1% a week, 2% undated, as in the Giveme5W1H
store), with their event keys as `EventDraft.keys` gives them. Then 200 new articles,
published on the last three days, a quarter of them near copies of stored ones, half
follow-ups of a story active lately, a quarter on a new topic, each naming 10 people (half
of them known actors, some by surname alone) with 10 event mentions (a third of a
follow-up's re-reporting the story's recent events), are stored and linked one by one
through the library (`store.articles.add`, `link_copies`, `store.analyses.save`,
`link_entities`, `link_stories`), and the time per article is reported; "one alone" is one
more follow-up linked by itself (one `link_stories` call for one article, as a
one-article ingest makes). Flat or logarithmic growth is the requirement: every look-up is
indexed.

    python bench/link_scale.py [--sizes 1000 10000 100000] [--new 200] [--days 1095]
        [--results FILE]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import multiprocessing
import os
import random
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import JSON

from common import write_section
from dateline.link.copies import link_copies
from dateline.link.dedup import band_keys, fingerprint
from dateline.link.entities import link_entities
from dateline.link.events import EventDraft, trigger_class
from dateline.link.names import name_key, surname_key
from dateline.link.stories import (
    ARTICLE_TERMS,
    LOOKUP_KEYS,
    STORY_TERMS,
    TITLE_WEIGHT,
    link_stories,
)
from dateline.model import (
    Analysis,
    Article,
    DateSpan,
    EventMention,
    EventProfile,
    Mention,
    Published,
    RawDocument,
    StoryAction,
    text_fingerprint,
)
from dateline.model.terms import top
from dateline.store import Store
from dateline.store.schema import (
    actor_keys,
    actor_mentions,
    actors,
    analyses,
    articles,
    event_keys,
    event_members,
    events,
    fingerprints,
    lsh_buckets,
    raw_documents,
    sightings,
    stories,
    story_articles,
    story_decisions,
    story_keys,
    term_counts,
)

SECTION = "## Linking cost as the store grows"
WORDS = [f"w{n}" for n in range(5000)]
CONTENT = WORDS[10:]  # the words of three characters or more: content words
# The last day of the stored range: new articles are published in the three days after it.
END = date(2026, 2, 1)
TOPIC_WORDS, STORY_ACTORS = 25, 5
NEW_STORY, STORY_OPEN_DAYS = 0.15, 30
MENTIONS, REPORTED_AGAIN = 10, 0.2
# Real words for the commonest triggers (their classes as link/events.py groups them), then
# a long tail: a Zipf law over 1,500 triggers, as varied as the Giveme5W1H store's.
_COMMON = [
    "talks",
    "attack",
    "killed",
    "met",
    "strike",
    "visit",
    "deal",
    "ceasefire",
    "arrested",
    "election",
    "vote",
    "signed",
    "launched",
    "announced",
    "protest",
    "fired",
    "resigned",
    "appointed",
    "injured",
    "shooting",
    "call",
    "summit",
    "agreement",
    "raid",
    "shelling",
    "earthquake",
    "acquisition",
    "sentenced",
    "dismissed",
    "evacuated",
    "rejected",
    "approved",
    "blocked",
    "banned",
    "closed",
    "opened",
    "released",
    "captured",
    "withdrew",
    "deployed",
    "imposed",
    "lifted",
    "suspended",
    "proposed",
    "passed",
    "ruled",
    "charged",
    "fined",
    "sued",
    "won",
    "lost",
    "crashed",
    "collapsed",
    "exploded",
    "flooded",
    "burned",
    "rescued",
    "returned",
    "invaded",
    "occupied",
    "negotiated",
    "hosted",
    "welcomed",
    "criticized",
    "condemned",
    "praised",
    "urged",
    "demanded",
    "threatened",
    "pledged",
    "promised",
    "offered",
    "accepted",
    "refused",
    "delayed",
    "postponed",
    "cancelled",
    "scheduled",
    "ratified",
    "vetoed",
    "amended",
    "investigated",
    "searched",
    "seized",
    "froze",
    "sanctioned",
    "boycotted",
    "marched",
    "rallied",
    "clashed",
    "fought",
    "retreated",
    "advanced",
    "shot",
    "bombed",
    "targeted",
    "destroyed",
    "damaged",
    "repaired",
    "built",
    "funded",
    "invested",
    "bought",
    "sold",
    "merged",
    "hired",
    "elected",
    "nominated",
]
TRIGGERS = _COMMON + [f"v{n}" for n in range(1500 - len(_COMMON))]
_ZIPF = list(itertools.accumulate(1 / (k + 1) ** 0.8 for k in range(len(TRIGGERS))))


def pick_trigger(rng: random.Random) -> str:
    return TRIGGERS[bisect.bisect(_ZIPF, rng.random() * _ZIPF[-1])]


def pick_date(rng: random.Random, day: date) -> tuple[str | None, str | None]:
    """A mention's date value and where it came from, in the shares the Giveme store shows."""
    roll = rng.random()
    if roll < 0.76:
        return day.isoformat(), "published"
    if roll < 0.86:
        return (day - timedelta(days=rng.randrange(7))).isoformat(), "timex"
    if roll < 0.93:
        return str(day.year), "timex"
    if roll < 0.97:
        return day.isoformat()[:7], "timex"
    if roll < 0.98:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", "timex"
    return None, None


def synthetic_text(rng: random.Random, topic: list[str] | None = None) -> str:
    """Six paragraphs of 25-45 words; with a topic, every third word is one of its words."""
    paragraphs = []
    for _ in range(6):
        words = rng.choices(WORDS, k=rng.randint(25, 45))
        if topic:
            words[::3] = rng.choices(topic, k=len(words[::3]))
        paragraphs.append(" ".join(words) + ".")
    return "\n\n".join(paragraphs)


def bulk(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows with SQLAlchemy's INSERT for the table, run by the driver's executemany:
    SQLAlchemy's per-row parameter processing would cost more than the rows themselves."""
    if not rows:
        return
    names = [c.name for c in table.columns if c.name in rows[0]]
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    insert = str(table.insert().compile(dialect=conn.dialect, column_keys=names))
    conn.exec_driver_sql(
        insert,
        [tuple(json.dumps(row[n]) if n in json_columns else row[n] for n in names) for row in rows],
    )


def _prints(text: str) -> tuple[Any, list[tuple[int, int]], str]:
    """What `link_copies` and `store.articles.add` compute of a text (run in a pool)."""
    fp = fingerprint(text)
    return fp, band_keys(fp), text_fingerprint(text)


def make_article(n: int, text: str, title: str | None = None, day: date | None = None) -> Article:
    return Article(
        source=f"synthetic/{n}",
        url=f"https://synthetic.example/{n}",
        title=title or f"Story {n}",
        publisher=f"Outlet {n % 50}",
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(day, "metadata" if day else None),
        body=tuple(text.split("\n\n")),
    )


def person(n: int) -> str:
    return f"Given{n % 997} Family{n}"


def raw_terms(title: str, text: str, actor_counts: dict[int, int]) -> Counter[str]:
    """``link.stories._raw_terms`` for synthetic words (all of them content words)."""
    counts = Counter(f"w:{w}" for w in text.replace(".", "").split() if len(w) >= 3)
    for w in title.split():
        if len(w) >= 3:
            counts[f"w:{w}"] += TITLE_WEIGHT
    counts.update({f"a{actor}": n for actor, n in actor_counts.items()})
    return counts


@dataclass
class Story:
    id: int
    topic: list[str]
    actors: list[int]
    start: date
    last: date
    title: str
    first: int = 0
    profile: Counter[str] = field(default_factory=Counter)
    keys: dict[str, str] = field(default_factory=dict)
    # recent events: (event id, trigger, actor ids, date value, date_from)
    events: deque[tuple[int, str, list[int], str | None, str | None]] = field(
        default_factory=lambda: deque(maxlen=30)
    )


@dataclass
class World:
    """What the bulk fill made, for the new articles to follow up."""

    texts: list[str]
    story_of: list[int]
    stories: dict[int, Story]
    size: int
    copied: set[int] = field(default_factory=set)
    events: int = 0
    event_keys: int = 0
    members: int = 0


def fill(store: Store, size: int, rng: random.Random, days: int) -> World:
    """Bulk-insert ``size`` articles with their fingerprints, ``size`` actors, and the
    analysis, entity, event and story rows linking would have left for the articles."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    first = END - timedelta(days=days - 1)
    day_of = sorted(first + timedelta(days=rng.randrange(days)) for _ in range(size))
    story_list: list[Story] = []
    story_of, texts, titles, mentioned = [], [], [], []
    open_from = 0  # index in story_list of the first story started within STORY_OPEN_DAYS
    for n in range(size):
        day = day_of[n]
        while (
            open_from < len(story_list)
            and (day - story_list[open_from].start).days > STORY_OPEN_DAYS
        ):
            open_from += 1
        if open_from == len(story_list) or rng.random() < NEW_STORY:
            topic = rng.sample(CONTENT, TOPIC_WORDS)
            story = Story(
                len(story_list) + 1,
                topic,
                [rng.randrange(size) + 1 for _ in range(STORY_ACTORS)],
                day,
                day,
                " ".join(rng.sample(topic, 6)),
                n,
            )
            story_list.append(story)
        else:
            story = story_list[rng.randrange(open_from, len(story_list))]
        story.last = day
        story_of.append(story.id)
        texts.append(synthetic_text(rng, story.topic))
        titles.append(" ".join(rng.sample(story.topic, 6)))
        named = rng.sample(story.actors, 3) + [rng.randrange(size) + 1 for _ in range(3)]
        mentioned.append({actor: rng.randint(1, 3) for actor in named})
    stories_by_id = {story.id: story for story in story_list}

    # term counts over all stored articles, then each article's vector as link_stories makes it
    counts = [raw_terms(titles[n], texts[n], mentioned[n]) for n in range(size)]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vectors = []
    for n, c in enumerate(counts):
        vector = top(
            {t: (1 + math.log(k)) * (1 + math.log((size + 1) / (df[t] + 1))) for t, k in c.items()},
            ARTICLE_TERMS,
        )
        vectors.append(vector)
        story = stories_by_id[story_of[n]]
        story.profile.update(vector)
        for key in top(vector, LOOKUP_KEYS):
            story.keys[key] = max(story.keys.get(key, ""), day_of[n].isoformat())
    world = World(texts, story_of, stories_by_id, size)

    next_event = 1
    pool = multiprocessing.Pool(2)
    prints_of = pool.imap(_prints, texts, chunksize=250)
    with pool, store.db.transaction() as conn:
        conn.execute(
            raw_documents.insert().values(
                id=1,
                sha256="bulk",
                source="bulk",
                kind="text",
                hints={},
                content="",
                received_at=now,
            )
        )
        bulk(
            conn,
            actors,
            [
                {
                    "id": n + 1,
                    "name": person(n),
                    "label": "PERSON",
                    "surname": surname_key(name_key(person(n), "PERSON")),
                }
                for n in range(size)
            ],
        )
        bulk(
            conn,
            actor_keys,
            [{"key": name_key(person(n), "PERSON"), "actor_id": n + 1} for n in range(size)],
        )
        for start in range(0, size, 5000):
            rows, prints, keys, seen, done = [], [], [], [], []
            member_rows, event_rows, key_rows, placed, decided = [], [], [], [], []
            for n in range(start, min(size, start + 5000)):
                article = make_article(n, texts[n], titles[n], day_of[n])
                aid = article.id
                fp, bands, text_hash = next(prints_of)
                rows.append(
                    {
                        "id": aid,
                        "raw_id": 1,
                        "source": article.source,
                        "url": article.url,
                        "text_hash": text_hash,
                        "title": article.title,
                        "publisher": article.publisher,
                        "authors": [],
                        "body": list(article.body),
                        "captions": [],
                        "published": day_of[n].isoformat(),
                        "published_how": "metadata",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                prints.append({"article_id": aid, "size": fp.size, "minhash": list(fp.minhash)})
                keys += [{"band": b, "bucket": k, "article_id": aid} for b, k in bands]
                seen.append(
                    {
                        "article_id": aid,
                        "source": article.source,
                        "publisher": article.publisher,
                        "seen_at": now,
                    }
                )
                done.append(
                    {
                        "article_id": aid,
                        "version": 1,
                        "analysed_at": now,
                        "sentences": [[0, len(article.text)]],
                    }
                )
                story = stories_by_id[story_of[n]]
                placed.append({"article_id": aid, "story_id": story.id})
                decided.append(
                    {
                        "article_id": aid,
                        "story_id": story.id,
                        "merged": [],
                        "action": "start" if story.start == day_of[n] else "join",
                        "score": None,
                        "decided_at": now,
                    }
                )
                for k in range(MENTIONS):
                    span = {"start": 100 * k, "end": 100 * k + 90}
                    if story.events and rng.random() < REPORTED_AGAIN:
                        event_id, trigger, _, value, by = rng.choice(story.events)
                        member_rows.append(
                            {
                                "article_id": aid,
                                "event_id": event_id,
                                "trigger": trigger,
                                "date": value,
                                "date_from": by,
                                **span,
                            }
                        )
                        continue
                    trigger = pick_trigger(rng)
                    who = rng.sample(story.actors, rng.randint(1, 2))
                    value, by = pick_date(rng, day_of[n])
                    when = DateSpan.parse(value, by)
                    profile = EventProfile(
                        triggers={trigger_class(trigger): 1},
                        actors={str(a): 1 for a in who},
                        participants={str(a): 1 for a in who},
                        places={},
                        terms=dict.fromkeys(
                            rng.choices(story.topic, k=6) + rng.choices(CONTENT, k=6), 1
                        ),
                        dates=[when] if when else [],
                        phrases={trigger: 1},
                        undated=when is None,
                    )
                    # what describe(profile) gives an event of one sentence
                    start_, end_, precision, dated_by = when.to_list() if when else (None,) * 4
                    filed_under = EventDraft(profile).keys()
                    event_rows.append(
                        {
                            "id": next_event,
                            "profile": profile.to_json(),
                            "title": trigger[0].upper() + trigger[1:],
                            "start": start_,
                            "end": end_,
                            "precision": precision,
                            "dated_by": dated_by,
                        }
                    )
                    key_rows += [{"key": key, "event_id": next_event} for key in filed_under]
                    member_rows.append(
                        {
                            "article_id": aid,
                            "event_id": next_event,
                            "trigger": trigger,
                            "date": value,
                            "date_from": by,
                            **span,
                        }
                    )
                    story.events.append((next_event, trigger, who, value, by))
                    next_event += 1
            bulk(conn, articles, rows)
            bulk(conn, sightings, seen)
            bulk(conn, fingerprints, prints)
            bulk(conn, lsh_buckets, keys)
            people = range(start, min(size, start + 5000))
            bulk(conn, analyses, done)
            bulk(
                conn,
                actor_mentions,
                [
                    {"article_id": r["id"], "actor_id": a, "name": person(a - 1), "mentions": m}
                    for r, n in zip(rows, people)
                    for a, m in mentioned[n].items()
                ],
            )
            if event_rows:
                bulk(conn, events, event_rows)
                bulk(conn, event_keys, key_rows)
            bulk(conn, event_members, member_rows)
            world.events += len(event_rows)
            world.event_keys += len(key_rows)
            world.members += len(member_rows)
            bulk(
                conn,
                stories,
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "start": s.start.isoformat(),
                        "end": s.last.isoformat(),
                        "profile": top(s.profile, STORY_TERMS),
                    }
                    for s in story_list
                    if start <= s.first < start + 5000
                ],
            )
            bulk(conn, story_articles, placed)
            bulk(conn, story_decisions, decided)
        bulk(
            conn,
            story_keys,
            [
                {"key": key, "story_id": s.id, "last": last}
                for s in story_list
                for key, last in s.keys.items()
            ],
        )
        bulk(
            conn,
            term_counts,
            [{"term": "", "articles": size}]
            + [{"term": term, "articles": k} for term, k in df.items()],
        )
    for story in story_list:
        story.profile = Counter(top(story.profile, STORY_TERMS))
    return world


def new_article(
    world: World, n: int, kind: str, rng: random.Random, day: date, recent: list[Story]
) -> tuple[Article, Analysis]:
    """A new article and its analysis: a near copy of a stored one, a follow-up of a story
    active lately, or a new topic. The analysis names 10 people, 5 known actors (the first
    by surname alone) and 5 new ones, and has 10 event mentions, a third of a copy's or a
    follow-up's reporting the story's recent events again."""
    if kind == "copy":  # a stored story, truncated by one paragraph
        original = rng.choice(
            [
                n
                for n in rng.sample(range(world.size), 2 + len(world.copied))
                if n not in world.copied
            ]
        )
        world.copied.add(original)
        story = world.stories[world.story_of[original]]
        paragraphs = world.texts[original].split("\n\n")[:-1]
    else:
        story = (
            rng.choice(recent)
            if kind == "follow-up"
            else Story(
                0,
                rng.sample(CONTENT, TOPIC_WORDS),
                [rng.randrange(world.size) + 1 for _ in range(STORY_ACTORS)],
                day,
                day,
                "",
            )
        )
        paragraphs = synthetic_text(rng, story.topic).split("\n\n")
    written = {actor: person(actor - 1) for actor in story.actors}
    written[story.actors[0]] = written[story.actors[0]].split()[-1]
    planned = []  # (trigger, participants as written, date value, date_from)
    for _ in range(MENTIONS):
        if story.events and rng.random() < 1 / 3:
            _, trigger, who, value, by = rng.choice(story.events)
            planned.append(
                (trigger, [written[a] for a in who], value, "timex" if by == "published" else by)
            )
        else:
            value, by = pick_date(rng, day)
            who = rng.sample(story.actors, rng.randint(1, 2))
            planned.append((pick_trigger(rng), [written[a] for a in who], value, by))
    # each paragraph becomes two sentences; in a new text the first words say who did what
    sentences, body, at = [], [], 0
    for k, paragraph in enumerate(paragraphs):
        words = paragraph.rstrip(".").split()
        parts = []
        for j, chunk in enumerate((words[: len(words) // 2], words[len(words) // 2 :])):
            trigger, who, _, _ = planned[(2 * k + j) % MENTIONS]
            lead = "" if kind == "copy" else f"{who[0]} {trigger} "
            parts.append(lead + " ".join(chunk) + ".")
        sentences.append((at, at + len(parts[0])))
        sentences.append((at + len(parts[0]) + 1, at + len(parts[0]) + 1 + len(parts[1])))
        body.append(" ".join(parts))
        at += len(body[-1]) + 2
    text = "\n\n".join(body)
    names = list(written.values()) + [person(world.size + n * 10 + k) for k in range(5)]
    analysis = Analysis(
        sentences=tuple(sentences),
        mentions=tuple(Mention(0, 1, name, "PERSON", name) for name in names),
        timexes=(),
        quotes=(),
        roles=(),
        event_mentions=tuple(
            EventMention(start, end, trigger, value, by, tuple(who), ())
            for (start, end), (trigger, who, value, by) in zip(sentences, planned)
        ),
    )
    title = " ".join(rng.sample(story.topic, 6))
    return make_article(world.size + n, text, title, day), analysis


class Counting:
    """Counts the candidates the store's look-ups return to linking."""

    def __init__(self, store: Store):
        self.calls = Counter()
        self.found = Counter()
        for name, repository in (
            ("event_candidates", store.events),
            ("story_candidates", store.stories),
        ):
            repository.candidates = self._wrap(name, repository.candidates)

    def _wrap(self, name: str, method: Any) -> Any:
        def counted(*args: Any) -> Any:
            out = method(*args)
            self.calls[name] += 1
            self.found[name] += len(out)
            return out

        return counted

    def mean(self, name: str) -> float:
        return self.found[name] / max(1, self.calls[name])


@dataclass
class Figures:
    store_ms: float
    copies_ms: float
    entities_ms: float
    stories_ms: float
    alone_ms: float
    copies_found: int
    event_candidates: float
    story_candidates: float
    joined: int
    fill_s: float
    events: int
    store_mb: float
    index_mb: float
    largest: str


def sizes(path: Path) -> tuple[float, float, str]:
    """The store file's MB, its indexes' MB, and its three largest tables or indexes (from
    SQLite's dbstat)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT d.name, sum(d.pgsize), m.type FROM dbstat AS d "
            "LEFT JOIN sqlite_master AS m ON m.name = d.name GROUP BY d.name"
        ).fetchall()
    index = sum(
        size for name, size, kind in rows if kind == "index" or name.startswith("sqlite_auto")
    )
    top = sorted(rows, key=lambda row: -row[1])[:3]
    largest = ", ".join(f"{name} {size / 2**20:.0f}" for name, size, _ in top)
    return path.stat().st_size / 2**20, index / 2**20, largest


def measure(size: int, new: int, seed: int, days: int) -> Figures:
    """Milliseconds per article to store, to link copies, entities and stories of ``new``
    articles, and to link the stories of one more alone; copies found; candidates."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "scale.db")) as store:
        began = time.perf_counter()
        world = fill(store, size, rng, days)
        fill_s = time.perf_counter() - began
        raw_id = store.articles.add_raw(RawDocument("bench", "text", "bench"))
        recent = [s for s in world.stories.values() if (END - s.last).days <= STORY_OPEN_DAYS]
        fresh = []
        for n in range(new + 1):
            kind = "copy" if n % 4 == 0 else "topic" if n % 4 == 3 else "follow-up"
            if n == new:
                kind = "follow-up"
            fresh.append(
                new_article(world, n, kind, rng, END + timedelta(days=1 + n * 3 // new), recent)
            )
        alone, fresh = fresh[-1], fresh[:-1]
        start = time.process_time()
        for article, _ in fresh:
            store.articles.add(article, raw_id)
        stored = time.process_time() - start
        start = time.process_time()
        report = link_copies(store)
        linked = time.process_time() - start
        for article, analysis in fresh:
            store.analyses.save(article.id, analysis, version=1)
        start = time.process_time()
        link_entities(store)
        entities = time.process_time() - start
        counting = Counting(store)
        start = time.process_time()
        link_stories(store)
        storied = time.process_time() - start
        joined = sum(d.action is not StoryAction.START for d in store.stories.decisions()[-new:])
        candidates = counting.mean("event_candidates"), counting.mean("story_candidates")
        article, analysis = alone
        store.articles.add(article, raw_id)
        link_copies(store)
        store.analyses.save(article.id, analysis, version=1)
        link_entities(store)
        start = time.process_time()
        link_stories(store)
        by_itself = time.process_time() - start
        store.close()
        footprint = sizes(Path(tmp) / "scale.db")
    return Figures(
        1000 * stored / new,
        1000 * linked / new,
        1000 * entities / new,
        1000 * storied / new,
        1000 * by_itself,
        len(report),
        *candidates,
        joined,
        fill_s,
        world.events,
        *footprint,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument(
        "--days", type=int, default=1095, help="days the stored articles are published over"
    )
    parser.add_argument("--results", type=Path, help="markdown file to write the section into")
    args = parser.parse_args()
    lines = [
        "| articles (and actors) stored | events stored | store one (ms) "
        "| link copies of one (ms) | link entities of one (ms) | link stories of one (ms) "
        "| link stories, one alone (ms) | event candidates per look-up "
        "| story candidates per article | joined a story / new | near copies found / planted "
        "| store (MB) | of it indexes (MB) | largest tables and indexes (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    loads = [os.getloadavg()[0]]
    for size in args.sizes:
        f = measure(size, args.new, seed=size, days=args.days)
        lines.append(
            f"| {size:,} | {f.events:,} | {f.store_ms:.2f} | {f.copies_ms:.2f} "
            f"| {f.entities_ms:.2f} | {f.stories_ms:.2f} | {f.alone_ms:.1f} "
            f"| {f.event_candidates:.1f} | {f.story_candidates:.1f} "
            f"| {f.joined} / {args.new} | {f.copies_found} / {args.new // 4} "
            f"| {f.store_mb:,.0f} | {f.index_mb:,.0f} | {f.largest} |"
        )
        loads.append(os.getloadavg()[0])
        print(lines[-1], f"(fill {f.fill_s:.0f} s, load {loads[-1]:.1f})", flush=True)
    if args.results:
        write_section(
            args.results,
            SECTION,
            "\n".join(
                [
                    SECTION,
                    "",
                    "Command: `.venv/bin/python bench/link_scale.py --results bench/RESULTS.md`",
                    "",
                    "Machine: 2 cores, 24 GiB, python 3.11, SQLite. Date: "
                    f"{datetime.now(UTC).date().isoformat()}. "
                    + __doc__.split("\n\n")[1].replace("\n", " ")
                    + " Times are CPU time of the benchmark process "
                    "(`time.process_time`), not wall clock: the 2 cores were shared with other "
                    f"benchmarks (1-minute load average {min(loads):.1f}-{max(loads):.1f} during the "
                    "run).",
                    "",
                    *lines,
                    "",
                ]
            ),
        )


if __name__ == "__main__":
    main()
