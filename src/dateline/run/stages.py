"""The stage graph: what an article waits for once it is stored, and what each stage
leaves it waiting for next. The store's queue (``pending``) holds one row per article and
stage it waits for; each stage removes its row, and adds the next stages' rows, in the
transaction that does its work."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """A unit of pending work per article, named as the queue stores it."""

    ANALYZE = "analyze"  # entities, time expressions, quotes, roles, event mentions
    COPIES = "copies"  # fingerprint, and the copy group it joins
    ENTITIES = "entities"  # the actors its mentions name
    STORIES = "stories"  # the events it reports and the story it belongs to


# What a newly stored article waits for; copies need no analysis, so both start at once.
FIRST: tuple[Stage, ...] = (Stage.ANALYZE, Stage.COPIES)
NEXT: dict[Stage, tuple[Stage, ...]] = {
    Stage.ANALYZE: (Stage.ENTITIES,),
    Stage.COPIES: (),
    Stage.ENTITIES: (Stage.STORIES,),
    Stage.STORIES: (),
}
