"""Opinion pieces told by their outlet's section or their title's label."""

from __future__ import annotations

import pytest

from dateline.analyze.opinion import is_opinion
from test_store import make_article


@pytest.mark.parametrize(
    "url",
    [
        "https://www.theguardian.com/commentisfree/2019/nov/18/the-view-on-hong-kong",
        "https://www.nytimes.com/2019/11/19/opinion/republicans-elections.html",
        "http://edition.cnn.com/2016/04/04/opinions/panama-papers/index.html",
        "https://sputniknews.com/columnists/201911181077343476-arrogance/",
        "https://www.independent.co.uk/voices/brexit-deal-vote.html",
    ],
)
def test_opinion_sections_of_outlets(url):
    assert is_opinion(make_article(url=url, title="A headline"))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/world-europe-123",
        "https://blog.givewell.org/2018/09/10/open-thread/#comment-949890",  # a fragment
        "https://news.example/2019/11/20/opinion-poll-shows-lead",  # a word, not a section
        None,
    ],
)
def test_news_pages_are_not_opinion(url):
    assert not is_opinion(make_article(url=url, title="Police arrest three men in Leeds"))


@pytest.mark.parametrize(
    "title, opinion",
    [
        ("Opinion: The deal is a mistake", True),
        ("EDITORIAL | A city on the brink", True),
        ("Why the deal fails | Opinion", True),
        ("Op-ed: What the vote means", True),
        ("Opinion poll puts Labour ahead", False),
        ("Letters to Santa pile up at the post office", False),
    ],
)
def test_a_title_labelled_as_opinion(title, opinion):
    assert is_opinion(make_article(url=None, title=title)) is opinion
