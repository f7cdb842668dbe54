"""What the pages show, made from model types: timeline months, coverage sparklines and
charts, role strips, and an article's text with its entities, time expressions and quotes
marked. Pure functions; the templates only lay them out."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from dateline.model import Actor, Analysis, Coverage, TimelineEntry

Shown = TypeVar("Shown", bound=tuple[TimelineEntry, Any, Any])
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def months(items: Iterable[Shown]) -> list[tuple[str, list[Shown]]]:
    """Timeline entries (each first of a tuple, with what is shown beside it) grouped by
    the month they start in, in the order given."""
    grouped: list[tuple[str, list[Shown]]] = []
    for key, group in itertools.groupby(items, key=lambda item: item[0].date[:7]):
        year, month = key.split("-")
        grouped.append((f"{MONTH_NAMES[int(month) - 1]} {year}", list(group)))
    return grouped


@dataclass(frozen=True)
class Bar:
    """A bar of a chart: where it stands, how tall, and what it counts."""

    x: float
    y: float
    width: float
    height: float
    label: str


def sparkline(coverage: Sequence[Coverage], width: int = 120, height: int = 24) -> list[Bar]:
    """Articles a day over the story's dated days, as bars ``width`` by ``height``."""
    per_day = Counter[date]()
    for c in coverage:
        if c.day:
            per_day[date.fromisoformat(c.day)] += c.articles
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    days = (last - first).days + 1
    step, most = width / days, max(per_day.values())
    bars = []
    for day, count in sorted(per_day.items()):
        tall = max(1.0, height * count / most)
        x = (day - first).days * step
        label = f"{day.isoformat()}: {count} article{'s' * (count != 1)}"
        bars.append(Bar(round(x, 2), round(height - tall, 2), max(1.0, step - 0.5), tall, label))
    return bars


@dataclass(frozen=True)
class Row:
    """One outlet's articles over the story's days."""

    outlet: str
    total: int
    bars: list[Bar]


def coverage_rows(coverage: Sequence[Coverage], outlets: int = 8, width: int = 600) -> list[Row]:
    """The ``outlets`` outlets that published most, each with its articles a day."""
    totals = Counter[str]()
    for c in coverage:
        totals[c.outlet or "unknown outlet"] += c.articles
    chosen = [name for name, _ in totals.most_common(outlets)]
    by_outlet: dict[str, list[Coverage]] = defaultdict(list)
    for c in coverage:
        by_outlet[c.outlet or "unknown outlet"].append(c)
    dated = [date.fromisoformat(c.day) for c in coverage if c.day]
    if not dated:
        return [Row(name, totals[name], []) for name in chosen]
    first, last = min(dated), max(dated)
    step = width / ((last - first).days + 1)
    rows = []
    for name in chosen:
        bars = [
            Bar(
                round((date.fromisoformat(c.day) - first).days * step, 2),
                0,
                max(2.0, step - 0.5),
                min(16.0, 4.0 + 4 * c.articles),
                f"{name}, {c.day}: {c.articles} article{'s' * (c.articles != 1)}",
            )
            for c in by_outlet[name]
            if c.day
        ]
        rows.append(Row(name, totals[name], bars))
    return rows


@dataclass(frozen=True)
class Strip:
    """A person's titles over the story's span: each held from the first to the last day
    a source says so."""

    name: str
    segments: list[Bar]


def role_strips(
    actors: Sequence[Actor], start: str | None, end: str | None, people: int = 8, width: int = 600
) -> list[Strip]:
    """The ``people`` most named people who hold a title, their titles on the story's span."""
    if not start or not end:
        return []
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    step = width / ((last - first).days + 1)
    strips = []
    for actor in actors:
        if actor.label != "PERSON" or not actor.roles:
            continue
        segments = []
        for role in actor.roles:
            begin = date.fromisoformat(role.first_seen or role.as_of or start)
            finish = date.fromisoformat(role.last_seen or role.first_seen or end)
            x = max(0, (begin - first).days) * step
            held = f"{role.title}: {role.first_seen or '?'} to {role.last_seen or '?'}"
            length = max(step, ((finish - begin).days + 1) * step)
            segments.append(Bar(round(x, 2), 0, round(min(length, width - x), 2), 12, held))
        strips.append(Strip(actor.name, segments))
        if len(strips) == people:
            break
    return strips


@dataclass(frozen=True)
class Piece:
    """A run of an article's text: plain (``kind`` None), an entity (its label), or a time
    expression (``time``, with its value), inside a quote or not."""

    text: str
    kind: str | None = None
    value: str | None = None
    quoted: bool = False


@dataclass(frozen=True)
class Run:
    """Pieces of a paragraph together inside a quote, or together outside one."""

    quoted: bool
    pieces: list[Piece]


# Entity labels a time expression marks better (with its value on the calendar).
_TIME_LABELS = frozenset({"DATE", "TIME"})


def annotated(text: str, analysis: Analysis | None) -> list[list[Run]]:
    """The article's paragraphs as runs of pieces, with its entities, time expressions and
    quotes marked (an entity or time expression that crosses a quote's edge is left
    plain)."""
    quoted = [(q.start, q.end) for q in analysis.quotes] if analysis else []
    marks: list[tuple[int, int, str, str | None]] = []
    if analysis:
        marks += [(t.start, t.end, "time", t.value) for t in analysis.timexes]
        marks += [
            (m.start, m.end, m.label, None)
            for m in analysis.mentions
            if m.label not in _TIME_LABELS
        ]
    marks.sort(key=lambda m: (m[0], -m[1]))
    paragraphs: list[list[Run]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        end = offset + len(paragraph)
        inside = [m for m in marks if offset <= m[0] and m[1] <= end]
        pieces = _pieces(text, offset, end, inside, quoted)
        runs = itertools.groupby(pieces, key=lambda piece: piece.quoted)
        paragraphs.append([Run(quoted, list(run)) for quoted, run in runs])
        offset = end + 2
    return paragraphs


def _pieces(
    text: str,
    start: int,
    end: int,
    marks: list[tuple[int, int, str, str | None]],
    quoted: list[tuple[int, int]],
) -> list[Piece]:
    edges = sorted({start, end, *(e for q in quoted for e in q if start < e < end)})

    def in_quote(at: int) -> bool:
        return any(a <= at < b for a, b in quoted)

    pieces = []
    at = start
    for mark_start, mark_end, kind, value in marks:
        if mark_start < at or any(mark_start < e < mark_end for e in edges):
            continue  # overlaps what came before, or crosses a quote's edge
        pieces += _plain(text, at, mark_start, edges, in_quote)
        pieces.append(Piece(text[mark_start:mark_end], kind, value, in_quote(mark_start)))
        at = mark_end
    pieces += _plain(text, at, end, edges, in_quote)
    return pieces


def _plain(
    text: str, start: int, end: int, edges: list[int], in_quote: Callable[[int], bool]
) -> list[Piece]:
    cuts = [start, *(e for e in edges if start < e < end), end]
    return [Piece(text[a:b], quoted=in_quote(a)) for a, b in itertools.pairwise(cuts) if a < b]
