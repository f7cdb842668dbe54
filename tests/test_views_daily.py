"""The benchmark protocol's timeline: which days, which sentences, and their citations."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.model import Citation, DatedBy, Precision, TimeExpression, TimelineEntry
from dateline.views.daily import _central, _named_days, dated_summary, lead_in
from dateline.views.faithful import Verifier, check
from dateline.views.timeline import Articles, timeline


@pytest.mark.slow
def test_protocol_fixes_dates_and_sentences_and_cites_them(talks):
    articles = Articles(talks)
    entries = timeline(talks, None, articles=articles)
    ids = sorted({c.article for e in entries for c in e.citations})
    summary = dated_summary(entries, articles, ids, dates=3, per_date=2, keep=Verifier(articles))
    assert len(summary) == 3 and [day for day, _ in summary] == sorted(d for d, _ in summary)
    assert all(1 <= len(lines) <= 2 for _, lines in summary)
    for day, lines in summary:
        for line in lines:
            cited = line.citations[0]
            span = articles[cited.article].article.text[cited.start : cited.end]
            assert " ".join(span.split()) == line.text
            assert line.date == line.end == day
    report = check(talks, [e for _, lines in summary for e in lines])
    assert report.ok


@pytest.mark.slow
def test_protocol_sentences_come_only_from_the_articles_given(talks):
    articles = Articles(talks)
    entries = timeline(talks, None, articles=articles)
    # the Kremlin meeting of 2 Dec, which a January article reports too
    one = next(e for e in entries if e.label == "2 Dec 2025").citations[0].article
    summary = dated_summary(entries, articles, [one], dates=5, per_date=3)
    assert [(day, [e.citations[0].article for e in lines]) for day, lines in summary] == [
        ("2025-11-30", [one]),
        ("2025-12-02", [one]),
    ]


@pytest.mark.parametrize(
    "sentence, proper",
    [
        ("KYIV (Reuters) - Talks resumed on Monday.", "Talks resumed on Monday."),
        (
            "May 24, 2010 4:56 pm EDT MEXICO CITY (Reuters) - BP's race to cap the well went on.",
            "BP's race to cap the well went on.",
        ),
        (
            "Clare Spencer | 09:51 UK time, Friday, 28 May 2010 Commentators react to the spill.",
            "Commentators react to the spill.",
        ),
        (
            "Photograph: Jane Doe/EPA Crews lowered a dome over the leak.",
            "Crews lowered a dome over the leak.",
        ),
        (
            "Negotiators met at 10:30 in Geneva on Monday.",
            "Negotiators met at 10:30 in Geneva on Monday.",
        ),
    ],
)
def test_lead_ins_are_cut_off(sentence, proper):
    assert sentence[lead_in(sentence) :] == proper


class _Articles:
    """Stands in for Articles: each article's publication day and the days it names."""

    def __init__(self, named: dict[str, tuple[str, list[str]]]):
        self.named = named

    def published(self, article_id: str) -> str:
        return self.named[article_id][0]

    def timexes(self, article_id: str) -> tuple[TimeExpression, ...]:
        return tuple(
            TimeExpression(0, 5, "then", "DATE", day, "test") for day in self.named[article_id][1]
        )


def test_days_named_in_the_text_count_once_per_article_and_not_the_own_day():
    articles = _Articles(
        {
            "a": ("2026-02-05", ["2026-02-04", "2026-02-04", "2026-02-05"]),
            "b": ("2026-02-06", ["2026-02-04T09:00"]),
            "c": ("2026-02-06", ["2026-02", "2026-W06"]),
        }
    )
    assert _named_days(articles, ["a", "b", "c"]) == {"2026-02-04": 2}


def _entry(text: str) -> TimelineEntry:
    cited = SimpleNamespace(article=text, start=0, end=len(text))
    return TimelineEntry(
        "2026-02-04",
        "2026-02-04",
        Precision.DAY,
        DatedBy.TEXT,
        text,
        None,
        "",
        (),
        (),
        (cited,),
        1,
        0.0,
    )


def test_central_sentences_first_and_no_repeats():
    lines = [
        _entry("Negotiators from Ukraine and Russia met in Abu Dhabi for trilateral talks."),
        _entry("Ukraine and Russia negotiators met in Abu Dhabi for trilateral talks."),
        _entry(
            "Russia's delegation rejected a ceasefire proposal at the Abu Dhabi meeting on "
            "prisoner exchanges."
        ),
        _entry("Heavy snow closed schools across the north of the country."),
    ]
    chosen = _central(lines, 2)
    assert chosen[0] in lines[:2] and chosen[1] == lines[2]  # the repeat and the snow left out


def test_a_line_that_reports_no_event_validates():
    import jsonschema

    from clikit import schema_for

    cited = Citation("0123456789abcdef", 0, 40, "Harbour Wire", "Port fire", "2026-03-12")
    line = TimelineEntry(
        "2026-03-10",
        "2026-03-10",
        Precision.DAY,
        DatedBy.TEXT,
        "The port reopened to ships.",
        None,
        "",
        (),
        (),
        (cited,),
        1,
        0.0,
    )
    jsonschema.validate(line.to_json(), schema_for("timeline_entry"))
    assert line.to_json()["event"] is None
