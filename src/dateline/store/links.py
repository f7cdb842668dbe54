"""The Store's linking tables: copies of one story (LSH index) and actors across articles."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select

from dateline.store.schema import (actor_keys, actor_mentions, actors, articles, copies,
                                   entity_links, fingerprints, lsh_buckets, roles, sightings,
                                   story_articles)
from dateline.store.sql import done, enqueue, waiting

if TYPE_CHECKING:
    from dateline.store.store import StoredArticle


class LinkTables:
    """Store methods for linking across articles (mixed into ``Store``)."""

    _transaction: Callable[..., Any]
    get: Callable[[str], StoredArticle]

    def save_fingerprint(self, article_id: str, size: int, minhash: Sequence[int],
                         band_keys: Sequence[tuple[int, int]],
                         copy_of: tuple[str, float, float] | None) -> None:
        """Store an article's fingerprint and LSH keys, and the group it joins if it is a
        copy (canonical id, similarity, containment), in one transaction."""
        with self._transaction() as conn:
            conn.execute(fingerprints.insert().values(
                article_id=article_id, size=size, minhash=list(minhash)))
            conn.execute(lsh_buckets.insert(), [
                {"band": band, "bucket": bucket, "article_id": article_id}
                for band, bucket in dict.fromkeys(band_keys)])
            if copy_of is not None:
                canonical, similarity, containment = copy_of
                conn.execute(copies.insert().values(
                    article_id=article_id, canonical_id=canonical, similarity=similarity,
                    containment=containment))
            done(conn, "copies", article_id)

    def actor(self, key: str) -> int | None:
        """The actor known by a name key."""
        with self._transaction(write=False) as conn:
            return conn.execute(select(actor_keys.c.actor_id)
                                .where(actor_keys.c.key == key)).scalar()

    def actors_with_surname(self, surname: str) -> list[int]:
        """Actors whose full person name ends in ``surname`` (a name key)."""
        with self._transaction(write=False) as conn:
            return list(conn.execute(select(actors.c.id).where(actors.c.surname == surname)
                                     .order_by(actors.c.id)).scalars())

    def add_actor(self, name: str, label: str, key: str, surname: str | None) -> int:
        with self._transaction() as conn:
            actor_id = conn.execute(actors.insert().values(
                name=name, label=label, surname=surname)).inserted_primary_key[0]
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
        return actor_id

    def name_actor(self, actor_id: int, name: str, key: str, surname: str | None) -> None:
        """Give an actor a fuller name, and the key it is known by under that name."""
        with self._transaction() as conn:
            conn.execute(actors.update().where(actors.c.id == actor_id)
                         .values(name=name, surname=surname))
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))

    def save_entity_links(self, article_id: str, found: Sequence[tuple[int, str, int]]) -> None:
        """Record the actors an article mentions (actor id, name as written, count) and mark
        it linked, in one transaction; an article in no story yet now waits for one."""
        with self._transaction() as conn:
            conn.execute(actor_mentions.delete().where(actor_mentions.c.article_id == article_id))
            if found:
                conn.execute(actor_mentions.insert(), [
                    {"article_id": article_id, "actor_id": a, "name": n, "mentions": c}
                    for a, n, c in found])
            conn.execute(entity_links.insert().values(article_id=article_id))
            done(conn, "entities", article_id)
            placed = select(story_articles.c.article_id).where(
                story_articles.c.article_id == article_id)
            if conn.execute(placed).first() is None:
                enqueue(conn, "stories", article_id)

    def entity_unlinked(self) -> list[str]:
        """Analysed articles whose actors are not linked yet, in the order they were stored."""
        query = waiting("entities", articles.c.raw_id, articles.c.id)
        with self._transaction(write=False) as conn:
            return list(conn.execute(query).scalars())

    def unlinked(self) -> Iterator[StoredArticle]:
        """Articles with no fingerprint yet, in the order they were stored, read one by one."""
        # raw ids grow with each input read, so they keep the order within one second too
        query = waiting("copies", articles.c.raw_id, articles.c.id)
        with self._transaction(write=False) as conn:
            ids = conn.execute(query).scalars().all()
        return (self.get(article_id) for article_id in ids)

    def copy_candidates(self, band_keys: Sequence[tuple[int, int]]
                        ) -> dict[str, tuple[int, list[int], str]]:
        """Articles sharing an LSH band key: id -> (size, minhash, canonical id of its group)."""
        if not band_keys:
            return {}
        # OR of (band, bucket) pairs, not a row-value IN: SQLite scans the whole table for
        # the latter but searches the primary key once per pair for the former.
        pairs = (and_(lsh_buckets.c.band == band, lsh_buckets.c.bucket == bucket)
                 for band, bucket in band_keys)
        shared = select(lsh_buckets.c.article_id).distinct().where(or_(*pairs))
        query = (select(fingerprints, copies.c.canonical_id)
                 .join(copies, copies.c.article_id == fingerprints.c.article_id, isouter=True)
                 .where(fingerprints.c.article_id.in_(shared)))
        with self._transaction(write=False) as conn:
            return {r["article_id"]: (r["size"], r["minhash"], r["canonical_id"] or r["article_id"])
                    for r in conn.execute(query).mappings()}

    def copy_groups(self) -> list[dict[str, Any]]:
        """Groups of copies of one story: the canonical article and its near copies, each
        with every document that carried it (exact copies from other outlets)."""
        with self._transaction(write=False) as conn:
            members = conn.execute(select(copies).order_by(copies.c.canonical_id,
                                                           copies.c.article_id)).mappings().all()
            seen: dict[str, list[dict[str, Any]]] = {}
            for row in conn.execute(select(sightings).order_by(sightings.c.id)).mappings():
                seen.setdefault(row["article_id"], []).append(
                    {k: row[k] for k in ("source", "url", "publisher", "published")})
        groups: dict[str, dict[str, Any]] = {}
        for row in members:
            groups.setdefault(row["canonical_id"], {"canonical_id": row["canonical_id"],
                                                    "copies": []})["copies"].append(
                {"article_id": row["article_id"], "similarity": row["similarity"],
                 "containment": row["containment"]})
        members_ids = {row["article_id"] for row in members}
        exact = [article_id for article_id, seen_in in seen.items()
                 if len(seen_in) > 1 and article_id not in members_ids]
        for article_id in exact:
            groups.setdefault(article_id, {"canonical_id": article_id, "copies": []})
        out = []
        for canonical_id in sorted(groups):
            group = groups[canonical_id]
            group["title"] = self.get(canonical_id).article.title
            group["sightings"] = seen.get(canonical_id, [])
            for copy in group["copies"]:
                copy["sightings"] = seen.get(copy["article_id"], [])
            out.append(group)
        return out

    def entities(self, person_key: Callable[[str], int | None] | None = None,
                 story_id: int | None = None) -> list[dict[str, Any]]:
        """Actors by how many articles mention them: id, name, label, the names they go by,
        counts, and their roles over time.

        Args:
            person_key: maps a role's person name to its actor id (``link.entities``
                knows the keys); without it, roles are matched by exact name.
            story_id: only what that story's articles say (mentions, names, roles), read
                through the story's index, not the whole store.
        """
        def scoped(query: Any, table: Any) -> Any:
            if story_id is None:
                return query
            return query.join(story_articles, story_articles.c.article_id == table.c.article_id
                              ).where(story_articles.c.story_id == story_id)

        docs = func.count(actor_mentions.c.article_id.distinct()).label("articles")
        total = func.sum(actor_mentions.c.mentions).label("mentions")
        query = scoped(select(actors.c.id, actors.c.name, actors.c.label, total, docs)
                       .join(actor_mentions, actor_mentions.c.actor_id == actors.c.id),
                       actor_mentions)
        query = query.group_by(actors.c.id).order_by(docs.desc(), total.desc(), actors.c.name)
        with self._transaction(write=False) as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            names: dict[int, list[str]] = {}
            spelled = scoped(select(actor_mentions.c.actor_id, actor_mentions.c.name).distinct(),
                             actor_mentions)
            for actor_id, name in conn.execute(spelled.order_by(actor_mentions.c.name)):
                names.setdefault(actor_id, []).append(name)
            held = conn.execute(scoped(select(roles), roles).order_by(
                roles.c.as_of, roles.c.article_id, roles.c.start)).mappings().all()
        by_actor = {row["name"]: row["id"] for row in rows}
        timeline: dict[int, dict[str, dict[str, Any]]] = {}
        for role in held:
            actor_id = person_key(role["person"]) if person_key else by_actor.get(role["person"])
            if actor_id is None:
                continue
            titles = timeline.setdefault(actor_id, {})
            entry = titles.setdefault(role["title"].casefold(), {
                "title": role["title"], "as_of": role["as_of"], "article_id": role["article_id"],
                "first_seen": role["as_of"], "last_seen": role["as_of"],
                "evidence": [{"article_id": role["article_id"], "start": role["start"],
                              "end": role["end"]}]})
            if entry["evidence"][-1]["article_id"] != role["article_id"]:
                entry["evidence"].append({"article_id": role["article_id"], "start": role["start"],
                                          "end": role["end"]})
            if role["as_of"] and (entry["last_seen"] or "") < role["as_of"]:
                entry["last_seen"] = role["as_of"]
        for row in rows:
            row["aliases"] = names.get(row["id"], [])
            row["roles"] = list(timeline.get(row["id"], {}).values())
        return rows

    # -- added for issue 5 (offices of states): keep below, separate from the above ----------

    def add_actor_key(self, actor_id: int, key: str) -> None:
        """Make an actor known by one more key (an office it holds, ``link.names.office_key``)."""
        with self._transaction() as conn:
            conn.execute(actor_keys.insert().values(key=key, actor_id=actor_id))
