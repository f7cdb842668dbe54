"""One actor per real-world entity across articles, linked incrementally through name keys.

Each name an analysed article gives an entity is looked up by its spelling-insensitive
key (``names.name_key``: "Zelensky", "Zelenskyy", "Mr Zelensky" meet). A surname alone
joins the one actor whose full person name ends with it, and only when there is exactly
one; a full name met after its surname alone adopts that actor, again only when no other
full name shares the surname. A state's other names and adjectives are the state ("US",
"American" and "United States" are one actor; "Republicans" stays a group). A seat of
government that acts ("the Kremlin said", "Moscow launched") also counts for the state it
stands for; where it is only a place ("talks in Moscow") it stays a place. An office of a
state named without its holder ("Ukraine's president") is the one person the store knows
to hold it at the time (that year, else the year before), and nobody when it knows several.
Every look-up is an indexed one, so linking an article costs the same whatever the store
holds.

An actor's type is not its first label: the small model tags a capital PERSON in one
article and a minister ORG in another. Each article adds evidence (the labels of its
mentions of the actor, and contexts: a title attached to it, a quote it speaks, an event
it is the place of, a state's or capital's name) to the actor's totals in the store, and
the actor takes the type the totals give (``actor_type``).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date

from dateline.link.names import (
    TITLE,
    country_of,
    is_capital,
    name_key,
    office_key,
    state_of,
    surname_key,
    title_key,
)
from dateline.model import Analysis, AnalysisPart, Article, EventMention, Mention, Role
from dateline.run.stages import Stage
from dateline.store import Store

logger = logging.getLogger(__name__)

# Labels that name actors or places; dates and times are not entities to link.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
# Labels a state's name or adjective comes with ("Ukraine", "Ukrainian").
_STATE_LABELS = frozenset({"GPE", "NORP"})
# An office right after a state's name or adjective: "Ukraine's president", "[the] Ukrainian
# foreign minister".
_OFFICE_AFTER = re.compile(rf"(['’]s)?\s+({TITLE.pattern})", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# What of an article's analysis actor linking reads.
_PARTS = (
    AnalysisPart.MENTIONS,
    AnalysisPart.ROLES,
    AnalysisPart.QUOTES,
    AnalysisPart.EVENT_MENTIONS,
)


def link_entities(store: Store, *, ready: bool = False) -> int:
    """Link the entities of every analysed article not linked yet (with ``ready``, only
    those no article waiting for analysis comes before); return how many articles.

    The offices the article's roles name are recorded for their holders before the
    article's own offices are looked up, so "Ukrainian President Volodymyr Zelensky ... the
    Ukrainian president" is linked within one article. What the article says about each
    actor's type is added to the actor's evidence, and the actors it touches are typed again.
    Each article's new actors, links and "done" mark are saved in one transaction.
    """
    linked = 0
    for article_id in store.queue.waiting(Stage.ENTITIES, ready=ready):
        with store.db.reads_together():
            analysis = store.analyses.get(article_id, parts=_PARTS)
            article = store.articles.get(article_id).article
        if analysis is None:
            continue
        with store.actors.linking():
            _link_article(store, article_id, article, analysis)
        linked += 1
    return linked


def _link_article(store: Store, article_id: str, article: Article, analysis: Analysis) -> None:
    """Resolve one article's names to actors and save its mentions and evidence (actor
    look-ups only: the caller holds the actors' transaction)."""
    found: Counter[tuple[int, str]] = Counter()
    evidence: Counter[tuple[int, str]] = Counter()
    actor_of: dict[str, int] = {}
    names = Counter((m.name, m.label) for m in analysis.mentions if m.label in ENTITY_LABELS)
    with store.actors.looking_up(*_asked(names)):
        for (name, label), count in sorted(names.items()):
            actor = resolve(store, name, label)
            found[(actor, name)] += count
            for kind in _said_by_name(name, label):
                evidence[(actor, kind)] += count
            # a person's name is looked up as the person it is first (roles, speakers)
            if label == "PERSON" or name not in actor_of:
                actor_of[name] = actor
    for role in analysis.roles:
        _hold(store, role)
    for office, written in _offices(article.text, analysis.mentions):
        holder = _holder(store, office, article.published.value)
        if holder is not None:
            found[(holder, written)] += 1
            evidence[(holder, TITLED)] += 1
    for (seat, state), count in sorted(_acting_seats(analysis).items()):
        actor = resolve(store, state, "GPE")
        found[(actor, seat)] += count
        evidence[(actor, STATE)] += count
    evidence.update(_said_by_context(store, analysis, actor_of))
    store.actors.save_mentions(
        article_id,
        sorted((a, n, c) for (a, n), c in found.items()),
        sorted((a, e, c) for (a, e), c in evidence.items()),
        actor_type,
    )


# Evidence of an actor's type besides the labels of its mentions: a title attached to it
# (analysis roles, or an office it is known to hold), a quote it speaks, an event it is the
# place of, and a name that is a known state (or its adjective) or a capital.
TITLED = "title"
SPEAKER = "speaker"
PLACE = "place"
STATE = "state"
CAPITAL = "capital"
# The labels a place goes by; the first is the type of a place no mention labels as one.
_PLACE_LABELS = ("GPE", "LOC", "FAC")
# How much each context weighs beside one mention's label. A title is syntax attaching an
# office to a name (found once an article, where the name is tagged each time it recurs),
# worth several tags; a state's or capital's name is world knowledge. A quote counts as
# one tag: organisations speak too, so it only tips a close call.
_PERSON_WEIGHTS = {"PERSON": 1, TITLED: 3, SPEAKER: 1}
_PLACE_WEIGHTS = {"GPE": 1, "LOC": 1, "FAC": 1, PLACE: 1, STATE: 2, CAPITAL: 2}


def actor_type(evidence: Mapping[str, int]) -> str:
    """The type the evidence about an actor gives: the kind of thing (person, place,
    organisation, group, event) with the most weighted evidence, a tie going to the kind
    whose labels the tagger gave most (then to the person, the place, the organisation);
    a place takes its most given place label (GPE when none).

    >>> actor_type({"PERSON": 1, "GPE": 2, "place": 1})
    'GPE'
    >>> actor_type({"ORG": 2, "title": 1, "speaker": 1})
    'PERSON'
    """
    places = {label: evidence.get(label, 0) for label in _PLACE_LABELS}
    kinds = {
        "PERSON": (_weighed(evidence, _PERSON_WEIGHTS), evidence.get("PERSON", 0)),
        "place": (_weighed(evidence, _PLACE_WEIGHTS), sum(places.values())),
        "ORG": (evidence.get("ORG", 0),) * 2,
        "NORP": (evidence.get("NORP", 0),) * 2,
        "EVENT": (evidence.get("EVENT", 0),) * 2,
    }
    best = max(kinds, key=lambda kind: kinds[kind])  # first of equals: the order above
    if best == "place":
        return max(_PLACE_LABELS, key=lambda label: places[label])
    return best


def _weighed(evidence: Mapping[str, int], weights: Mapping[str, int]) -> int:
    return sum(weight * evidence.get(kind, 0) for kind, weight in weights.items())


def _said_by_name(name: str, label: str) -> list[str]:
    """What one mention says about its actor's type: its label (a state's adjective counts
    as the state, as ``resolve`` links it), and whether it names a known state or capital."""
    state = country_of(name)
    said = ["GPE" if label in _STATE_LABELS and state is not None else label]
    if state is not None:
        said.append(STATE)
    elif is_capital(name):
        said.append(CAPITAL)
    return said


def _said_by_context(
    store: Store, analysis: Analysis, actor_of: Mapping[str, int]
) -> Counter[tuple[int, str]]:
    """Evidence from what analysis found around the names: the person a role names, a
    quote's speaker (not a state or its seat, which speak for an institution), and an
    event's places, each looked up as this article names it, else as the store knows it."""
    said: Counter[tuple[int, str]] = Counter()
    people = [(role.person, TITLED) for role in analysis.roles] + [
        (quote.speaker, SPEAKER)
        for quote in analysis.quotes
        if quote.speaker and country_of(quote.speaker) is None and state_of(quote.speaker) is None
    ]
    for person, kind in people:
        actor = actor_of.get(person) or person_actor(store, person)
        if actor is not None:
            said[(actor, kind)] += 1
    for event in _reported(analysis):
        for place in event.places:
            if place in actor_of:
                said[(actor_of[place], PLACE)] += 1
    return said


def resolve(store: Store, name: str, label: str) -> int:
    """The actor ``name`` refers to, created if it is new."""
    name, label, key = _named(name, label)
    actor_id = store.actors.by_key(key)
    if actor_id is not None:
        return actor_id
    surname = surname_key(key) if label == "PERSON" else None
    if surname is None and " " not in key:
        # a surname alone: the one full person name it can stand for
        full = store.actors.with_surname(key)
        if len(full) == 1:
            return full[0]
        return store.actors.add(name, label, key, None)
    if surname is not None and not store.actors.with_surname(surname):
        # a full name after its surname alone: the surname's actor gets the full name
        alone = store.actors.by_key(surname)
        if alone is not None:
            store.actors.rename(alone, name, key, surname)
            return alone
    return store.actors.add(name, label, key, surname)


def _named(name: str, label: str) -> tuple[str, str, str]:
    """The name and label an actor is looked up under, and its name key: a state's
    adjective or capital stands for the state."""
    if label in _STATE_LABELS and (state := country_of(name)) is not None:
        name, label = state, "GPE"
    return name, label, name_key(name, label)


def _asked(names: Iterable[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """The name keys and surnames ``resolve`` may look these names up by."""
    keys, surnames = set(), set()
    for name, label in names:
        _, label, key = _named(name, label)
        surname = surname_key(key) if label == "PERSON" else None
        keys.add(key)
        if surname is not None:
            keys.add(surname)
            surnames.add(surname)
        elif " " not in key:
            surnames.add(key)
    return keys, surnames


def person_actor(store: Store, person: str) -> int | None:
    """The actor a role's person name belongs to, if linked."""
    key = name_key(person, "PERSON")
    actor_id = store.actors.by_key(key)
    if actor_id is None and " " not in key:
        full = store.actors.with_surname(key)
        actor_id = full[0] if len(full) == 1 else None
    return actor_id


def _acting_seats(analysis: Analysis) -> Counter[tuple[str, str]]:
    """Seats of government that act, with the state each stands for, counted once a
    sentence: quote speakers ("the Kremlin said") and event participants ("Moscow
    launched"); an event's places are not acting."""
    starts = [start for start, _ in analysis.sentences]
    acts = {
        (bisect.bisect_right(starts, q.start if q.cue_start is None else q.cue_start), q.speaker)
        for q in analysis.quotes
        if q.speaker
    }
    acts |= {
        (bisect.bisect_right(starts, event.start), name)
        for event in _reported(analysis)
        for name in event.participants
    }
    seats = ((name, state_of(name)) for _, name in acts)
    return Counter((name, state) for name, state in seats if state is not None)


def _offices(text: str, mentions: Sequence[Mention]) -> Iterator[tuple[str, str]]:
    """Offices of states named without their holder, as (office key, words as written).

    "Ukraine's president" and "the Ukrainian president" are; "a Ukrainian minister" is not
    one office, and "Ukrainian President Volodymyr Zelensky" is a role analysis has found.
    """
    for mention in mentions:
        state = country_of(mention.name) if mention.label in _STATE_LABELS else None
        office = _OFFICE_AFTER.match(text, mention.end) if state is not None else None
        if (
            state is None
            or office is None
            or text[office.end() :].lstrip()[:1].isupper()
            or not (office[1] or _THE_BEFORE.search(text, 0, mention.start))
        ):
            continue
        yield office_key(state, office[2]), " ".join(text[mention.start : office.end()].split())


def _hold(store: Store, role: Role) -> None:
    """Record the office a role names for its holder, for all time and for the role's year;
    the first two holders of an office get a key each."""
    office, holder = title_key(role.title), person_actor(store, role.person)
    if office is None or holder is None:
        return
    for key in [office] + ([f"{office} {role.as_of.year}"] if role.as_of else []):
        holders = _holders(store, key)
        if holder not in holders and len(holders) < 2:
            store.actors.add_key(holder, _holder_keys(key)[bool(holders)])


def _holder(store: Store, office: str, day: date | None) -> int | None:
    """The one actor known to hold an office on ``day``: seen holding it that year, else the
    year before (undated: ever); None when several are known, or none."""
    keys = [f"{office} {day.year}", f"{office} {day.year - 1}"] if day else [office]
    for key in keys:
        holders = _holders(store, key)
        if holders:
            return holders[0] if len(holders) == 1 else None
    return None


def _holders(store: Store, office: str) -> list[int]:
    """The actors known to hold an office: none, one, or two when several are known."""
    return [a for a in map(store.actors.by_key, _holder_keys(office)) if a is not None]


def _holder_keys(office: str) -> tuple[str, str]:
    """The keys of an office's first and second known holders: one more look-up than for
    one holder tells one from several."""
    return office, f"{office} #2"


def _reported(analysis: Analysis) -> list[EventMention]:
    """The events the article's sentences report (not those they only name): the places
    and actors of what happened."""
    return [event for event in analysis.event_mentions if event.kind == "main"]
