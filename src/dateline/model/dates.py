"""Date ranges at their precision, and the one way every face writes them.

A ``DateSpan`` is what an event, a story or a time expression covers on the calendar: the
first and last day (ISO strings, so spans compare and sort as text), how precisely the
source gave it, and whether the text said it or the publication date stood in for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateline.months import MONTH_ABBREVIATIONS

# Months as every face writes them in a date: "4 Feb 2026".
MONTHS = MONTH_ABBREVIATIONS


class Precision(StrEnum):
    """How precisely a date is known, finest first."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class DatedBy(StrEnum):
    """Where a date came from: the text's own words, or the publication date."""

    TEXT = "text"
    PUBLICATION = "publication"


# What a label says before days only a publication date gives.
REPORTED = "reported"


@dataclass(frozen=True)
class DateSpan:
    """A range of days at a precision: ``start`` and ``end`` are ISO days, inclusive."""

    start: str
    end: str
    precision: Precision = Precision.DAY
    dated_by: DatedBy = DatedBy.TEXT

    @classmethod
    def day(cls, day: str, dated_by: DatedBy = DatedBy.TEXT) -> DateSpan:
        return cls(day, day, Precision.DAY, dated_by)

    @classmethod
    def parse(cls, value: str | None, date_from: str | None) -> DateSpan | None:
        """A time expression's value (``2026-02-04``, ``2026-W06``, ``2026-02``, ``2026``)
        as a span; ``date_from`` ``timex`` means the text gave it, anything else that the
        publication date did. None when the value is not on the calendar."""
        if not value or not value[:4].isdigit():
            return None
        dated_by = DatedBy.TEXT if date_from == "timex" else DatedBy.PUBLICATION
        try:
            if len(value) >= 10 and value[4] == "-" and value[7] == "-":
                return cls.day(date.fromisoformat(value[:10]).isoformat(), dated_by)
            if len(value) >= 8 and value[5] == "W":
                monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
                return cls(
                    monday.isoformat(),
                    (monday + timedelta(days=6)).isoformat(),
                    Precision.WEEK,
                    dated_by,
                )
            if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
                first = date(int(value[:4]), int(value[5:7]), 1)
                last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
                return cls(first.isoformat(), last.isoformat(), Precision.MONTH, dated_by)
        except ValueError:
            return None
        return cls(f"{value[:4]}-01-01", f"{value[:4]}-12-31", Precision.YEAR, dated_by)

    @classmethod
    def from_list(cls, values: list[str]) -> DateSpan:
        """The span from its stored form ``[start, end, precision, dated_by]``."""
        start, end, precision, dated_by = values
        return cls(start, end, Precision(precision), DatedBy(dated_by))

    def to_list(self) -> list[str]:
        """The stored form: ``[start, end, precision, dated_by]``."""
        return [self.start, self.end, str(self.precision), str(self.dated_by)]

    @property
    def stated_day(self) -> bool:
        """Whether the text itself puts it on one precise day."""
        return self.precision is Precision.DAY and self.dated_by is DatedBy.TEXT

    def label(self) -> str:
        """The range at its precision: "4-5 Feb 2026", "Dec 2025", "week of 12 Jan 2026";
        days no text states, only its publication, as that: "reported 29 Jan 2010" (when
        the news came, not necessarily when it happened)."""
        days = self._days()
        return f"{REPORTED} {days}" if self.dated_by is DatedBy.PUBLICATION else days

    def _days(self) -> str:
        first, last = date.fromisoformat(self.start), date.fromisoformat(self.end)
        if self.precision is Precision.YEAR:
            return str(first.year)
        if self.precision is Precision.MONTH:
            return f"{MONTHS[first.month - 1]} {first.year}"
        if self.precision is Precision.WEEK:
            return f"week of {day_label(first)}"
        if first == last:
            return day_label(first)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}-{day_label(last)}"
        if first.year == last.year:
            return f"{first.day} {MONTHS[first.month - 1]} - {day_label(last)}"
        return f"{day_label(first)} - {day_label(last)}"


def day_label(day: date | str) -> str:
    """One day as every face writes it: "4 Feb 2026"."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def label(
    start: str | None,
    end: str | None = None,
    precision: str | None = Precision.DAY,
    dated_by: str | None = DatedBy.TEXT,
) -> str:
    """A possibly open range's label ("undated" without a start)."""
    if not start:
        return "undated"
    return DateSpan(
        start, end or start, Precision(precision or Precision.DAY), DatedBy(dated_by or "text")
    ).label()
