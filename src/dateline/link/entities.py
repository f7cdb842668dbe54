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
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date

from dateline.link.names import (
    TITLE,
    country_of,
    name_key,
    office_key,
    state_of,
    surname_key,
    title_key,
)
from dateline.model import Analysis, Mention, Role
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


def link_entities(store: Store) -> int:
    """Link the entities of every analysed article not linked yet; return how many articles.

    The offices the article's roles name are recorded for their holders before the
    article's own offices are looked up, so "Ukrainian President Volodymyr Zelensky ... the
    Ukrainian president" is linked within one article.
    Each article's links are saved with its "done" mark in one transaction.
    """
    linked = 0
    for article_id in store.queue.waiting(Stage.ENTITIES):
        analysis = store.analyses.get(article_id)
        if analysis is None:
            continue
        found: Counter[tuple[int, str]] = Counter()
        names = Counter((m.name, m.label) for m in analysis.mentions if m.label in ENTITY_LABELS)
        for (name, label), count in sorted(names.items()):
            found[(resolve(store, name, label), name)] += count
        for role in analysis.roles:
            _hold(store, role)
        article = store.articles.get(article_id).article
        for office, written in _offices(article.text, analysis.mentions):
            holder = _holder(store, office, article.published.value)
            if holder is not None:
                found[(holder, written)] += 1
        for (seat, state), count in sorted(_acting_seats(analysis).items()):
            found[(resolve(store, state, "GPE"), seat)] += count
        store.actors.save_mentions(article_id, sorted((a, n, c) for (a, n), c in found.items()))
        linked += 1
    return linked


def resolve(store: Store, name: str, label: str) -> int:
    """The actor ``name`` refers to, created if it is new."""
    if label in _STATE_LABELS and (state := country_of(name)) is not None:
        name, label = state, "GPE"
    key = name_key(name, label)
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
        for event in analysis.event_mentions
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
