"""Event mentions grouped into events: one real-world happening, however many sentences,
articles and outlets report it.

A main mention (what a sentence reports: ``EventMention.kind``) is compared only with the
events its keys find: a date bucket (the day give or take one, the week, month or year
the text gives) joined with one of its actors or its trigger class. A candidate scores by
trigger class, shared actors and sentence words against the event's main reports; the
best one at or above ``JOIN`` takes the mention, else the mention starts an event. A
mention dated by its sentence ("the Kremlin meeting on Dec 2") looks on that date, so a
past event reported later joins the event of its own date. Main mentions are planned
before the article's story is chosen (``plan_events``), and story linking reads them.

Every other mention (a happening a sentence only names, a statement, the words of a
direct quote, the title's or the summary's) is planned once the story is known
(``plan_named``): it joins the event of its trigger class that the story already tells
or names, filed under the key of the story and the class (of its newest ``KIND_EVENTS``,
so that a story of thousands of articles costs no more to link into), one whose days fit
its own (of several, the one most told), and a statement only one its speaker made. One
look-up per article answers both. An event the article's main reports start, which no
key found, is then the story's event of its kind whose days fit, if there is one, that
it only named so far; failing that, where the new event or a told one of its kind in the
story or the article has no date at all, the told one most alike.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
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
    story_kind_key,
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
# The newest events of a kind in a story that a mention naming one is compared with: so
# that linking an article costs the same in a story of ten articles and of thousands (the
# BP oil spill's main story holds 3,873 events of statements).
KIND_EVENTS = 100

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
    "charge": ("charge", "accuse", "accusation", "indict", "indictment"),
    "robbery": ("robbery", "rob", "heist", "holdup", "stickup"),
    "crash": ("crash", "accident", "collision", "collide"),
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

    def filed(
        self, keys: Sequence[str], latest: int | None = None
    ) -> dict[str, dict[int, EventProfile]]: ...


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
    # the trigger classes of the mentions this article adds, which file it in its story
    kinds: set[str] = field(default_factory=set)

    def keys(self) -> set[str]:
        """The look-up keys main mentions find the event by: its main reports' date
        buckets joined with their actors and trigger classes (none for an event only
        named, which its story's keys alone find)."""
        if not self.profile.triggers:
            return set()
        buckets = _buckets(self.profile, self.whens)
        return _keyed(buckets, self.profile.actors, self.profile.triggers)

    def update(self) -> EventUpdate:
        """What saving the event writes."""
        title, span = describe(self.profile)
        return EventUpdate(
            self.id,
            title,
            span,
            self.profile,
            tuple(sorted(self.keys())),
            tuple(self.members),
            tuple(sorted(self.kinds)),
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
    index: EventIndex, text: str, analysis: Analysis, actor_of: Mapping[str, int]
) -> list[EventDraft]:
    """The events this article's main mentions join or start.

    Args:
        index: the store, for the candidates a mention's keys find.
        text: the article text the analysis offsets point into.
        analysis: the article's analysis.
        actor_of: actor id of each name the article's mentions give.

    Returns:
        Every event the article's main mentions touch, each with the members it adds.
    """
    drafts: list[EventDraft] = []
    stored: dict[int, EventDraft] = {}
    started = _Started()
    planned = []
    for mention, trigger in _told(text, analysis)[0]:
        when = DateSpan.parse(mention.date, mention.date_from)
        participants = {actor_of[name] for name in mention.participants if name in actor_of}
        actors = participants | {actor_of[name] for name in mention.places if name in actor_of}
        keys = sorted(_lookup_keys(when, actors, trigger))
        planned.append((mention, trigger, when, participants, actors, keys))
    # one look-up for the article: what it saves is seen by the next article, not this one
    filed = index.filed([key for *_, keys in planned for key in keys])
    for mention, trigger, when, participants, actors, keys in planned:
        terms = _terms(text[mention.start : mention.end])
        found = {
            event_id: profile for key in keys for event_id, profile in filed.get(key, {}).items()
        }
        candidates = [
            stored.get(event_id) or EventDraft(profile, event_id)
            for event_id, profile in found.items()
        ]
        candidates += started.sharing(keys)
        best = _best(candidates, trigger, actors, terms, when) or EventDraft(EventProfile())
        _keep(best, drafts, stored)
        _add(best, mention, trigger, when, participants, actors, terms, _phrase(text, mention))
        if best.id is None:
            started.index(best)
    for draft in drafts:
        _settle_dates(draft)
    return drafts


def plan_named(
    index: EventIndex,
    stories: Sequence[int],
    drafts: Sequence[EventDraft],
    text: str,
    title: str | None,
    analysis: Analysis,
    actor_of: Mapping[str, int],
    summary: str | None = None,
) -> list[EventDraft]:
    """The events of this article's other mentions, once its story is known.

    A mention that only names a happening joins the event of its trigger class in the
    story (``stories``: the story the article joins and those it merges; none for a story
    it starts) or in the article, whose days fit its own, the one most told of several; a
    statement joins only one its speaker made; else it starts an event. An event the
    article's main reports start takes the id of the event of its kind the story only
    named so far, if their days fit, else, if it or one of them has no date, the event
    of its kind main reports tell in the story or the article most alike.

    Args:
        index: the store, for the events filed under the story's trigger classes.
        stories: the story the article is in, and those it merges.
        drafts: the events of its main mentions (``plan_events``).
        text: the article text; ``title`` its title, for headline mentions, and
            ``summary`` its summary, for summary ones.
        analysis: the article's analysis.
        actor_of: actor id of each name the article's mentions give.

    Returns:
        Every event the article touches, ``drafts`` first.
    """
    named = _told(text, analysis)[1]
    kinds = sorted({trigger for _, trigger in named} | {k for d in drafts for k in d.kinds})
    keys = [story_kind_key(story, kind) for story in stories for kind in kinds]
    filed = index.filed(keys, latest=KIND_EVENTS)
    out = list(drafts)
    stored = {draft.id: draft for draft in out if draft.id is not None}
    in_article: dict[str, list[EventDraft]] = {}

    story_events: dict[str, dict[int, EventProfile]] = {}  # by kind, in id order
    unkept: dict[int, EventDraft] = {}  # a draft of each filed event, made once
    # each kind's filed events as drafts, made again only when a draft of the article
    # takes a filed event's id (``_adopt``): a filed event that ``_keep`` or ``_fold``
    # keeps is its own draft in ``unkept``, so the list holds it already
    made: dict[str, tuple[int, list[EventDraft]]] = {}
    adopted = 0

    def of_kind(kind: str) -> list[EventDraft]:
        if kind not in story_events:
            found = {
                i: p for s in stories for i, p in filed.get(story_kind_key(s, kind), {}).items()
            }
            story_events[kind] = dict(sorted(found.items()))
        found = story_events[kind]
        if kind not in made or made[kind][0] != adopted:
            old = []
            for i, p in found.items():
                if i not in stored and i not in unkept:
                    unkept[i] = EventDraft(p, i)
                old.append(stored.get(i) or unkept[i])
            made[kind] = (adopted, old)
        ours = [d for d in in_article.get(kind, ()) if d.id is None or d.id not in found]
        return made[kind][1] + ours

    for draft in drafts:
        if draft.id is None:
            _adopt(draft, of_kind, stored)
            adopted += draft.id is not None
        if draft.id is None and (into := _told_event(draft, of_kind, stored, out)) is not None:
            _fold(draft, into, out, stored)
            draft = into
        for kind in draft.kinds:
            if all(d is not draft for d in in_article.setdefault(kind, [])):
                in_article[kind].append(draft)
    for mention, trigger in named:
        said = _said(mention, text, title, summary)
        when = DateSpan.parse(mention.date, mention.date_from)
        participants = {actor_of[name] for name in mention.participants if name in actor_of}
        actors = participants | {actor_of[name] for name in mention.places if name in actor_of}
        best = _likeliest(of_kind(trigger), mention, actors, when) or EventDraft(EventProfile())
        _keep(best, out, stored)
        if all(d is not best for d in in_article.setdefault(trigger, [])):
            in_article[trigger].append(best)
        terms = _terms(said[mention.start : mention.end])
        _add(best, mention, trigger, when, participants, actors, terms, _phrase(said, mention))
    for draft in out:
        _settle_dates(draft)
    return out


def _told(
    text: str, analysis: Analysis
) -> tuple[list[tuple[EventMention, str]], list[tuple[EventMention, str]]]:
    """The article's mentions with their trigger classes: those that report a happening
    (``main``), and the rest. A main mention whose trigger is a statement ("said") or
    words someone is quoted saying counts as a statement or a mere naming."""
    quoted = [(quote.start, quote.end) for quote in analysis.quotes if quote.direct]
    main: list[tuple[EventMention, str]] = []
    named: list[tuple[EventMention, str]] = []
    for mention in analysis.event_mentions:
        trigger = trigger_class(_trigger_word(mention))
        if mention.kind == "main" and trigger in REPORTING_VERBS:
            mention = dataclasses.replace(mention, kind="reporting")
        elif mention.kind == "main" and _in_quote(text, mention, quoted):
            mention = dataclasses.replace(mention, kind="other")
        (main if mention.kind == "main" else named).append((mention, trigger))
    return main, named


def _adopt(
    draft: EventDraft,
    of_kind: Callable[[str], list[EventDraft]],
    stored: dict[int, EventDraft],
) -> None:
    """Give an event the article's main reports start the id of the story's event of its
    kind that nothing told so far, only named, whose days fit (of several, the one most
    named): the same happening, now told."""
    for kind in sorted(draft.kinds):
        fitting = [
            other
            for other in of_kind(kind)
            if other.id is not None
            and other.id not in stored
            and not other.profile.triggers
            and _fits(other, draft.profile.dates)
        ]
        if fitting:
            other = max(fitting, key=lambda d: (_told_count(d), -(d.id or 0)))
            draft.id = event_id = other.id
            draft.profile = _merged(draft.profile, other.profile)
            if event_id is not None:
                stored[event_id] = draft
            return


def _told_event(
    draft: EventDraft,
    of_kind: Callable[[str], list[EventDraft]],
    stored: dict[int, EventDraft],
    out: list[EventDraft],
) -> EventDraft | None:
    """The event told by main reports, in the story (``of_kind``) or this article
    (``out``), that an event this article's main reports start is, when one of the two
    has no date at all: of its kind, not one its sentences tell apart; of several, the
    most alike (trigger, actors, words), then the most told, then the oldest. Keys find
    an undated report only by its actors; with no date to tell two happenings of a kind
    apart, the story's is the likeliest. Dated reports are left to their keys: joining
    them too, a day or two apart, merged a month of a story's generic happenings
    ("met", "released") into a few events that then led its timeline (Timeline17's
    headline audit fell from 30 to 25 of 40 entries on a gold date)."""
    actors = set(draft.profile.actors)
    terms = Counter(draft.profile.terms)
    best, best_rank = None, None
    for kind in sorted(draft.kinds):
        for other in of_kind(kind):
            mine = any(d is other for d in out)
            if (
                other is draft
                or not other.profile.triggers
                or (not mine and (other.id is None or other.id in stored))
                or (other.profile.dates and draft.profile.dates)
                or (mine and not all(_apart(other, m) for m in draft.members))
            ):
                continue
            score = _similarity(other.profile, kind, actors, terms)
            rank = (score, _told_count(other), -(other.id or 1 << 62))
            if best_rank is None or rank > best_rank:
                best, best_rank = other, rank
    return best


def _fold(
    draft: EventDraft, into: EventDraft, out: list[EventDraft], stored: dict[int, EventDraft]
) -> None:
    """Make ``into`` (stored, or the article's) take what ``draft`` holds, in its place."""
    if into.id is not None and into.id not in stored:
        stored[into.id] = into
        into.profile = into.profile.copy()
    if all(d is not into for d in out):
        out.append(into)
    into.profile = _merged(draft.profile, into.profile)
    into.members += draft.members
    into.kinds |= draft.kinds
    out.remove(draft)


def _merged(new: EventProfile, stored: EventProfile) -> EventProfile:
    """A stored event's profile with what one article's main reports add."""
    out = stored.copy()
    for name in ("triggers", "actors", "participants", "places", "phrases"):
        counts = getattr(out, name)
        for key, n in getattr(new, name).items():
            counts[key] = counts.get(key, 0) + n
    out.terms = top(Counter(out.terms) + Counter(new.terms), PROFILE_TERMS)
    out.dates += [d for d in new.dates if d not in out.dates]
    out.undated = out.undated or new.undated
    return out


def _told_count(draft: EventDraft) -> int:
    """How many mentions tell or name an event."""
    minor = draft.profile.minor
    return sum(draft.profile.triggers.values()) + (sum(minor.triggers.values()) if minor else 0)


def _fits(draft: EventDraft, dates: Sequence[DateSpan]) -> bool:
    """Whether none of ``dates`` falls further than ``MAX_DAYS_APART`` from the event's."""
    return all(_day_fit(*_all_dates(draft), when) > -math.inf for when in dates)


def _likeliest(
    candidates: Sequence[EventDraft],
    mention: EventMention,
    actors: set[int],
    when: DateSpan | None,
) -> EventDraft | None:
    """The candidate a mention that only names a happening is of: not another happening
    its own sentence names, its days fitting the mention's, a statement's speaker its
    own; of several, the one whose day is the mention's, then the one most told, then
    the oldest."""
    best, best_rank = None, None
    dated = when is not None and when.stated_day  # else every candidate fits alike
    for draft in candidates:
        if not _apart(draft, mention):
            continue
        if mention.kind == "reporting" and not _shares_actor(draft.profile, actors):
            continue
        fit = _day_fit(*_all_dates(draft), when) if dated else 0.0
        if fit == -math.inf:
            continue
        rank = (fit, _told_count(draft), -(draft.id or 1 << 62))
        if best_rank is None or rank > best_rank:
            best, best_rank = draft, rank
    return best


def _all_dates(draft: EventDraft) -> tuple[list[DateSpan], list[DateSpan | None]]:
    """Every date an event's mentions give: stored, and this article's."""
    minor = draft.profile.minor
    dates = [*draft.profile.dates, *(minor.dates if minor is not None else ())]
    return dates, [*draft.whens, *draft.minor_whens]


def without_reports(
    profile: EventProfile,
    gone: Sequence[EventMention],
    kept: Sequence[EventReport],
    text: str,
    title: str | None = None,
    summary: str | None = None,
) -> EventProfile | None:
    """An event once one article's mentions leave it (its analysis was redone): None when
    no mention is left. ``gone`` are that article's mentions (offsets into its ``text``, or
    its ``title`` or ``summary`` for headline and summary ones), ``kept`` the other
    articles' mentions. The dates are
    those the kept mentions give (as ``plan_events`` settles them, article by article); the
    trigger classes, phrases and words the gone mentions added are taken away, main ones
    from the event's main reports and the rest from what only names it. The actors they
    named stay: actors only steer which later mentions join the event, and what a mention
    named is not stored."""
    if not kept:
        return None
    said = (text, title, summary)
    out = _without(profile, [m for m in gone if m.kind == "main"], kept, said)
    if profile.minor is not None:
        minor = [m for m in gone if m.kind != "main"]
        out.minor = _without(profile.minor, minor, kept, said, main=False)
    return out


def _without(
    profile: EventProfile,
    gone: Sequence[EventMention],
    kept: Sequence[EventReport],
    texts: tuple[str, str | None, str | None],
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
        said = _said(mention, *texts)
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
    written = _written_in(mention)
    return all(
        m.start != mention.start
        or _written_in(m) != written
        or m.trigger_start == mention.trigger_start
        for m in draft.members
    )


def _written_in(mention: EventMention) -> str:
    """Which of the article's texts a mention's offsets point into."""
    return mention.kind if mention.kind in ("headline", "summary") else "text"


def _said(mention: EventMention, text: str, title: str | None, summary: str | None) -> str:
    """The text a mention's offsets point into: the title, the summary or the body."""
    written = _written_in(mention)
    return (title if written == "headline" else summary if written == "summary" else text) or ""


def _shares_actor(profile: EventProfile, actors: set[int]) -> bool:
    """Whether one of ``actors`` took part in the event, as any of its mentions says."""
    sides = [profile.actors] if profile.minor is None else [profile.actors, profile.minor.actors]
    return any(str(actor) in side for actor in actors for side in sides)


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


@lru_cache(maxsize=512)
def _terms(sentence: str) -> Counter[str]:
    """A sentence's content words, counted once for all the mentions it holds (shared:
    not to be changed)."""
    return content_terms(sentence)


def _best(
    candidates: Sequence[EventDraft],
    trigger: str,
    actors: set[int],
    terms: Counter[str],
    when: DateSpan | None,
) -> EventDraft | None:
    """The candidate whose main reports are most like a main mention, None when none
    scores ``JOIN``; of equals, the stored one of lowest id, else the first. The words,
    the dearest part of the score, are compared only where they could lift a candidate to
    ``JOIN`` and to the best so far."""
    best, best_score = None, 0.0
    keys = {str(actor) for actor in actors}
    for draft in candidates:
        fit = _day_fit(draft.profile.dates, draft.whens, when)
        known = _known(draft.profile, trigger, keys)
        if known + W_TERMS + fit < max(JOIN, best_score) - _ROUNDING:
            continue
        score = known + W_TERMS * cosine(terms, draft.profile.terms) + fit
        if score > best_score or (
            score == best_score
            and best is not None
            and (draft.id or 1 << 62) < (best.id or 1 << 62)
        ):
            best, best_score = draft, score
    return best if best_score >= JOIN else None


# Leeway for sums of floats that an upper bound is compared with.
_ROUNDING = 1e-9


def _known(profile: EventProfile, trigger: str, actors: set[str]) -> float:
    """The part of ``_similarity`` that trigger class and actors (ids as profiles key
    them) give."""
    known = profile.actors
    shared = (
        sum(actor in known for actor in actors) / min(len(actors), len(known))
        if actors and known
        else 0.0
    )
    return W_TRIGGER * (trigger in profile.triggers) + W_ACTORS * shared


def _similarity(
    profile: EventProfile, trigger: str, actors: set[str], terms: Counter[str]
) -> float:
    """How alike an event's main reports and a mention are: trigger class, actors (ids as
    profiles key them), words."""
    return _known(profile, trigger, actors) + W_TERMS * cosine(terms, profile.terms)


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
    draft.kinds.add(trigger)


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
