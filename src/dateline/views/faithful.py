"""The faithfulness check: every generated line against the spans it cites.

A line passes when it has at least one citation, every citation is a span of its article,
every number and every capitalised name in the line occurs in the cited text (an outlet's
name may come from the cited article's metadata), and each
date the line gives can be derived from the cited spans (a time expression inside them,
or the publication date of a cited article, which dates what it reports as news; a
latest point needs two articles telling it as news for that), and the sentence an event
line shows gives one of its days itself. A day
the view writes in its own words ("10 Mar 2026") passes when it can be so derived or is
in the cited text as written.

Attribution is checked, not only words. A quoted position passes only if the cited spans
hold a quote the article's analysis found, said or written (not a belief or a plan
attributed to someone), with the words shown, and the mention that names
its speaker as the line names them (and, where the text refers to the speaker by a pronoun
or a title, that reference too). A role passes only if a cited span holds a role the
analysis attached to that person with that title (roles are attached by syntax). A dispute
passes only if each day it gives is stated by a time expression inside a cited span (a
publication date standing in for one does not count).

``verified`` applies the check to the lines a view made: the ones that pass, and, on
request, the others marked unverified.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from dateline.model import (
    BriefPoint,
    CheckResult,
    Citation,
    Cited,
    DatedBy,
    DateSpan,
    PointKind,
    Precision,
    Quote,
    TimelineEntry,
)
from dateline.model.dates import MONTHS
from dateline.store import Store
from dateline.views import doubts
from dateline.views.timeline import Articles

# Words the views themselves put around source text.
_OWN_WORDS = frozenset({"Latest", "Sources"})
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")
_QUOTE_MARKS = str.maketrans({"“": " ", "”": " ", "…": " "})
# A day as the views write it: "10 Mar 2026".
_DAY_TEXT = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
# Articles that must tell a latest point as news for their publication day to date it.
LATEST_REPORTS = 2


Line = TypeVar("Line", TimelineEntry, BriefPoint)


class Verifier:
    """Lets through the lines whose citations support them; with ``keep_unverified``, the
    others too, marked ``verified=False``."""

    def __init__(self, articles: Articles, *, keep_unverified: bool = False):
        self.articles = articles
        self.keep_unverified = keep_unverified

    def __call__(self, line: Line) -> Line | None:
        if not problems_of(self.articles, line):
            return line
        return dataclasses.replace(line, verified=False) if self.keep_unverified else None

    def all(self, lines: Iterable[Line]) -> list[Line]:
        return [kept for line in lines if (kept := self(line)) is not None]


def check(store: Store, lines: Iterable[Cited]) -> CheckResult:
    """Check each line against its citations."""
    articles = Articles(store)
    report = CheckResult()
    for line in lines:
        report.lines += 1
        report.cited += bool(line.citations)
        problems = problems_of(articles, line)
        report.supported += not problems
        report.problems += [f"{line.text[:60]!r}: {problem}" for problem in problems]
    return report


def problems_of(articles: Articles, line: Cited) -> list[str]:
    """What in one line its citations do not support (empty when all of it is)."""
    if not line.citations:
        return ["no citation"]
    cited = []
    for citation in line.citations:
        text = articles[citation.article].article.text
        if not 0 <= citation.start < citation.end <= len(text):
            return [f"span {citation.start}-{citation.end} is not in article {citation.article}"]
        cited.append(text[citation.start : citation.end])
    # the outlets a line names come from the cited articles' metadata
    source = " ".join([*cited, *(c.outlet for c in line.citations if c.outlet)])
    claim = line.text.replace(line.label, " ") if line.label else line.text
    claim = claim.translate(_QUOTE_MARKS)
    derivable = _dates(articles, line)
    problems = []
    for match in _DAY_TEXT.finditer(claim):
        if _iso(match) not in derivable and match.group() not in source:
            problems.append(f"date {match.group()} cannot be derived from the cited text")
    claim = _DAY_TEXT.sub(" ", claim)
    problems += [
        f"number {n} is not in the cited text" for n in _NUMBER.findall(claim) if n not in source
    ]
    folded = source.casefold()  # a title may be capitalised where the text has it lower case
    problems += [
        f"name {name!r} is not in the cited text"
        for name in _NAME.findall(claim)
        if name not in _OWN_WORDS and name.rstrip("'’s").casefold() not in folded
    ]
    days = list(dict.fromkeys(filter(None, (line.date, line.end))))
    problems += [
        f"date {day} cannot be derived from the cited text" for day in days if day not in derivable
    ]
    if doubts.is_event_line(line):
        stated = _stated(articles, line.citations)
        problems += doubts.happening_problems(
            articles, line, bool(days) and all(day in stated for day in days)
        )
        problems += doubts.shown_day_problems(articles, line) or _shown_problems(articles, line)
    elif line.kind is PointKind.POSITION:
        problems += _speaker_problems(articles, line)
    elif line.kind is PointKind.ROLE:
        problems += _role_problems(articles, line)
    elif line.kind is PointKind.DISPUTE:
        stated = _stated(articles, line.citations)
        problems += [
            f"day {match.group()} is not stated in a cited span"
            for match in _DAY_TEXT.finditer(line.text)
            if _iso(match) not in stated
        ]
        problems += doubts.dispute_problems(line)
    return problems


def _speaker_problems(articles: Articles, line: Cited) -> list[str]:
    """Whether a cited quote of the words shown is the one of the speaker the line names."""
    who = getattr(line, "who", None)
    words = line.text.split("“", 1)[-1].rstrip("”").removesuffix(" …").strip()
    for citation in line.citations:
        text = articles[citation.article].article.text
        for quote in articles.quotes(citation.article):
            if (
                quote.speech
                and _within(citation, quote.start, quote.end)
                and words in " ".join(text[quote.start : quote.end].split())
                and _named_by(text, quote, who, line.citations, citation.article)
            ):
                assert who is not None  # _named_by holds only for a named speaker
                return doubts.speaker_problems(articles, line, quote, who)
    return [f"no cited quote of these words is attributed to {who!r}"]


def _named_by(
    text: str, quote: Quote, who: str | None, citations: Sequence[Citation], article: str
) -> bool:
    """Whether the quote's speaker is named ``who`` in a cited span of its article, and the
    words that refer to the speaker at the cue (a pronoun, a title) are cited too."""
    if who is None or quote.speaker_start is None or quote.speaker_end is None:
        return False
    spans = [(quote.speaker_start, quote.speaker_end)]
    if quote.source_start is not None and quote.source_end is not None:
        spans.append((quote.source_start, quote.source_end))  # "he", "the minister" as written
    cited = [c for c in citations if c.article == article]
    return text[quote.speaker_start : quote.speaker_end] == who and all(
        any(_within(c, start, end) for c in cited) for start, end in spans
    )


def _role_problems(articles: Articles, line: Cited) -> list[str]:
    """Whether a cited span holds the role, attached by the analysis to the person named."""
    who, title = getattr(line, "who", None), getattr(line, "title", None)
    for citation in line.citations:
        for role in articles.roles(citation.article):
            if (
                _within(citation, role.start, role.end)
                and title is not None
                and role.title.casefold() == title.casefold()
                and who is not None
                and _same_person(role.person, who)
            ):
                return doubts.role_problems(articles, line, citation, role)
    return [f"no cited sentence attaches the title {title!r} to {who!r}"]


def _same_person(person: str, named: str) -> bool:
    """Whether a role's person and a name as written are one person's names: equal, or
    one the other's last words ("Ban Ki-moon", "Ki-moon")."""
    a, b = person.casefold().split(), named.casefold().split()
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and longer[-len(shorter) :] == shorter


def _within(citation: Citation, start: int, end: int) -> bool:
    return citation.start <= start and end <= citation.end


def _iso(match: re.Match[str]) -> str:
    day, month, year = match.groups()
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def _dates(articles: Articles, line: Cited) -> set[str]:
    """The days the cited spans can give the line: the first and last days of the time
    expressions in them (of their sentences' main clauses, for an event line, unless it
    tells a plan: "it is expected the plane will arrive on 11 November"), and each
    cited article's publication day where it may stand in for the day of what the cited
    sentence tells (any sentence of a position line; news told as news for an event line;
    a title not told as the past for a role line). A latest point claims the story's
    newest happening: a publication day stands in for its day only when at least
    ``LATEST_REPORTS`` articles tell it as news."""
    found: set[str] = set()
    standing_in: dict[str, str] = {}
    for citation in line.citations:
        for span in _spans(articles, line, citation):
            if span.dated_by is DatedBy.PUBLICATION:
                standing_in[citation.article] = span.start
            else:
                found.update((span.start, span.end))
    if line.kind is not PointKind.LATEST or len(standing_in) >= LATEST_REPORTS:
        found.update(standing_in.values())
    return found


def _spans(articles: Articles, line: Cited, citation: Citation) -> Iterator[DateSpan]:
    """The times one cited span can give the line (see ``_dates``); a publication day
    standing in is dated by ``DatedBy.PUBLICATION``."""
    event = doubts.is_event_line(line)
    main_only = event and not doubts.tells_a_plan(articles, citation)
    yield from doubts.stated_days(articles, citation, main_clause_only=main_only)
    if citation.published and (
        line.kind is PointKind.POSITION or doubts.news_told(articles, citation, happening=event)
    ):
        day = citation.published
        yield DateSpan(day, day, Precision.DAY, DatedBy.PUBLICATION)


def _shown_problems(articles: Articles, line: Cited) -> list[str]:
    """The sentence an event line shows is what a reader takes the line's days from: it
    must itself give a time within them, not only another cited report."""
    if not line.date:
        return []
    end = line.end or line.date
    spans = _spans(articles, line, line.citations[0])
    if any(span.start <= end and line.date <= span.end for span in spans):
        return []
    return ["the sentence shown gives none of the line's days"]


def _stated(articles: Articles, citations: Sequence[Citation]) -> set[str]:
    """The first and last days the main clauses of the cited spans state."""
    return {
        day
        for citation in citations
        for span in doubts.stated_days(articles, citation)
        for day in (span.start, span.end)
    }
