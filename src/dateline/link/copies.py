"""Link each new article to the copies of its story already stored, through the LSH index.

A new article's MinHash band keys find the stored articles that share one (an indexed
look-up per band, whatever the store's size); only those candidates are compared, and
the article joins the group of the most similar copy. The first article of a group
stays its canonical member, so linking again, or ingesting the same files again,
changes nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.link.dedup import Fingerprint, band_keys, containment, fingerprint, is_copy
from dateline.link.dedup import similarity
from dateline.store import Store, StoredArticle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Copy:
    """A stored article found to be a near copy of the canonical article of a group."""

    article_id: str
    canonical_id: str
    similarity: float
    containment: float

    def to_json(self) -> dict[str, object]:
        return {"article_id": self.article_id, "copy_of": self.canonical_id,
                "similarity": round(self.similarity, 3), "containment": round(self.containment, 3)}


@dataclass
class LinkReport:
    linked: int = 0
    copies: list[Copy] = field(default_factory=list)


def link_copies(store: Store, on_result: Callable[[StoredArticle], None] | None = None
                ) -> LinkReport:
    """Fingerprint every article not linked yet and record the copy group it joins.

    Each article is linked in its own transaction, oldest first, so an interrupted run
    goes on where it stopped and a group's canonical member is its first article.
    """
    report = LinkReport()
    for stored in store.unlinked():
        fp = fingerprint(stored.article.text)
        keys = band_keys(fp)
        match = _best_copy(fp, store.copy_candidates(keys))
        copy_of = None
        if match is not None:
            canonical, sim, cont = match
            copy_of = (canonical, sim, cont)
            report.copies.append(Copy(stored.id, canonical, sim, cont))
            logger.info("%s is a copy of %s (similarity %.2f)", stored.id, canonical, sim)
        store.save_fingerprint(stored.id, fp.size, fp.minhash, keys, copy_of)
        report.linked += 1
        if on_result:
            on_result(stored)
    return report


def _best_copy(fp: Fingerprint, candidates: dict[str, tuple[int, list[int], str]]
               ) -> tuple[str, float, float] | None:
    """The canonical id of the most similar candidate that is a copy, with the scores."""
    best = None
    for article_id, (size, minhash, canonical) in sorted(candidates.items()):
        other = Fingerprint(tuple(minhash), size)
        if not is_copy(fp, other):
            continue
        scores = (similarity(fp, other), containment(fp, other))
        if best is None or scores > best[1:]:
            best = (canonical, *scores)
    return best
