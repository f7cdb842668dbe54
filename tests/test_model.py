"""The typed domain: dates at their precision, enums that serialise as their values, and
records whose JSON keys are the public interface."""

from __future__ import annotations

import json

import pytest

from dateline.model import (
    Citation,
    DatedBy,
    DateSpan,
    EventProfile,
    PointKind,
    Precision,
    Story,
    TimelineEntry,
)
from dateline.model.dates import label


@pytest.mark.parametrize(
    ("value", "date_from", "expected"),
    [
        ("2026-02-04", "timex", ("2026-02-04", "2026-02-04", Precision.DAY, DatedBy.TEXT)),
        (
            "2026-02-04TNI",
            "published",
            ("2026-02-04", "2026-02-04", Precision.DAY, DatedBy.PUBLICATION),
        ),
        ("2026-W06", "timex", ("2026-02-02", "2026-02-08", Precision.WEEK, DatedBy.TEXT)),
        ("2024-02", "timex", ("2024-02-01", "2024-02-29", Precision.MONTH, DatedBy.TEXT)),
        ("2025", None, ("2025-01-01", "2025-12-31", Precision.YEAR, DatedBy.PUBLICATION)),
    ],
)
def test_model_date_span_parses_values_at_their_precision(value, date_from, expected):
    span = DateSpan.parse(value, date_from)
    assert (span.start, span.end, span.precision, span.dated_by) == expected
    assert DateSpan.from_list(span.to_list()) == span


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "P2D", "2026-02-30", "2026-W60"])
def test_model_date_span_off_the_calendar_is_none(value):
    assert DateSpan.parse(value, "timex") is None


def test_model_one_label_for_every_face():
    assert label(None) == "undated"
    assert label("2026-02-04", "2026-02-05") == "4-5 Feb 2026"
    story = Story(1, "Talks", "2026-02-04", "2026-02-05", 3, 2, 1)
    entry = TimelineEntry(
        "2026-02-04", "2026-02-05", Precision.DAY, "text", "t", 1, "", (), (), (), 1, 1.0
    )
    assert story.label == entry.label == "4-5 Feb 2026"


def test_model_a_day_only_the_publication_gives_is_labelled_as_reported():
    entry = TimelineEntry(
        "2026-02-04", "2026-02-04", Precision.DAY, "publication", "t", 1, "", (), (), (), 1, 1.0
    )
    assert entry.label == "reported 4 Feb 2026"
    assert entry.to_json()["label"] == "reported 4 Feb 2026"
    assert label("2026-02-04", None, "day", "publication") == "reported 4 Feb 2026"
    assert DateSpan.day("2026-02-04", DatedBy.TEXT).label() == "4 Feb 2026"


def test_model_enums_serialise_as_their_values():
    line = {"precision": Precision.WEEK, "kind": PointKind.DISPUTE, "by": DatedBy.TEXT}
    assert json.dumps(line) == '{"precision": "week", "kind": "dispute", "by": "text"}'


def test_model_event_profile_round_trips_its_stored_json():
    stored = {
        "triggers": {"talks": 2},
        "actors": {"3": 1},
        "participants": {"3": 1},
        "places": {"Geneva": 1},
        "terms": {"talks": 2.0},
        "dates": [["2026-02-04", "2026-02-04", "day", "text"]],
        "phrases": {"talks": 2},
        "undated": True,
        "minor": {
            "triggers": {"explosion": 1},
            "actors": {},
            "participants": {},
            "places": {},
            "terms": {},
            "dates": [],
            "phrases": {"explosion": 1},
        },
    }
    profile = EventProfile.from_json(stored)
    assert profile.dates == [DateSpan("2026-02-04", "2026-02-04")] and profile.undated
    assert profile.to_json() == stored
    assert "undated" not in EventProfile().to_json()


def test_model_event_profile_stored_before_mention_kinds_has_no_minor_part():
    stored = {
        "triggers": {"talks": 2},
        "actors": {},
        "participants": {},
        "places": {},
        "terms": {},
        "dates": [],
        "phrases": {"talks": 2},
    }
    profile = EventProfile.from_json(stored)
    assert profile.minor is None and profile.to_json() == stored


def test_model_citation_and_entry_json_keys():
    cited = Citation("0123456789abcdef", 3, 9, "Wire", "Title", "2026-02-04")
    entry = TimelineEntry(
        "2026-02-04",
        "2026-02-04",
        Precision.DAY,
        "text",
        "Text",
        7,
        "Talks",
        ("Geneva",),
        (3,),
        (cited,),
        2,
        1.23456,
        1,
    )
    assert list(entry.to_json()) == [
        "date",
        "end",
        "precision",
        "label",
        "dated_by",
        "text",
        "event",
        "title",
        "places",
        "participants",
        "sources",
        "references",
        "importance",
        "citations",
        "verified",
        "background",
    ]
    assert entry.to_json()["importance"] == 1.2346
    assert entry.to_json()["citations"] == [cited.to_json()]
