"""Views made once per state of their story: a view read again is read from the store's
``view_cache`` while neither the story (``ViewCache.stamp``) nor the code that makes views
has changed since it was made."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

from dateline.model import Serialised
from dateline.store import Store

Line = TypeVar("Line", bound=Serialised)


def remembered(
    store: Store,
    story_id: int,
    view: str,
    params: tuple[object, ...],
    make: Callable[[], list[Line]],
    load: Callable[[dict[str, Any]], Line],
) -> list[Line]:
    """The lines ``make`` makes for this view of the story with these parameters, read
    back (with ``load``) where they were made from the story as it is now."""
    key = json.dumps([str(p) if p is not None else None for p in params])
    stamp = hashlib.sha256(f"{code()}:{store.view_cache.stamp(story_id)}".encode()).hexdigest()
    kept = store.view_cache.get(story_id, view, key, stamp)
    if kept is not None:
        return [load(line) for line in json.loads(kept)]
    made = make()
    store.view_cache.put(story_id, view, key, stamp, json.dumps([m.to_json() for m in made]))
    return made


@functools.cache
def code() -> str:
    """A digest of the code that makes views and the types they are made of: a view
    made by other code is made again."""
    digest = hashlib.sha256()
    for package in ("dateline.views", "dateline.model"):
        for source in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if source.name.endswith(".py"):
                digest.update(source.read_bytes())
    return digest.hexdigest()
