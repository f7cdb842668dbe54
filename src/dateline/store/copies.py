"""The copy repository: each article's MinHash fingerprint and LSH band keys, and the
copy group it joined."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, or_, select

from dateline.model import CopyFound, CopyGroup, Fingerprinted, NearCopy, Sighting
from dateline.run.stages import Stage
from dateline.store.articles import ArticleRepository
from dateline.store.db import Database
from dateline.store.queue import finish
from dateline.store.schema import copies, fingerprints, lsh_buckets, sightings
from dateline.store.sql import insert_rows, lookup


class CopyRepository:
    """Fingerprints, their LSH index, and groups of copies of one story."""

    def __init__(self, db: Database, articles: ArticleRepository):
        self._db = db
        self._articles = articles

    def save(
        self,
        article_id: str,
        size: int,
        minhash: Sequence[int],
        band_keys: Sequence[tuple[int, int]],
        copy_of: CopyFound | None,
    ) -> None:
        """Store an article's fingerprint and LSH keys, and the group it joins if it is a
        copy, and mark the stage done, in one transaction."""
        with self._db.transaction() as conn:
            conn.execute(
                fingerprints.insert().values(
                    article_id=article_id, size=size, minhash=list(minhash)
                )
            )
            insert_rows(
                conn,
                lsh_buckets,
                [
                    {"band": band, "bucket": bucket, "article_id": article_id}
                    for band, bucket in dict.fromkeys(band_keys)
                ],
            )
            if copy_of is not None:
                conn.execute(
                    copies.insert().values(
                        article_id=article_id,
                        canonical_id=copy_of.canonical_id,
                        similarity=copy_of.similarity,
                        containment=copy_of.containment,
                    )
                )
            finish(conn, Stage.COPIES, article_id)

    def candidates(self, band_keys: Sequence[tuple[int, int]]) -> list[Fingerprinted]:
        """The articles sharing an LSH band key, with their fingerprints, by id."""
        if not band_keys:
            return []
        # OR of (band, bucket) pairs, not a row-value IN: SQLite scans the whole table for
        # the latter but searches the primary key once per pair for the former.
        pairs = (
            and_(lsh_buckets.c.band == band, lsh_buckets.c.bucket == bucket)
            for band, bucket in band_keys
        )
        shared = select(lsh_buckets.c.article_id).distinct().where(or_(*pairs))
        query = (
            select(fingerprints, copies.c.canonical_id)
            .join(copies, copies.c.article_id == fingerprints.c.article_id, isouter=True)
            .where(fingerprints.c.article_id.in_(shared))
            .order_by(fingerprints.c.article_id)
        )
        with self._db.read() as conn:
            return [
                Fingerprinted(
                    r["article_id"],
                    r["size"],
                    tuple(r["minhash"]),
                    r["canonical_id"] or r["article_id"],
                )
                for r in conn.execute(query).mappings()
            ]

    def canonicals(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The canonical article of each of these that is a near copy: id -> canonical id."""
        with self._db.read() as conn:
            return lookup(conn, copies.c.article_id, copies.c.canonical_id, article_ids)

    def groups(self) -> list[CopyGroup]:
        """Groups of copies of one story, by canonical id: the canonical article and its
        near copies, each with every document that carried it (exact copies from other
        outlets); an article carried by several documents is a group of its own."""
        with self._db.read() as conn:
            members = (
                conn.execute(select(copies).order_by(copies.c.canonical_id, copies.c.article_id))
                .mappings()
                .all()
            )
            seen: dict[str, list[Sighting]] = {}
            for row in conn.execute(select(sightings).order_by(sightings.c.id)).mappings():
                seen.setdefault(row["article_id"], []).append(
                    Sighting(row["source"], row["url"], row["publisher"], row["published"])
                )
        near: dict[str, list[NearCopy]] = {}
        for row in members:
            near.setdefault(row["canonical_id"], []).append(
                NearCopy(
                    row["article_id"],
                    row["similarity"],
                    row["containment"],
                    tuple(seen.get(row["article_id"], ())),
                )
            )
        copied = {row["article_id"] for row in members}
        for article_id, seen_in in seen.items():
            if len(seen_in) > 1 and article_id not in copied:
                near.setdefault(article_id, [])
        return [
            CopyGroup(
                canonical_id,
                self._articles.get(canonical_id).article.title,
                tuple(near[canonical_id]),
                tuple(seen.get(canonical_id, ())),
            )
            for canonical_id in sorted(near)
        ]
