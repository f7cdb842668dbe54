"""Link each new article to the copies of its story already stored, through the LSH index.

A new article's MinHash band keys find the stored articles that share one (an indexed
look-up per band, whatever the store's size); only those candidates are compared, and
the article joins the group of the most similar copy. The first article of a group
stays its canonical member, so linking again, or ingesting the same files again,
changes nothing.
"""

from __future__ import annotations

import logging

from dateline.link.dedup import (
    Fingerprint,
    band_keys,
    containment,
    fingerprint,
    is_copy,
    similarity,
)
from dateline.model import CopyFound, Fingerprinted
from dateline.run.stages import Stage
from dateline.store import Store

logger = logging.getLogger(__name__)


def link_copies(store: Store) -> list[CopyFound]:
    """Fingerprint every article not linked yet and record the copy group it joins.

    Each article is linked in its own transaction, oldest first, so an interrupted run
    goes on where it stopped and a group's canonical member is its first article.

    Returns:
        The near copies found.
    """
    found = []
    for article_id in store.queue.waiting(Stage.COPIES):
        fp = fingerprint(store.articles.get(article_id).article.text)
        keys = band_keys(fp)
        copy_of = _best_copy(article_id, fp, store.copies.candidates(keys))
        if copy_of is not None:
            found.append(copy_of)
            logger.info(
                "%s is a copy of %s (similarity %.2f)",
                article_id,
                copy_of.canonical_id,
                copy_of.similarity,
            )
        store.copies.save(article_id, fp.size, fp.minhash, keys, copy_of)
    return found


def _best_copy(
    article_id: str, fp: Fingerprint, candidates: list[Fingerprinted]
) -> CopyFound | None:
    """The group of the most similar candidate that is a copy, with the scores."""
    best: CopyFound | None = None
    for candidate in candidates:
        other = Fingerprint(candidate.minhash, candidate.size)
        if not is_copy(fp, other):
            continue
        found = CopyFound(
            article_id, candidate.canonical_id, similarity(fp, other), containment(fp, other)
        )
        if best is None or (found.similarity, found.containment) > (
            best.similarity,
            best.containment,
        ):
            best = found
    return best
