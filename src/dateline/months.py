"""English month names: the one table every part of dateline reads.

A leaf module: it imports nothing from dateline, so any layer may use it.
"""

from __future__ import annotations

MONTHS = (
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
# As the views print them ("4 Feb 2026").
MONTH_ABBREVIATIONS = (
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
# Every lower-case form read as a month, to its number: full names, abbreviations and "sept".
MONTH_NUMBERS = {
    form: number
    for number, (name, short) in enumerate(zip(MONTHS, MONTH_ABBREVIATIONS), start=1)
    for form in (name.lower(), short.lower())
} | {"sept": 9}
