"""The link step: what the queue holds for each linking stage, in the order the stages
depend on one another (copies, then the actors analysed articles name, then events and
stories), by one process at a time: each article is linked against all those before it."""

from __future__ import annotations

from contextlib import ExitStack

from dateline.collection import fewer_collections
from dateline.errors import StoreError
from dateline.link.copies import link_copies
from dateline.link.entities import link_entities
from dateline.link.stories import link_stories
from dateline.model import CopyFound
from dateline.settings import Settings
from dateline.store import Store


def link_pending(store: Store, wait: float = Settings.lock_timeout) -> list[CopyFound]:
    """Link every article the queue holds for a linking stage; return the near copies
    found. Each article's links are saved with its "done" mark, so an interrupted run
    goes on where it stopped. Processes sharing a store link in turn (the store's
    ``link`` lock, waited for up to ``wait`` seconds); the first links what the others
    analysed before it, the others what is left.

    Raises:
        StoreError: another process held the link lock for ``wait`` seconds.
    """
    with store.db.exclusive("link", wait):
        return _link(store, ready=False)


def link_ready(store: Store) -> list[CopyFound]:
    """Link what can be linked while analysis goes on, as ``link_pending`` would after
    it: every article's copies (they need no analysis), and the actors, events and
    stories of the analysed articles that no article still waiting for analysis comes
    before (analysis and these stages take articles in the same order). Nothing when
    another process holds the link lock: it is not waited for, and what is left is
    linked after analysis."""
    with ExitStack() as stack:
        try:
            stack.enter_context(store.db.exclusive("link", 0))
        except StoreError:
            return []
        return _link(store, ready=True)


@fewer_collections()
def _link(store: Store, *, ready: bool) -> list[CopyFound]:
    """The linking stages in the order they depend on one another (the caller holds the
    link lock); with ``ready``, actors and stories only as far as analysis has gone."""
    copies = link_copies(store)
    link_entities(store, ready=ready)
    link_stories(store, ready=ready)
    return copies
