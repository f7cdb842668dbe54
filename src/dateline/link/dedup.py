"""Near-duplicate fingerprints: MinHash over word shingles, with LSH band keys.

An article's fingerprint is the MinHash signature of its normalised word shingles. The
store indexes :func:`band_keys`, so a new article meets only the articles that share a
band bucket with it (candidates), never all pairs; :func:`is_copy` then decides.

Parameters (chosen on the dev half of ``bench/neardup.py``; see bench/RESULTS.md):

* ``SHINGLE`` words per shingle.
* ``NUM_PERM`` hash functions, split into ``BANDS`` bands of ``ROWS`` rows. Two texts
  with Jaccard similarity ``s`` share at least one band key with probability
  ``1 - (1 - s**ROWS)**BANDS``, an S-curve whose midpoint sits near
  ``(1/BANDS)**(1/ROWS)``. See ``BANDS`` below for the trade-off.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import numpy as np

from dateline.model import normalise_text

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "Fingerprint",
    "band_keys",
    "containment",
    "fingerprint",
    "is_copy",
    "similarity",
]

logger = logging.getLogger(__name__)

# 5-word shingles: on dev, 3-7 all separate copies from same-topic articles; 3-4 raise the
# similarity of distinct stories (shared phrases), 6-7 lower that of paraphrased copies.
SHINGLE = 5
NUM_PERM = 128
# 42 bands x 3 rows (126 of the 128 values; the last two only sharpen `similarity`): the
# S-curve midpoint is Jaccard (1/42)**(1/3) = 0.29, so a copy truncated to 40% (Jaccard
# ~0.4) is a candidate with probability 0.94 and one at 0.5 with 0.996, while a distinct
# article on the same story (Jaccard <= 0.1) is one with probability <= 0.04. On dev, LSH
# candidate recall 0.999 and 0.3% of same-topic negatives were candidates; 32x4 missed 2.3%
# of copies, 64x2 made 1.3% of negatives candidates. A missed candidate is a copy lost for
# good, a spare one costs a single comparison, hence the low midpoint.
BANDS = 42
ROWS = NUM_PERM // BANDS
# is_copy thresholds, set between the dev negatives' maxima (Jaccard 0.45, containment 0.67)
# and the copies' 2nd percentiles (0.42, 0.81): Jaccard alone misses truncated copies, which
# containment catches. The size ratio guard is a precaution the dev set did not need: a lede
# contained in a long story is a quote or a summary, not a copy.
COPY_SIMILARITY = 0.5
COPY_CONTAINMENT = 0.72
MIN_SIZE_RATIO = 0.2

# Mersenne prime 2**61 - 1: (a*x + b) mod P is a universal hash family, reduction mod P
# needs only shifts and masks, and every value stays below 2**63 for SQLite's INTEGER.
_P = np.uint64((1 << 61) - 1)
_MASK31 = np.uint64((1 << 31) - 1)
_MASK30 = np.uint64((1 << 30) - 1)


def _seeded(label: str, i: int) -> int:
    """A fixed pseudo-random integer in [1, P): stable across runs, processes and numpy versions."""
    digest = hashlib.blake2b(f"dateline-minhash-{label}-{i}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % (int(_P) - 1) + 1


_A = np.array([_seeded("a", i) for i in range(NUM_PERM)], dtype=np.uint64)
_B = np.array([_seeded("b", i) for i in range(NUM_PERM)], dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature (``NUM_PERM`` values < 2**61) and its number of distinct shingles."""

    minhash: tuple[int, ...]
    size: int


def _shingles(text: str) -> set[str]:
    """Distinct ``SHINGLE``-word shingles of the normalised text; the whole text when shorter."""
    words = normalise_text(text).split()
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _mod_p(x: np.ndarray) -> np.ndarray:
    """x mod (2**61 - 1) for x < 2**64, using 2**61 = 1 (mod P)."""
    x = (x & _P) + (x >> np.uint64(61))
    return np.where(x >= _P, x - _P, x)


def _mulmod(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """a * x mod P for a, x < P, exactly, in uint64 arithmetic (split into 31-bit halves)."""
    a_hi, a_lo = a >> np.uint64(31), a & _MASK31
    x_hi, x_lo = x >> np.uint64(31), x & _MASK31
    # a*x = hi*2**62 + mid*2**31 + lo, and 2**62 = 2, mid*2**31 = (mid>>30) + (mid&M30)*2**31 mod P
    mid = a_hi * x_lo + a_lo * x_hi
    total = (
        np.uint64(2) * (a_hi * x_hi)
        + (mid >> np.uint64(30))
        + ((mid & _MASK30) << np.uint64(31))
        + a_lo * x_lo
    )
    return _mod_p(total)


def fingerprint(text: str) -> Fingerprint:
    """The MinHash fingerprint of a text.

    Args:
        text: article text; case, punctuation and spacing are normalised away.

    Returns:
        The signature, deterministic for a given text, and the count of distinct shingles.
    """
    shingles = _shingles(text)
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
            for s in shingles
        ),
        dtype=np.uint64,
        count=len(shingles),
    )
    x = _mod_p(hashes)[:, None]
    values = _mod_p(_mulmod(_A[None, :], x) + _B[None, :]).min(axis=0)
    return Fingerprint(tuple(int(v) for v in values), len(shingles))


def band_keys(fp: Fingerprint) -> list[tuple[int, int]]:
    """The LSH buckets of a fingerprint, one per band.

    Returns:
        ``(band, key)`` pairs, ``key`` a signed 64-bit hash of the band's ``ROWS`` values.
    """
    keys = []
    for band in range(BANDS):
        rows = fp.minhash[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(b"".join(v.to_bytes(8, "big") for v in rows), digest_size=8)
        keys.append((band, int.from_bytes(digest.digest(), "big", signed=True)))
    return keys


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return sum(x == y for x, y in zip(a.minhash, b.minhash)) / NUM_PERM


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller text's shingles found in the larger.

    From Jaccard J and sizes: ``|A & B| = J * (|A| + |B|) / (1 + J)``, over ``min(|A|, |B|)``.
    """
    j = similarity(a, b)
    return min(1.0, j * (a.size + b.size) / (1 + j) / min(a.size, b.size))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two texts are copies of one story: near-identical, or one a truncated other."""
    if similarity(a, b) >= COPY_SIMILARITY:
        return True
    ratio = min(a.size, b.size) / max(a.size, b.size)
    return ratio >= MIN_SIZE_RATIO and containment(a, b) >= COPY_CONTAINMENT
