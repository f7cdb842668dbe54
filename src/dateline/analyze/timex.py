"""Time expressions found in a text and put on the calendar (TIMEX3 type and value).

Rules are regular expressions over the text (``_RULES``, most specific first); each match
is resolved by a small function against one of two anchors:

* the publication date, for deictic expressions ("yesterday", "last week", "on Sunday",
  "Dec 6"): news writes relative to the day it appears;
* the narrative date, for anaphoric ones ("the next day", "two days later", "that
  morning"): the last day-precise date the text mentioned, else the publication date.

Direction of ambiguous expressions (a bare weekday, a month-day without year, a bare
month, a holiday) comes from the tense of the governing verb in the spaCy parse: past
(VBD, VBN, perfect has/had/having) picks the occurrence on or before the anchor, future
(will/shall, "is scheduled/expected to") the one on or after, and no cue the nearest one.
"since" between the expression and its verb ("since January", "since a fire in March",
"since returning to office in January") makes it past whatever the verb: it starts a
state that lasts until the time of writing. A gerund clause ("after returning in
January", "Speaking in March, ...") has no tense of its own and takes the tense of the
clause it hangs from. A bare weekday is taken within six days of the anchor, so "said
Thursday" in a Thursday article is that Thursday.

Not time expressions here: ordinary nouns that only look temporal ("the next phase", "a
new era"), clock times without a.m./p.m., and "current" alone; vague plural units count
only after a preposition of extent ("for years").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum, StrEnum
from typing import TYPE_CHECKING

from dateline.analyze.nlp import parse, sentence_of
from dateline.analyze.timex_lexicon import (
    APPROX_MODIFIER,
    DAY,
    DURATION_MODIFIER,
    MONTH,
    NUMBER,
    PARTS_OF_DAY,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    add_months,
    at_precision,
    duration_value,
    holiday,
    on_calendar,
    parse_number,
    quarter_of,
    shift,
    unit_of,
    week_value,
)
from dateline.model import TimeExpression, TimexType
from dateline.months import MONTH_NUMBERS, MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)


class Direction(StrEnum):
    """Which side of the anchor an ambiguous expression lies on; None where no cue says."""

    PAST = "past"
    FUTURE = "future"


class _NonFinite(Enum):
    """A verb without tense of its own: the verb above decides."""

    INFINITIVE = "infinitive"  # "to leave": only a plan or future above makes it future
    GERUND = "gerund"  # "after leaving", "leaving early": shares the tense above


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_PAST_AUX = frozenset({"has", "have", "had", "having", "'ve", "'d", "did"})
# A preposition that makes its object the start of a state lasting until now.
_SINCE = "since"
# Verbs whose present or passive form announces something ahead ("is scheduled to vote").
# The present of "be": with a participle, an arrangement ("is flying on Friday").
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_PLAN_VERBS = frozenset(
    {
        "schedule",
        "plan",
        "expect",
        "set",
        "due",
        "intend",
        "aim",
        "hope",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "propose",
        "seek",
    }
)
# Words before a bare year that make it a date rather than a quantity ("in 2022", "fiscal 1989").
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|of|from|to|through|during|before|after|fiscal|early|late|"
    r"year|and|or|between|for|around|about|spring|summer|fall|autumn|winter|as|at|the|'s)\s+|mid-)$",
    re.IGNORECASE,
)
_EXTENT_CONTEXT = re.compile(
    r"\b(?:for|over|in|within|after|took|take|takes|lasted|last|spent)\s+$", re.IGNORECASE
)
_AGED_THINGS = frozenset(
    {
        "war",
        "conflict",
        "crisis",
        "dispute",
        "ban",
        "ceasefire",
        "truce",
        "blockade",
        "embargo",
        "siege",
        "occupation",
        "insurgency",
        "uprising",
        "rebellion",
        "revolution",
        "strike",
        "standoff",
        "feud",
        "rivalry",
        "campaign",
        "investigation",
        "probe",
        "case",
        "policy",
        "program",
        "programme",
        "law",
        "agreement",
        "deal",
        "treaty",
        "pact",
        "government",
        "regime",
        "coalition",
        "moratorium",
        "freeze",
        "boycott",
        "protest",
        "movement",
        "effort",
        "search",
        "process",
        "talks",
        "negotiation",
        "recession",
        "slump",
        "boom",
        "drought",
        "famine",
        "epidemic",
        "pandemic",
        "outbreak",
        "shutdown",
        "lockdown",
        "sanction",
        "restriction",
        "mission",
        "operation",
        "offensive",
        "invasion",
        "presidency",
        "administration",
        "marriage",
        "tradition",
    }
)
_SET_CONTEXT = re.compile(
    r"(?:\d|%|\bonce|\btwice|\btimes|\bpercent|\bcents?|\bdollars?)\s*$", re.IGNORECASE
)


@dataclass
class _Context:
    """What a resolver needs besides its match: the parse, the anchors, the tense cues."""

    text: str
    doc: Doc
    anchor: date | None
    narrative: date | None = None
    # The last date mentioned at any precision ("in 1992": 1992-01-01, "year"), when it is
    # coarser than a day and came after the narrative date.
    coarse: tuple[date, str] | None = None
    quarter: str | None = None  # the last quarter named ("2026-Q1"), for "a year earlier"
    _directions: dict[tuple[int, int], Direction | None] = field(default_factory=dict)

    def direction(self, start: int, end: int) -> Direction | None:
        """Past/future/None from the tense of the verb governing the span."""
        key = (start, end)
        if key not in self._directions:
            self._directions[key] = _tense(self.doc, start, end)
        return self._directions[key]

    def in_quarter_talk(self, start: int) -> bool:
        """Whether the sentence at ``start`` or the one before compares quarters or periods."""
        sent = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if sent is None or self.quarter is None:
            return False
        sent = sentence_of(self.doc, sent.start)
        begin = sent.start_char
        if sent.start > 0:
            begin = sentence_of(self.doc, sent.start - 1).start_char
        return bool(re.search(r"quarter|period", self.text[begin : sent.end_char], re.IGNORECASE))

    @property
    def story_day(self) -> date | None:
        return self.narrative or self.anchor

    @property
    def told(self) -> bool:
        """Whether the text has given a date of its own so far."""
        return self.narrative is not None or self.coarse is not None

    def counted_from(self, unit: str) -> date | None:
        """The date "a year later", "the next day" count from: the last date the text
        mentioned, else the publication date. After a year or a month ("formed in 1992
        ... a year later"), only a unit as coarse counts from it; a finer one has no
        day to count from (None)."""
        if self.coarse is None:
            return self.story_day
        day, precision = self.coarse
        return day if _COARSENESS.get(unit, 0) >= _COARSENESS[precision] else None

    def mentioned(self, value: str, *, counted: bool) -> None:
        """Note a date the text gave, for the anaphoric expressions after it. A day
        ``counted`` from another ("the next day") moves the narrative on; a year or a
        month counted ("a year earlier") does not: the next one counts from the same."""
        if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
            self.narrative, self.coarse = date.fromisoformat(value[:10]), None
        elif not counted and re.fullmatch(r"\d{4}(-\d\d)?", value):
            year, _, month = value.partition("-")
            self.coarse = (date(int(year), int(month or 1), 1), "month" if month else "year")


# How coarse a unit is, to count "a year later" from a year the text named.
_COARSENESS = {"day": 1, "week": 2, "weekend": 2, "month": 3, "quarter": 4, "year": 5}


@dataclass(frozen=True)
class _Found:
    type: TimexType
    value: str | None
    anchor: date | None = None


Resolver = Callable[[re.Match, _Context], _Found]
Accept = Callable[[re.Match, _Context], bool]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    accept: Accept | None = None


def find_timexes(text: str, anchor: date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """Time expressions in ``text``, in text order, with TIMEX3 type and value.

    Args:
        text: the text; offsets of the results index into it.
        anchor: the publication date. None when unknown: expressions that need it get
            value None, absolute dates ("Jan 18, 2026", "in 2022") still resolve.
        doc: spaCy parse of ``text`` (sentences, tags, dependencies), parsed here if None.

    Returns:
        Non-overlapping expressions; the longest match wins where rules overlap.
    """
    if doc is None:
        doc = parse(text)
    ctx = _Context(text, doc, anchor)
    candidates = []
    for priority, rule in enumerate(_RULES):
        for match in rule.pattern.finditer(text):
            start, end = _trim(text, *match.span())
            if end > start and (rule.accept is None or rule.accept(match, ctx)):
                candidates.append((start, end, priority, match))
    chosen: list[tuple[int, int, int, re.Match]] = []
    taken = bytearray(len(text))
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if not any(taken[cand[0] : cand[1]]):
            taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
            chosen.append(cand)
    found = []
    for start, end, priority, match in sorted(chosen):
        rule = _RULES[priority]
        result = rule.resolve(match, ctx)
        found.append(
            TimeExpression(
                start, end, text[start:end], result.type, result.value, rule.name, result.anchor
            )
        )
        if result.value and result.type in ("DATE", "TIME"):
            ctx.mentioned(result.value, counted=rule.resolve in _COUNTED)
    logger.debug("%d time expressions", len(found))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces or a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# -- tense ----------------------------------------------------------------------------


def _tense(doc: Doc, start: int, end: int) -> Direction | None:
    """Past, future or None for the clause holding the span, from the verb governing it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = root = span.root  # spaCy makes a new Token on each access: compare indices
    on_noun = False
    for _ in range(10):
        if token.lower_ == _SINCE and token.i not in range(span.start, span.end):
            # "since January", "since a fire in March", "since returning ... in January"
            return Direction.PAST
        if token.pos_ in ("VERB", "AUX"):
            if _verb_tense(token) is not _NonFinite.GERUND or token.head.lemma_ in _PLAN_VERBS:
                break
            # "after returning in January, he has": the clause above gives the tense.
        elif token.i != root.i and token.pos_ == "NOUN" and token.dep_ != "npadvmod":
            # "a ceremony on March 12", "a cutback in September": the date belongs to a
            # noun, and the clause's tense says little about it. (Not a proper noun:
            # "struck Kyiv on Sunday" is mostly a misattached adverbial.) Only a "since"
            # above still decides.
            on_noun = True
        if token.head.i == token.i:
            break
        token = token.head
    if on_noun:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return _sentence_tense(sentence_of(span.doc, span.start))
    if token.tag_ == "VBD" and token.lemma_ in _PLAN_VERBS and _hangs_from(root, token):
        return Direction.PAST  # "vowed Thursday to cut prices": the day of the vow
    direction = _verb_tense(token)
    if direction in (_NonFinite.INFINITIVE, _NonFinite.GERUND):
        # "planned to leave on Thursday" is ahead of the plan; "ordered to appear on
        # Feb. 10" could be either side, so only a future or plan verb above decides.
        head = token.head
        if head.lemma_ in _PLAN_VERBS or _verb_tense(head) is Direction.FUTURE:
            return Direction.FUTURE
        return None
    return direction


def _hangs_from(token: Token, verb: Token) -> bool:
    """Whether ``token`` depends on ``verb`` itself, directly or through a preposition."""
    head = token.head
    return head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)


def _verb_tense(verb) -> Direction | _NonFinite | None:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & _FUTURE_AUX or (verb.lower_ in _FUTURE_AUX and verb.tag_ == "MD"):
        return Direction.FUTURE
    if verb.lemma_ in _PLAN_VERBS:
        # "had been due to expire Friday"
        return Direction.PAST if "had" in words else Direction.FUTURE
    if verb.tag_ in ("VB", "VBG") and "to" in words and verb.head.i != verb.i:
        return _NonFinite.INFINITIVE
    if any(a.tag_ == "MD" for a in aux):  # "must be returned by Jan. 14": a modal, no tense
        return None
    if any(a.tag_ == "VBD" for a in aux) or words & _PAST_AUX:
        return Direction.PAST
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not aux):
        return Direction.PAST
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
        return _NonFinite.GERUND if not aux else None
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        return Direction.FUTURE  # "is flying to Haiti on Friday": an arrangement ahead
    return None


def _sentence_tense(sent) -> Direction | None:
    for token in sent:
        if token.tag_ == "MD" and token.lower_ in _FUTURE_AUX:
            return Direction.FUTURE
    if any(token.tag_ == "VBD" for token in sent):
        return Direction.PAST
    return None


def _pick(options: list[date], anchor: date, direction: Direction | None) -> date:
    """The option on the side of ``anchor`` that ``direction`` says, else the nearest."""
    if direction is Direction.PAST:
        before = [d for d in options if d <= anchor]
        if before:
            return max(before)
    elif direction is Direction.FUTURE:
        after = [d for d in options if d >= anchor]
        if after:
            return min(after)
    return min(options, key=lambda d: (abs((d - anchor).days), d))


# -- resolvers --------------------------------------------------------------------------


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    digits = re.match(r"\d+", word)
    assert digits is not None  # DAY starts with its digits
    return int(digits.group())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_date(m: re.Match, ctx: _Context) -> _Found:
    g = m.groupdict()
    if g.get("iso"):
        y, mo, d = (int(x) for x in g["iso"].split("-"))
    elif g.get("us"):
        mo, d, y = (int(x) for x in g["us"].split("/"))
    else:
        y, mo, d = int(g["year"]), _month(g["month"]), _day(g["day"])
    day = _safe_date(y, mo, d)
    return _Found("DATE", day.isoformat() if day else None)


def _month_day(m: re.Match, ctx: _Context) -> _Found:
    month, day = _month(m["month"]), _day(m["day"])
    if ctx.anchor is None:
        return _Found("DATE", None)
    options = [
        d
        for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
        if (d := _safe_date(y, month, day))
    ]
    if not options:
        return _Found("DATE", None, ctx.anchor)
    picked = _pick(options, ctx.anchor, ctx.direction(*m.span()))
    return _Found("DATE", picked.isoformat(), ctx.anchor)


def _month_year(m: re.Match, ctx: _Context) -> _Found:
    return _Found("DATE", f"{int(m['year']):04d}-{_month(m['month']):02d}")


def _bare_month(m: re.Match, ctx: _Context) -> _Found:
    month = _month(m["month"])
    if ctx.anchor is None:
        return _Found("DATE", None)
    a = ctx.anchor
    rel, year_rel = (m["rel"] or "").lower(), (m["yrel"] or "").lower()
    if year_rel:
        year = a.year + {"this": 0, "last": -1, "next": 1}[year_rel]
    elif rel in ("last", "past"):
        year = a.year if month < a.month else a.year - 1
    elif rel in ("next", "coming"):
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        firsts = [date(y, month, 1) for y in (a.year - 1, a.year, a.year + 1)]
        year = _pick(firsts, a.replace(day=1), ctx.direction(*m.span())).year
    return _Found("DATE", f"{year:04d}-{month:02d}", a)


def _weekday(m: re.Match, ctx: _Context) -> _Found:
    if ctx.anchor is None:
        return _Found("DATE", None)
    target = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    day = _weekday_date(ctx.anchor, target, rel, ctx.direction(*m.span()))
    part = m.groupdict().get("part")
    if part:
        return _Found("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part.lower()]}", ctx.anchor)
    return _Found("DATE", day.isoformat(), ctx.anchor)


def _weekday_date(anchor: date, target: int, rel: str, direction: Direction | None) -> date:
    ahead = (target - anchor.weekday()) % 7  # 0..6 days forward
    if rel in ("last", "past"):
        return anchor - timedelta(days=(7 - ahead) if ahead else 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if rel == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=target)
    options = [anchor + timedelta(days=ahead), anchor - timedelta(days=(7 - ahead) % 7)]
    return _pick(options, anchor, direction)


def _clock(m: re.Match, ctx: _Context) -> _Found:
    g = m.groupdict()
    if g.get("word"):
        hour, minute = (12, 0) if g["word"].lower() == "noon" else (0, 0)
    else:
        hour, minute = int(g["hour"]) % 12, int(g["minute"] or 0)
        if g["ampm"].lower().startswith("p"):
            hour += 12
    if ctx.anchor is None:
        return _Found("TIME", None)
    day = ctx.anchor
    if g.get("weekday"):
        day = _weekday_date(
            ctx.anchor, WEEKDAYS[g["weekday"].lower()], "", ctx.direction(*m.span())
        )
    elif g.get("rday"):
        day = ctx.anchor + timedelta(
            days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["rday"].lower()]
        )
    return _Found("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", ctx.anchor)


_DAY_OFFSETS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "overnight": -1,
    "last night": -1,
    "this": 0,
}


def _relative_day(m: re.Match, ctx: _Context) -> _Found:
    words = " ".join(m[0].lower().split())
    part = None
    for word, code in PARTS_OF_DAY.items():
        if words.endswith(word):
            part = code
    base = (
        "last night"
        if words == "last night"
        else next(
            (
                w
                for w in (
                    "the day before yesterday",
                    "the day after tomorrow",
                    "today",
                    "yesterday",
                    "tomorrow",
                    "tonight",
                    "overnight",
                    "this",
                )
                if w in words
            ),
            "today",
        )
    )
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(
        base, _DAY_OFFSETS.get(base, 0)
    )
    if ctx.anchor is None:
        return _Found("TIME" if part else "DATE", None)
    day = (ctx.anchor + timedelta(days=offset)).isoformat()
    if (part and base != "tonight") or base in ("tonight", "overnight", "last night"):
        return _Found("TIME", f"{day}T{part or 'NI'}", ctx.anchor)
    return _Found("DATE", day, ctx.anchor)


_REL_SHIFT = {
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
}


def _relative_period(m: re.Match, ctx: _Context) -> _Found:
    unit = m["unit"].lower()
    if ctx.anchor is None:
        return _Found("DATE", None)
    amount = _REL_SHIFT[m["rel"].lower()]
    if unit in SEASONS:
        return _Found("DATE", _season(ctx.anchor, SEASONS[unit], amount), ctx.anchor)
    day = shift(ctx.anchor, amount, unit)
    return _Found("DATE", at_precision(day, unit), ctx.anchor)


def _weekend(m: re.Match, ctx: _Context) -> _Found:
    """ "the weekend": the one just past, unless the verb looks ahead."""
    if ctx.anchor is None:
        return _Found("DATE", None)
    saturday = ctx.anchor + timedelta(days=(5 - ctx.anchor.weekday()) % 7)
    ahead = ctx.direction(*m.span()) is Direction.FUTURE
    if not ahead and saturday > ctx.anchor + timedelta(days=1):
        saturday -= timedelta(days=7)
    return _Found("DATE", week_value(saturday) + "-WE", ctx.anchor)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(anchor: date, code: str, amount: int) -> str:
    """Season ``code`` this year (0), the last one over before ``anchor`` (-1), or the next to begin (1)."""

    def bounds(year: int) -> tuple[date, date]:
        start = date(year, _SEASON_START[code], 1)
        return start, add_months(start, 3)

    years = range(anchor.year - 2, anchor.year + 2)
    if amount < 0:
        year = max(y for y in years if bounds(y)[1] <= anchor)
    elif amount > 0:
        year = min(y for y in years if bounds(y)[0] > anchor)
    else:
        # Winter begins in December: in January or February "this winter" began last year.
        year = anchor.year - 1 if code == "WI" and anchor.month < 3 else anchor.year
    return f"{year:04d}-{code}"


def _offset(m: re.Match, ctx: _Context) -> _Found:
    number = parse_number(m["num"])
    unit = unit_of(m["unit"])
    direction = " ".join(m["dir"].lower().split())
    sign = 1 if direction in ("later", "from now", "hence") else -1
    deictic = direction in ("ago", "from now", "hence")  # counted from the day of writing
    # "three weeks later" counts on from a time the text told, never from the day of
    # writing ("a year earlier" compares with it: "profit fell from a year earlier")
    told = ctx.told or sign < 0
    base = ctx.anchor if deictic else ctx.counted_from(unit) if told else None
    if number is None:
        return _Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if base is None:
        return _Found("DATE", None)
    if unit in ("hour", "minute", "second"):
        return _Found("DATE", base.isoformat(), base)
    if (
        unit == "year"
        and number == 1
        and sign < 0
        and ctx.in_quarter_talk(m.start())
        and ctx.quarter is not None  # in_quarter_talk is False without a quarter
    ):
        return _Found("DATE", _year_before(ctx.quarter), base)
    if not on_calendar(base, sign * int(number), unit):
        return _Found("DATE", None)  # "7000 years ago": a time, but no calendar date
    day = shift(base, sign * int(number), "week" if unit == "weekend" else unit)
    return _Found("DATE", at_precision(day, unit), base)


_NARRATIVE_SHIFT = {
    "next": 1,
    "following": 1,
    "after": 1,
    "later": 1,
    "previous": -1,
    "preceding": -1,
    "before": -1,
    "earlier": -1,
    "that": 0,
    "same": 0,
}


def _narrative(m: re.Match, ctx: _Context) -> _Found:
    words = m[0].lower().split()
    unit = next(w for w in words if w in UNITS or w in PARTS_OF_DAY)
    amount = next((v for w, v in _NARRATIVE_SHIFT.items() if w in words), 0)
    base = ctx.counted_from("day" if unit in PARTS_OF_DAY else unit)
    if base is None:
        return _Found("DATE", None)
    if unit in PARTS_OF_DAY:
        day = shift(base, amount, "day")
        return _Found("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", base)
    return _Found("DATE", at_precision(shift(base, amount, unit), unit), base)


def _duration(m: re.Match, ctx: _Context) -> _Found:
    unit = unit_of(m["unit"])
    number = parse_number(m["num"])
    return _Found("DURATION", duration_value(number, unit))


def _vague_duration(m: re.Match, ctx: _Context) -> _Found:
    return _Found("DURATION", duration_value(None, unit_of(m["unit"])))


def _year(m: re.Match, ctx: _Context) -> _Found:
    return _Found("DATE", m["year"])


def _decade(m: re.Match, ctx: _Context) -> _Found:
    digits = m["decade"] or ("19" if m["short"] >= "30" else "20") + m["short"]  # "the '90s"
    return _Found("DATE", digits[:3])


def _century(m: re.Match, ctx: _Context) -> _Found:
    return _Found("DATE", f"{int(m['n']) - 1:02d}")


def _season_year(m: re.Match, ctx: _Context) -> _Found:
    return _Found("DATE", f"{m['year']}-{SEASONS[m['season'].lower()]}")


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _quarter(m: re.Match, ctx: _Context) -> _Found:
    rel = (m["rel"] or "").lower()
    if m["year"]:
        year = int(m["year"])
        return _Found("DATE", f"{year}-Q{_ORDINALS[m['ord'].lower()]}" if m["ord"] else str(year))
    if ctx.anchor is None:
        return _Found("DATE", None)
    a = ctx.anchor
    back = 1 if rel in ("year-ago", "year-earlier") or (m["yrel"] or "").lower() == "last" else 0
    if m["ord"]:
        q = _ORDINALS[m["ord"].lower()]
        year = a.year
        if not back and q > quarter_of(a) and ctx.direction(*m.span()) is not Direction.FUTURE:
            year -= 1
        ctx.quarter = f"{year - back}-Q{q}"
        return _Found("DATE", ctx.quarter, a)
    # WSJ usage: "the quarter" / "the latest quarter" is the last one reported, i.e. finished.
    months = {"current": 0, "this": 0, "next": 3, "coming": 3}.get(rel, -3)
    day = add_months(a, months - 12 * back)
    ctx.quarter = f"{day.year}-Q{quarter_of(day)}"
    return _Found("DATE", ctx.quarter, a)


def _half(m: re.Match, ctx: _Context) -> _Found:
    half = 1 if m["ord"].lower() == "first" else 2
    if m["year"]:
        return _Found("DATE", f"{m['year']}-H{half}")
    if ctx.anchor is None:
        return _Found("DATE", None)
    year = ctx.anchor.year
    if half == 2 and ctx.anchor.month <= 6 and ctx.direction(*m.span()) is not Direction.FUTURE:
        year -= 1
    return _Found("DATE", f"{year}-H{half}", ctx.anchor)


def _year_earlier(m: re.Match, ctx: _Context) -> _Found:
    if ctx.anchor is None:
        return _Found("DATE", None)
    if ctx.in_quarter_talk(m.start()) and ctx.quarter is not None:
        return _Found("DATE", _year_before(ctx.quarter), ctx.anchor)
    return _Found("DATE", str(ctx.anchor.year - 1), ctx.anchor)


def _year_before(quarter: str) -> str:
    """The same quarter a year earlier: financial news compares "the quarter" with "a year ago"."""
    year, q = quarter.split("-")
    return f"{int(year) - 1}-{q}"


_REFS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}


def _reference(m: re.Match, ctx: _Context) -> _Found:
    words = " ".join(m[0].lower().split())
    past = words.startswith("recent") or words.endswith(" ago")
    value = _REFS.get(words) or ("PAST_REF" if past else "PRESENT_REF")
    return _Found("DATE", value)


_SET_UNITS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "hourly": "PT1H",
}


def _set(m: re.Match, ctx: _Context) -> _Found:
    word = (m["unit"] or m["adverb"]).lower()
    if word in _SET_UNITS:
        return _Found("SET", _SET_UNITS[word])
    if word in WEEKDAYS:
        return _Found("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    if word in PARTS_OF_DAY:
        return _Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")
    return _Found("SET", duration_value(1, unit_of(word)))


def _holiday(m: re.Match, ctx: _Context) -> _Found:
    name = m["name"]
    if m["year"]:
        day = holiday(name, int(m["year"]))
        return _Found("DATE", day.isoformat() if day else None)
    if ctx.anchor is None:
        return _Found("DATE", None)
    options = [
        d
        for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
        if (d := holiday(name, y))
    ]
    day = _pick(options, ctx.anchor, ctx.direction(*m.span()))
    return _Found("DATE", day.isoformat(), ctx.anchor)


# -- acceptance checks ------------------------------------------------------------------


def _capitalised_month(m: re.Match, ctx: _Context) -> bool:
    """Month names count when capitalised ("may", "march" are verbs)."""
    return m["month"][0].isupper()


_FULL_MONTH_NAMES = frozenset(name.lower() for name in MONTHS)


def _full_month_name(m: re.Match, ctx: _Context) -> bool:
    """A bare month must be spelled out ("Jan" alone is more often a name); "May" needs a cue."""
    word = m["month"]
    if word.lower() not in _FULL_MONTH_NAMES or not word[0].isupper():
        return False
    if word.lower() == "may" and not (m["rel"] or m["pos"] or m["yrel"]):
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        return bool(
            re.search(
                r"\b(?:in|since|by|until|of|from|through|to|before|after|during|"
                r"early|late|mid-)\s*$",
                before,
                re.IGNORECASE,
            )
        )
    return True


def _capitalised_weekday(m: re.Match, ctx: _Context) -> bool:
    return m["weekday"][0].isupper()


# What follows a four-digit clock time.
_CLOCK_AFTER = re.compile(
    r"\s*(?:local\s+time|GMT|UTC|BST|[ECMP][SD]T|hrs\b|hours\b|\(\d{3,4}\s*(?:GMT|UTC|BST)\b)"
)
# Nouns a holiday's name may come before and still name the day.
_DAY_PARTS = frozenset(
    {"day", "eve", "morning", "afternoon", "evening", "night", "holiday", "holidays", "period"}
)


def _modifies_a_noun(m: re.Match, ctx: _Context) -> bool:
    """ "Christmas card list", "the Christmas finale": the name modifies a noun (not one of
    the day's parts), so it names no day."""
    span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    following = ctx.doc[last.i + 1] if last.i + 1 < len(ctx.doc) else None
    return (
        following is not None
        and following.pos_ == "NOUN"
        and following.is_lower
        and following.lemma_ not in _DAY_PARTS
    )


def _outside_a_name(m: re.Match, ctx: _Context) -> bool:
    """Not a capitalised "Today" or "Tonight" after a capitalised word: a programme's or a
    paper's name ("Piers Morgan Tonight", "USA Today")."""
    if not m[0][0].isupper():
        return True
    before = ctx.text[: m.start()].rstrip().rsplit(None, 1)
    return not (before and before[-1][:1].isupper() and before[-1][-1:].isalnum())


def _dated_year(m: re.Match, ctx: _Context) -> bool:
    """A four-digit number is a year after "in", "since", "fiscal"... or inside a DATE entity;
    never a clock time ("at 1653 local time", "1200 GMT", "at 1653 (2153 GMT)")."""
    if _CLOCK_AFTER.match(ctx.text, m.end()):
        return False
    if m["prefix"]:
        return True
    if _YEAR_CONTEXT.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return True
    span = ctx.doc.char_span(m.start("year"), m.end("year"), alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "DATE" for t in span)


def _real_duration(m: re.Match, ctx: _Context) -> bool:
    """Not "a second time", "a quarter of the shares", a rate ("$5 a day" is a SET) nor an age."""
    num, unit = m["num"].lower(), unit_of(m["unit"])
    if m[0].lower().endswith("old"):
        # A person's age is no time expression; a conflict's is ("the four-year-old war").
        after = re.match(r"[\s-]+([a-z]+)", ctx.text[m.end() :].lower())
        return after is not None and after.group(1).rstrip("s") in _AGED_THINGS
    if num in ("a", "an", "one") and unit == "second":
        return False
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end() :]):
        return False
    if num in ("a", "an") and _SET_CONTEXT.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return False
    return True


def _after_extent(m: re.Match, ctx: _Context) -> bool:
    return bool(_EXTENT_CONTEXT.search(ctx.text[max(0, m.start() - 10) : m.start()]))


def _rate(m: re.Match, ctx: _Context) -> bool:
    """ "a day" is a SET only as a rate ("twice a day", "$5 a day"); "every day" always is."""
    if m[0].lower().startswith("a "):
        return bool(_SET_CONTEXT.search(ctx.text[max(0, m.start() - 12) : m.start()]))
    return True


def _quarter_noun(m: re.Match, ctx: _Context) -> bool:
    """ "the third quarter" but not "a quarter of the shares" or "the quarter point"."""
    cued = m["ord"] or m["rel"] or m["yrel"] or m[0].lower().startswith("the ")
    return bool(cued) and not re.match(r"\s+(?:of|point|hour|mile)\b", ctx.text[m.end() :])


# -- the rules --------------------------------------------------------------------------

_I = re.IGNORECASE
_B = r"(?<![\w-])"  # a word start that also excludes "re-" or "mid-" compounds
_WD_PREFIX = r"(?:" + WEEKDAY + r",?\s+)?"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_ZONE = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET)\b)?"


def _r(pattern: str) -> re.Pattern:
    return re.compile(_B + pattern + r"(?!\w)", _I)


_MONTH_DAY = r"(?P<month>" + MONTH + r")\s*(?P<day>" + DAY + r")"
_DAY_MONTH = r"(?P<day>" + DAY + r")\s+(?:of\s+)?(?P<month>" + MONTH + r")"
_YEAR_TAIL = r",?\s+(?P<year>" + YEAR + r")"

# Resolvers that count from another date the text gave.
_COUNTED: frozenset[Resolver] = frozenset({_offset, _narrative, _year_earlier})

_RULES: list[_Rule] = [
    _Rule("date-full", _r(_WD_PREFIX + _MONTH_DAY + _YEAR_TAIL), _full_date, _capitalised_month),
    _Rule("date-full", _r(_WD_PREFIX + _DAY_MONTH + _YEAR_TAIL), _full_date, _capitalised_month),
    _Rule(
        "date-iso",
        _r(r"(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)|(?P<us>[01]?\d/[0-3]?\d/(?:19|20)\d\d))"),
        _full_date,
    ),
    _Rule("month-day", _r(_WD_PREFIX + _MONTH_DAY), _month_day, _capitalised_month),
    _Rule("month-day", _r(_WD_PREFIX + _DAY_MONTH), _month_day, _capitalised_month),
    _Rule(
        "month-year",
        _r(
            r"(?:(?:early|late|mid)(?:-|\s+))?(?P<month>"
            + MONTH
            + r"),?\s+(?:of\s+)?(?P<year>"
            + YEAR
            + r")"
        ),
        _month_year,
        _capitalised_month,
    ),
    _Rule(
        "month",
        _r(
            r"(?:(?P<pos>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|"
            r"end|beginning)(?:-|\s+)(?:of\s+)?)?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<month>"
            + MONTH
            + r")(?:\s+(?P<yrel>this|last|next)\s+year)?"
        ),
        _bare_month,
        _full_month_name,
    ),
    _Rule(
        "clock",
        _r(
            r"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"
            r"|(?P<word>noon|midnight))"
            + _ZONE
            + r"(?:,?\s+(?:on\s+)?(?:(?P<weekday>"
            + WEEKDAY
            + r")|(?P<rday>today|yesterday|tomorrow)))?"
        ),
        _clock,
    ),
    _Rule(
        "weekday",
        _r(r"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>" + WEEKDAY + r")" + _PART),
        _weekday,
        _capitalised_weekday,
    ),
    _Rule(
        "relative-day",
        _r(
            r"(?:(?:late|early)\s+)?(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+"
            r"tomorrow|(?:today|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
            r"|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening))"
        ),
        _relative_day,
        _outside_a_name,
    ),
    _Rule(
        "relative-period",
        _r(
            r"(?:(?:earlier|later|early|late|mid)(?:-|\s+))?(?P<rel>this|last|next|past|"
            r"previous|coming|current)\s+(?P<unit>week|weekend|month|year|quarter|decade|"
            + SEASON
            + r")"
        ),
        _relative_period,
    ),
    _Rule("weekend", _r(r"the\s+weekend"), _weekend),
    _Rule(
        "offset",
        _r(
            r"(?:"
            + APPROX_MODIFIER
            + r"\s+)?(?P<num>"
            + NUMBER
            + r")(?:\s+|-)(?P<unit>"
            + UNIT
            + r")\s+(?P<dir>ago|earlier|later|from\s+now|"
            r"hence)"
        ),
        _offset,
    ),
    _Rule(
        "narrative",
        _r(
            r"(?:later\s+|earlier\s+)?(?:the\s+(?:next|following|previous|preceding|same)\s+"
            r"(?:day|morning|afternoon|evening|night|week|month|year)|the\s+(?:day|week|month|year)"
            r"\s+(?:before|after)|that\s+(?:day|morning|afternoon|evening|night|week|month))"
        ),
        _narrative,
    ),
    # "the" belongs to "the third quarter" but not to the adjective in "the third-quarter loss".
    _Rule(
        "quarter",
        _r(
            r"(?:(?P<yrel>this|last|next)\s+year's\s+)?(?:the\s+(?!(?:first|second|third|fourth)-))?"
            r"(?:(?P<rel>year-ago|year-earlier|latest|current|last|previous|past|recent|this|next|coming|fiscal)\s+)?(?:(?P<ord>first|"
            r"second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?)?quarter(?:\s+of\s+(?:fiscal\s+)?"
            r"(?P<year>" + YEAR + r"))?"
        ),
        _quarter,
        _quarter_noun,
    ),
    _Rule(
        "half",
        _r(r"(?:the\s+)?(?P<ord>first|second)[- ]half(?:\s+of\s+(?P<year>" + YEAR + r"))?"),
        _half,
    ),
    _Rule(
        "year-earlier",
        _r(r"(?:the\s+(?:year-earlier|year-ago)\s+period|year-earlier|year-ago)"),
        _year_earlier,
    ),
    _Rule(
        "season-year",
        _r(
            r"(?:the\s+)?(?:(?:early|late|mid)(?:-|\s+))?(?P<season>"
            + SEASON
            + r")\s+(?:of\s+)?(?P<year>"
            + YEAR
            + r")"
        ),
        _season_year,
    ),
    _Rule(
        "decade",
        _r(
            r"(?:the\s+)?(?:(?:early|mid|late)(?:-|\s+))?(?:(?P<decade>1[6-9]\d0|20\d0)|['’](?P<short>\d0))"
            r"['’]?s"
        ),
        _decade,
    ),
    _Rule("century", _r(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century"), _century),
    _Rule(
        "year",
        _r(
            r"(?P<prefix>fiscal\s+|mid-|(?:early|late)\s+|the\s+(?:end|beginning|start|middle)\s+of\s+)?"
            r"(?P<year>" + YEAR + r")"
        ),
        _year,
        _dated_year,
    ),
    _Rule(
        "holiday",
        _r(
            r"(?P<name>christmas(?:\s+(?:day|eve))?|new\s+year['’]s\s+(?:day|eve)|thanksgiving(?:\s+day)?|"
            r"halloween|independence\s+day|valentine['’]s\s+day)(?:,?\s+(?P<year>" + YEAR + r"))?"
        ),
        _holiday,
        lambda m, c: m["name"][0].isupper() and not _modifies_a_noun(m, c),
    ),
    _Rule(
        "duration",
        _r(
            r"(?:" + DURATION_MODIFIER + r"\s+){0,2}(?P<num>" + NUMBER + r")\s+(?:more\s+)?"
            r"(?P<unit>" + UNIT + r")(?:\s+old|\s+long)?"
        ),
        _duration,
        _real_duration,
    ),
    # A compound adjective ("a 30-year bond", "the four-year-old war") leaves out the article.
    _Rule(
        "duration",
        _r(
            r"(?:"
            + APPROX_MODIFIER
            + r"\s+)?(?P<num>"
            + NUMBER
            + r")-(?P<unit>"
            + UNIT
            + r")(?:-old|-long)?"
        ),
        _duration,
        _real_duration,
    ),
    _Rule(
        "duration-vague",
        _r(
            r"(?:(?:the\s+)?(?:coming|next\s+few|past\s+few|last\s+few)\s+)?(?P<unit>seconds|"
            r"minutes|hours|days|weeks|months|years|decades|centuries)"
        ),
        _vague_duration,
        lambda m, c: " " in m[0] or _after_extent(m, c),
    ),
    # Not "soon", "previously", "formerly", "shortly": TimeBank leaves most of them untagged.
    _Rule(
        "reference",
        _r(
            r"(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|presently|recently|"
            r"lately|the\s+past|the\s+(?:near\s+|distant\s+)?future|a\s+later\s+"
            r"date|recent(?:\s+(?:years|months|weeks|days))?|"
            r"(?:(?:many|some|several|few)\s+)?(?:years|decades|centuries|ages)\s+ago|long\s+ago)"
        ),
        _reference,
    ),
    _Rule(
        "set",
        _r(
            r"(?:(?:every|each|per|a)\s+(?P<unit>day|week|month|year|morning|night|evening|"
            + WEEKDAY
            + r")|(?P<adverb>daily|nightly|weekly|monthly|yearly|hourly))"
        ),
        _set,
        _rate,
    ),
]
