"""Event mentions grouped into events: one real-world happening, however many sentences,
articles and outlets report it.

A mention is compared only with the events its keys find: a date bucket (the day give or
take one, the week, month or year the text gives) joined with one of its actors or its
trigger class. A candidate scores by trigger class, shared actors and sentence words; the
best one at or above ``JOIN`` takes the mention, else the mention starts an event. A
mention dated by its sentence ("the Kremlin meeting on Dec 2") looks on that date, so a
past event reported later joins the event of its own date. Statements ("said") are quotes,
not events, and are left out, as are the words of a direct quote.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from dateline.analyze.events import EVENT_NOUNS, REPORTING_VERBS
from dateline.model import (
    Analysis,
    DatedBy,
    DateSpan,
    EventMention,
    EventProfile,
    EventReport,
    EventUpdate,
    Precision,
)
from dateline.model.terms import content_terms, cosine, top
from dateline.months import MONTH_NUMBERS

# Score weights and the score a candidate needs to take a mention (set on ECB+ train topics);
# a sentence that dates itself to one of the event's days earns SAME_DAY, to a day next to
# them costs DAY_APART.
W_TRIGGER, W_ACTORS, W_TERMS = 0.4, 0.3, 0.3
JOIN = 0.5
SAME_DAY, DAY_APART = 0.1, 0.2
# Days the text gives two reports of one happening at most apart (a two-day summit, a
# report of the day before).
MAX_DAYS_APART = 2
# Sentence words kept in an event's profile.
PROFILE_TERMS = 40

# Trigger words that name one kind of happening; anything else is its own class.
_CLASSES = {
    "talks": (
        "talk",
        "negotiation",
        "negotiate",
        "meeting",
        "meet",
        "summit",
        "discussion",
        "discuss",
        "conversation",
        "consultation",
        "round",
    ),
    "call": ("call", "phone"),
    "attack": (
        "attack",
        "strike",
        "airstrike",
        "bombing",
        "bomb",
        "shelling",
        "shell",
        "raid",
        "barrage",
        "assault",
        "hit",
        "target",
        "pound",
    ),
    "agreement": ("agreement", "agree", "deal", "accord", "treaty", "pact", "sign", "signing"),
    "ceasefire": ("ceasefire", "truce", "armistice"),
    "visit": ("visit", "trip", "travel", "arrive", "arrival", "tour"),
    "kill": ("kill", "killing", "death", "die", "dead"),
    "arrest": ("arrest", "detain", "detention", "capture"),
    "earthquake": ("earthquake", "quake", "tremor"),
    "election": ("election", "vote", "poll", "elect", "ballot"),
    "acquisition": ("acquisition", "acquire", "buy", "purchase", "takeover", "merger"),
    "launch": ("launch", "unveil", "introduce", "introduction", "release", "debut"),
    "conviction": ("conviction", "convict", "guilty", "verdict", "sentence", "jail"),
    "dismissal": ("dismissal", "dismiss", "fire", "sack", "oust", "ouster"),
    "resignation": ("resignation", "resign", "quit", "step"),
    "appointment": ("appointment", "appoint", "nominate", "nomination", "name", "hire"),
    "injury": ("injure", "injury", "wound", "hurt"),
    "shooting": ("shooting", "shoot", "gunfire", "gunman"),
}
_CLASS_OF = {word: name for name, words in _CLASSES.items() for word in words}
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "met": "meet",
    "held": "hold",
    "struck": "strike",
    "began": "begin",
    "begun": "begin",
    "spoke": "speak",
    "spoken": "speak",
    "went": "go",
    "came": "come",
    "took": "take",
    "led": "lead",
    "fled": "flee",
    "fought": "fight",
    "sought": "seek",
    "left": "leave",
    "won": "win",
    "lost": "lose",
    "shot": "shoot",
    "hit": "hit",
    "died": "die",
    "dies": "die",
    "killed": "kill",
    "bought": "buy",
    "sold": "sell",
    "chose": "choose",
    "chosen": "choose",
}


class EventIndex(Protocol):
    """What event linking reads from the store: the events filed under each of ``keys``."""

    def filed(self, keys: Sequence[str]) -> dict[str, dict[int, EventProfile]]: ...


@dataclass
class EventDraft:
    """An event as this article leaves it: stored (``id``) or new (``id`` None)."""

    profile: EventProfile
    id: int | None = None
    members: list[EventMention] = field(default_factory=list)
    # the dates this article's sentences give the event, kept by ``settle_dates``
    whens: list[DateSpan | None] = field(default_factory=list)

    def keys(self) -> set[str]:
        """The look-up keys the event is found by."""
        buckets = {_bucket(when) for when in [*self.profile.dates, *self.whens]}
        if self.profile.undated:
            buckets.add(_bucket(None))
        return _keyed(buckets, self.profile.actors, self.profile.triggers)

    def update(self) -> EventUpdate:
        """What saving the event writes."""
        title, span = describe(self.profile)
        return EventUpdate(
            self.id, title, span, self.profile, tuple(sorted(self.keys())), tuple(self.members)
        )


def trigger_class(trigger: str) -> str:
    """The kind of happening a trigger word names: "talks", "met" and "summit" are all talks."""
    word = trigger.casefold()
    word = _IRREGULAR.get(word, word)
    if word not in _CLASS_OF:
        for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
            stem = word[: -len(suffix)] + repl
            if word.endswith(suffix) and len(stem) >= 3:
                word = stem + "e" if stem not in _CLASS_OF and stem + "e" in _CLASS_OF else stem
                break
    return _CLASS_OF.get(word, word)


def plan_events(
    index: EventIndex, text: str, analysis: Analysis, actor_of: Mapping[str, int]
) -> list[EventDraft]:
    """The events this article's event mentions join or start.

    Args:
        index: the store, for the candidates a mention's keys find.
        text: the article text the analysis offsets point into.
        analysis: the article's analysis.
        actor_of: actor id of each name the article's mentions give.

    Returns:
        Every event the article touches, each with the members it adds.
    """
    drafts: list[EventDraft] = []
    stored: dict[int, EventDraft] = {}
    started = _Started()
    quoted = [(quote.start, quote.end) for quote in analysis.quotes if quote.direct]
    planned = []
    for mention in analysis.event_mentions:
        trigger = trigger_class(mention.trigger)
        if trigger in REPORTING_VERBS or _in_quote(text, mention, quoted):
            continue
        when = DateSpan.parse(mention.date, mention.date_from)
        participants = {actor_of[name] for name in mention.participants if name in actor_of}
        actors = participants | {actor_of[name] for name in mention.places if name in actor_of}
        keys = sorted(_lookup_keys(when, actors, trigger))
        planned.append((mention, trigger, when, participants, actors, keys))
    # one look-up for the article: what it saves is seen by the next article, not this one
    filed = index.filed([key for *_, keys in planned for key in keys])
    for mention, trigger, when, participants, actors, keys in planned:
        terms = content_terms(text[mention.start : mention.end])
        found = {
            event_id: profile for key in keys for event_id, profile in filed.get(key, {}).items()
        }
        candidates = [
            stored.get(event_id) or EventDraft(profile, event_id)
            for event_id, profile in found.items()
        ]
        candidates += started.sharing(keys)
        best, score = _best(candidates, trigger, actors, terms, when)
        if best is None or score < JOIN:
            best = EventDraft(EventProfile())
        if best.id is not None and best.id not in stored:
            best.profile = best.profile.copy()  # the index's copy stays as stored
            stored[best.id] = best
        if all(draft is not best for draft in drafts):
            drafts.append(best)
        _add(best, mention, trigger, when, participants, actors, terms, _phrase(text, mention))
        if best.id is None:
            started.index(best)
    for draft in drafts:
        _settle_dates(draft)
    return drafts


def without_reports(
    profile: EventProfile,
    gone: Sequence[EventMention],
    kept: Sequence[EventReport],
    text: str,
) -> EventProfile | None:
    """An event once one article's reports leave it (its analysis was redone): None when
    no report is left. ``gone`` are that article's reports (offsets into its ``text``),
    ``kept`` the other articles' reports. The dates are those the kept reports give (as
    ``plan_events`` settles them, article by article); the trigger classes, phrases and
    words the gone reports added are taken away. The actors they named stay: actors only
    steer which later reports join the event, and what a report named is not stored."""
    if not kept:
        return None
    out = dataclasses.replace(
        profile,
        triggers=dict(profile.triggers),
        terms=dict(profile.terms),
        phrases=dict(profile.phrases),
        dates=[],
        undated=False,
    )
    for mention in gone:
        _uncount(out.triggers, trigger_class(mention.trigger))
        _uncount(out.phrases, _phrase(text, mention))
        for term, n in content_terms(text[mention.start : mention.end]).items():
            if (left := out.terms.get(term, 0.0) - n) > 0:
                out.terms[term] = left
            else:
                out.terms.pop(term, None)
    by_article: dict[str, list[DateSpan | None]] = {}
    for report in kept:
        by_article.setdefault(report.article_id, []).append(report.span)
    for whens in by_article.values():
        draft = EventDraft(out, whens=whens)
        _settle_dates(draft)
    return out


class _Started:
    """The events an article starts, indexed by their look-up keys as they grow, so that
    a mention finds the ones it may join without going through them all."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[EventDraft]] = {}
        self._keys: dict[int, set[str]] = {}  # by id() of the draft
        self._order: dict[int, int] = {}

    def index(self, draft: EventDraft) -> None:
        """Index a draft under its keys (they only grow as it takes mentions)."""
        known = self._keys.setdefault(id(draft), set())
        self._order.setdefault(id(draft), len(self._order))
        for key in draft.keys() - known:
            self._by_key.setdefault(key, []).append(draft)
            known.add(key)

    def sharing(self, keys: Iterable[str]) -> list[EventDraft]:
        """The started events that have one of ``keys``, in the order they started."""
        found = {id(d): d for key in keys for d in self._by_key.get(key, ())}
        return sorted(found.values(), key=lambda draft: self._order[id(draft)])


def _in_quote(text: str, mention: EventMention, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether the trigger is words someone is quoted saying: a position, not an event."""
    at = text.find(mention.trigger, mention.start, mention.end)
    return at >= 0 and any(start <= at < end for start, end in quoted)


def describe(profile: EventProfile) -> tuple[str, DateSpan | None]:
    """An event's title, and its date range at its true precision (None: undated)."""
    phrases = profile.phrases
    phrase = (
        min(phrases, key=lambda p: (not _is_noun_phrase(p), -phrases[p], -len(p.split()), p))
        if phrases
        else "Event"
    )
    place = _most(profile.places)
    title = f"{phrase[0].upper()}{phrase[1:]}" + (f" in {place}" if place else "")
    return title, _dates(profile.dates)


def _lookup_keys(when: DateSpan | None, actors: Iterable[int], trigger: str) -> set[str]:
    return _keyed(_window(when), actors, [trigger])


def _keyed(buckets: Iterable[str], actors: Iterable[object], triggers: Iterable[str]) -> set[str]:
    """Keys of date buckets joined with actors, and of day and week buckets joined with
    trigger classes: a month, a year or "undated" holds too many events of one kind for
    the kind alone to be a key whose look-up costs the same as the store grows."""
    actors, triggers = list(actors), list(triggers)
    return {
        f"{bucket}|{thing}"
        for bucket in buckets
        for thing in [
            *(f"a{actor}" for actor in actors),
            *(f"t:{t}" for t in triggers if bucket[:2] in ("d:", "w:")),
        ]
    }


def _best(
    candidates: Sequence[EventDraft],
    trigger: str,
    actors: set[int],
    terms: Counter[str],
    when: DateSpan | None,
) -> tuple[EventDraft | None, float]:
    best, best_score = None, 0.0
    for draft in candidates:
        profile = draft.profile
        known = {int(actor) for actor in profile.actors}
        shared = len(actors & known) / min(len(actors), len(known)) if actors and known else 0.0
        score = (
            W_TRIGGER * (trigger in profile.triggers)
            + W_ACTORS * shared
            + W_TERMS * cosine(terms, profile.terms)
            + _day_fit(draft, when)
        )
        if score > best_score or (
            score == best_score
            and best is not None
            and (draft.id or 1 << 62) < (best.id or 1 << 62)
        ):
            best, best_score = draft, score
    return best, best_score


def _day_fit(draft: EventDraft, when: DateSpan | None) -> float:
    """SAME_DAY when the text dates a mention to one of the days the event's sentences
    give, minus DAY_APART when to another day nearby, 0 when either has no such day; a
    day further than ``MAX_DAYS_APART`` from all of them is another happening of the kind
    (two meetings a week apart), which no score joins."""
    if when is None or not when.stated_day:
        return 0.0
    days = {d.start for d in [*draft.profile.dates, *draft.whens] if d is not None and d.stated_day}
    if not days:
        return 0.0
    if when.start in days:
        return SAME_DAY
    day = date.fromisoformat(when.start)
    apart = min(abs((date.fromisoformat(d) - day).days) for d in days)
    return -DAY_APART if apart <= MAX_DAYS_APART else -math.inf


def _add(
    draft: EventDraft,
    mention: EventMention,
    trigger: str,
    when: DateSpan | None,
    participants: set[int],
    actors: set[int],
    terms: Counter[str],
    phrase: str,
) -> None:
    profile = draft.profile
    _count(profile.triggers, [trigger])
    _count(profile.actors, [str(actor) for actor in actors])
    _count(profile.participants, [str(actor) for actor in participants])
    _count(profile.places, mention.places)
    _count(profile.phrases, [phrase])
    merged = Counter(profile.terms) + terms
    profile.terms = top(merged, PROFILE_TERMS)
    draft.whens.append(when)
    draft.members.append(mention)


def _settle_dates(draft: EventDraft) -> None:
    """Add the article's dates to the event. Where the article's own text dates the event,
    its undated sentences are about that date, not about the day it was published."""
    if None in draft.whens:
        draft.profile.undated = True
    whens = [when for when in draft.whens if when is not None]
    if any(when.dated_by is DatedBy.TEXT for when in whens):
        whens = [when for when in whens if when.dated_by is DatedBy.TEXT]
    for when in whens:
        if when not in draft.profile.dates:
            draft.profile.dates.append(when)
    draft.whens = []


def _count(counts: dict[str, int], items: Iterable[str]) -> None:
    for item in items:
        counts[item] = counts.get(item, 0) + 1


def _uncount(counts: dict[str, int], item: str) -> None:
    if counts.get(item, 0) > 1:
        counts[item] -= 1
    else:
        counts.pop(item, None)


def _most(counts: Mapping[str, int]) -> str | None:
    """The most frequent item; of equals, the one met first."""
    return min(counts, key=lambda item: -counts[item]) if counts else None


def _phrase(text: str, mention: EventMention) -> str:
    """The trigger with the words that modify it just before it ("two-day trilateral talks",
    "Kremlin meeting"), at most two, stopping at function words, verb forms and the words
    that say when ("Thursday killed" is no title)."""
    sentence = text[mention.start : mention.end]
    at = sentence.find(mention.trigger)
    if at < 0:
        return mention.trigger
    words: list[str] = []
    for word in reversed(sentence[:at].split()[-2:]):
        bare = word.replace("-", "")
        if (
            not bare.isalpha()
            or word.casefold() in _FUNCTION_WORDS
            or word.casefold().removesuffix("'s").removesuffix("’s") in _TIME_WORDS
            or ("-" not in word and word.endswith(("ed", "ly", "ing")))
        ):
            break
        words.insert(0, word)
    return " ".join([*words, mention.trigger])


def _is_noun_phrase(phrase: str) -> bool:
    """Whether a phrase ends in an event noun ("talks", "meeting") rather than a verb."""
    return phrase.split()[-1].casefold() in EVENT_NOUNS


_FUNCTION_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "after",
        "before",
        "since",
        "as",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "be",
        "been",
        "will",
        "would",
        "said",
        "says",
        "began",
        "begin",
        "held",
        "hold",
        "new",
        "first",
        "last",
    }
)


# Days, months and relative days: they date an event, they do not name it.
_TIME_WORDS = (
    frozenset(
        {
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "weekend",
        }
    )
    | MONTH_NUMBERS.keys()
)


def _bucket(when: DateSpan | None) -> str:
    """The bucket an event's date is filed under: the day, else the week, month or year."""
    if when is None:
        return "?"
    if when.precision is Precision.DAY:
        return f"d:{when.start}"
    if when.precision is Precision.WEEK:
        year, week, _ = date.fromisoformat(when.start).isocalendar()
        return f"w:{year}-W{week:02d}"
    return f"m:{when.start[:7]}" if when.precision is Precision.MONTH else f"y:{when.start[:4]}"


def _window(when: DateSpan | None) -> list[str]:
    """The buckets a mention looks in: for a day, the day give or take one (a report dated
    by publication, the two days before too) and the week, month and year holding it."""
    if when is None or when.precision is not Precision.DAY:
        return [_bucket(when)]
    day = date.fromisoformat(when.start)
    back = 2 if when.dated_by is DatedBy.PUBLICATION else 1
    days = [day + timedelta(days=offset) for offset in range(-back, 2)]
    return [_bucket(DateSpan.day(d.isoformat())) for d in days] + [
        _bucket(DateSpan(when.start, when.start, precision))
        for precision in (Precision.WEEK, Precision.MONTH, Precision.YEAR)
    ]


def _dates(dates: Sequence[DateSpan]) -> DateSpan | None:
    """An event's range: the finest precision its sentences give it (publication dates only
    when no sentence dates it), widened by a day when a later report, undated in its text,
    was published the day after a day-precise range ("the two-day talks ended")."""
    for dated_by in DatedBy:
        for precision in Precision:
            chosen = [d for d in dates if d.precision is precision and d.dated_by is dated_by]
            if not chosen:
                continue
            start, end = min(d.start for d in chosen), max(d.end for d in chosen)
            if precision is Precision.DAY and dated_by is DatedBy.TEXT:
                nextday = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
                if any(d.dated_by is DatedBy.PUBLICATION and d.start == nextday for d in dates):
                    end = nextday
            return DateSpan(start, end, precision, dated_by)
    return None
