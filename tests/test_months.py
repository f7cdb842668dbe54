"""Tests for dateline.months: the one table of English month names, and its readers."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dateline import months
from dateline.analyze import timex_lexicon
from dateline.analyze.timex import find_timexes
from dateline.extract import dates, text
from dateline.months import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS


def test_months_names_and_abbreviations():
    assert MONTHS == (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    assert MONTH_ABBREVIATIONS == (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    )


def test_months_numbers_hold_every_written_form_and_no_other():
    assert MONTH_NUMBERS == {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    }  # fmt: skip


def test_months_module_is_a_leaf():
    source = months.__file__
    with open(source, encoding="utf-8") as handle:
        assert not re.search(r"^\s*(?:from|import)\s+dateline", handle.read(), re.M)


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("Jan 18, 2026", 1),
        ("18 SEPT 2026", 9),
        ("Sept. 3, 2026", 9),
        ("Sep 3, 2026", 9),
        ("June 2026", 6),
        ("Jun 2, 2026", 6),
        ("3 MAY 2026", 5),
    ],
)
def test_months_dates_reads_every_form(written, month):
    [found] = dates.find_dates(written)
    assert found.month == month


def test_months_dates_needs_a_capital_and_a_known_form():
    assert dates.find_dates("may 3, 2026") == []
    assert dates.find_dates("Septem 3, 2026") == []
    assert dates.date_from_url("https://courier.example/2026/sept/03/story") == date(2026, 9, 3)


def test_months_timex_lexicon_pattern_takes_abbreviations_with_a_dot():
    month = re.compile(timex_lexicon.MONTH)
    for word in ("september", "sept.", "sep", "jun.", "may"):
        assert month.fullmatch(word), word
    assert not month.fullmatch("may.")
    assert not month.match("septa")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("It began in September.", [("September", "2025-09")]),
        ("It began in SEPTEMBER.", [("SEPTEMBER", "2025-09")]),
        ("It began in Sept.", []),
        ("It began in Jun.", []),
        ("Talks resume in May.", [("May", "2026-05")]),
        ("Talks with May went well.", []),
        ("Talks on Sept. 3 went well.", [("Sept. 3", "2025-09-03")]),
    ],
)
def test_months_timex_bare_month_must_be_spelled_out(sentence, found):
    assert [(t.text, t.value) for t in find_timexes(sentence, date(2026, 1, 18))] == found


def test_months_byline_names_leave_out_full_month_names_only():
    assert {name.lower() for name in MONTHS} <= text._NOT_NAME
    assert not {"jan", "sept", "dec"} & text._NOT_NAME
