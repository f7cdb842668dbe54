"""The operations every face shares: the CLI, the HTTP API and ``import dateline`` call
these and add nothing but parsing and printing.

Each takes an open Store and returns model types; a story is named by its id or by a part
of its title only one story's title contains (``find_story``), and without one the largest
story is meant. Ingesting and the per-document stages live in ``run``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import date

from dateline.collection import fewer_collections
from dateline.errors import NoStoriesError, StoryNotFoundError
from dateline.link.entities import person_actor
from dateline.link.names import name_key
from dateline.model import (
    Actor,
    ArticleDetail,
    BriefPoint,
    CheckResult,
    Citation,
    Cited,
    CitedSpan,
    CopyGroup,
    Coverage,
    Event,
    SearchResult,
    Sighting,
    SpeakerQuotes,
    StoredArticle,
    StoredFailure,
    StoredQuote,
    Story,
    TimelineEntry,
    TimelineHead,
)
from dateline.store import Store
from dateline.views import actors as actor_views
from dateline.views import brief as brief_view
from dateline.views import export as export_view
from dateline.views.actors import PersonIndex
from dateline.views.daily import dated_summary
from dateline.views.faithful import Verifier
from dateline.views.faithful import check as check_lines
from dateline.views.remembered import remembered, remembered_value
from dateline.views.timeline import Articles, in_date_order, ranked_entries
from dateline.views.timeline import timeline as timeline_view


def stories(store: Store) -> list[Story]:
    """Every story, largest first."""
    return store.stories.listing()


def find_story(store: Store, spec: str | None = None) -> Story:
    """The story a user means: its id, or a case-insensitive part of its title that only
    one story's title contains; the largest story without ``spec``.

    Raises:
        StoryNotFoundError: no story, or several, match ``spec``.
        NoStoriesError: no ``spec``, and the store holds no story yet.
    """
    if spec is not None and spec.strip().isdigit() and len(spec.strip()) < 19:  # an int64
        found = store.stories.get(int(spec.strip()))
        if found is not None:
            return found
    listed = store.stories.listing()
    if spec is None:
        if not listed:
            raise NoStoriesError()
        return listed[0]
    spec = spec.strip()
    wanted = spec.casefold()
    matches = [
        story
        for story in sorted(listed, key=lambda s: s.id)
        if wanted and wanted in (story.title or "").casefold()
    ]
    if len(matches) != 1:
        raise StoryNotFoundError(spec, [story.id for story in matches])
    return matches[0]


def events(store: Store, story: Story) -> list[Event]:
    """A story's events in date order, with the sentences that report them."""
    return store.events.of_story(story.id)


def actor_names(store: Store, actor_ids: Sequence[int]) -> dict[int, str]:
    """The name of each actor."""
    return store.actors.names(actor_ids)


def entities(store: Store, story: Story | None = None) -> list[Actor]:
    """Actors by how many articles mention them, with their roles over time; with
    ``story``, only as that story's articles name them."""
    if story is None:
        return actor_views.story_actors(store, None, _person_index(store))

    @fewer_collections()
    def make() -> list[Actor]:
        return actor_views.story_actors(store, story.id, _person_index(store))

    return remembered(store, story.id, "entities", (), make, Actor.from_json)


def people(store: Store, story: Story, *, top: int = 40) -> list[Actor]:
    """The ``top`` people the story's articles name most, with their titles over time."""

    @fewer_collections()
    def make() -> list[Actor]:
        return [actor for actor in entities(store, story) if actor.label == "PERSON"][:top]

    return remembered(store, story.id, "people", (top,), make, Actor.from_json)


def quotes(
    store: Store, speaker: str | None = None, story: Story | None = None
) -> list[StoredQuote]:
    """Who said what, oldest first; ``speaker`` matches a part of the speaker's name; with
    ``story``, only what its articles report."""
    return store.analyses.quotes(speaker=speaker, story_id=story.id if story else None)


def story_articles(store: Store, story: Story, limit: int = 50) -> list[StoredArticle]:
    """A story's latest ``limit`` articles, newest first."""
    return store.articles.of_story(story.id, limit)


def sightings(store: Store, article_id: str) -> list[Sighting]:
    """Every document that carried the article: the outlets that ran its text."""
    return store.articles.sightings(article_id)


def cited_spans(store: Store, citations: Sequence[Citation]) -> list[CitedSpan]:
    """Each citation's span in its paragraph, for a reader to check the line against."""
    found = []
    texts: dict[str, str] = {}
    for citation in citations:
        if citation.article not in texts:
            texts[citation.article] = store.articles.get(citation.article).article.text
        text = texts[citation.article]
        start = text.rfind("\n\n", 0, citation.start) + 2 if citation.start else 0
        end = text.find("\n\n", citation.end)
        end = len(text) if end < 0 else end
        found.append(
            CitedSpan(
                citation,
                text[max(start, 0) : citation.start],
                text[citation.start : citation.end],
                text[citation.end : end],
            )
        )
    return found


def speakers(store: Store, story: Story, *, top: int = 8, each: int = 3) -> list[SpeakerQuotes]:
    """The ``top`` speakers the story quotes most, each with its ``each`` latest quotes;
    the spellings of one name ("Zelensky", "Zelenskyy") are one speaker, shown as the
    story spells it most."""
    spellings: dict[str, list[tuple[str, int]]] = {}
    for speaker, count in store.analyses.speaker_counts(story.id, top * 4):
        spellings.setdefault(name_key(speaker, "PERSON"), []).append((speaker, count))
    ranked = sorted(spellings.values(), key=lambda names: -sum(c for _, c in names))[:top]
    return [
        SpeakerQuotes(
            names[0][0],
            sum(count for _, count in names),
            store.analyses.latest_quotes(story.id, [name for name, _ in names], each),
        )
        for names in ranked
    ]


def coverage(store: Store, story: Story) -> list[Coverage]:
    """How many of the story's articles each outlet published each day."""
    return store.stories.coverage(story.id)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Articles whose title or text holds every word and quoted phrase of ``query``, best
    first, ``limit`` from ``offset``, with the words around a match."""
    return store.articles.search(query, limit, offset)


def copy_groups(store: Store) -> list[CopyGroup]:
    """Copies of one story: each canonical article, its near copies, every outlet."""
    return store.copies.groups()


def articles(store: Store) -> Iterator[StoredArticle]:
    """Every article, oldest first (undated last)."""
    return store.articles.all()


def failures(store: Store) -> list[StoredFailure]:
    """Every document a stage could not process, oldest first, with the reason."""
    return store.articles.failures()


def article(store: Store, article_id: str) -> ArticleDetail:
    """One article (by id or a unique prefix of one) with its analysis.

    Raises:
        ArticleNotFoundError: no article, or several, match.
    """
    stored = store.articles.get(article_id)
    return ArticleDetail(stored, store.analyses.get(stored.id))


def timeline(
    store: Store,
    story: Story,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int | None = None,
    unverified: bool = False,
) -> list[TimelineEntry]:
    """A story's events in date order, one cited source sentence each, each verified
    against its citations (``dateline check``).

    Args:
        since, until: keep events that end on or after ``since`` and start on or before
            ``until``.
        top: keep the ``top`` most important.
        unverified: keep the entries the checker cannot verify too, marked.
    """
    if top is not None:
        head = timeline_head(store, story, top=top, since=since, until=until, unverified=unverified)
        return list(head.entries)
    return in_date_order(_ranked(store, story, since, until, unverified))


def timeline_head(
    store: Store,
    story: Story,
    *,
    top: int,
    since: date | None = None,
    until: date | None = None,
    unverified: bool = False,
    actor: int | None = None,
) -> TimelineHead:
    """The ``top`` most important entries of ``timeline`` in date order, and how many more
    the whole timeline holds (the terminal's default view); with ``actor``, only the
    entries of events that actor takes part in."""

    @fewer_collections()
    def make() -> TimelineHead:
        ranked = _ranked(store, story, since, until, unverified)
        if actor is not None:
            ranked = [entry for entry in ranked if actor in entry.participants]
        return TimelineHead(tuple(in_date_order(ranked[:top])), max(0, len(ranked) - top))

    params = (top, since, until, unverified, actor)
    return remembered_value(store, story.id, "head", params, make, TimelineHead.from_json)


def _ranked(
    store: Store, story: Story, since: date | None, until: date | None, unverified: bool
) -> list[TimelineEntry]:
    """Every verified entry of the story's timeline, the most important first; made once
    per state of the story (``views.remembered``)."""

    @fewer_collections()
    def make() -> list[TimelineEntry]:
        articles = Articles(store)
        keep = Verifier(articles, keep_unverified=unverified)
        return ranked_entries(
            store, story.id, since=since, until=until, articles=articles, keep=keep
        )

    params = (since, until, unverified)
    return remembered(store, story.id, "timeline", params, make, TimelineEntry.from_json)


@fewer_collections()
def dated_timeline(
    store: Store,
    story: Story,
    *,
    dates: int,
    per_date: int = 1,
    since: date | None = None,
    until: date | None = None,
    top: int | None = None,
    unverified: bool = False,
) -> list[TimelineEntry]:
    """The benchmark protocol's timeline: the ``dates`` days that matter most, each told in
    ``per_date`` source sentences (``views.daily``); verified as ``timeline`` is."""
    articles = Articles(store)
    entries = timeline_view(store, story.id, since=since, until=until, top=top, articles=articles)
    keep = Verifier(articles, keep_unverified=unverified)
    days = dated_summary(
        entries, articles, store.stories.article_ids(story.id), dates, per_date, keep
    )
    return [entry for _, chosen in days for entry in chosen]


def brief(
    store: Store, story: Story, *, since: date | None = None, unverified: bool = False
) -> list[BriefPoint]:
    """A story's key points: the latest development, the main events, who holds which
    role, quoted positions, and where sources disagree; each cited and verified against
    its citations (``unverified``: the points the checker cannot verify too, marked)."""

    @fewer_collections()
    def make() -> list[BriefPoint]:
        articles = Articles(store)
        keep = Verifier(articles, keep_unverified=unverified)
        return brief_view.brief(store, story.id, since=since, articles=articles, keep=keep)

    return remembered(store, story.id, "brief", (since, unverified), make, BriefPoint.from_json)


@fewer_collections()
def check(store: Store, story: Story | None = None) -> CheckResult:
    """Every timeline and key-point line (of one story, or of all) against its citations."""
    chosen = [story] if story else store.stories.listing()
    lines: list[Cited] = []
    for each in chosen:  # every line the views make, before any is left out
        lines += timeline_view(store, each.id)
        lines += brief_view.brief(store, each.id)
    return check_lines(store, lines)


@fewer_collections()
def export(store: Store, story: Story | None = None) -> export_view.Export:
    """The store, or one story, as an export document (``Export.to_json``, ``text``,
    ``tables``).

    Raises:
        StoryNotFoundError: ``story`` is not in the store.
    """
    return export_view.export(store, _person_index(store), story.id if story else None)


def _person_index(store: Store) -> PersonIndex:
    return functools.partial(person_actor, store)
