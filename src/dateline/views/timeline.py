"""A story's timeline: one entry per event, in date order, each a sentence from the sources
with the citations that report it.

An entry's text is one of the event's own evidence sentences, verbatim: the one that dates
the event itself, sits in a lede and shares most words with the other reports. Its
importance counts independent sources (outlets, a near copy counting with its original),
articles that report the event in their lede, and how many sentences report it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from dateline.model import (
    Analysis,
    AnalysisPart,
    Citation,
    Clause,
    DateSpan,
    Event,
    EventReport,
    Mention,
    Quote,
    Role,
    StoredArticle,
    TimeExpression,
    TimelineEntry,
)
from dateline.model.terms import content_terms, cosine, is_heading
from dateline.store import Store

# Paragraphs of an article that make its lede.
LEDE_PARAGRAPHS = 2
# Importance of each lede report, of each further distinct sentence, and of each article
# that dates the event in its own words, next to 1 per source.
W_LEDE, W_SENTENCE, W_REFERENCE = 0.5, 0.1, 0.5
# A sentence shorter than this is a fragment or a prompt; one outlet printing the same
# sentence in this many articles is printing a line of its pages.
MIN_WORDS = 8
FURNITURE_REPEATS = 3
# A report published this many days after the event is news of it, not a look back.
FRESH_DAYS = 2
# What a story's first article tells of the week before it is the story's own news ("on
# Saturday", "last week"); what ended earlier is background.
NEWS_DAYS = 7
# The wordings of an event a view tries, best first, when ``keep`` leaves one out.
TELLINGS = 3
# Sentences longer than this read as a paragraph, not a timeline line.
LONG_SENTENCE = 45

_SPACE = re.compile(r"\s+")
# First and second person as written ("US" the country is not "us").
_PERSONAL = frozenset(
    {
        form
        for word in (
            "me",
            "my",
            "we",
            "us",
            "our",
            "you",
            "your",
            "we're",
            "you're",
            "we've",
            "you've",
            "we'll",
            "you'll",
        )
        for form in (word, word.capitalize())
    }
    | {"I", "I'm", "I've", "I'll"}
)
_UNANALYSED = Analysis((), (), (), (), (), ())
# What of an article's analysis the views read (events they read from the store).
_CHECKED_PARTS = frozenset(AnalysisPart) - {AnalysisPart.EVENT_MENTIONS}
_PUNCTUATION = "\"'“”‘’.,;:!?()[]"


class Articles:
    """Stored articles read once each: the views cite many sentences of few articles."""

    def __init__(self, store: Store):
        self.store = store
        self._seen: dict[str, StoredArticle] = {}
        self._copies: dict[str, str] = {}
        self._analyses: dict[str, Analysis] = {}
        self._clause_starts: dict[str, list[int]] = {}
        self._dated: dict[str, list[tuple[TimeExpression, DateSpan]]] = {}
        self._dated_starts: dict[str, list[int]] = {}

    def __getitem__(self, article_id: str) -> StoredArticle:
        if article_id not in self._seen:
            self._seen[article_id] = self.store.articles.get(article_id)
        return self._seen[article_id]

    def analysis(self, article_id: str) -> Analysis:
        """The article's analysis, read once (an empty one before it is analysed): its
        time expressions, quotes, roles, clauses, mentions and sentences (not its event
        mentions: the views read events from the store)."""
        if article_id not in self._analyses:
            found = self.store.analyses.get(article_id, parts=_CHECKED_PARTS)
            self._analyses[article_id] = found or _UNANALYSED
        return self._analyses[article_id]

    def timexes(self, article_id: str) -> tuple[TimeExpression, ...]:
        return self.analysis(article_id).timexes

    def dated_timexes(
        self, article_id: str, start: int, end: int
    ) -> list[tuple[TimeExpression, DateSpan]]:
        """The article's time expressions inside ``start``-``end`` that give a date, with
        the dates they give."""
        if article_id not in self._dated:
            self._dated[article_id] = [
                (timex, span)
                for timex in self.timexes(article_id)
                if (span := DateSpan.parse(timex.value, "timex"))
            ]
        dated = self._dated[article_id]
        starts = self._dated_starts.setdefault(article_id, [t.start for t, _ in dated])
        first = bisect.bisect_left(starts, start)
        return [(t, span) for t, span in dated[first:] if t.start < end and t.end <= end]

    def quotes(self, article_id: str) -> tuple[Quote, ...]:
        return self.analysis(article_id).quotes

    def roles(self, article_id: str) -> tuple[Role, ...]:
        return self.analysis(article_id).roles

    def clauses(self, article_id: str) -> tuple[Clause, ...]:
        return self.analysis(article_id).clauses

    def clause_at(self, article_id: str, offset: int) -> Clause | None:
        """The clause of the sentence holding ``offset`` (None before clauses were
        stored)."""
        if article_id not in self._clause_starts:
            self._clause_starts[article_id] = [c.start for c in self.clauses(article_id)]
        clauses = self.clauses(article_id)
        i = bisect.bisect_right(self._clause_starts[article_id], offset) - 1
        return clauses[i] if i >= 0 and offset < max(clauses[i].end, clauses[i].start + 1) else None

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        return self.analysis(article_id).mentions

    def sentences(self, article_id: str) -> tuple[tuple[int, int], ...]:
        return self.analysis(article_id).sentences

    def know_copies(self, article_ids: Sequence[str]) -> None:
        """Read which of these articles are near copies, and of what, in one pass."""
        self._copies.update(self.store.copies.canonicals(article_ids))

    def published(self, article_id: str) -> str | None:
        """The article's publication day (ISO), None when unknown."""
        return self[article_id].published

    def cite(self, article_id: str, start: int, end: int) -> Citation:
        article = self[article_id].article
        return Citation(
            article_id, start, end, article.publisher, article.title, self.published(article_id)
        )

    def source(self, article_id: str) -> str:
        """Who independently reported: the outlet, a near copy counting as its original."""
        original = self._copies.get(article_id, article_id)
        return self[original].article.publisher or original

    def in_lede(self, article_id: str, start: int) -> bool:
        body = self[article_id].article.body
        return start < sum(len(p) + 2 for p in body[:LEDE_PARAGRAPHS])


def timeline(
    store: Store,
    story_id: int | None,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int | None = None,
    articles: Articles | None = None,
    keep: Callable[[TimelineEntry], TimelineEntry | None] | None = None,
) -> list[TimelineEntry]:
    """The story's events as timeline entries in date order (all stories with None):
    what ``ranked_entries`` keeps."""
    ranked = ranked_entries(
        store, story_id, since=since, until=until, top=top, articles=articles, keep=keep
    )
    return in_date_order(ranked)


def in_date_order(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Entries as a timeline shows them: by date, the more important first on a day."""
    return sorted(entries, key=lambda e: (e.date, e.end, -e.importance, e.event or 0))


def ranked_entries(
    store: Store,
    story_id: int | None,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int | None = None,
    articles: Articles | None = None,
    keep: Callable[[TimelineEntry], TimelineEntry | None] | None = None,
) -> list[TimelineEntry]:
    """The entries a timeline shows, the most important first (``rank``).

    Args:
        since, until: keep events that end on or after ``since`` and start on or before
            ``until``.
        top: keep the ``top`` most important entries; an entry that ended more than
            ``NEWS_DAYS`` before the story's first article (``background``) comes after
            every other.
        articles: the articles read so far, to share with other views.
        keep: what becomes of an entry, most important first (None: it is left out,
            and the event is tried in its next wordings, up to ``TELLINGS``); ``top``
            counts the entries it keeps (``faithful.Verifier``).
    """
    articles = articles or Articles(store)
    events = [
        event
        for event in store.events.of_story(story_id)
        if event.start and _within(event, since, until)
    ]
    articles.know_copies(sorted({a for event in events for a in event.articles}))
    first_day = store.stories.start_of(story_id) if story_id is not None else None
    background_before = _days_after(first_day, -NEWS_DAYS) if first_day else None

    tellings = {event.id: _tellings(event, articles) for event in events}

    def told(event_id: int) -> TimelineEntry | None:
        entry = next(tellings[event_id], None)
        if entry is not None and background_before and entry.end < background_before:
            return dataclasses.replace(entry, background=True)
        return entry

    entries = [entry for event in events if (entry := told(event.id))]
    kept: list[TimelineEntry] = []
    ranked = sorted(entries, key=rank)
    for entry in _distinct(ranked):
        if top is not None and len(kept) == top:
            break
        chosen = keep(entry) if keep else entry
        while chosen is None and entry.event is not None:  # another wording may pass
            other = told(entry.event)
            if other is None:
                break
            chosen = keep(other) if keep else other
        if chosen is not None:
            kept.append(chosen)
    return kept


def rank(entry: TimelineEntry) -> tuple[bool, float, int]:
    """How entries rank, the most important first; background (what ended well before the
    story's first article) after every other."""
    return entry.background, -entry.importance, entry.event or 0


def _days_after(day: str, days: int) -> str:
    return date.fromordinal(date.fromisoformat(day).toordinal() + days).isoformat()


def _within(event: Event, since: date | None, until: date | None) -> bool:
    return (since is None or (event.end or "") >= since.isoformat()) and (
        until is None or (event.start or "") <= until.isoformat()
    )


def _tellings(event: Event, articles: Articles) -> Iterator[TimelineEntry]:
    """The event as timeline entries, each told by one wording of it, the best first, up
    to ``TELLINGS``; none when no report of it reads as news (every sentence is chat or
    page furniture)."""
    evidence = event.evidence
    start, end = event.start or "", event.end or ""
    texts = [
        _SPACE.sub(" ", articles[e.article_id].article.text[e.start : e.end]).strip()
        for e in evidence
    ]
    usable = [
        i
        for i in range(len(evidence))
        if reads_as_news(texts[i]) and not _furniture(texts[i], evidence, texts, articles)
    ]
    if not usable:
        return
    terms = [content_terms(text) for text in texts]
    together = sum(terms, Counter())
    ledes = {e.article_id for e in evidence if articles.in_lede(e.article_id, e.start)}

    def fitness(i: int) -> tuple[float, int]:
        e = evidence[i]
        published = articles.published(e.article_id) or ""
        return (
            2 * (e.date == start)
            + (e.article_id in ledes)
            + (start <= published <= _days_after(end, FRESH_DAYS))
            + cosine(terms[i], together - terms[i])
            - (len(texts[i].split()) > LONG_SENTENCE)
            + 10 * (i in usable),
            -i,
        )

    best = sorted(range(len(evidence)), key=fitness, reverse=True)
    wordings: dict[str, int] = {}  # each wording's best sentence, best first
    for i in best:
        if i in usable:
            wordings.setdefault(texts[i], i)
    for first in list(wordings.values())[:TELLINGS]:
        order = [first, *(i for i in best if i != first)]
        yield _told(event, articles, evidence, texts, order, ledes)


def _told(
    event: Event,
    articles: Articles,
    evidence: Sequence[EventReport],
    texts: Sequence[str],
    order: Sequence[int],
    ledes: set[str],
) -> TimelineEntry:
    """The event told by the sentence ``order`` puts first, citing each reporting
    article's first sentence in that order."""
    start, end = event.start or "", event.end or ""
    chosen: dict[str, int] = {}  # article -> index of its best sentence
    for i in order:
        chosen.setdefault(evidence[i].article_id, i)
    # a date of the range that no chosen sentence gives: cite a sentence that gives it
    given = {
        d
        for i in chosen.values()
        for d in (evidence[i].date, articles.published(evidence[i].article_id))
    }
    cited = [
        articles.cite(evidence[i].article_id, evidence[i].start, evidence[i].end)
        for i in chosen.values()
    ]
    for bound in dict.fromkeys((start, end)):
        if bound not in given:  # the report that dates it, perhaps in another story
            found = next((evidence[i] for i in order if _gives(evidence[i], bound)), None) or next(
                (e for e in articles.store.events.reports(event.id) if _gives(e, bound)), None
            )
            if found:
                cited.append(articles.cite(found.article_id, found.start, found.end))
                given.add(bound)
    sources = len({articles.source(article_id) for article_id in chosen})
    references = len({e.article_id for e in evidence if e.date_from == "timex"})
    importance = (
        sources
        + W_LEDE * len(ledes)
        + W_SENTENCE * (len(set(texts)) - 1)
        + W_REFERENCE * references
    )
    assert event.precision is not None and event.dated_by is not None  # dated events only
    return TimelineEntry(
        start,
        end,
        event.precision,
        event.dated_by,
        texts[order[0]],
        event.id,
        event.title,
        event.places,
        event.participants,
        tuple(cited),
        sources,
        importance,
        references,
    )


def _gives(report: EventReport, day: str) -> bool:
    """Whether a report's own date starts or ends on ``day`` ("2025" ends on 31 Dec)."""
    span = report.span
    return span is not None and day in (span.start, span.end)


def reads_as_news(sentence: str) -> bool:
    """Whether a sentence reports rather than talks: a statement of some length, not a
    question, not in the first or second person (transcripts, page prompts), not a
    heading."""
    words = sentence.split()
    return (
        len(words) >= MIN_WORDS
        and not sentence.rstrip("\"”’' ").endswith("?")
        and not any(word.strip(_PUNCTUATION) in _PERSONAL for word in words)
        and not is_heading(sentence)
    )


def _furniture(
    sentence: str, evidence: Sequence[EventReport], texts: Sequence[str], articles: Articles
) -> bool:
    """Whether one outlet prints the sentence word for word in several articles: a line
    of its pages ("Views expressed in the comments ..."), not a report."""
    outlets = Counter(
        articles.source(e.article_id) for e, text in zip(evidence, texts) if text == sentence
    )
    return max(outlets.values()) >= FURNITURE_REPEATS


def _distinct(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Entries whose sentence no more important entry already shows."""
    shown: set[tuple[str, int]] = set()
    kept = []
    for entry in entries:
        key = (entry.citations[0].article, entry.citations[0].start)
        if key not in shown:
            shown.add(key)
            kept.append(entry)
    return kept
