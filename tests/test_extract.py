"""extract(): one raw document in, one Article out."""

from __future__ import annotations

import pytest

from dateline.errors import ExtractionError
from dateline.extract import extract
from dateline.extract.html import html_text
from dateline.model import Hints, RawDocument

LEAD = (
    "The island ferry will run two extra crossings on weekdays from March, the operator "
    "said on Tuesday, after complaints about crowded morning boats."
)


def test_extract_feed_fragment_too_small_for_trafilatura():
    raw = RawDocument("feed.xml#3", "html", f"<p>{LEAD}</p>", hints=Hints(title="Ferry"))
    article = extract(raw)
    assert article.body == (LEAD,)
    assert article.title == "Ferry"


def test_extract_feed_summary_that_repeats_the_lead_is_dropped():
    raw = RawDocument(
        "feed.xml#1",
        "html",
        f"<p>{LEAD}</p><p>Fares are unchanged, it said.</p>",
        hints=Hints(summary=LEAD.split(",")[0]),
    )
    assert extract(raw).summary is None


def test_extract_feed_summary_kept_when_new():
    raw = RawDocument(
        "feed.xml#1", "html", f"<p>{LEAD}</p>", hints=Hints(summary="Two more boats.")
    )
    assert extract(raw).summary == "Two more boats."


@pytest.mark.parametrize(
    "kind, content",
    [
        ("text", "Home\nNews\nSport\nWeather\n"),
        ("html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
    ],
)
def test_extract_no_story_raises(kind, content):
    with pytest.raises(ExtractionError, match="no article text found"):
        extract(RawDocument("menu", kind, content))


def test_extract_html_text_one_block_a_paragraph():
    html = "<div><p>First.</p><p>Second.</p></div><ul><li>Item</li></ul><script>x()</script>"
    assert html_text(html) == "First.\n\nSecond.\n\nItem"
