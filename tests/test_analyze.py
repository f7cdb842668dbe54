"""One article in, its Analysis out: English is read, another language is kept unread."""

from __future__ import annotations

import pytest

from dateline.analyze import analyze
from dateline.model import Article
from test_store import make_article

pytestmark = pytest.mark.slow

BODY = (
    "Police arrested three men in Leeds on Monday, officers said.",
    "Chief Constable Jane Doe said the inquiry would go on.",
)


def article(language: str | None, body: tuple[str, ...] = BODY) -> Article:
    return make_article(language=language, body=body, url=None, title=None)


@pytest.mark.parametrize("language", ["en", None])
def test_english_or_unknown_is_read(language):
    found = analyze(article(language))
    assert found.mentions and found.event_mentions and found.clauses


def test_another_language_is_kept_unread():
    body = ("Việt Nam đã ghi nhận ca nhiễm cúm đầu tiên vào thứ Hai, Bộ Y tế cho biết.",)
    found = analyze(article("vi", body))
    assert len(found.sentences) == 1
    assert (found.mentions, found.timexes, found.quotes, found.roles) == ((), (), (), ())
    assert (found.event_mentions, found.clauses) == ((), ())


def test_an_opinion_piece_names_happenings_and_reports_none():
    news = analyze(make_article(body=BODY, url="https://news.example/uk/2026/leeds-arrests"))
    column = analyze(make_article(body=BODY, url="https://news.example/opinion/leeds-arrests"))
    assert "main" in {m.kind for m in news.event_mentions}
    assert "main" not in {m.kind for m in column.event_mentions}
    assert {m.trigger for m in column.event_mentions} == {m.trigger for m in news.event_mentions}
