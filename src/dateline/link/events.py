"""Event mentions grouped into events: one real-world happening, however many sentences,
articles and outlets report it.

A mention is compared only with the events its keys find, in one look-up per article. A
main mention (what a sentence reports: ``EventMention.kind``) keys by a date bucket (the
day give or take one, the week, month or year the text gives) joined with one of its
actors or its trigger class, and scores a candidate by trigger class, shared actors and
sentence words against the event's main reports only, so that timelines, which show main
reports, group them as they always did. Every mention also keys by its trigger class
joined with an actor, its own or one its article names most, in its date bucket, the
undated bucket, or, when it has no date, the bucket of any time; such a candidate must be
of its trigger class and scores, over all the event's mentions, by actors, words, the
article's setting, the fit of its day and the event's size. The best candidate at or
above ``JOIN`` takes the mention, else the mention starts an event. A mention dated by its
sentence ("the Kremlin meeting on Dec 2") looks on that date, so a past event reported
later joins the event of its own date. Statements ("said") and the words of a direct
quote join only as mentions of another kind (a statement only one its speaker made).
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
# A mention joining by its trigger class (``_best_named``; set on ECB+ topics 1-35) also
# scores the setting, the actors its article names most as the event's articles do; the
# time, its day against the event's days at their precision; and, of two events alike,
# the one more sentences tell (this much per log count).
W_CONTEXT = 0.2
W_TIME = 0.2
W_SIZE = 0.02
# Whether a main mention the rules of main reports leave alone joins, by kind, an event
# main reports already tell. Off: main reports, which timelines and stories read, group as
# they did before other mentions existed. On, ECB+ event CoNLL F1 on topics 1-35 gains
# 0.03 (0.668 -> 0.698), but timelines and stories move.
MAIN_KIN = False
SAME_DAY, DAY_APART = 0.1, 0.2
# Days the text gives two reports of one happening at most apart (a two-day summit, a
# report of the day before).
MAX_DAYS_APART = 2
# Sentence words kept in an event's profile.
PROFILE_TERMS = 40
# An article's most named actors, which key its mentions' events with their trigger class;
# an event is filed under its KIND_ACTORS most named actors and as many of its articles'
# most named, and under its KIND_TRIGGERS most told trigger classes, so that its keys
# stay few however large it grows.
CONTEXT_ACTORS = 5
KIND_ACTORS = 5
KIND_TRIGGERS = 3
_CONTEXT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

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
    "kill": (
        "kill",
        "killing",
        "death",
        "die",
        "dead",
        "murder",
        "slay",
        "slaying",
        "homicide",
        "assassinate",
        "assassination",
        "suicide",
        "execute",
        "execution",
        "pass away",
    ),
    "arrest": (
        "arrest",
        "detain",
        "detention",
        "capture",
        "apprehend",
        "nab",
        "custody",
        "take into",
    ),
    "earthquake": ("earthquake", "quake", "tremor"),
    "election": ("election", "vote", "poll", "elect", "ballot"),
    "acquisition": ("acquisition", "acquire", "buy", "purchase", "takeover", "merger"),
    "launch": ("launch", "unveil", "introduce", "introduction", "release", "debut"),
    "conviction": ("conviction", "convict", "guilty", "verdict", "sentence", "jail"),
    "dismissal": ("dismissal", "dismiss", "sack", "oust", "ouster"),
    "resignation": ("resignation", "resign", "quit", "step", "step down"),
    "appointment": ("appointment", "appoint", "nominate", "nomination", "name", "hire"),
    "injury": ("injure", "injury", "wound", "hurt"),
    "shooting": ("shooting", "shoot", "gunfire", "gunman", "gun", "gun down", "open fire"),
    "find": ("find", "discover", "discovery", "uncover", "locate"),
    "escape": ("escape", "flee", "breakout", "getaway", "abscond", "break out"),
    "damage": ("damage", "destroy", "destruction", "devastate", "wreck", "ruin"),
    "cut": ("cut", "sever", "slash"),
    "win": ("win", "victory", "triumph", "beat", "defeat", "clinch", "lose", "loss"),
    "place": ("place", "put"),
    "enter": ("enter", "admit", "admission", "entry", "check in", "check into", "admit into"),
    "thwart": ("thwart", "foil"),
    "repair": ("repair", "fix", "patch", "plug", "mend"),
    "blaze": ("blaze", "inferno", "burn", "fire-noun", "catch fire", "set fire"),
    "announcement": ("announce", "announcement"),
    "explosion": ("explosion", "explode", "blast", "detonate", "detonation"),
    "spill": ("spill", "leak", "leakage"),
}
# Nouns whose verb names another kind of happening: "a fire" is a blaze, "fired" is not.
_NOUN_SENSES = {"fire": "fire-noun"}
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
    # the dates this article's sentences give the event, kept by ``settle_dates``: those
    # of its main reports, and those of the mentions that only name it
    whens: list[DateSpan | None] = field(default_factory=list)
    minor_whens: list[DateSpan | None] = field(default_factory=list)
    # whether a main mention of the article started it or would join it by its main
    # reports alone, as linking did before mention kinds: story linking reads only those
    tells: bool = False

    def keys(self) -> set[str]:
        """The look-up keys the event is found by: its main reports' (date buckets with
        actors and trigger classes), and, over every mention, trigger class with actor."""
        profile = self.profile
        buckets = _buckets(profile, self.whens)
        keys = _keyed(buckets, profile.actors, profile.triggers)
        whole = _whole(profile)
        if profile.minor is not None:
            buckets |= _buckets(profile.minor, self.minor_whens)
        return keys | _kind_keys(
            buckets | {_ANY_TIME},
            top(whole.triggers, KIND_TRIGGERS),
            [*top(whole.actors, KIND_ACTORS), *top(profile.context, KIND_ACTORS)],
        )

    def update(self) -> EventUpdate:
        """What saving the event writes."""
        title, span = describe(self.profile)
        return EventUpdate(
            self.id, title, span, self.profile, tuple(sorted(self.keys())), tuple(self.members)
        )


def _buckets(profile: EventProfile, whens: Iterable[DateSpan | None]) -> set[str]:
    buckets = {_bucket(when) for when in [*profile.dates, *whens]}
    if profile.undated:
        buckets.add(_bucket(None))
    return buckets


def trigger_class(trigger: str) -> str:
    """The kind of happening a trigger word names: "talks", "met" and "summit" are all talks;
    a word of no listed kind is its own, stemmed ("scoring" and "scored" are "scor")."""
    word = trigger.casefold()
    word = _IRREGULAR.get(word, word)
    if word in _CLASS_OF:
        return _CLASS_OF[word]
    stem = _stem(word)
    for form in (stem, stem + "e"):
        if form in _CLASS_OF:
            return _CLASS_OF[form]
    return stem.removesuffix("e") if len(stem) > 3 else stem


def _stem(word: str) -> str:
    """A word without its inflection: "raids", "raided", "raiding" are "raid"."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if not word.endswith(suffix) or (suffix == "s" and word.endswith(("ss", "us", "is"))):
            continue
        stem = word[: -len(suffix)] + repl
        if len(stem) < 3:
            return word
        if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] not in "lsz":
            stem = stem[:-1]  # "running", "shopped"
        return stem
    return word


def _trigger_word(mention: EventMention) -> str:
    """The word a mention's class is read from: its lemma, and "fire" as a noun is a blaze
    (the verb is a dismissal or a shot)."""
    word = (mention.lemma or mention.trigger).casefold()
    if word in _NOUN_SENSES and mention.trigger.casefold() in (word, word + "s"):
        return _NOUN_SENSES[word]
    return word


def plan_events(
    index: EventIndex,
    text: str,
    analysis: Analysis,
    actor_of: Mapping[str, int],
    title: str | None = None,
) -> list[EventDraft]:
    """The events this article's event mentions join or start.

    A main mention (what a sentence reports) is weighed against the main reports of the
    events its keys find, as if no other mention existed, so that what views show does
    not move; when none is like enough, it may take an event only named so far. Any
    other mention joins an event of its trigger class, by actors, words, the article's
    setting and dates. The store is asked once, for the events under any key of any of
    the article's mentions.

    Args:
        index: the store, for the candidates a mention's keys find.
        text: the article text the analysis offsets point into.
        analysis: the article's analysis.
        actor_of: actor id of each name the article's mentions give.
        title: the article's title, which the offsets of headline mentions point into.

    Returns:
        Every event the article touches, each with the members it adds.
    """
    quoted = [(quote.start, quote.end) for quote in analysis.quotes if quote.direct]
    context = _context(analysis, actor_of)
    planned = []
    for mention in analysis.event_mentions:
        trigger = trigger_class(_trigger_word(mention))
        if mention.kind == "main" and trigger in REPORTING_VERBS:
            # a statement is a quote, not an event views show
            mention = dataclasses.replace(mention, kind="reporting")
        elif mention.kind == "main" and _in_quote(text, mention, quoted):
            # words someone is quoted saying: a position, not a happening views show
            mention = dataclasses.replace(mention, kind="other")
        when = DateSpan.parse(mention.date, mention.date_from)
        participants = {actor_of[name] for name in mention.participants if name in actor_of}
        actors = participants | {actor_of[name] for name in mention.places if name in actor_of}
        main = mention.kind == "main"
        own = sorted(_lookup_keys(when, actors, trigger)) if main else []
        # an undated mention looks at every event of its kind with its actors; a dated one
        # at those of its days and at undated ones
        buckets = [_bucket(None), _ANY_TIME] if when is None else [*_window(when), _bucket(None)]
        kind = sorted(_kind_keys(buckets, [trigger], [*actors, *context]))
        planned.append((mention, trigger, when, participants, actors, own, kind))
    # one look-up for the article: what it saves is seen by the next article, not this one
    filed = index.filed([key for *_, own, kind in planned for key in (*own, *kind)])
    drafts: list[EventDraft] = []
    stored: dict[int, EventDraft] = {}
    started, named = _Started(), _Started()
    for mention, trigger, when, participants, actors, own, kind in planned:
        said = (title or "") if mention.kind == "headline" else text
        terms = content_terms(said[mention.start : mention.end])

        def look(keys: Sequence[str], new: _Started) -> list[EventDraft]:
            found = {i: p for key in keys for i, p in filed.get(key, {}).items()}
            old = [stored.get(i) or EventDraft(p, i) for i, p in sorted(found.items())]
            return old + [d for d in new.sharing(keys) if d.id is None or d.id not in found]

        main = mention.kind == "main"
        best, score = None, 0.0
        if main:
            reported = [d for d in look(own, started) if d.profile.triggers]
            best, score = _best(reported, trigger, actors, terms, when)
        by_rule = best is not None and score >= JOIN
        others = [
            d
            for d in look(kind, named)
            if _apart(d, mention)
            # a main mention joins by kind only an event no main report tells yet: the
            # main reports of an event, which views and stories read, group as before
            and (MAIN_KIN or not main or not d.profile.triggers)
            # a statement is the same one only when the same speaker makes it
            and (mention.kind != "reporting" or _shares_actor(d, actors))
        ]
        kin, kin_score = _best_named(others, trigger, actors, terms, when, context)
        if by_rule and best is not None:
            # the event linking by main reports alone would have joined: it ties the
            # article to its stories whichever event the mention joins
            _keep(best, drafts, stored).tells = True
        if kin is not None and kin_score >= JOIN and not by_rule:
            best, score = kin, kin_score
        if best is None or score < JOIN:
            best = EventDraft(EventProfile(), tells=main)
        _keep(best, drafts, stored)
        _add(best, mention, trigger, when, participants, actors, terms, _phrase(said, mention))
        _count(best.profile.context, [str(actor) for actor in context])
        if best.id is None:
            started.index(best)
        named.index(best)
    for draft in drafts:
        _settle_dates(draft)
    return drafts


def without_reports(
    profile: EventProfile,
    gone: Sequence[EventMention],
    kept: Sequence[EventReport],
    text: str,
    title: str | None = None,
) -> EventProfile | None:
    """An event once one article's mentions leave it (its analysis was redone): None when
    no mention is left. ``gone`` are that article's mentions (offsets into its ``text``, or
    its ``title`` for headline ones), ``kept`` the other articles' mentions. The dates are
    those the kept mentions give (as ``plan_events`` settles them, article by article); the
    trigger classes, phrases and words the gone mentions added are taken away, main ones
    from the event's main reports and the rest from what only names it. The actors they
    named stay: actors only steer which later mentions join the event, and what a mention
    named is not stored."""
    if not kept:
        return None
    out = _without(profile, [m for m in gone if m.kind == "main"], kept, text, title)
    if profile.minor is not None:
        minor = [m for m in gone if m.kind != "main"]
        out.minor = _without(profile.minor, minor, kept, text, title, main=False)
    return out


def _without(
    profile: EventProfile,
    gone: Sequence[EventMention],
    kept: Sequence[EventReport],
    text: str,
    title: str | None,
    *,
    main: bool = True,
) -> EventProfile:
    """``without_reports`` for one side of an event: its main reports or the rest."""
    out = dataclasses.replace(
        profile,
        triggers=dict(profile.triggers),
        terms=dict(profile.terms),
        phrases=dict(profile.phrases),
        dates=[],
        undated=False,
    )
    for mention in gone:
        said = (title or "") if mention.kind == "headline" else text
        _uncount(out.triggers, trigger_class(_trigger_word(mention)))
        _uncount(out.phrases, _phrase(said, mention))
        for term, n in content_terms(said[mention.start : mention.end]).items():
            if (left := out.terms.get(term, 0.0) - n) > 0:
                out.terms[term] = left
            else:
                out.terms.pop(term, None)
    by_article: dict[str, list[DateSpan | None]] = {}
    for report in kept:
        if (report.kind == "main") == main:
            by_article.setdefault(report.article_id, []).append(report.span)
    for whens in by_article.values():
        _settle(out, whens)
    return out


def _keep(draft: EventDraft, drafts: list[EventDraft], stored: dict[int, EventDraft]) -> EventDraft:
    """Note a draft the article touches (once), and a stored one by its id (its profile
    copied: the index's copy stays as stored)."""
    if draft.id is not None and draft.id not in stored:
        draft.profile = draft.profile.copy()
        stored[draft.id] = draft
    if all(d is not draft for d in drafts):
        drafts.append(draft)
    return draft


def _apart(draft: EventDraft, mention: EventMention) -> bool:
    """Whether none of the draft's mentions from this article is another happening the
    mention's sentence names: one sentence names distinct happenings."""
    headline = mention.kind == "headline"
    return all(
        m.start != mention.start
        or (m.kind == "headline") != headline
        or m.trigger_start == mention.trigger_start
        for m in draft.members
    )


def _shares_actor(draft: EventDraft, actors: set[int]) -> bool:
    """Whether one of ``actors`` took part in the event, as any of its mentions says."""
    return any(str(actor) in _whole(draft.profile).actors for actor in actors)


def _context(analysis: Analysis, actor_of: Mapping[str, int]) -> list[int]:
    """The article's most named actors, ``CONTEXT_ACTORS`` at most: with a trigger class,
    they key an event whatever sentence of the article names it."""
    counts = Counter(
        actor_of[m.name]
        for m in analysis.mentions
        if m.name in actor_of and m.label in _CONTEXT_LABELS
    )
    ranked = sorted(counts.items(), key=lambda c: (-c[1], c[0]))
    return [actor for actor, _ in ranked][:CONTEXT_ACTORS]


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
    """An event's title, and its date range at its true precision (None: undated): from
    its main reports, or, for an event only named, from the mentions that name it."""
    if not profile.triggers and profile.minor is not None:
        return describe(profile.minor)
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


def _kind_keys(
    buckets: Iterable[str], triggers: Iterable[str], actors: Iterable[object]
) -> set[str]:
    """Keys of date buckets joined with a trigger class and an actor (of the mention, or
    one its article names most): few events of one kind share an actor in one bucket, so
    that even the bucket of any time costs little to look up."""
    triggers, actors = list(triggers), list(dict.fromkeys(actors))
    return {f"{b}|t:{t}|a{actor}" for b in buckets for t in triggers for actor in actors}


def _best(
    candidates: Sequence[EventDraft],
    trigger: str,
    actors: set[int],
    terms: Counter[str],
    when: DateSpan | None,
) -> tuple[EventDraft | None, float]:
    """The candidate whose main reports are most like a main mention, and its score."""
    scored = [
        (
            draft,
            _similarity(draft.profile, trigger, actors, terms)
            + _day_fit(draft.profile.dates, draft.whens, when),
        )
        for draft in candidates
    ]
    return _top(scored)


def _best_named(
    candidates: Sequence[EventDraft],
    trigger: str,
    actors: set[int],
    terms: Counter[str],
    when: DateSpan | None,
    context: Sequence[int],
) -> tuple[EventDraft | None, float]:
    """The candidate of the mention's trigger class most like it over all its mentions,
    with the setting (the actors its articles name most) counted too, and its score. A
    sentence names many happenings with the same words and actors, so without one kind
    the rest counts for nothing."""
    scored = []
    for draft in candidates:
        whole = _whole(draft.profile)
        if trigger not in whole.triggers:
            continue
        setting = cosine(dict.fromkeys(map(str, context), 1.0), draft.profile.context)
        whens = [*draft.whens, *draft.minor_whens]
        score = (
            _similarity(whole, trigger, actors, terms)
            + W_CONTEXT * setting
            + W_TIME * _near(whole.dates, whens, when)
            + W_SIZE * math.log1p(sum(whole.triggers.values()))
            + _day_fit(whole.dates, whens, when)
        )
        scored.append((draft, score))
    return _top(scored)


def _near(
    dates: Sequence[DateSpan], whens: Sequence[DateSpan | None], when: DateSpan | None
) -> float:
    """How well a mention's day, however it was known, fits the days the event was told
    on, at their precision: 1 within ``MAX_DAYS_APART`` days of one of its days, 1/2 in
    one of its weeks or months, 1/4 in one of its years, else 0. Of two events of one
    kind, the one told on its days is the likelier."""
    if when is None or when.precision is not Precision.DAY:
        return 0.0
    day = date.fromisoformat(when.start)
    fit = 0.0
    for d in [*dates, *whens]:
        if d is None:
            continue
        if d.precision is Precision.DAY:
            near = abs((date.fromisoformat(d.start) - day).days) <= MAX_DAYS_APART
            fit = max(fit, 1.0 * near)
        elif d.start <= when.start <= d.end:
            fit = max(fit, 0.25 if d.precision is Precision.YEAR else 0.5)
    return fit


def _similarity(
    profile: EventProfile, trigger: str, actors: set[int], terms: Counter[str]
) -> float:
    known = {int(actor) for actor in profile.actors}
    shared = len(actors & known) / min(len(actors), len(known)) if actors and known else 0.0
    return (
        W_TRIGGER * (trigger in profile.triggers)
        + W_ACTORS * shared
        + W_TERMS * cosine(terms, profile.terms)
    )


def _top(scored: Sequence[tuple[EventDraft, float]]) -> tuple[EventDraft | None, float]:
    """The best scored draft; of equals, the stored one of lowest id, else the first."""
    best, best_score = None, 0.0
    for draft, score in scored:
        if score > best_score or (
            score == best_score
            and best is not None
            and (draft.id or 1 << 62) < (best.id or 1 << 62)
        ):
            best, best_score = draft, score
    return best, best_score


def _whole(profile: EventProfile) -> EventProfile:
    """An event's main reports and the mentions that only name it, as one profile."""
    minor = profile.minor
    if minor is None:
        return profile
    return EventProfile(
        triggers=dict(Counter(profile.triggers) + Counter(minor.triggers)),
        actors=dict(Counter(profile.actors) + Counter(minor.actors)),
        terms=dict(Counter(profile.terms) + Counter(minor.terms)),
        dates=[*profile.dates, *minor.dates],
    )


def _day_fit(
    dates: Sequence[DateSpan], whens: Sequence[DateSpan | None], when: DateSpan | None
) -> float:
    """SAME_DAY when the text dates a mention to one of the days the event's sentences
    give, minus DAY_APART when to another day nearby, 0 when either has no such day; a
    day further than ``MAX_DAYS_APART`` from all of them is another happening of the kind
    (two meetings a week apart), which no score joins."""
    if when is None or not when.stated_day:
        return 0.0
    days = {d.start for d in [*dates, *whens] if d is not None and d.stated_day}
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
    main = mention.kind == "main"
    if main:
        profile, whens = draft.profile, draft.whens
    else:
        if draft.profile.minor is None:
            draft.profile.minor = EventProfile()
        profile, whens = draft.profile.minor, draft.minor_whens
    _count(profile.triggers, [trigger])
    _count(profile.actors, [str(actor) for actor in actors])
    _count(profile.participants, [str(actor) for actor in participants])
    _count(profile.places, mention.places)
    _count(profile.phrases, [phrase])
    merged = Counter(profile.terms) + terms
    profile.terms = top(merged, PROFILE_TERMS)
    whens.append(when)
    draft.members.append(mention)


def _settle_dates(draft: EventDraft) -> None:
    _settle(draft.profile, draft.whens)
    if draft.profile.minor is not None:
        _settle(draft.profile.minor, draft.minor_whens)
    draft.whens, draft.minor_whens = [], []


def _settle(profile: EventProfile, whens: list[DateSpan | None]) -> None:
    """Add the article's dates to the event. Where the article's own text dates the event,
    its undated sentences are about that date, not about the day it was published."""
    if None in whens:
        profile.undated = True
    dated = [when for when in whens if when is not None]
    if any(when.dated_by is DatedBy.TEXT for when in dated):
        dated = [when for when in dated if when.dated_by is DatedBy.TEXT]
    for when in dated:
        if when not in profile.dates:
            profile.dates.append(when)


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


# The bucket of every event, dated or not, under which only its kind and an actor file it.
_ANY_TIME = "*"


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
