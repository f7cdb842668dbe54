"""The link step: what the queue holds for each linking stage, in the order the stages
depend on one another (copies, then the actors analysed articles name, then events and
stories)."""

from __future__ import annotations

from dateline.link.copies import link_copies
from dateline.link.entities import link_entities
from dateline.link.stories import link_stories
from dateline.model import CopyFound
from dateline.store import Store


def link_pending(store: Store) -> list[CopyFound]:
    """Link every article the queue holds for a linking stage; return the near copies
    found. Each article's links are saved with its "done" mark, so an interrupted run
    goes on where it stopped."""
    copies = link_copies(store)
    link_entities(store)
    link_stories(store)
    return copies
