"""Property-based fuzzing (hypothesis) of every reader and of extraction, bounded in time.

Inputs come from ``bench/fuzz.py``'s generators (news words, hostile pieces, each format's
shape, then damage), driven by hypothesis' seeds, and from raw bytes. The property: a
reader yields documents and failures and never raises; ``extract`` returns an article or
raises ExtractionError. A hang fails the test by its timeout.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import ExtractionError
from dateline.extract import extract
from dateline.model import RawDocument
from dateline.sources import SourceFailure, read_sources

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import fuzz

BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("reader", sorted(fuzz.READERS))
@BOUNDED
@given(rng=st.randoms(use_true_random=False))
def test_fuzz_reader_never_raises(reader, rng):
    items = fuzz.read(fuzz.damaged(rng, fuzz.READERS[reader](rng)))
    assert all(isinstance(item, RawDocument | SourceFailure) for item in items)


@pytest.mark.timeout(60)
@settings(BOUNDED, max_examples=200)
@given(data=st.binary(max_size=2048))
def test_fuzz_any_bytes_read_or_reported(data):
    items = list(read_sources(["-"], stdin=io.BytesIO(data)))
    assert items
    assert all(isinstance(item, RawDocument | SourceFailure) for item in items)


@pytest.mark.timeout(60)
@BOUNDED
@given(rng=st.randoms(use_true_random=False))
def test_fuzz_extract_returns_an_article_or_says_why(rng):
    try:
        article = extract(fuzz.document(rng))
    except ExtractionError:
        return
    assert article.body
    article.text.encode("utf-8")  # storable: no lone surrogates


@pytest.mark.timeout(60)
@settings(BOUNDED, max_examples=60)
@given(text=st.text(max_size=400), kind=st.sampled_from(["html", "text"]))
def test_fuzz_extract_any_text(text, kind):
    with contextlib.suppress(ExtractionError):
        extract(RawDocument("fuzz", kind, text))
