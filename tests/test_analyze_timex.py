from datetime import date

import pytest

from dateline.analyze.timex import find_timexes

pytestmark = pytest.mark.slow

THURSDAY = date(2026, 2, 5)


def only(text, anchor=THURSDAY, expression=None):
    """The one time expression found in ``text`` (or the one whose text is ``expression``)."""
    found = find_timexes(text, anchor)
    if expression is not None:
        found = [t for t in found if t.text == expression]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expression, type_, value, rule",
    [
        ("Russian drones struck Kyiv on Sunday.", "Sunday", "DATE", "2026-02-01", "weekday"),
        ("The envoys met on Tuesday.", "Tuesday", "DATE", "2026-02-03", "weekday"),
        ("Wednesday's strike killed two people.", "Wednesday", "DATE", "2026-02-04", "weekday"),
        ("Prices rose sharply last week.", "last week", "DATE", "2026-W05", "relative-period"),
        (
            "Delegations are in Abu Dhabi this week.",
            "this week",
            "DATE",
            "2026-W06",
            "relative-period",
        ),
        (
            "Earlier this month, the talks stalled.",
            "Earlier this month",
            "DATE",
            "2026-02",
            "relative-period",
        ),
        ("The deal was signed Dec 6.", "Dec 6", "DATE", "2025-12-06", "month-day"),
        ("He arrived in Davos on Jan 18.", "Jan 18", "DATE", "2026-01-18", "month-day"),
        ("The summit opened on 4 February.", "4 February", "DATE", "2026-02-04", "month-day"),
        ("After two days of talks, they left.", "two days", "DURATION", "P2D", "duration"),
        ("Inflation peaked in 2022.", "2022", "DATE", "2022", "year"),
        ("The dam was hit last July.", "last July", "DATE", "2025-07", "month"),
        ("Kyiv came under attack overnight.", "overnight", "TIME", "2026-02-04TNI", "relative-day"),
        ("Troops must leave within 30 days.", "30 days", "DURATION", "P30D", "duration"),
        ("The plant was shut yesterday.", "yesterday", "DATE", "2026-02-04", "relative-day"),
        ("Profit fell in the third quarter.", "the third quarter", "DATE", "2025-Q3", "quarter"),
        ("Officials now say the plan works.", "now", "DATE", "PRESENT_REF", "reference"),
        (
            "The shelling began at 10 p.m. Wednesday.",
            "10 p.m. Wednesday",
            "TIME",
            "2026-02-04T22:00",
            "clock",
        ),
        ("The market opens daily.", "daily", "SET", "P1D", "set"),
        ("He was born on January 18, 1990.", "January 18, 1990", "DATE", "1990-01-18", "date-full"),
    ],
)
def test_timex_forms(text, expression, type_, value, rule):
    t = only(text, expression=expression)
    assert (t.type, t.value, t.rule) == (type_, value, rule)


def test_timex_approximate_age_of_a_war():
    t = only("Talks to end the nearly four-year-old war resumed.")
    assert (t.text, t.type, t.value) == ("nearly four-year-old", "DURATION", "P4Y")


def test_timex_person_age_is_not_a_timex():
    assert find_timexes("A 6-year-old boy was rescued.", THURSDAY) == []


def test_timex_next_phase_is_not_a_timex():
    # "next" only makes a time expression with a calendar unit ("next week").
    assert find_timexes("The next phase of the plan begins.", THURSDAY) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("The delegations met on Tuesday.", "2026-02-03"),  # past tense: the Tuesday before
        ("The delegations will meet on Tuesday.", "2026-02-10"),  # future: the one after
        ("The delegations are expected to meet on Tuesday.", "2026-02-10"),
        ("The delegations meet on Friday.", "2026-02-06"),  # no cue: the nearest Friday
        ("The delegations meet on Monday.", "2026-02-02"),
        ("The delegations will meet next Thursday.", "2026-02-12"),
        ("The delegations met last Thursday.", "2026-01-29"),
        ("The delegations met on Tuesday evening.", "2026-02-03TEV"),  # a part of the day
        ("The delegations will meet on Tuesday evening.", "2026-02-10TEV"),
    ],
)
def test_timex_weekday_direction_by_tense(text, value):
    assert only(text).value == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("The ceasefire began on March 3.", "2025-03-03"),  # past: on or before the anchor
        ("The ceasefire will begin on March 3.", "2026-03-03"),
        ("The ceasefire was signed on Dec 6.", "2025-12-06"),
        ("The vote will be held on Dec 6.", "2026-12-06"),
    ],
)
def test_timex_month_day_direction_by_tense(text, value):
    assert only(text).value == value


def test_timex_narrative_anchor():
    text = "On Jan 17, rebels shelled the town. The next day they withdrew. Two days later talks began."
    jan17, next_day, later = find_timexes(text, THURSDAY)
    assert (jan17.value, jan17.anchor) == ("2026-01-17", THURSDAY)
    assert (next_day.text, next_day.value, next_day.rule, next_day.anchor) == (
        "The next day",
        "2026-01-18",
        "narrative",
        date(2026, 1, 17),
    )
    assert (later.text, later.value, later.anchor) == (
        "Two days later",
        "2026-01-20",
        date(2026, 1, 18),
    )


def test_timex_a_year_later_counts_from_the_year_named():
    text = (
        "The band formed in 1992. A singer joined a year later. Two days later they toured. "
        "Sales fell last year, down from a peak the year before, and a year earlier still."
    )
    found = {t.text: t.value for t in find_timexes(text, THURSDAY)}
    assert found["a year later"] == "1993"
    assert found["Two days later"] is None  # a year gives no day to count from
    assert found["the year before"] == "2024"  # last year (2025) is named, then counted from
    assert found["a year earlier"] == "2024"  # a counted year is not counted from again


@pytest.mark.parametrize("text", ["He moved away years ago.", "Long ago, the firm was sold."])
def test_timex_an_undated_past(text):
    (found,) = find_timexes(text, THURSDAY)
    assert (found.type, found.value) == ("DATE", "PAST_REF")


def test_timex_deictic_expressions_keep_the_publication_anchor():
    found = find_timexes("On Jan 17, rebels shelled the town. Yesterday they withdrew.", THURSDAY)
    assert [(t.value, t.anchor) for t in found] == [
        ("2026-01-17", THURSDAY),
        ("2026-02-04", THURSDAY),
    ]


def test_timex_without_anchor():
    found = find_timexes(
        "On Sunday, after two days of talks, the deal of January 18, 2026 was "
        "confirmed; last week prices fell, as in 2022.",
        None,
    )
    values = {t.text: (t.value, t.anchor) for t in found}
    assert values == {
        "Sunday": (None, None),
        "two days": ("P2D", None),
        "January 18, 2026": ("2026-01-18", None),
        "last week": (None, None),
        "2022": ("2022", None),
    }


def test_timex_absolute_dates_need_no_anchor():
    t = only("The war began on 24 February 2022.")
    assert (t.value, t.rule, t.anchor) == ("2022-02-24", "date-full", None)


def test_timex_offsets_index_the_text():
    text = "Ukraine said on Sunday that\n\nfor nearly four years, since Feb. 24, 2022, and last week\u2019s talks..."
    found = find_timexes(text, THURSDAY)
    assert [t.text for t in found] == ["Sunday", "nearly four years", "Feb. 24, 2022", "last week"]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_timex_is_deterministic():
    text = (
        "On Jan 17 rebels attacked; the next day, two days of talks began. They will meet Tuesday."
    )
    assert find_timexes(text, THURSDAY) == find_timexes(text, THURSDAY)


def test_timex_uses_the_given_doc(monkeypatch):
    from dateline.analyze import nlp

    text = "The envoys will meet on Tuesday."
    doc, expected = nlp.parse(text), find_timexes(text, THURSDAY)
    monkeypatch.setattr(nlp, "load_nlp", lambda *args: pytest.fail("parsed the text again"))
    assert find_timexes(text, THURSDAY, doc) == expected


DEC_7 = date(2025, 12, 7)


@pytest.mark.parametrize(
    "text, expression, value",
    [
        # issue 12: "since" starts a state that lasts until now, whatever verb follows it
        ("He has blown hot and cold since returning to office in January.", "January", "2025-01"),
        ("Prices have risen since January.", "January", "2025-01"),
        ("The plant has been closed since a fire in March.", "March", "2025-03"),
        # a gerund clause takes the tense of the clause it hangs from
        ("After returning to office in January, he has cut taxes.", "January", "2025-01"),
        ("Speaking in March, he said the plan worked.", "March", "2025-03"),
        ("He will leave after visiting Paris in January.", "January", "2026-01"),
        # perfect aspect is past
        ("Having returned in March, she said little.", "March", "2025-03"),
        # no cue: the nearest occurrence, as before
        ("The talks are to resume in January.", "January", "2026-01"),
    ],
)
def test_issue_12_time_direction(text, expression, value):
    assert only(text, anchor=DEC_7, expression=expression).value == value


def test_timex_since_as_because_does_not_make_past():
    # "since" as a conjunction of cause is not on the path from the date to its verb
    t = only("Since the talks will resume in January, envoys are preparing.", DEC_7, "January")
    assert t.value == "2026-01"


@pytest.mark.slow
def test_timex_an_offset_off_the_calendar_is_unresolved():
    """ "7000 years ago" is a time expression with no calendar date, not a crash."""
    found = find_timexes("The city was founded 7000 years ago, guides say.", date(2011, 2, 1))
    assert [(t.text, t.value) for t in found] == [("7000 years ago", None)]


@pytest.mark.slow
def test_timex_grouped_thousands_are_one_number():
    """ "7,000 years ago" is seven thousand years, never "000 years ago" (the publication
    year); "1,200 days later" counts 1,200 days."""
    assert [
        (t.text, t.value)
        for t in find_timexes(
            "Founded 7,000 years ago, it closed on 1 February 2011 and reopened 1,200 days later.",
            date(2011, 3, 1),
        )
    ] == [
        ("7,000 years ago", None),
        ("1 February 2011", "2011-02-01"),
        ("1,200 days later", "2014-05-16"),
    ]


def test_timex_later_counts_from_a_time_the_text_told_never_from_the_day_of_writing():
    told = find_timexes("He headed east. Three weeks later he was in London.", date(2010, 4, 16))
    assert [(t.text, t.value) for t in told] == [("Three weeks later", None)]
    earlier = find_timexes("Profit fell from a year earlier.", date(2010, 4, 16))
    assert [t.value for t in earlier] == ["2009"]


def test_timex_a_plan_verb_in_the_past_is_dated_by_its_own_day():
    (vowed,) = find_timexes("The president vowed Thursday to cut prices.", date(2011, 1, 31))
    assert vowed.value == "2011-01-27"  # the Thursday before, not after
    (leave,) = find_timexes("He planned to leave on Thursday.", date(2011, 1, 31))
    assert leave.value == "2011-02-03"


def test_timex_a_present_progressive_tells_an_arrangement_ahead():
    (friday,) = find_timexes("On Friday, the charity is flying aid to Haiti.", date(2010, 1, 25))
    assert friday.value == "2010-01-29"  # the coming Friday, not the one before


def test_timex_a_clock_time_before_its_gmt_is_no_year():
    found = find_timexes("The tremor hit at 1653 (2153 GMT) on Tuesday.", date(2010, 1, 13))
    assert "1653" not in [t.value for t in found]


def test_timex_today_or_tonight_in_a_name_is_no_day():
    found = find_timexes("He will appear on Piers Morgan Tonight Monday.", date(2011, 2, 6))
    assert [(t.text, t.value) for t in found] == [("Monday", "2011-02-07")]
