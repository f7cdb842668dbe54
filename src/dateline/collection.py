"""Python's cyclic garbage collector paced for dateline's heavy work.

By default the collector looks at young objects every 700 allocations, and now and then
walks every object the process holds. Linking and view building hold many long-lived
objects (decoded event profiles, a story's events and articles) and allocate fast, so
those full walks took a quarter of their time: 10.5 of 42 s linking the last 259 articles
of a 1,300-article story, 3.3 of 13 s making a 269-article story's timeline and brief.
Looking at young objects every ``YOUNG`` allocations instead makes full walks a hundred
times rarer; the cycles they would free wait a little longer, and memory stays flat.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

YOUNG = 10_000

_lock = threading.Lock()
_inside = 0
_before: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often while the block runs (a decorator too); the process's own pace
    comes back when the last block, of any thread, ends."""
    global _inside, _before
    with _lock:
        if _inside == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(YOUNG, _before[0]), *_before[1:])
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_before)
