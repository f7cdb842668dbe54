"""Actors with their roles over time: each title a person held, from the first to the last
day a source says so, with the spans that say it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateline.model import Actor, Role, RoleSpan, SourceSpan
from dateline.store import Store

# The actor a person's name (as a role or a quote gives it) belongs to, if any; linking
# knows the keys (``link.entities.person_actor``).
PersonIndex = Callable[[str], "int | None"]


@dataclass
class _Held:
    """A role as the roles read so far give it."""

    title: str
    as_of: str | None
    last_seen: str | None
    evidence: list[SourceSpan]

    def span(self) -> RoleSpan:
        return RoleSpan(self.title, self.as_of, self.as_of, self.last_seen, tuple(self.evidence))


def story_actors(store: Store, story_id: int | None, actor_of: PersonIndex) -> list[Actor]:
    """Actors by how many articles mention them, with their roles over time; with
    ``story_id``, only the actors the story's articles mention, counted, named and with
    roles as those articles give them."""
    return with_roles(store.actors.listing(story_id), store.analyses.roles(story_id), actor_of)


def with_roles(
    actors: Sequence[Actor], roles: Sequence[tuple[str, Role]], actor_of: PersonIndex
) -> list[Actor]:
    """The actors, each with the roles analysis found for the person it is.

    Args:
        actors: the actors listed, in their order.
        roles: (article id, role) pairs in date order, then by article and place.
        actor_of: the actor a role's person name belongs to, if any.

    A title is one role whatever its case; its evidence cites one span per article, and
    it runs from the first day a source states it (``as_of``, ``first_seen``) to the last.
    """
    held: dict[int, dict[str, _Held]] = {}
    for article_id, role in roles:
        actor_id = actor_of(role.person)
        if actor_id is None:
            continue
        as_of = role.as_of.isoformat() if role.as_of else None
        evidence = SourceSpan(article_id, role.start, role.end)
        found = held.setdefault(actor_id, {}).setdefault(
            role.title.casefold(), _Held(role.title, as_of, as_of, [evidence])
        )
        if found.evidence[-1].article_id != article_id:
            found.evidence.append(evidence)
        if as_of and (found.last_seen or "") < as_of:
            found.last_seen = as_of
    return [
        dataclasses.replace(actor, roles=tuple(h.span() for h in held.get(actor.id, {}).values()))
        for actor in actors
    ]
