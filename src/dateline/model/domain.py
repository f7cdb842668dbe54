"""The cross-article domain: what linking makes of many articles and what the views make
of that, typed, each with the one serializer every face (``--json``, export, HTTP) uses.

JSON keys are a public interface: they are added to, never renamed. Where two faces show
one thing in two shapes (``dateline events --json`` and the export's ``events``), the type
has one method per shape, each named for where it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from dateline.model.article import Analysis, Article, EventMention, Quote
from dateline.model.dates import DateSpan, Precision, label

JSON = dict[str, Any]


class AddOutcome(StrEnum):
    """What storing an article did: stored it, or found it there already."""

    INGESTED = "ingested"
    DUPLICATE = "duplicate"
    COPY = "copy"  # a duplicate from a document not seen before (another outlet ran it)
    UPDATED = "updated"  # a duplicate that filled metadata the stored copy lacked


class StoryAction(StrEnum):
    """Where linking put an article: a new story, one it joins, or one it merges into."""

    START = "start"
    JOIN = "join"
    MERGE = "merge"


class PointKind(StrEnum):
    """What a key point of a brief tells."""

    LATEST = "latest"
    EVENT = "event"
    POSITION = "position"
    ROLE = "role"
    DISPUTE = "dispute"


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its id and when it was first stored, with the article."""

    id: str
    created_at: str
    article: Article

    @property
    def published(self) -> str | None:
        """The publication day (ISO), None when unknown."""
        value = self.article.published.value
        return value.isoformat() if value else None

    def to_json(self) -> JSON:
        return {"id": self.id, "created_at": self.created_at, **self.article.to_json()}

    def listing_json(self) -> JSON:
        """The line of ``dateline articles --json``."""
        a = self.article
        return {
            "id": self.id,
            "published": a.published.to_json(),
            "publisher": a.publisher,
            "wire": a.wire,
            "title": a.title,
            "url": a.url,
            "source": a.source,
        }


@dataclass(frozen=True)
class StoredFailure:
    """A document a stage could not process, as recorded: where it came from, which stage,
    why, the raw document kept for it (None when it could not be read), and when."""

    id: int
    source: str
    stage: str
    message: str
    raw_id: int | None
    created_at: str

    def to_json(self) -> JSON:
        """The line of ``dateline failures --json``."""
        return {
            "id": self.id,
            "source": self.source,
            "stage": self.stage,
            "message": self.message,
            "raw_id": self.raw_id,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class ArticleDetail:
    """A stored article with its analysis (None before it is analysed)."""

    stored: StoredArticle
    analysis: Analysis | None

    def to_json(self) -> JSON:
        """The object of ``dateline show --json``."""
        return {
            **self.stored.to_json(),
            "analysis": self.analysis.to_json() if self.analysis else None,
        }


@dataclass(frozen=True)
class SourceSpan:
    """A span of a stored article's text: what a role, an event or a quote rests on."""

    article_id: str
    start: int
    end: int

    def to_json(self) -> JSON:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: JSON) -> SourceSpan:
        return cls(data["article_id"], data["start"], data["end"])

    def export_json(self) -> JSON:
        return {"article": self.article_id, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Citation:
    """An article and the character span that supports a line, with where it came from."""

    article: str
    start: int
    end: int
    outlet: str | None
    title: str | None
    published: str | None

    def to_json(self) -> JSON:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
        }

    @classmethod
    def from_json(cls, data: JSON) -> Citation:
        return cls(
            data["article"],
            data["start"],
            data["end"],
            data["outlet"],
            data["title"],
            data["published"],
        )


@dataclass(frozen=True)
class CitedSpan:
    """A cited span in its paragraph, with the article it comes from: what a reader checks
    a line against."""

    citation: Citation
    before: str
    text: str
    after: str


@dataclass(frozen=True)
class StoredQuote:
    """A quote with the stored article it comes from."""

    article: StoredArticle
    quote: Quote

    def to_json(self) -> JSON:
        """The line of ``dateline quotes --json``."""
        published = self.article.article.published.to_json()
        return {
            "article_id": self.article.id,
            "published": published,
            **{
                k: getattr(self.quote, k)
                for k in (
                    "speaker",
                    "text",
                    "direct",
                    "cue",
                    "medium",
                    "start",
                    "end",
                    "speaker_start",
                    "speaker_end",
                    "cue_start",
                    "cue_end",
                    "source_start",
                    "source_end",
                    "resolved_by",
                    "speech",
                )
            },
        }


@dataclass(frozen=True)
class SpeakerQuotes:
    """A speaker a story quotes, how often, and the latest of what they said."""

    speaker: str
    count: int
    quotes: tuple[StoredQuote, ...]


# -- actors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleSpan:
    """A title an actor held, from the first to the last day a source says so."""

    title: str
    as_of: str | None
    first_seen: str | None
    last_seen: str | None
    evidence: tuple[SourceSpan, ...]

    def to_json(self) -> JSON:
        return {
            "title": self.title,
            "as_of": self.as_of,
            "article_id": self.evidence[0].article_id,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "evidence": [e.to_json() for e in self.evidence],
        }

    @classmethod
    def from_json(cls, data: JSON) -> RoleSpan:
        """The role ``to_json`` wrote."""
        return cls(
            data["title"],
            data["as_of"],
            data["first_seen"],
            data["last_seen"],
            tuple(SourceSpan.from_json(e) for e in data["evidence"]),
        )

    def export_json(self) -> JSON:
        return {
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "evidence": [e.export_json() for e in self.evidence],
        }


@dataclass(frozen=True)
class Actor:
    """One real-world entity across articles: the names it goes by, how many articles and
    mentions name it, and its roles over time."""

    id: int
    name: str
    label: str
    mentions: int
    articles: int
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSpan, ...] = ()

    def to_json(self) -> JSON:
        """The line of ``dateline entities --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "mentions": self.mentions,
            "articles": self.articles,
            "aliases": list(self.aliases),
            "roles": [r.to_json() for r in self.roles],
        }

    @classmethod
    def from_json(cls, data: JSON) -> Actor:
        """The actor ``to_json`` wrote."""
        return cls(
            data["id"],
            data["name"],
            data["label"],
            data["mentions"],
            data["articles"],
            tuple(data["aliases"]),
            tuple(RoleSpan.from_json(r) for r in data["roles"]),
        )

    def export_json(self, article_ids: list[str]) -> JSON:
        """The export's entity: ``type`` for ``label``, the ids of the articles naming it."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.label,
            "aliases": list(self.aliases),
            "articles": article_ids,
            "mentions": self.mentions,
            "roles": [r.export_json() for r in self.roles],
        }


@dataclass(frozen=True)
class ActorMention:
    """That an article names an actor, under which name, how often."""

    article_id: str
    actor_id: int
    name: str
    mentions: int


# -- events and stories ---------------------------------------------------------------------


@dataclass(frozen=True)
class EventReport:
    """A sentence that reports an event, with the date it gives and where that date came
    from (``timex``: its own words; ``published``: the publication date), and the kind of
    mention it is (``EventMention.kind``: views show ``main`` ones)."""

    article_id: str
    start: int
    end: int
    date: str | None
    date_from: str | None
    kind: str = "main"

    @property
    def span(self) -> DateSpan | None:
        return DateSpan.parse(self.date, self.date_from)

    def to_json(self) -> JSON:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_from": self.date_from,
        }

    def export_json(self) -> JSON:
        return {"article": self.article_id, "start": self.start, "end": self.end, "date": self.date}


@dataclass(frozen=True)
class Event:
    """One real-world happening, however many sentences, articles and outlets report it."""

    id: int
    title: str
    start: str | None
    end: str | None
    precision: Precision | None
    dated_by: str | None
    places: tuple[str, ...]
    participants: tuple[int, ...]
    articles: tuple[str, ...]
    evidence: tuple[EventReport, ...]

    @property
    def label(self) -> str:
        return label(self.start, self.end, self.precision, self.dated_by)

    def to_json(self) -> JSON:
        """The line of ``dateline events --json``."""
        return {**self._head(), "evidence": [e.to_json() for e in self.evidence]}

    def export_json(self) -> JSON:
        return {**self._head(), "evidence": [e.export_json() for e in self.evidence]}

    def _head(self) -> JSON:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "dated_by": self.dated_by,
            "places": list(self.places),
            "participants": list(self.participants),
            "articles": list(self.articles),
        }


@dataclass
class EventProfile:
    """What an event's candidates are compared with: how often each trigger class, actor
    id, participant, place, sentence word and phrase came with its reports, and the dates
    they gave it (``undated``: some report gave none). Stored as JSON with the event."""

    triggers: dict[str, int] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    participants: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)
    dates: list[DateSpan] = field(default_factory=list)
    phrases: dict[str, int] = field(default_factory=dict)
    undated: bool = False
    # what the mentions that only name it (``EventMention.kind`` other or reporting) add,
    # kept apart: the fields above are its main reports' alone, which views and the
    # linking of main mentions read as they did before mention kinds
    minor: EventProfile | None = None

    @classmethod
    def from_json(cls, data: JSON) -> EventProfile:
        return cls(
            data["triggers"],
            data["actors"],
            data["participants"],
            data["places"],
            data["terms"],
            [DateSpan.from_list(d) for d in data["dates"]],
            data["phrases"],
            bool(data.get("undated")),
            EventProfile.from_json(data["minor"]) if data.get("minor") else None,
        )

    def copy(self) -> EventProfile:
        """A profile whose counts and dates can change without changing this one's."""
        return EventProfile(
            dict(self.triggers),
            dict(self.actors),
            dict(self.participants),
            dict(self.places),
            dict(self.terms),
            list(self.dates),
            dict(self.phrases),
            self.undated,
            None if self.minor is None else self.minor.copy(),
        )

    def to_json(self) -> JSON:
        out: JSON = {
            "triggers": self.triggers,
            "actors": self.actors,
            "participants": self.participants,
            "places": self.places,
            "terms": self.terms,
            "dates": [d.to_list() for d in self.dates],
            "phrases": self.phrases,
        }
        if self.undated:
            out["undated"] = True
        if self.minor is not None:
            out["minor"] = self.minor.to_json()
        return out


@dataclass(frozen=True)
class EventUpdate:
    """An event as one article leaves it (``id`` None: a new one), with the sentences the
    article adds to it and the keys it is found by; ``kinds``, its trigger classes, also
    file it in the article's story (``story_kind_key``), once the story is known."""

    id: int | None
    title: str
    span: DateSpan | None
    profile: EventProfile
    keys: tuple[str, ...]
    members: tuple[EventMention, ...]
    kinds: tuple[str, ...] = ()


def story_kind_key(story_id: int, kind: str) -> str:
    """The key an event of one trigger class is filed under in one story."""
    return f"s{story_id}|t:{kind}"


@dataclass(frozen=True)
class StoryProfile:
    """A candidate story as linking compares with it: its term weights and its title."""

    id: int
    title: str
    profile: dict[str, float]


@dataclass(frozen=True)
class Story:
    """A story as listed: its title, date span and how many articles, outlets and events."""

    id: int
    title: str
    start: str | None
    end: str | None
    articles: int
    outlets: int
    events: int

    @property
    def label(self) -> str:
        return label(self.start, self.end)

    def to_json(self) -> JSON:
        """The line of ``dateline stories --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "articles": self.articles,
            "outlets": self.outlets,
            "events": self.events,
        }


@dataclass(frozen=True)
class StoryDecision:
    """Where linking puts an article: a new story (``story_id`` None), one it joins, or one
    that absorbs the ``merged`` stories; the story's new profile and title."""

    action: StoryAction
    story_id: int | None
    score: float | None
    profile: dict[str, float]
    title: str
    merged: tuple[int, ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    """A story decision as recorded, with the story the article went to."""

    article_id: str
    action: StoryAction
    story_id: int
    merged: tuple[int, ...]
    score: float | None
    decided_at: str


@dataclass(frozen=True)
class Coverage:
    """How many of a story's articles one outlet published on one day."""

    outlet: str
    day: str | None
    articles: int

    def to_json(self) -> JSON:
        return {"outlet": self.outlet, "day": self.day, "articles": self.articles}


@dataclass(frozen=True)
class SearchHit:
    """An article a search found, with the words around a match."""

    article: StoredArticle
    snippet: str

    def to_json(self) -> JSON:
        return {**self.article.listing_json(), "snippet": self.snippet}


@dataclass(frozen=True)
class SearchResult:
    """One page of a search's hits, best first, and how many there are in all."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]


# -- copies of one story ----------------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """A document that carried an article: where it was read, its URL, outlet and date."""

    source: str
    url: str | None
    publisher: str | None
    published: str | None

    def to_json(self) -> JSON:
        return {
            "source": self.source,
            "url": self.url,
            "publisher": self.publisher,
            "published": self.published,
        }


@dataclass(frozen=True)
class NearCopy:
    """An article found to be a near copy of a group's canonical article."""

    article_id: str
    similarity: float
    containment: float
    sightings: tuple[Sighting, ...] = ()

    def to_json(self) -> JSON:
        return {
            "article_id": self.article_id,
            "similarity": self.similarity,
            "containment": self.containment,
            "sightings": [s.to_json() for s in self.sightings],
        }


@dataclass(frozen=True)
class CopyGroup:
    """Copies of one story: the canonical article (the group's first), its near copies,
    and every document that carried the canonical one."""

    canonical_id: str
    title: str | None
    copies: tuple[NearCopy, ...]
    sightings: tuple[Sighting, ...]

    def to_json(self) -> JSON:
        """The line of ``dateline duplicates --json``."""
        return {
            "canonical_id": self.canonical_id,
            "copies": [c.to_json() for c in self.copies],
            "title": self.title,
            "sightings": [s.to_json() for s in self.sightings],
        }


@dataclass(frozen=True)
class CopyFound:
    """A near copy found while ingesting, with the canonical article of its group."""

    article_id: str
    canonical_id: str
    similarity: float
    containment: float

    def to_json(self) -> JSON:
        return {
            "article_id": self.article_id,
            "copy_of": self.canonical_id,
            "similarity": round(self.similarity, 3),
            "containment": round(self.containment, 3),
        }


@dataclass(frozen=True)
class Fingerprinted:
    """A stored article's fingerprint (MinHash values, distinct shingles) and the
    canonical article of its copy group (itself when it is no copy)."""

    article_id: str
    size: int
    minhash: tuple[int, ...]
    canonical_id: str


# -- what the views write -----------------------------------------------------------------------


class Serialised(Protocol):
    """Anything with the one serializer every face uses."""

    def to_json(self) -> JSON: ...


class Cited(Protocol):
    """A generated line: its text, the date label the view put on it, its date range, and
    the spans that support it. ``check`` takes any."""

    @property
    def text(self) -> str: ...
    @property
    def citations(self) -> tuple[Citation, ...]: ...
    @property
    def label(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def end(self) -> str | None: ...
    @property
    def kind(self) -> PointKind: ...


@dataclass(frozen=True)
class TimelineEntry:
    """One event on the timeline, told by one source sentence, with its citations."""

    date: str
    end: str
    precision: Precision
    dated_by: str
    text: str
    event: int | None  # None: a sentence of the benchmark protocol that reports no event
    title: str
    places: tuple[str, ...]
    participants: tuple[int, ...]
    citations: tuple[Citation, ...]
    sources: int
    importance: float
    references: int = 0
    verified: bool = True  # False: shown only on request, the checker could not verify it
    background: bool = False  # ended over a week before the story's first article: context

    @property
    def label(self) -> str:
        return label(self.date, self.end, self.precision, self.dated_by)

    @property
    def kind(self) -> PointKind:
        return PointKind.EVENT

    def to_json(self) -> JSON:
        return {
            "date": self.date,
            "end": self.end,
            "precision": self.precision,
            "label": self.label,
            "dated_by": self.dated_by,
            "text": self.text,
            "event": self.event,
            "title": self.title,
            "places": list(self.places),
            "participants": list(self.participants),
            "sources": self.sources,
            "references": self.references,
            "importance": round(self.importance, 4),
            "citations": [c.to_json() for c in self.citations],
            "verified": self.verified,
            "background": self.background,
        }

    @classmethod
    def from_json(cls, data: JSON) -> TimelineEntry:
        """The entry ``to_json`` wrote."""
        return cls(
            data["date"],
            data["end"],
            Precision(data["precision"]),
            data["dated_by"],
            data["text"],
            data["event"],
            data["title"],
            tuple(data["places"]),
            tuple(data["participants"]),
            tuple(Citation.from_json(c) for c in data["citations"]),
            data["sources"],
            data["importance"],
            data["references"],
            data["verified"],
            data["background"],
        )


@dataclass(frozen=True)
class TimelineHead:
    """The most important entries of a timeline, in date order, and how many it has besides."""

    entries: tuple[TimelineEntry, ...]
    more: int

    def to_json(self) -> JSON:
        return {"entries": [e.to_json() for e in self.entries], "more": self.more}

    @classmethod
    def from_json(cls, data: JSON) -> TimelineHead:
        return cls(tuple(TimelineEntry.from_json(e) for e in data["entries"]), data["more"])


@dataclass(frozen=True)
class BriefPoint:
    """One key point: its text, what kind of point it is, and the spans that support it.

    A quoted position names its speaker (``who``, as the cited text writes the name), a
    role its holder and ``title``: what the checker verifies the citations attribute.
    """

    text: str
    kind: PointKind
    citations: tuple[Citation, ...]
    date: str | None = None
    end: str | None = None
    label: str | None = None
    who: str | None = None
    title: str | None = None
    verified: bool = True  # False: shown only on request, the checker could not verify it

    def to_json(self) -> JSON:
        return {
            "text": self.text,
            "kind": self.kind,
            "date": self.date,
            "end": self.end,
            "label": self.label,
            "who": self.who,
            "title": self.title,
            "citations": [c.to_json() for c in self.citations],
            "verified": self.verified,
        }

    @classmethod
    def from_json(cls, data: JSON) -> BriefPoint:
        """The point ``to_json`` wrote."""
        return cls(
            data["text"],
            PointKind(data["kind"]),
            tuple(Citation.from_json(c) for c in data["citations"]),
            data["date"],
            data["end"],
            data["label"],
            data["who"],
            data["title"],
            data["verified"],
        )


@dataclass
class CheckResult:
    """How many lines were checked, cited and supported, and what failed."""

    lines: int = 0
    cited: int = 0
    supported: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lines == self.cited == self.supported

    def to_json(self) -> JSON:
        return {
            "lines": self.lines,
            "cited": self.cited,
            "supported": self.supported,
            "problems": self.problems,
        }
