"""Words and regex pieces for ``analyze.timex``: months, weekdays, numbers, units, calendar arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date, timedelta

from dateline.months import MONTH_NUMBERS

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS = (
    {w: i for i, w in enumerate(_SMALL)}
    | _TENS
    | {
        "a": 1,
        "an": 1,
        "a couple of": 2,
        "couple of": 2,
        "a dozen": 12,
        "dozen": 12,
        "a hundred": 100,
        "one hundred": 100,
        "hundred": 100,
    }
)
# Vague quantities give an unspecified number: "several years" is PXY.
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Abbreviations may end in a dot; (?![a-z]) stands in for \b, which fails after "Jan.".
_FULL_MONTHS = [m for m in MONTH_NUMBERS if len(m) > 4 or m in ("may", "june", "july")]
MONTH = (
    r"(?:(?:"
    + _alternation(_FULL_MONTHS)
    + r")|(?:"
    + _alternation(set(MONTH_NUMBERS) - set(_FULL_MONTHS))
    + r")\.?)(?![a-z])"
)
WEEKDAY = r"(?:" + _alternation(WEEKDAYS) + r")(?![a-z])"
SEASON = r"(?:" + _alternation(SEASONS) + r")"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])(?!,\d)"
YEAR = r"(?<![\d$.,])(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_WORD_NUMBER = (
    r"(?:(?:" + _alternation(_TENS) + r")(?:[- ](?:" + _alternation(_SMALL[1:10]) + r"))?"
    r"|" + _alternation([w for w in NUMBER_WORDS if w not in _TENS]) + r")"
)
# Digits start a number, never its middle ("7,000" is not "000"); thousands may be grouped.
NUMBER = (
    r"(?:(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+1/2)?|"
    + _WORD_NUMBER
    + r"|"
    + _alternation(VAGUE_NUMBERS)
    + r")"
)
UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "weekend": "WE",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centuries": "CE",
}
UNIT = (
    r"(?:centuries|century|"
    + _alternation([u for u in UNITS if not u.startswith("centur")])
    + r")s?"
)
# TimeBank keeps "nearly", "more than" in the span but leaves out "about", "over", "only".
APPROX_MODIFIER = (
    r"(?:nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to)"
)
DURATION_MODIFIER = (
    r"(?:" + APPROX_MODIFIER + r"|another|the\s+last|the\s+past|the\s+next|the\s+first|the\s+final|"
    r"the\s+previous|the\s+coming|the\s+latest|the|past|next|first|coming)"
)


def parse_number(words: str) -> float | None:
    """The value of a number as written ("two", "twenty-four", "30", "5 1/2"); None when vague."""
    words = " ".join(words.lower().replace("-", " ").split())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\s+1/2)?", words):
        words = words.replace(",", "")
    half = words.endswith(" 1/2")
    if half:
        words = words[:-4]
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        value = float(words)
    elif words in NUMBER_WORDS:
        value = float(NUMBER_WORDS[words])
    else:
        parts = words.split()
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in NUMBER_WORDS:
            value = float(_TENS[parts[0]] + NUMBER_WORDS[parts[1]])
        else:
            return None
    return value + 0.5 if half else value


def unit_of(word: str) -> str:
    """The canonical unit name of a unit word ("Years" -> "year", "centuries" -> "century")."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def duration_value(number: float | None, unit: str) -> str:
    """An ISO 8601 duration: P2D, PT3H, P4Y, P20Y for two decades; X for a vague number."""
    if unit == "weekend":
        return "P2D" if number == 1 else "PXWE"
    if unit in ("decade", "century"):
        years = 10 if unit == "decade" else 100
        return "PX" + UNITS[unit] if number is None else f"P{_num(number * years)}Y"
    amount = "X" if number is None else _num(number)
    if number is not None and number != int(number) and unit in ("hour", "year"):
        # "5 1/2 hours" is PT5H30M, "2 1/2 years" P2Y6M: ISO 8601 has no fractions here.
        whole, rest = int(number), number % 1
        if unit == "hour":
            return f"PT{whole}H{round(rest * 60)}M"
        return f"P{whole}Y{round(rest * 12)}M"
    if unit in ("hour", "minute", "second"):
        return f"PT{amount}{UNITS[unit]}"
    return f"P{amount}{UNITS[unit]}"


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def add_months(day: date, months: int) -> date:
    """The same day of month ``months`` later (clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


# Calendar units counted in months.
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` calendar units (day, week, month, quarter, year, decade)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    return add_months(day, amount * _MONTHS_IN[unit])


def on_calendar(day: date, amount: int, unit: str) -> bool:
    """Whether ``shift(day, amount, unit)`` stays on the calendar (years 1 to 9999):
    "7000 years ago" does not."""
    days = {"day": 1, "week": 7, "weekend": 7}.get(unit)
    if days is not None:
        return 1 <= day.toordinal() + amount * days <= date.max.toordinal()
    index = day.year * 12 + day.month - 1 + amount * _MONTHS_IN[unit]
    return MINYEAR <= index // 12 <= MAXYEAR


def at_precision(day: date, unit: str) -> str:
    """``day`` written at the precision of ``unit``: 2026-01-18, 2026-W03, 2026-01, 2026-Q1, 2026."""
    if unit in ("day", "hour", "minute", "second"):
        return day.isoformat()
    if unit == "week":
        return week_value(day)
    if unit == "weekend":
        return week_value(day) + "-WE"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def holiday(name: str, year: int) -> date | None:
    """The date of a fixed or rule-based holiday in ``year``."""
    name = " ".join(name.lower().replace("’", "'").split())
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "halloween": (10, 31),
        "independence day": (7, 4),
        "valentine's day": (2, 14),
    }
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None
