"""Time to build the timeline of a 1,000-article story from the store.

A store is built without spaCy: 1,000 synthetic articles about one developing story
(peace talks and fighting over four months, 25 outlets), written from one topic vocabulary
and one cast (16 people, 8 places). Each article has a synthetic analysis with offsets into
its text: its names as mentions, 3 direct quotes with their speakers, 2 roles, and 10 event
mentions: 8 reports of events from a pool of 300 dated over the four months (the latest in
its lede, dated by publication; older ones dated in the text; a few major events reported
far more often, and casualty counts that sometimes differ between outlets), and 2 passing
events of its own. A tenth of the articles are wire copies (another outlet, the last
paragraph cut). Articles are stored with `store.articles.add` and `store.analyses.save` and
linked for real (`link_copies`, `link_entities`, `link_stories`); then the story's
timeline (all entries, `top=20`, and the terminal's head), brief and JSON export are timed
cold (the story's views kept in `view_cache` cleared first: the first read after the story
changed) and warm (the median of 3 reads after it).

    python bench/timeline_cost.py [--articles 1000] [--runs 3] [--profile] [--results FILE]
        [--keep STORE]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import dateline
from common import write_section
from dateline.link.copies import link_copies
from dateline.link.entities import link_entities
from dateline.link.stories import link_stories
from dateline.model import (
    Analysis,
    Article,
    EventMention,
    Mention,
    Published,
    Quote,
    RawDocument,
    Role,
)
from dateline.months import MONTHS
from dateline.store import Store

SECTION = "## Timeline build time (1,000-article story)"
FIRST_DAY, DAYS = date(2025, 10, 1), 120
POOL, REPORTS, PASSING, QUOTES, ROLES = 300, 8, 2, 3, 2
COPY_SHARE = 0.1

PEOPLE = [
    "Anna Kovalenko",
    "Dmitri Orlov",
    "Marco Bellini",
    "Sarah Whitfield",
    "Yusuf Demir",
    "Elena Petrova",
    "James Harlan",
    "Olena Shevchuk",
    "Karim Haddad",
    "Lena Novak",
    "Viktor Sidorenko",
    "Helen Brooks",
    "Tomas Lindqvist",
    "Ahmed Farouk",
    "Irina Volkova",
    "Peter Mallory",
]
TITLES = [
    "President",
    "Foreign Minister",
    "Defence Minister",
    "Chief Negotiator",
    "Prime Minister",
    "Special Envoy",
    "Secretary-General",
    "Army Chief",
]
PLACES = ["Geneva", "Istanbul", "Doha", "Vienna", "Oslo", "Ankara", "Kharkiv", "Zaporizhzhia"]
OUTLETS = [f"Outlet {n}" for n in range(25)]
# (trigger noun as written, a verb before it, does it count casualties)
HAPPENINGS = [
    ("talks", "held", False),
    ("meeting", "attended", False),
    ("summit", "hosted", False),
    ("call", "had a phone", False),
    ("ceasefire", "announced a", False),
    ("strike", "launched a missile", True),
    ("attack", "carried out a drone", True),
    ("visit", "made a", False),
    ("agreement", "signed an", False),
    ("exchange", "completed a prisoner", False),
    ("offensive", "began an", True),
    ("shelling", "reported heavy", True),
    ("sanctions", "imposed new", False),
    ("protest", "joined a", False),
]
TOPIC = [
    "peace",
    "negotiations",
    "delegation",
    "frontline",
    "border",
    "ceasefire",
    "sanctions",
    "humanitarian",
    "corridor",
    "prisoners",
    "reconstruction",
    "security",
    "guarantees",
    "territorial",
    "withdrawal",
    "monitoring",
    "mission",
    "troops",
    "civilians",
    "evacuation",
    "energy",
    "infrastructure",
    "grain",
    "exports",
    "diplomats",
    "framework",
    "proposal",
    "settlement",
    "escalation",
    "observers",
    "deadline",
    "memorandum",
    "mediation",
    "envoys",
    "compromise",
    "occupied",
    "region",
]
TITLE_WORDS = ["peace", "talks", "ceasefire", "war", "negotiations", "frontline", "envoys", "deal"]
QUOTE_WORDS = [
    "we",
    "will",
    "not",
    "accept",
    "any",
    "proposal",
    "that",
    "ignores",
    "our",
    "security",
    "and",
    "the",
    "people",
    "expect",
    "results",
    "progress",
    "remains",
    "slow",
    "but",
    "the",
    "door",
    "is",
    "open",
    "for",
    "serious",
    "dialogue",
    "every",
    "day",
    "of",
    "delay",
    "costs",
    "lives",
]


@dataclass(eq=False)
class Happening:
    """One real-world event of the pool, which many articles report."""

    day: date
    noun: str
    verb: str
    counts: bool
    who: list[str]
    place: str
    killed: int
    weight: float


@dataclass
class Writer:
    """Builds an article's text sentence by sentence, recording the analysis' spans."""

    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    at: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)

    def offset(self) -> int:
        """Where the next sentence starts in the text."""
        return self.at + sum(len(s) + 1 for s in self.current)

    def sentence(self, pieces: list[tuple[str, str | None]]) -> tuple[int, int, dict[str, int]]:
        """Add a sentence made of (text, label) pieces, labelled pieces being names; return
        its span and where each piece starts."""
        start = self.offset()
        text, where = "", {}
        for piece, label in pieces:
            where.setdefault(piece, start + len(text))
            if label:
                self.mentions.append(
                    Mention(start + len(text), start + len(text) + len(piece), piece, label, piece)
                )
            text += piece
        self.current.append(text)
        self.sentences.append((start, start + len(text)))
        return start, start + len(text), where

    def paragraph(self) -> None:
        if self.current:
            self.paragraphs.append(" ".join(self.current))
            self.at += len(self.paragraphs[-1]) + 2
            self.current = []

    def analysis(self, limit: int | None = None) -> Analysis:
        """The analysis of the text, or of its first ``limit`` characters (a cut copy)."""

        def keep(item: Any) -> bool:
            return limit is None or item.end <= limit

        return Analysis(
            sentences=tuple(s for s in self.sentences if limit is None or s[1] <= limit),
            mentions=tuple(filter(keep, self.mentions)),
            timexes=(),
            quotes=tuple(filter(keep, self.quotes)),
            roles=tuple(filter(keep, self.roles)),
            event_mentions=tuple(filter(keep, self.events)),
        )


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def pool(rng: random.Random) -> list[Happening]:
    """The story's events, no two of a kind on one day, a few of them major."""
    out, taken = [], set()
    while len(out) < POOL:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        noun, verb, counts = rng.choice(HAPPENINGS)
        if (day, noun) in taken:
            continue
        taken.add((day, noun))
        out.append(
            Happening(
                day,
                noun,
                verb,
                counts,
                rng.sample(PEOPLE, rng.randint(1, 2)),
                rng.choice(PLACES),
                rng.randint(3, 40),
                rng.paretovariate(1.2),
            )
        )
    return sorted(out, key=lambda h: h.day)


def write_article(
    n: int, day: date, rng: random.Random, events: list[Happening], holders: dict[str, str]
) -> tuple[Article, Writer]:
    """An article published on ``day``: the latest event in its lede, older ones below,
    passing events, quotes and roles."""
    w = Writer()
    past = [h for h in events if h.day <= day] or events[:1]
    latest = [h for h in past if (day - h.day).days <= 1] or past[-3:]
    lede = rng.choice(latest)
    older = [h for h in past if h is not lede]
    reported = [lede] + (
        rng.choices(
            older, weights=[h.weight / (1 + (day - h.day).days / 14) for h in older], k=REPORTS - 1
        )
        if older
        else []
    )
    topic = lambda k: " ".join(rng.sample(TOPIC, k))  # noqa: E731
    for i, h in enumerate(dict.fromkeys(reported)):
        if i in (1, 3, 5, 7):
            w.paragraph()
        dated_by_text = h.day != day or rng.random() < 0.5
        pieces: list[tuple[str, str | None]] = []
        for k, person in enumerate(h.who):
            pieces += [(" and " if k else "", None), (person, "PERSON")]
        pieces += [(f" {h.verb} {h.noun} in ", None), (h.place, "GPE")]
        if dated_by_text:
            pieces.append((f" on {day_text(h.day)}", None))
        if h.counts:
            killed = h.killed + (2 if rng.random() < 0.2 else 0)
            pieces.append((f", killing {killed} civilians", None))
        pieces.append((f", amid talk of {topic(4)}.", None))
        start, end, where = w.sentence(pieces)
        w.events.append(
            EventMention(
                start,
                end,
                h.noun,
                h.day.isoformat() if dated_by_text else day.isoformat(),
                "timex" if dated_by_text else "published",
                tuple(h.who),
                (h.place,),
            )
        )
    w.paragraph()
    for k in range(PASSING):
        person, place = rng.choice(PEOPLE), rng.choice(PLACES)
        noun = f"inspection{n}x{k}"
        start, end, _ = w.sentence(
            [
                (person, "PERSON"),
                (f" ordered an {noun} in ", None),
                (place, "GPE"),
                (f" covering {topic(3)}.", None),
            ]
        )
        w.events.append(
            EventMention(start, end, noun, day.isoformat(), "published", (person,), (place,))
        )
    w.paragraph()
    for _ in range(QUOTES):
        speaker = rng.choice(PEOPLE[:8])
        said = " ".join(rng.sample(QUOTE_WORDS, 12)).capitalize()
        start, end, where = w.sentence(
            [(f"\u201c{said},\u201d ", None), (speaker, "PERSON"), (" said.", None)]
        )
        cue = end - len("said.")
        w.quotes.append(
            Quote(
                start,
                start + len(said) + 3,
                f"\u201c{said},\u201d",
                True,
                "said",
                cue,
                cue + 4,
                speaker,
                where[speaker],
                where[speaker] + len(speaker),
            )
        )
    w.paragraph()
    for person in rng.sample(list(holders), ROLES):
        title = holders[person]
        start, end, where = w.sentence(
            [(f"{title} ", None), (person, "PERSON"), (f" spoke about {topic(5)}.", None)]
        )
        w.roles.append(Role(person, title, where[f"{title} "], where[person] + len(person), day))
    w.paragraph()
    for _ in range(2):
        w.sentence([(f"Officials discussed {topic(8)}.", None)])
    w.paragraph()
    who = rng.choice(PEOPLE)
    title = f"{who.split()[-1]}: {' '.join(rng.sample(TITLE_WORDS, 4))} in {lede.place}"
    article = Article(
        source=f"synthetic/{n}",
        url=f"https://news.example/{n}",
        title=title,
        publisher=rng.choice(OUTLETS),
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(day, "metadata"),
        body=tuple(w.paragraphs),
    )
    return article, w


def build(store: Store, articles: int, rng: random.Random) -> dict[str, Any]:
    """Store, analyse (synthetically) and link the story's articles; return what linking made."""
    events = pool(rng)
    holders = dict(zip(PEOPLE[:8], TITLES))
    raw_id = store.articles.add_raw(RawDocument("bench", "text", "bench"))
    written, originals, copied = [], [], set()
    for n in range(articles):
        day = FIRST_DAY + timedelta(days=n * DAYS // articles)
        uncopied = [pair for pair in originals[-20:] if pair[0].id not in copied]
        if uncopied and rng.random() < COPY_SHARE:  # a wire copy: another outlet, cut short
            original, w = rng.choice(uncopied)
            copied.add(original.id)
            body = original.body[:-1]
            copy = original.replace(
                source=f"synthetic/{n}",
                url=f"https://news.example/{n}",
                publisher=rng.choice(OUTLETS),
                body=body,
                published=Published(day, "metadata"),
            )
            written.append((copy, w, len(copy.text)))
            continue
        article, w = write_article(n, day, rng, events, holders)
        written.append((article, w, None))
        originals.append((article, w))
    started = time.perf_counter()
    for article, _, _ in written:
        store.articles.add(article, raw_id)
    copies = link_copies(store)
    for article, w, limit in written:
        store.analyses.save(article.id, w.analysis(limit), version=1)
    link_entities(store)
    link_stories(store)
    listed = store.stories.listing()
    return {
        "linking_s": time.perf_counter() - started,
        "stories": listed,
        "copies": len(copies),
        "pool": len(events),
    }


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, float, Any]:
    """Wall and CPU seconds of the first call (cold: the story's views not yet made),
    the median wall seconds of ``runs`` calls after it (warm), and the last result."""
    wall, cpu, result = [], [], None
    for _ in range(runs + 1):
        start, used = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return wall[0], cpu[0], statistics.median(wall[1:]), result


def profile(fn: Callable[[], Any], lines: int = 12) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of each view that takes over 10 s"
    )
    parser.add_argument("--results", type=Path, help="markdown file to write the section into")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(str(args.keep or Path(tmp) / "story.db")) as store,
    ):
        made = build(store, args.articles, random.Random(args.seed))
        biggest = made["stories"][0]
        print(
            f"linked in {made['linking_s']:.0f} s: {len(made['stories'])} stories, the "
            f"largest {biggest.articles} articles, {biggest.events} events; "
            f"{made['copies']} near copies",
            flush=True,
        )
        if biggest.articles < 0.9 * args.articles:
            raise SystemExit(
                f"the largest story has {biggest.articles} of {args.articles} "
                "articles: make the synthetic articles more alike"
            )
        views = {
            "`timeline(store, story)`": lambda: dateline.timeline(store, biggest),
            "`timeline(store, story, top=20)`": lambda: dateline.timeline(store, biggest, top=20),
            "`timeline_head(store, story, top=20)`": lambda: (
                dateline.timeline_head(store, biggest, top=20).entries
            ),
            "`brief(store, story)`": lambda: dateline.brief(store, biggest),
            "`export_json(store, story)`": lambda: dateline.export_json(store, biggest),
        }
        rows, slow = [], []
        for name, fn in views.items():
            store.view_cache.clear()  # each view made afresh (cold), then read again (warm)
            seconds, cpu, warm, result = timed(fn, args.runs)
            size = (
                f"{len(result)} entries"
                if "timeline" in name
                else f"{len(result)} points"
                if "brief" in name
                else f"{len(result['events'])} events, {len(result['articles'])} articles, "
                f"{sum(len(t['entries']) for t in result['timeline'])} timeline entries"
            )
            rows.append(f"| {name} | {seconds:.2f} | {cpu:.2f} | {warm:.3f} | {size} |")
            print(rows[-1], flush=True)
            if seconds > 10:
                slow.append(name)
                if args.profile:
                    print(profile(fn), flush=True)
        cited = Counter(len(e.citations) for e in dateline.timeline(store, biggest))
    lines = [
        f"Story: {biggest.articles:,} of {args.articles:,} articles in one story "
        f"({len(made['stories'])} stories in all), {biggest.events:,} events "
        f"({made['pool']} pool events reported by many articles, the rest passing ones), "
        f"{made['copies']} near copies; entries cite {max(cited)} articles at most. "
        f"Linking the {args.articles:,} articles (copies, entities, events, stories) took "
        f"{made['linking_s']:.0f} s.",
        "",
        "| view | cold: wall (s) | cold: CPU (s) "
        f"| warm: wall, median of {args.runs} (s) | what it made |",
        "|---|---|---|---|---|",
        *rows,
    ]
    print("\n".join(lines[:1]))
    if slow:
        print("over 10 s:", ", ".join(slow))
    if args.results:
        write_section(
            args.results,
            SECTION,
            "\n".join(
                [
                    SECTION,
                    "",
                    "Command: `.venv/bin/python bench/timeline_cost.py --results bench/RESULTS.md`",
                    "",
                    "Machine: 2 cores, 24 GiB, python 3.11, SQLite. Date: "
                    f"{datetime.now(UTC).date().isoformat()}. "
                    + __doc__.split("\n\n")[1].replace("\n", " ")
                    + " The 2 cores were shared with other benchmarks (1-minute "
                    f"load average {os.getloadavg()[0]:.1f} at the end), so CPU time is the steadier "
                    "figure.",
                    "",
                    *lines,
                    "",
                ]
            ),
        )


if __name__ == "__main__":
    main()
