"""MinHash fingerprints, LSH band keys and the copy decision (dateline.link.dedup)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import DATA
from dateline.link.dedup import (
    BANDS,
    NUM_PERM,
    band_keys,
    containment,
    fingerprint,
    is_copy,
    similarity,
)

STORY = (DATA / "dedup" / "strike.txt").read_text(encoding="utf-8")
NEXT_DAY = (DATA / "dedup" / "strike_next_day.txt").read_text(encoding="utf-8")
PARAGRAPHS = STORY.split("\n\n")

BOILERPLATE = (
    "Sign up for our morning briefing to get the day's top stories in your inbox.\n\n"
    + STORY.replace("ROTTERDAM, March 4 -", "ROTTERDAM, March 4 (Reuters) -")
    + "\n\nRead more: What the port strike means for shipping rates\n\n"
    "Reporting by Anna Jansen; Editing by Mark Potter"
)


def test_dedup_identical_text_is_copy():
    a, b = fingerprint(STORY), fingerprint(STORY)
    assert similarity(a, b) == 1.0
    assert is_copy(a, b)


def test_dedup_normalisation_ignores_case_and_punctuation():
    assert fingerprint(STORY) == fingerprint(STORY.upper().replace(",", " ;"))


def test_dedup_truncated_copy_is_copy_by_containment():
    half = fingerprint("\n\n".join(PARAGRAPHS[: len(PARAGRAPHS) // 2]))
    full = fingerprint(STORY)
    assert similarity(half, full) < 0.7
    assert containment(half, full) > 0.9
    assert is_copy(half, full) and is_copy(full, half)


def test_dedup_inserted_boilerplate_is_copy():
    assert is_copy(fingerprint(BOILERPLATE), fingerprint(STORY))


def test_dedup_other_story_same_topic_is_not_copy():
    a, b = fingerprint(STORY), fingerprint(NEXT_DAY)
    assert similarity(a, b) < 0.1
    assert not is_copy(a, b)


def test_dedup_fingerprint_is_deterministic_across_processes():
    code = (
        "import sys; from dateline.link.dedup import fingerprint; "
        "print(list(fingerprint(sys.stdin.read()).minhash))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=STORY,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    ).stdout
    assert out.strip() == str(list(fingerprint(STORY).minhash))


def test_dedup_band_keys_shared_by_near_copies_not_by_other_texts():
    keys = set(band_keys(fingerprint(STORY)))
    assert len(keys) == BANDS
    assert keys & set(band_keys(fingerprint(BOILERPLATE)))
    assert len(keys & set(band_keys(fingerprint(NEXT_DAY)))) <= 1


@pytest.mark.parametrize(
    "text", ["", "Breaking.", "Port strike ends", "Port strike ends, union says"]
)
def test_dedup_short_text_gets_a_fingerprint(text):
    fp = fingerprint(text)
    assert len(fp.minhash) == NUM_PERM and fp.size >= 1
    assert is_copy(fp, fingerprint(text))
    assert not is_copy(fp, fingerprint(STORY))


def test_dedup_values_fit_signed_64_bit():
    fp = fingerprint(STORY)
    assert all(0 <= v < 2**63 for v in fp.minhash)
    assert all(-(2**63) <= key < 2**63 for _, key in band_keys(fp))
