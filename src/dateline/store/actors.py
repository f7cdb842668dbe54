"""The actor repository: one actor per real-world entity, the keys its names are found by,
which articles mention it under which names, and what they say about its type."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from dateline.model import Actor, ActorMention
from dateline.run.stages import Stage
from dateline.store.db import Database
from dateline.store.queue import finish
from dateline.store.schema import (
    actor_evidence,
    actor_evidence_totals,
    actor_keys,
    actor_mentions,
    actors,
    story_articles,
)
from dateline.store.sql import chunks, insert_id, insert_rows, lookup, upsert

# An actor's type from the evidence summed over the articles that name it (link's rule).
TypeRule = Callable[[Mapping[str, int]], str]


# Name keys found, kept per repository: linking asks for the same names article after article.
KNOWN_KEYS = 100_000


# An actor given the type its evidence now says, written only where it changes.
_RETYPE = (
    actors.update()
    .where(actors.c.id == bindparam("actor_id"), actors.c.label != bindparam("typed"))
    .values(label=bindparam("typed"))
)


class ActorRepository:
    """Actors, their name keys, and the articles that mention them."""

    def __init__(self, db: Database):
        self._db = db
        # name key -> actor, for keys found: a key, once given, is never taken back or
        # given to another actor, so what was found stays true (misses are asked again)
        self._known: dict[str, int] = {}
        # while one article's names are resolved (``looking_up``): the keys found to be
        # unknown, and the actors of each surname asked for, kept up to date by this
        # repository's own writes (linking holds the store's link lock meanwhile)
        self._absent: set[str] = set()
        self._surnames: dict[str, list[int]] = {}
        # the transaction one article's actors are written in (``linking``; per thread or
        # task), else None
        self._conn: ContextVar[Connection | None] = ContextVar(
            f"dateline_actors_{id(self)}", default=None
        )

    @contextmanager
    def linking(self) -> Iterator[None]:
        """Write what one article's linking adds (new actors, names, keys, its mentions and
        evidence) in one transaction, read through it meanwhile: a statement or two an
        actor, not a transaction. For the linking process only (it holds the link lock).
        What was noted of actors is forgotten if the transaction is rolled back."""
        try:
            with self._db.transaction() as conn:
                token = self._conn.set(conn)
                try:
                    yield
                finally:
                    self._conn.reset(token)
        except BaseException:
            self._known.clear()
            raise

    def _writing(self) -> AbstractContextManager[Connection]:
        conn = self._conn.get()
        return nullcontext(conn) if conn is not None else self._db.transaction()

    def _reading(self) -> AbstractContextManager[Connection]:
        conn = self._conn.get()
        return nullcontext(conn) if conn is not None else self._db.read()

    @contextmanager
    def looking_up(self, keys: Iterable[str], surnames: Iterable[str]) -> Iterator[None]:
        """Ask once for the name keys and surnames one article's names will be looked up
        by, and answer ``by_key`` and ``with_surname`` for them from that, for as long as
        the block runs. For the linking process only: it holds the link lock, so no
        other process adds actors meanwhile."""
        keys, surnames = sorted(set(keys) - self._known.keys()), sorted(set(surnames))
        bearers: dict[str, list[int]] = {surname: [] for surname in surnames}
        with self._reading() as conn:
            found = lookup(conn, actor_keys.c.key, actor_keys.c.actor_id, keys)
            for chunk in chunks(surnames):
                query = (
                    select(actors.c.surname, actors.c.id)
                    .where(actors.c.surname.in_(chunk))
                    .order_by(actors.c.id)
                )
                for surname, actor_id in conn.execute(query):
                    bearers[surname].append(actor_id)
        for key, actor_id in found.items():
            self._given(key, actor_id)
        self._absent, self._surnames = set(keys) - found.keys(), bearers
        try:
            yield
        finally:
            self._absent, self._surnames = set(), {}

    def by_key(self, key: str) -> int | None:
        """The actor known by a name key."""
        if (known := self._known.get(key)) is not None:
            return known
        if key in self._absent:
            return None
        with self._reading() as conn:
            found = conn.execute(
                select(actor_keys.c.actor_id).where(actor_keys.c.key == key)
            ).scalar()
        if found is None:
            return None
        self._given(key, int(found))
        return int(found)

    def with_surname(self, surname: str) -> list[int]:
        """Actors whose full person name ends in ``surname`` (a name key)."""
        if surname in self._surnames:
            return list(self._surnames[surname])
        with self._reading() as conn:
            return list(
                conn.execute(
                    select(actors.c.id).where(actors.c.surname == surname).order_by(actors.c.id)
                ).scalars()
            )

    def add(self, name: str, label: str, key: str, surname: str | None) -> int:
        """A new actor, known by ``key``."""
        with self._writing() as conn:
            actor_id = insert_id(
                conn, actors.insert().values(name=name, label=label, surname=surname)
            )
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
        self._given(key, actor_id, surname)
        return actor_id

    def rename(self, actor_id: int, name: str, key: str, surname: str | None) -> None:
        """Give an actor a fuller name, and the key it is known by under that name."""
        with self._writing() as conn:
            conn.execute(
                actors.update().where(actors.c.id == actor_id).values(name=name, surname=surname)
            )
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
        self._given(key, actor_id, surname)

    def add_key(self, actor_id: int, key: str) -> None:
        """Make an actor known by one more key (an office it holds)."""
        with self._writing() as conn:
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
        self._given(key, actor_id)

    def _given(self, key: str, actor_id: int, surname: str | None = None) -> None:
        """Note what was found or written: ``key`` is ``actor_id``'s (with ``surname``)."""
        if len(self._known) >= KNOWN_KEYS:
            self._known.clear()
        self._known[key] = actor_id
        self._absent.discard(key)
        if surname is not None and surname in self._surnames:
            bisect.insort(self._surnames[surname], actor_id)

    def save_mentions(
        self,
        article_id: str,
        found: Sequence[tuple[int, str, int]],
        evidence: Sequence[tuple[int, str, int]] = (),
        type_of: TypeRule | None = None,
    ) -> None:
        """Record the actors an article mentions (actor id, name as written, count) and what
        it says about their types (actor id, evidence, count), and mark the stage done, in
        one transaction.

        The article's evidence replaces what it said before (linked again after a new
        analysis): its old counts come off each actor's totals and the new ones go on,
        through the totals' key. With ``type_of``, every actor whose totals changed gets the
        type it gives them.
        """
        with self._writing() as conn:
            conn.execute(actor_mentions.delete().where(actor_mentions.c.article_id == article_id))
            insert_rows(
                conn,
                actor_mentions,
                [
                    {"article_id": article_id, "actor_id": a, "name": n, "mentions": c}
                    for a, n, c in found
                ],
            )
            said = actor_evidence.c.article_id == article_id
            change: Counter[tuple[int, str]] = Counter()
            for a, e, c in conn.execute(
                select(
                    actor_evidence.c.actor_id, actor_evidence.c.evidence, actor_evidence.c.count
                ).where(said)
            ):
                change[(a, e)] -= c
            conn.execute(actor_evidence.delete().where(said))
            insert_rows(
                conn,
                actor_evidence,
                [
                    {"article_id": article_id, "actor_id": a, "evidence": e, "count": c}
                    for a, e, c in evidence
                ],
            )
            for a, e, c in evidence:
                change[(a, e)] += c
            changed = sorted((key, c) for key, c in change.items() if c)
            upsert(
                conn,
                actor_evidence_totals,
                [{"actor_id": a, "evidence": e, "count": c} for (a, e), c in changed],
                "count",
            )
            touched = sorted({a for (a, _), _ in changed})
            if type_of is not None:
                typed = [
                    {"actor_id": actor_id, "typed": type_of(totals)}
                    for actor_id, totals in self._totals(conn, touched).items()
                ]
                if typed:
                    conn.execute(_RETYPE, typed)
            finish(conn, Stage.ENTITIES, article_id)

    def evidence(self, actor_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """What the linked articles say about each actor's type, summed: id -> evidence ->
        count (actors with none are left out)."""
        with self._db.read() as conn:
            return self._totals(conn, actor_ids)

    def labels(self, actor_ids: Sequence[int]) -> dict[int, str]:
        """The type of each actor: id -> label (ids not found are left out)."""
        with self._db.read() as conn:
            return lookup(conn, actors.c.id, actors.c.label, actor_ids)

    @staticmethod
    def _totals(conn: Connection, actor_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """Each actor's evidence totals, read through the totals' key (zero counts left out)."""
        totals: dict[int, dict[str, int]] = {}
        for chunk in chunks(sorted(set(actor_ids))):
            rows = conn.execute(
                select(
                    actor_evidence_totals.c.actor_id,
                    actor_evidence_totals.c.evidence,
                    actor_evidence_totals.c.count,
                ).where(
                    actor_evidence_totals.c.actor_id.in_(chunk), actor_evidence_totals.c.count > 0
                )
            )
            for actor_id, evidence, count in rows:
                totals.setdefault(actor_id, {})[evidence] = count
        return totals

    def of_article(self, article_id: str) -> tuple[dict[str, int], dict[int, int]]:
        """The actor of each name an article's mentions give, and how often it names each."""
        query = select(actor_mentions).where(actor_mentions.c.article_id == article_id)
        actor_of: dict[str, int] = {}
        counts: dict[int, int] = {}
        with self._db.read() as conn:
            for row in conn.execute(query).mappings():
                actor_of[row["name"]] = row["actor_id"]
                counts[row["actor_id"]] = counts.get(row["actor_id"], 0) + row["mentions"]
        return actor_of, counts

    def mentions_in(self, article_ids: Sequence[str] | None = None) -> list[ActorMention]:
        """Which actors articles mention (all articles with None), under which names, how
        often, by article then actor."""
        query = select(actor_mentions).order_by(
            actor_mentions.c.article_id, actor_mentions.c.actor_id, actor_mentions.c.name
        )
        with self._db.read() as conn:
            if article_ids is None:
                rows = list(conn.execute(query).mappings())
            else:
                rows = [
                    row
                    for chunk in chunks(sorted(set(article_ids)))
                    for row in conn.execute(
                        query.where(actor_mentions.c.article_id.in_(chunk))
                    ).mappings()
                ]
        return [
            ActorMention(r["article_id"], r["actor_id"], r["name"], r["mentions"]) for r in rows
        ]

    def names(self, actor_ids: Sequence[int]) -> dict[int, str]:
        """The name of each actor: id -> name (ids not found are left out)."""
        with self._db.read() as conn:
            return lookup(conn, actors.c.id, actors.c.name, actor_ids)

    def listing(self, story_id: int | None = None) -> list[Actor]:
        """Actors by how many articles mention them (then mentions, then name), with the
        names they go by; with ``story_id``, only as that story's articles name them, read
        through the story's index. Roles are not read here (``AnalysisRepository.roles``)."""

        def scoped(query: Any) -> Any:
            if story_id is None:
                return query
            return query.join(
                story_articles, story_articles.c.article_id == actor_mentions.c.article_id
            ).where(story_articles.c.story_id == story_id)

        docs = func.count(actor_mentions.c.article_id.distinct()).label("articles")
        total = func.sum(actor_mentions.c.mentions).label("mentions")
        query = scoped(
            select(actors.c.id, actors.c.name, actors.c.label, total, docs).join(
                actor_mentions, actor_mentions.c.actor_id == actors.c.id
            )
        )
        query = query.group_by(actors.c.id).order_by(docs.desc(), total.desc(), actors.c.name)
        spelled = scoped(select(actor_mentions.c.actor_id, actor_mentions.c.name).distinct())
        with self._db.read() as conn:
            rows = conn.execute(query).mappings().all()
            names: dict[int, list[str]] = {}
            for actor_id, name in conn.execute(spelled.order_by(actor_mentions.c.name)):
                names.setdefault(actor_id, []).append(name)
        return [
            Actor(
                r["id"],
                r["name"],
                r["label"],
                r["mentions"],
                r["articles"],
                tuple(names.get(r["id"], ())),
            )
            for r in rows
        ]
