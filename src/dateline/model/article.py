"""Plain, JSON-serialisable records that flow between the stages.

``RawDocument`` is what a source yields (decoded input plus whatever metadata the
container already stated); ``Article`` is what extraction makes of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

DocumentKind = Literal["html", "text"]
DateHow = Literal["metadata", "url", "text", "inferred", "given"]
# How the publisher was known: a "Source:"/"Publisher:"/"Read the original on" line
# (signature), a copyright line, the markup (og:site_name, JSON-LD), the <title>'s site
# name that a copyright line confirms (title), the site's appeal ("A message from X:"),
# a newsletter prompt ("Get the X's newsletter"), an author's bio, the user (given),
# the container (feed, JSON line), the URL's domain.
PublisherHow = Literal[
    "signature", "copyright", "markup", "title", "appeal", "newsletter", "bio", "given",
    "container", "url",
]  # fmt: skip


@dataclass(frozen=True)
class Hints:
    """Metadata stated by the container (feed item, JSON line, WARC header) or the user.

    Each field is None when nobody stated it. ``user_published`` and ``user_publisher``
    (``--published``/``--publisher``) state what the input lacks: extraction uses them only
    where the document itself states nothing (see ``extract.meta``).
    """

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    user_published: date | None = None
    user_publisher: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One decoded input document, before extraction.

    Attributes:
        source: where it came from: a path, a URL, ``-`` for stdin, with ``#N`` for the
            N-th item of a feed, WARC or JSON lines file.
        kind: ``html`` for markup, ``text`` for plain text (pasted or from JSON lines).
        content: the decoded document.
        url: the article's own URL when known (feed link, WARC target, JSON ``url``).
        hints: metadata the container or the user stated.
    """

    source: str
    kind: DocumentKind
    content: str
    url: str | None = None
    hints: Hints = field(default_factory=Hints)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Published:
    """A publication date and how it was known; ``value`` None means unknown."""

    value: date | None = None
    how: DateHow | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value.isoformat() if self.value else None, "how": self.how}


@dataclass(frozen=True)
class Article:
    """One news article: clean text and metadata, each field None/empty when unknown."""

    source: str
    url: str | None
    title: str | None
    publisher: str | None
    wire: str | None
    dateline: str | None
    authors: tuple[str, ...]
    language: str | None
    published: Published
    body: tuple[str, ...]
    captions: tuple[str, ...] = ()
    summary: str | None = None
    publisher_how: PublisherHow | None = None

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)

    @property
    def text_hash(self) -> str:
        return text_fingerprint(self.text)

    @property
    def id(self) -> str:
        """Stable id: a hash of the canonical URL, or of the normalised text without one."""
        key = f"url:{self.url}" if self.url else f"text:{self.text_hash}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The JSON form printed by ``dateline extract --json`` (see schemas/)."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "wire": self.wire,
            "dateline": self.dateline,
            "authors": list(self.authors),
            "language": self.language,
            "published": self.published.to_json(),
            "body": list(self.body),
            "captions": list(self.captions),
            "summary": self.summary,
            "publisher_how": self.publisher_how,
        }

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)


_NON_WORD = re.compile(r"\W+")


# What XML 1.0 cannot hold: C0 controls but tab and newlines, lone surrogates (from JSON
# "\ud800" or a character reference; they cannot be encoded) and U+FFFE/U+FFFF. lxml
# refuses such text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """The text without the characters XML cannot hold, which no news text needs."""
    return _NOT_XML.sub("", text)


def normalise_text(text: str) -> str:
    """The text's words, case-folded and single-spaced, without punctuation."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def text_fingerprint(text: str) -> str:
    """Hash of the text with case, punctuation and spacing normalised away."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# -- analysis (per article; offsets are into Article.text) -----------------------------

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Mention:
    """A named-entity mention: ``text`` as written, ``name`` without honorific/possessive."""

    start: int
    end: int
    text: str
    label: str
    name: str


@dataclass(frozen=True)
class TimeExpression:
    """A time expression put on the calendar (TIMEX3-style ``type`` and ``value``).

    ``value`` is ISO-like at the expression's precision: ``2026-01-18`` (day), ``2026-W03``
    (week), ``2026-01`` (month), ``2026`` (year), ``P2D`` (duration), ``2026-01-18TNI``
    (part of day), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; None when it cannot be
    resolved. ``rule`` names the rule that resolved it; ``anchor`` is the date it was
    resolved against (None when the expression needed no anchor).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    rule: str
    anchor: date | None = None


class ResolvedBy(StrEnum):
    """How a quote's source mention was resolved to the named speaker.

    ``named``: the source names the person itself ("Jean Dupont said"); ``organisation``:
    it names an organisation or a state ("the Kremlin said"); ``title``: an office title
    the text gave the person ("the French President", linked to "President Jean
    Dupont"); ``description``: another description the text gave them ("Ukraine's top
    negotiator", linked to "Rustem Umerov, Ukraine's top negotiator"); ``pronoun``: a
    pronoun ("he", "who") resolved to its antecedent, itself resolved in turn.
    """

    NAMED = "named"
    TITLE = "title"
    PRONOUN = "pronoun"
    DESCRIPTION = "description"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Quote:
    """Reported speech, with its source as written and the speaker it resolves to.

    ``start``/``end`` span the quoted content. ``source_start``/``source_end`` span the
    source mention as the text writes it at the cue: a pronoun stays a pronoun ("he"),
    a title stays a title ("the French President"). ``speaker`` is the named speaker that
    mention resolves to and ``speaker_start``/``speaker_end`` the named mention itself
    (possibly in an earlier sentence), with ``resolved_by`` saying how; all three are
    None when the source names nobody or the evidence is too weak to say who. ``speech``
    says whether the cue reports speech or writing ("said", "wrote", "according to"); a
    cue of belief, intention or stance ("believes", "plans to", "criticized") gives False.
    """

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    medium: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    resolved_by: ResolvedBy | None = None
    speech: bool = True

    def __post_init__(self) -> None:
        # rows read back from the store and JSON carry the enum's value
        if self.resolved_by is not None and not isinstance(self.resolved_by, ResolvedBy):
            object.__setattr__(self, "resolved_by", ResolvedBy(self.resolved_by))


@dataclass(frozen=True)
class Role:
    """A title a person held as of a date, with the span that says so.

    ``ended``: the sentence tells the tenure ending (the holder dies, resigns or is
    ousted), so the title was held until then, not as of ``as_of``.
    """

    person: str
    title: str
    start: int
    end: int
    as_of: date | None
    ended: bool = False


MentionKind = Literal["main", "other", "reporting", "headline", "summary"]


@dataclass(frozen=True)
class EventMention:
    """An event a sentence reports: trigger word, who, where, and when.

    ``date`` is a timex value, or the publication date when the sentence gives none
    (``date_from`` says which: ``timex`` or ``published``; None when neither is known).
    ``trigger_start`` is the trigger's offset in the text and ``lemma`` its lemma.
    ``kind`` says what the mention is to the sentence: ``main``, the happening it reports
    (at most three a sentence: the one timelines show); ``other``, another happening it
    names (a nominal "the explosion", an embedded or subordinate one); ``reporting``, the
    statement itself ("said"); ``headline``, a happening the title names (then ``start``,
    ``end`` and ``trigger_start`` are offsets into the title). Every kind joins events;
    views tell from main ones.
    """

    start: int
    end: int
    trigger: str
    date: str | None
    date_from: Literal["timex", "published"] | None
    participants: tuple[str, ...]
    places: tuple[str, ...]
    trigger_start: int | None = None
    lemma: str | None = None
    kind: MentionKind = "main"


class Tense(StrEnum):
    """The tense of a clause's verb group, as far as it says when the clause happens."""

    PAST = "past"  # "exploded", "was killed", "said"
    PERFECT = "perfect"  # "has resigned"
    PAST_PERFECT = "past perfect"  # "had warned": before the time told
    PRESENT = "present"  # "says", "remains", "travels"
    FUTURE = "future"  # "will meet", "is due to meet"
    MODAL = "modal"  # "would", "could", "may"
    NONE = "none"  # no finite verb: a heading, a listing slot, a fragment


@dataclass(frozen=True)
class Clause:
    """What one sentence's main clause asserts (``start``/``end`` are the sentence's span).

    ``reports`` is set when the main verb reports speech ("said", "told") and has a reported
    clause, whose tense and stativity follow. ``glued`` marks a sentence into which a
    heading, a caption or a byline ran with no punctuation between; ``subordinate`` holds
    the spans of its parts with a time of their own (relative and adverbial clauses,
    appositions, the reported clause, "since ..." phrases). ``progressive`` marks "is
    travelling"; ``anchored`` a clause timed by another happening ("within minutes of the
    quake").
    """

    start: int
    end: int
    verb: str
    tense: Tense
    stative: bool
    reports: bool
    reported_tense: Tense | None
    reported_stative: bool
    glued: bool
    question: bool
    subordinate: tuple[tuple[int, int], ...]
    progressive: bool = False
    anchored: bool = False

    def __post_init__(self) -> None:
        # rows read back from the store carry the enums' values and JSON lists
        object.__setattr__(self, "tense", Tense(self.tense))
        if self.reported_tense is not None:
            object.__setattr__(self, "reported_tense", Tense(self.reported_tense))
        object.__setattr__(self, "subordinate", tuple((a, b) for a, b in self.subordinate))

    def main_clause_holds(self, start: int, end: int) -> bool:
        """Whether the span ``start``-``end`` lies in the main clause, outside every
        subordinate part."""
        return not any(a <= start and end <= b for a, b in self.subordinate)


class AnalysisPart(StrEnum):
    """A part of an ``Analysis`` that a reader may ask the store for alone (named as the
    analysis's field, and the store's table, are)."""

    MENTIONS = "mentions"
    TIMEXES = "timexes"
    QUOTES = "quotes"
    ROLES = "roles"
    EVENT_MENTIONS = "event_mentions"
    CLAUSES = "clauses"


@dataclass(frozen=True)
class Analysis:
    """Everything ``analyze`` finds in one article's text."""

    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[TimeExpression, ...]
    quotes: tuple[Quote, ...]
    roles: tuple[Role, ...]
    event_mentions: tuple[EventMention, ...]
    clauses: tuple[Clause, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``dateline analyze --json`` (offsets into ``Article.text``)."""
        return {
            "sentences": [list(span) for span in self.sentences],
            "mentions": [_record_json(m) for m in self.mentions],
            "timexes": [_record_json(t) for t in self.timexes],
            "quotes": [_record_json(q) for q in self.quotes],
            "roles": [_record_json(r) for r in self.roles],
            "event_mentions": [_record_json(e) for e in self.event_mentions],
            "clauses": [_record_json(c) for c in self.clauses],
        }


def _record_json(record: Any) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        out[f.name] = (
            value.isoformat()
            if isinstance(value, date)
            else list(value)
            if isinstance(value, tuple)
            else value
        )
    return out
