"""A story's key points: the latest development, the events that matter most, who holds
which role, each side's quoted position, and the facts the sources disagree on.

Every point is built from source spans and cites them: event sentences verbatim, quotes
with their speaker as written, roles as the sentence that states them. Where outlets give
different numbers for the same thing, or different days, in reports of one event, both are
shown with their sources instead of one being picked.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date

from dateline.model import (
    Actor,
    BriefPoint,
    Citation,
    EventReport,
    PointKind,
    Precision,
    Quote,
    RoleSpan,
    SourceSpan,
    TimelineEntry,
    day_label,
)
from dateline.model.terms import STOP_WORDS
from dateline.store import Store
from dateline.views.actors import with_roles
from dateline.views.timeline import Articles, rank, timeline

# How many points of each kind a brief gives (5-10 in all when the story has them).
KEY_EVENTS, SPEAKERS, LEADERS, DISPUTES = 3, 2, 2, 2
# What becomes of a candidate point: itself, marked, or None when it is left out.
Keep = Callable[[BriefPoint], BriefPoint | None]
# Reported speech shorter than this is a stance's object ("criticized the law"), not a position.
MIN_REPORTED_WORDS = 6
# A quote longer than this is cut at a word boundary, marked with an ellipsis.
QUOTE_WORDS = 30

# "12 people", "1,500 troops": a count and what it counts.
_COUNT = re.compile(r"\b(\d[\d,.]*\d|\d)\s+([a-z]{3,})\b")
# What an indirect quote's text may start with before the words said: "that, ".
_LEAD_IN = re.compile(r"^(?:that\b)?[\s,:]*", re.I)
_NOT_COUNTED = frozenset(
    {
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "hundred",
        "years",
        "year",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "weeks",
        "months",
        "percent",
        "per",
        "and",
        "or",
        "to",
        "of",
        "in",
        "on",
        "at",
        "am",
        "pm",
        "miles",
        "km",
        "kilometres",
        "kilometers",
    }
)


def brief(
    store: Store,
    story_id: int | None,
    *,
    since: date | None = None,
    articles: Articles | None = None,
    keep: Keep | None = None,
) -> list[BriefPoint]:
    """The story's key points; with ``since``, only what happened or was said since then.

    Args:
        articles: the articles read so far, to share with other views (the checker).
        keep: what becomes of a candidate point (None: it is left out, and the next
            candidate of its kind takes its place; ``faithful.Verifier``).
    """
    articles = articles or Articles(store)
    keep = keep or _keep_all
    entries = timeline(store, story_id, since=since, articles=articles)
    ids = (
        store.stories.article_ids(story_id)
        if story_id is not None
        else [a.id for a in store.articles.all()]
    )
    if since is not None:
        ids = [i for i in ids if (articles.published(i) or "") >= since.isoformat()]
    points = _events(entries, keep) + _positions(store, articles, ids, story_id, keep)
    points += _leaders(store, articles, ids, _named_actors(store, story_id), keep)
    return points + _disputes(store, articles, story_id, entries, keep)


def _keep_all(point: BriefPoint) -> BriefPoint:
    return point


def _events(entries: list[TimelineEntry], keep: Keep) -> list[BriefPoint]:
    """The latest development first, then the most important other events, by date;
    entries are told and checked in rank order, only as far as the choice needs."""
    told = _told(entries, keep)
    head = list(itertools.islice(told, KEY_EVENTS + 2))
    if not head:
        return []
    # the latest development: of the most important, the one that happened last (an
    # event known only to its month or year is no development)
    precise = [(e, p) for e, p in head if e.precision in (Precision.DAY, Precision.WEEK)]
    latest, first = max(precise or head, key=lambda item: (item[0].date, item[0].importance))
    others: list[tuple[TimelineEntry, BriefPoint]] = []
    for entry, point in itertools.chain(head, told):  # one a day: minor details wait
        if len(others) == KEY_EVENTS:
            break
        if entry is not latest and all(entry.date != e.date for e, _ in [(latest, first), *others]):
            others.append((entry, point))
    others.sort(key=lambda item: item[0].date)
    return [
        dataclasses.replace(
            first, text=f"Latest ({latest.label}): {latest.text}", kind=PointKind.LATEST
        )
    ] + [point for _, point in others]


def _told(entries: list[TimelineEntry], keep: Keep) -> Iterator[tuple[TimelineEntry, BriefPoint]]:
    """The entries as event points, in rank order (background, what ended well before the
    story began, is no key event: it comes last), those ``keep`` leaves out left out."""
    for e in sorted(entries, key=rank):
        point = BriefPoint(
            f"{e.label}: {e.text}", PointKind.EVENT, e.citations, e.date, e.end, e.label
        )
        if (kept := keep(point)) is not None:
            yield e, kept


def _positions(
    store: Store, articles: Articles, ids: list[str], story_id: int | None, keep: Keep
) -> list[BriefPoint]:
    """The most quoted speakers' latest words (in quotation marks, or reported as a clause of
    some length: a stance's object alone, "criticized the law", is no position), said or
    written (a belief or a plan attributed to someone is not their words), each under
    the speaker's name as that article writes it, citing the quote with the words that
    attribute it (a pronoun or a title) and, where they stand apart, the mention that names
    the speaker."""
    inside = set(ids)
    actor_of = {(m.article_id, m.name): m.actor_id for m in store.actors.mentions_in(ids)}
    said: dict[str, list[tuple[str, Quote]]] = {}
    for found in store.analyses.quotes(story_id=story_id):
        article_id, quote = found.article.id, found.quote
        if (
            article_id in inside
            and quote.speech
            and (quote.direct or len(quote.text.split()) >= MIN_REPORTED_WORDS)
            and quote.speaker
            and quote.speaker_start is not None
        ):
            who = str(actor_of.get((article_id, quote.speaker), quote.speaker))
            said.setdefault(who, []).append((article_id, quote))
    points: list[BriefPoint] = []
    for who in sorted(said, key=lambda who: (-len(said[who]), who)):
        if len(points) == SPEAKERS:
            break
        latest_first = sorted(
            said[who],
            key=lambda item: (articles.published(item[0]) or "", item[1].direct, -item[1].start),
            reverse=True,
        )
        candidates = (_position(articles, article_id, quote) for article_id, quote in latest_first)
        point = next(filter(None, map(keep, candidates)), None)
        if point:
            points.append(point)
    return points


def _position(articles: Articles, article_id: str, quote: Quote) -> BriefPoint:
    """A quote as a position line under its speaker's name as the article writes it."""
    assert quote.speaker_start is not None and quote.speaker_end is not None
    words = _LEAD_IN.sub("", quote.text.strip()).strip("\"“”'").split()
    text = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
    named = articles[article_id].article.text[quote.speaker_start : quote.speaker_end]
    return BriefPoint(
        f"{named}: “{text}”",
        PointKind.POSITION,
        _quote_citations(articles, article_id, quote),
        who=named,
    )


def _quote_citations(articles: Articles, article_id: str, quote: Quote) -> tuple[Citation, ...]:
    """The quote with its cue and the words naming or referring to its speaker; and the
    sentence of the named speaker when that stands apart (a pronoun's antecedent)."""
    assert quote.speaker_start is not None and quote.speaker_end is not None
    ends = [quote.start, quote.end]
    for start, end in ((quote.cue_start, quote.cue_end), (quote.source_start, quote.source_end)):
        if start is not None and end is not None:
            ends += [start, end]
    named = (quote.speaker_start, quote.speaker_end)
    if quote.source_start is None or named == (quote.source_start, quote.source_end):
        ends += list(named)
    cited = [articles.cite(article_id, min(ends), max(ends))]
    if not (min(ends) <= named[0] and named[1] <= max(ends)):
        start, end = _sentence_around(articles, SourceSpan(article_id, *named))
        cited.append(articles.cite(article_id, start, end))
    return tuple(cited)


def _leaders(
    store: Store, articles: Articles, ids: list[str], actors: Sequence[Actor], keep: Keep
) -> list[BriefPoint]:
    """The story's most mentioned people who hold a stated role, each by the latest
    sentence that names them with their title."""
    mentioned = Counter(m.actor_id for m in store.actors.mentions_in(ids))
    inside = set(ids)
    points: list[BriefPoint] = []
    for actor in actors:
        if len(points) == LEADERS:
            break
        if actor.label != "PERSON" or mentioned[actor.id] == 0:
            continue
        held = sorted(
            ((role, e) for role in actor.roles for e in role.evidence if e.article_id in inside),
            key=lambda item: (articles.published(item[1].article_id) or "", item[1].article_id),
            reverse=True,
        )
        made = (_role_point(articles, actor, role, evidence) for role, evidence in held)
        point = next(filter(None, (keep(p) for p in made if p)), None)
        if point:
            points.append(point)
    return points


def _named_actors(store: Store, story_id: int | None) -> list[Actor]:
    """The story's actors, each with the roles stated for a person of its very name: a role
    point quotes a sentence that names the person as the actor is named."""
    listed = store.actors.listing(story_id)
    by_name = {actor.name: actor.id for actor in listed}
    return with_roles(listed, store.analyses.roles(story_id), by_name.get)


def _role_point(
    articles: Articles, actor: Actor, role: RoleSpan, evidence: SourceSpan
) -> BriefPoint | None:
    """A role as one sentence states it, when the sentence has both the name and the title."""
    start, end = _sentence_around(articles, evidence)
    sentence = articles[evidence.article_id].article.text[start:end].strip()
    named = next(
        (alias for alias in sorted(actor.aliases, key=len, reverse=True) if alias in sentence), None
    )
    if named is None or role.title.casefold() not in sentence.casefold():
        return None
    when = articles.published(evidence.article_id)
    label = day_label(when) if when else None
    return BriefPoint(
        f"{named}, {role.title}" + (f" (as of {label})" if label else "") + f": {sentence}",
        PointKind.ROLE,
        (articles.cite(evidence.article_id, start, end),),
        when,
        when,
        label,
        who=named,
        title=role.title,
    )


def _disputes(
    store: Store,
    articles: Articles,
    story_id: int | None,
    entries: list[TimelineEntry],
    keep: Keep,
) -> list[BriefPoint]:
    """The facts that differ between sources reporting the same event (the day it happened,
    counts of the same thing), for the most important events that have them."""
    reports = {event.id: event.evidence for event in store.events.of_story(story_id)}
    points: list[BriefPoint] = []
    for entry in sorted(entries, key=lambda e: (-e.importance, e.event or 0)):
        if len(points) >= DISPUTES:
            break
        if entry.sources >= 2 and entry.event is not None:
            evidence = reports[entry.event]
            found = _day_disputes(articles, entry, evidence) + _count_disputes(articles, evidence)
            points += filter(None, map(keep, found))
    del points[DISPUTES:]
    return points


def _day_disputes(
    articles: Articles, entry: TimelineEntry, evidence: Sequence[EventReport]
) -> list[BriefPoint]:
    """Sources that each put the event on one day, in their own words, but not the same
    day ("on Tuesday" against "on Wednesday"); a source that gives two days tells of an
    event that lasted both, so it disputes nothing."""
    days: dict[str, dict[str, Citation]] = {}  # source -> day -> a sentence that gives it
    for e in evidence:
        span = e.span if e.date_from == "timex" else None
        if span and span.start == span.end:
            citation = articles.cite(e.article_id, e.start, e.end)
            days.setdefault(articles.source(e.article_id), {}).setdefault(span.start, citation)
    single = {source: given for source, given in days.items() if len(given) == 1}
    if len(single) < len(days) or len({day for given in single.values() for day in given}) < 2:
        return []
    by_day: dict[str, list[Citation]] = {}
    for given in single.values():
        for day, citation in given.items():
            by_day.setdefault(day, []).append(citation)
    told = "; ".join(
        f"{day_label(day)} (" + ", ".join(c.outlet or c.article for c in cited) + ")"
        for day, cited in sorted(by_day.items())
    )
    cited = tuple(c for _, found in sorted(by_day.items()) for c in found)
    return [
        BriefPoint(
            f"Sources differ on the day: {told}. {entry.text}",
            PointKind.DISPUTE,
            cited + tuple(c for c in entry.citations[:1] if c not in cited),
        )
    ]


def _count_disputes(articles: Articles, evidence: Sequence[EventReport]) -> list[BriefPoint]:
    """Counts of the same thing ("12 people", "14 people") that differ between sources."""
    counts: dict[str, dict[str, Citation]] = {}
    for e in evidence:
        citation = articles.cite(e.article_id, e.start, e.end)
        text = articles[citation.article].article.text[citation.start : citation.end]
        for number, noun in _COUNT.findall(text):
            if noun not in _NOT_COUNTED and noun not in STOP_WORDS:
                counts.setdefault(noun, {}).setdefault(number, citation)
    points: list[BriefPoint] = []
    for noun, values in sorted(counts.items()):
        sources = {articles.source(c.article) for c in values.values()}
        if len(values) > 1 and len(sources) > 1:
            told = "; ".join(
                f"{number} ({c.outlet or c.article})" for number, c in sorted(values.items())
            )
            points.append(
                BriefPoint(
                    f"Sources differ on the number of {noun}: {told}",
                    PointKind.DISPUTE,
                    tuple(values.values()),
                )
            )
    return points


def _sentence_around(articles: Articles, span: SourceSpan) -> tuple[int, int]:
    """The analysed sentence (or sentences) that hold a span."""
    spans = [
        s for s in articles.sentences(span.article_id) if s[0] < span.end and span.start < s[1]
    ]
    return (spans[0][0], spans[-1][1]) if spans else (span.start, span.end)
