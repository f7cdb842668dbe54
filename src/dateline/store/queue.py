"""The queue of pending work: one row per article and stage it waits for (``pending``).

Finding work never scans the articles: each stage reads its rows through the index, in
the order that stage needs. A stage's row goes, and the next stages' rows come (the map
in ``run.stages``), in the transaction that does the stage's work.

Analysis, which many processes may run over one store at once, takes its articles by
claim: a claim names its process and holds for a lease; the row goes only with the
claim that took it, so no article is analysed twice into the store. A claim lapses when
its lease runs out, or at once when its process is seen dead on this machine.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from dateline.errors import StoreError
from dateline.run.stages import NEXT, Stage
from dateline.store.db import Database
from dateline.store.schema import analyses, articles, pending
from dateline.store.sql import chunks, upsert

# Seconds a claim holds when its process is not seen to die: far longer than one batch.
LEASE = 900.0

# The order each stage takes its articles in. Raw ids grow with each input read, so they
# keep the order of one ingest within one second too. Actors and stories are linked in
# publication order (undated last), so one batch gives the same actors and stories
# whatever its input order; articles are analysed in that order too, so that linking can
# follow analysis while it goes on (``Queue.ready``).
_PUBLICATION = (articles.c.published.is_(None), articles.c.published, articles.c.id)
_ORDER: dict[Stage, tuple[Any, ...]] = {
    Stage.ANALYZE: _PUBLICATION,
    Stage.COPIES: (articles.c.raw_id, articles.c.id),
    Stage.ENTITIES: _PUBLICATION,
    Stage.STORIES: _PUBLICATION,
}


def enqueue(conn: Connection, stages: Iterable[Stage], article_id: str) -> None:
    """Note that an article waits for each of ``stages``."""
    upsert(conn, pending, [{"stage": str(stage), "article_id": article_id} for stage in stages])


class ClaimLost(StoreError):
    """The article's row is gone, or another process holds it: its work is not saved."""


def finish(conn: Connection, stage: Stage, article_id: str, claimant: str | None = None) -> None:
    """Note that ``stage`` is done for an article, which now waits for the next stages;
    with ``claimant``, only if that process still holds the article's claim.

    Raises:
        ClaimLost: the claim lapsed and another process took the article (the caller's
            transaction then rolls back, and its work is left to that process).
    """
    mine = [pending.c.stage == str(stage), pending.c.article_id == article_id]
    if claimant is not None:
        mine.append(pending.c.claimed_by == claimant)
    if conn.execute(pending.delete().where(*mine)).rowcount != 1 and claimant is not None:
        raise ClaimLost(f"{article_id}: another process took its {stage} claim")
    enqueue(conn, NEXT[stage], article_id)


@cache
def this_process() -> str:
    """The name claims give this process: host, pid and start time, so that a later
    process given the same pid is not taken for this one."""
    return f"{socket.gethostname()}:{os.getpid()}:{_started(os.getpid())}"


def _started(pid: int) -> str:
    """A process's start time in clock ticks since boot ("" where /proc is missing)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _dead(claimant: str) -> bool:
    """Whether a claimant of this host is seen to be gone (other hosts' are never)."""
    host, _, rest = claimant.partition(":")
    pid, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return bool(started) and _started(int(pid)) != started


class Queue:
    """What each stage still has to do."""

    def __init__(self, db: Database):
        self._db = db

    def waiting(self, stage: Stage, *, ready: bool = False) -> list[str]:
        """The ids of the articles waiting for ``stage``, in the order it takes them; with
        ``ready``, only those no article waiting for analysis comes before (``ready``)."""
        if ready:
            return self.ready(stage)
        query = (
            select(articles.c.id)
            .join(pending, pending.c.article_id == articles.c.id)
            .where(pending.c.stage == str(stage))
            .order_by(*_ORDER[stage])
        )
        with self._db.read() as conn:
            return list(conn.execute(query).scalars())

    def ready(self, stage: Stage) -> list[str]:
        """The articles waiting for ``stage`` (entities or stories, taken in publication
        order as analysis is) that no article still waiting for analysis comes before:
        what linking can take while analysis goes on and leave the store as if it had
        waited for all of it."""
        query = (
            select(articles.c.id, pending.c.stage)
            .join(pending, pending.c.article_id == articles.c.id)
            .where(pending.c.stage.in_([str(Stage.ANALYZE), str(stage)]))
            .order_by(*_PUBLICATION)
        )
        found: list[str] = []
        with self._db.read() as conn:
            for article_id, waits in conn.execute(query):
                if waits == Stage.ANALYZE:
                    return [a for a in found if a != article_id]
                found.append(article_id)
        return found

    def claim(self, stage: Stage, limit: int, lease: float = LEASE) -> list[str]:
        """Claim for this process up to ``limit`` articles waiting for ``stage`` that no
        live claim holds, in the order the stage takes them; return their ids.

        One transaction reads and marks them: SQLite's writes are serialised, and
        PostgreSQL's ``FOR UPDATE SKIP LOCKED`` passes over the rows another process is
        claiming.
        """
        now = time.time()
        free = or_(pending.c.claimed_by.is_(None), pending.c.claimed_until < now)
        query = (
            select(pending.c.article_id)
            .join(articles, pending.c.article_id == articles.c.id)
            .where(pending.c.stage == str(stage), free)
            .order_by(*_ORDER[stage])
            .limit(limit)
        )
        with self._db.transaction() as conn:
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=pending)
            ids = list(conn.execute(query).scalars())
            for chunk in chunks(ids):
                conn.execute(
                    pending.update()
                    .where(pending.c.stage == str(stage), pending.c.article_id.in_(chunk))
                    .values(claimed_by=this_process(), claimed_until=now + lease)
                )
        return ids

    def release_dead(self, stage: Stage) -> int:
        """Free the claims on ``stage`` that processes of this host, now gone, held (an
        ingest killed mid-way); return how many."""
        with self._db.transaction() as conn:
            holders = conn.execute(
                select(pending.c.claimed_by)
                .where(pending.c.stage == str(stage), pending.c.claimed_by.is_not(None))
                .distinct()
            ).scalars()
            dead = [holder for holder in holders if _dead(holder)]
            released = 0
            for chunk in chunks(dead):
                released += conn.execute(
                    pending.update()
                    .where(pending.c.stage == str(stage), pending.c.claimed_by.in_(chunk))
                    .values(claimed_by=None, claimed_until=None)
                ).rowcount
        return released

    def enqueue_outdated(self, version: int) -> int:
        """Put the articles whose analysis an older analyser made (a version below
        ``version``) in the analysis queue again; return how many."""
        with self._db.transaction() as conn:
            ids = list(
                conn.execute(select(analyses.c.article_id).where(analyses.c.version < version))
                .scalars()
                .all()
            )
            for article_id in ids:
                enqueue(conn, [Stage.ANALYZE], article_id)
        return len(ids)

    def enqueue_all(self, stage: Stage) -> list[str]:
        """Put every article in the queue of ``stage`` again (``analyze --redo``); return
        their ids, in the order the stage takes them."""
        with self._db.transaction() as conn:
            ids = list(conn.execute(select(articles.c.id).order_by(*_ORDER[stage])).scalars())
            for article_id in ids:
                enqueue(conn, [stage], article_id)
        return ids
