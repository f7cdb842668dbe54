"""One actor per real-world entity across articles, linked incrementally through name keys.

Each name an analysed article gives an entity is looked up by its spelling-insensitive
key (``names.name_key``: "Zelensky", "Zelenskyy", "Mr Zelensky" meet). A surname alone
joins the one actor whose full person name ends with it, and only when there is exactly
one; a full name met after its surname alone adopts that actor, again only when no other
full name shares the surname. A seat of government that speaks ("the Kremlin said",
"Kyiv said") also counts for the state it stands for; where it is only a place it stays
a place. Every look-up is an indexed one, so linking an article costs the same whatever
the store holds.
"""
from __future__ import annotations

import logging
from collections import Counter

from dateline.link.names import name_key, state_of, surname_key
from dateline.store import Store

logger = logging.getLogger(__name__)

# Labels that name actors or places; dates and times are not entities to link.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


def link_entities(store: Store) -> int:
    """Link the entities of every analysed article not linked yet; return how many articles.

    Each article's links are saved with its "done" mark in one transaction.
    """
    linked = 0
    for article_id in store.entity_unlinked():
        analysis = store.analysis(article_id)
        if analysis is None:
            continue
        names = Counter((m.name, m.label) for m in analysis.mentions if m.label in ENTITY_LABELS)
        found: dict[tuple[int, str], int] = {}
        for (name, label), count in sorted(names.items()):
            actor_id = resolve(store, name, label)
            found[(actor_id, name)] = found.get((actor_id, name), 0) + count
        for speaker in sorted(q.speaker for q in analysis.quotes if q.speaker):
            state = state_of(speaker)
            if state is not None:
                actor_id = resolve(store, state, "GPE")
                found[(actor_id, speaker)] = found.get((actor_id, speaker), 0) + 1
        store.save_entity_links(article_id, [(a, n, c) for (a, n), c in sorted(found.items())])
        linked += 1
    return linked


def resolve(store: Store, name: str, label: str) -> int:
    """The actor ``name`` refers to, created if it is new."""
    key = name_key(name, label)
    actor_id = store.actor(key)
    if actor_id is not None:
        return actor_id
    surname = surname_key(key) if label == "PERSON" else None
    if surname is None and " " not in key:
        # a surname alone: the one full person name it can stand for
        full = store.actors_with_surname(key)
        if len(full) == 1:
            return full[0]
        return store.add_actor(name, label, key, None)
    if surname is not None and not store.actors_with_surname(surname):
        # a full name after its surname alone: the surname's actor gets the full name
        alone = store.actor(surname)
        if alone is not None:
            store.name_actor(alone, name, key, surname)
            return alone
    return store.add_actor(name, label, key, surname)


def person_actor(store: Store, person: str) -> int | None:
    """The actor a role's person name belongs to, if linked."""
    key = name_key(person, "PERSON")
    actor_id = store.actor(key)
    if actor_id is None and " " not in key:
        full = store.actors_with_surname(key)
        actor_id = full[0] if len(full) == 1 else None
    return actor_id
