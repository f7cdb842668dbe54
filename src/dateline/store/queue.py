"""The queue of pending work: one row per article and stage it waits for (``pending``).

Finding work never scans the articles: each stage reads its rows through the index, in
the order that stage needs. A stage's row goes, and the next stages' rows come (the map
in ``run.stages``), in the transaction that does the stage's work.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from dateline.run.stages import NEXT, Stage
from dateline.store.db import Database
from dateline.store.schema import analyses, articles, pending
from dateline.store.sql import upsert

# The order each stage takes its articles in. Raw ids grow with each input read, so they
# keep the order of one ingest within one second too; stories are linked in publication
# order (undated last), so one batch gives the same stories whatever its input order.
_ORDER: dict[Stage, tuple[Any, ...]] = {
    Stage.ANALYZE: (articles.c.id,),
    Stage.COPIES: (articles.c.raw_id, articles.c.id),
    Stage.ENTITIES: (articles.c.raw_id, articles.c.id),
    Stage.STORIES: (articles.c.published.is_(None), articles.c.published, articles.c.id),
}


def enqueue(conn: Connection, stages: Iterable[Stage], article_id: str) -> None:
    """Note that an article waits for each of ``stages``."""
    upsert(conn, pending, [{"stage": str(stage), "article_id": article_id} for stage in stages])


def finish(conn: Connection, stage: Stage, article_id: str) -> None:
    """Note that ``stage`` is done for an article, which now waits for the next stages."""
    conn.execute(
        pending.delete().where(pending.c.stage == str(stage), pending.c.article_id == article_id)
    )
    enqueue(conn, NEXT[stage], article_id)


class Queue:
    """What each stage still has to do."""

    def __init__(self, db: Database):
        self._db = db

    def waiting(self, stage: Stage) -> list[str]:
        """The ids of the articles waiting for ``stage``, in the order it takes them."""
        query = (
            select(articles.c.id)
            .join(pending, pending.c.article_id == articles.c.id)
            .where(pending.c.stage == str(stage))
            .order_by(*_ORDER[stage])
        )
        with self._db.read() as conn:
            return list(conn.execute(query).scalars())

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
