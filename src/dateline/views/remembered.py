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
Value = TypeVar("Value", bound=Serialised)


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
    return _kept(
        store,
        story_id,
        view,
        params,
        make,
        lambda lines: [line.to_json() for line in lines],
        lambda data: [load(line) for line in data],
    )


def remembered_value(
    store: Store,
    story_id: int,
    view: str,
    params: tuple[object, ...],
    make: Callable[[], Value],
    load: Callable[[dict[str, Any]], Value],
) -> Value:
    """What ``make`` makes for this view of the story, as ``remembered`` keeps lines."""
    return _kept(store, story_id, view, params, make, lambda value: value.to_json(), load)


def remembered_text(
    store: Store,
    story_id: int,
    view: str,
    params: tuple[object, ...],
    make: Callable[[], str],
) -> str:
    """The text ``make`` writes for this view of the story (a page), kept likewise."""
    return _kept(store, story_id, view, params, make, str, str)


Made = TypeVar("Made")


def _kept(
    store: Store,
    story_id: int,
    view: str,
    params: tuple[object, ...],
    make: Callable[[], Made],
    dump: Callable[[Made], Any],
    load: Callable[[Any], Made],
) -> Made:
    key = json.dumps([str(p) if p is not None else None for p in params])
    stamp = hashlib.sha256(f"{code()}:{store.view_cache.stamp(story_id)}".encode()).hexdigest()
    kept = store.view_cache.get(story_id, view, key, stamp)
    if kept is not None:
        return load(json.loads(kept))
    made = make()
    store.view_cache.put(story_id, view, key, stamp, json.dumps(dump(made)))
    return made


@functools.cache
def code() -> str:
    """A digest of the code that makes what is kept (the service, the views, the types
    they are made of, the store's reads, and the web pages drawn from them): what other
    code made is made again."""
    digest = hashlib.sha256()
    root = resources.files("dateline")  # the folders are read, not imported: reads stay fast
    digest.update(root.joinpath("service.py").read_bytes())
    for folder in ("views", "model", "store", "web", "web/templates", "web/routes"):
        for source in sorted(root.joinpath(folder).iterdir(), key=lambda p: p.name):
            if source.name.endswith((".py", ".html")):
                digest.update(source.read_bytes())
    return digest.hexdigest()
