"""The benchmark protocol's timeline (``timeline --dates N --per-date K``): a fixed number
of days, each told in a fixed number of source sentences.

Days: the days the story's articles name most often in their own words ("on March 17",
"Tuesday's vote"; an article naming its own publication day does not count), with the
articles that date an event of the day; the day's importance breaks ties. A day counts
only when an event of the story fits in it.

Sentences: each day's pool is the sentences that report its events and every sentence of
the story's articles that names the day. The chosen ones are those that together come
closest to the pool's centroid, the words most reports of the day share (a greedy
centroid summary, as in news-tls's DATEWISE), none too like one chosen before it,
with a wire lead-in ("WASHINGTON (Reuters) -", "Photograph: Jane Doe/EPA") cut off and the
citation moved to where the sentence proper starts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from dateline.model import Citation, DatedBy, Precision, TimelineEntry
from dateline.model.terms import content_terms, cosine
from dateline.views.timeline import LONG_SENTENCE, Articles, reads_as_news

# A sentence sharing this much (cosine of content words) with one already chosen for the
# day repeats it.
MAX_SIMILAR = 0.5
# Lead-ins are looked for in this many first characters of a sentence.
LEAD_IN_CHARS = 150
_LEAD_INS = (
    re.compile(r"\([A-Z][A-Za-z .&]{1,30}\)\s*[-–—]{1,2}\s+"),  # "KYIV (Reuters) - "
    # a time stamp: "3:56 pm EDT ", "09:51 UK time, Friday, 28 May 2010 "
    re.compile(
        r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:GMT|BST|[ECMP][SD]T|ET|UK time)\b"
        r"(?:,?\s\w+day,?\s\d{1,2}\s\w+\s\d{4})?\s+"
    ),
    re.compile(r"\bPhotograph:\s[^/\\]{1,60}\\?/\S+\s+"),  # "Photograph: Jane Doe/EPA "
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE = re.compile(r"\s+")


def dated_summary(
    entries: Sequence[TimelineEntry],
    articles: Articles,
    article_ids: Sequence[str],
    dates: int,
    per_date: int,
    keep: Callable[[TimelineEntry], TimelineEntry | None] | None = None,
) -> list[tuple[str, list[TimelineEntry]]]:
    """The ``dates`` days that matter most, each with ``per_date`` sentences.

    Args:
        entries: the story's timeline entries; only events that fit in one day count.
        articles: the articles read so far (the entries' articles among them).
        article_ids: the story's articles the sentences may come from.

    Each sentence comes as an entry: the event's own entry when it reports one of the day's
    events, else a one-day entry of the sentence alone (``event`` None). ``keep`` says
    what becomes of a sentence before it joins its day's pool (None: it is left out;
    ``faithful.Verifier``), so that a day is told in sentences that pass.
    """
    allowed = set(article_ids)
    by_day: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        if entry.precision is Precision.DAY and entry.date == entry.end:
            by_day.setdefault(entry.date, []).append(entry)
    named = _named_days(articles, article_ids)
    weight = {
        day: (named[day] + sum(e.references for e in found), sum(e.importance for e in found))
        for day, found in by_day.items()
    }
    ranked = sorted(by_day, key=lambda day: (-weight[day][0], -weight[day][1], day))
    naming = _sentences_naming(articles, article_ids, set(by_day))
    out = []
    for day in ranked:  # a day with no sentence that reads as news gives way to the next
        pool: dict[str, TimelineEntry] = {}
        for entry in by_day[day]:
            for citation in entry.citations:
                if citation.article in allowed:
                    line = _kept(_line(articles, citation, entry), keep)
                    if line:
                        pool.setdefault(line.text, line)
        for article_id, start, end in naming.get(day, ()):
            line = _kept(_line(articles, articles.cite(article_id, start, end), day), keep)
            if line:
                pool.setdefault(line.text, line)
        if pool:
            out.append((day, _central(list(pool.values()), per_date)))
            if len(out) == dates:
                break
    return sorted(out)


def _kept(
    line: TimelineEntry | None, keep: Callable[[TimelineEntry], TimelineEntry | None] | None
) -> TimelineEntry | None:
    return line if line is None or keep is None else keep(line)


def lead_in(sentence: str) -> int:
    """Where a sentence proper starts after a wire lead-in (0 when it has none)."""
    start = 0
    for pattern in _LEAD_INS:
        for match in pattern.finditer(sentence[:LEAD_IN_CHARS]):
            start = max(start, match.end())
    return start


def _named_days(articles: Articles, article_ids: Sequence[str]) -> Counter[str]:
    """In how many articles each day is named by a time expression, an article's own
    publication day left out."""
    named: Counter[str] = Counter()
    for article_id in article_ids:
        days = {
            t.value[:10] for t in articles.timexes(article_id) if t.value and _DAY.match(t.value)
        }
        days.discard(articles.published(article_id))
        named.update(days)
    return named


def _sentences_naming(
    articles: Articles, article_ids: Sequence[str], days: set[str]
) -> dict[str, list[tuple[str, int, int]]]:
    """The sentences (article, start, end) that name each of ``days``, in article order."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for article_id in article_ids:
        named = [
            (t.start, t.value[:10])
            for t in articles.timexes(article_id)
            if t.value and _DAY.match(t.value) and t.value[:10] in days
        ]
        for start, end in articles.sentences(article_id) if named else ():
            for day in dict.fromkeys(day for at, day in named if start <= at < end):
                found.setdefault(day, []).append((article_id, start, end))
    return found


def _line(articles: Articles, citation: Citation, of: TimelineEntry | str) -> TimelineEntry | None:
    """The cited sentence as a line of the day, its lead-in cut off: the entry's own line,
    or a one-day line of its own (``of`` the day); None when it does not read as news or
    runs to a paragraph."""
    raw = articles[citation.article].article.text[citation.start : citation.end]
    cut = lead_in(raw)
    text = _SPACE.sub(" ", raw[cut:]).strip()
    start = citation.start + cut
    if not reads_as_news(text) or len(text.split()) > LONG_SENTENCE:
        return None
    cited = replace(citation, start=start)
    if isinstance(of, TimelineEntry):
        return replace(
            of, text=text, citations=(cited, *(c for c in of.citations if c != citation))
        )
    return TimelineEntry(
        of, of, Precision.DAY, DatedBy.TEXT, text, None, "", (), (), (cited,), 1, 0.0
    )


def _central(lines: list[TimelineEntry], count: int) -> list[TimelineEntry]:
    """``count`` lines that together come closest to the centroid of them all: each in turn
    the one that brings the chosen lines' words nearest to it, none repeating another."""
    vectors = [content_terms(line.text) for line in lines]
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)
    chosen: list[int] = []
    together: Counter[str] = Counter()
    while len(chosen) < count:
        fits = [
            (cosine(together + vectors[i], centroid), -i)
            for i in range(len(lines))
            if i not in chosen and all(cosine(vectors[i], vectors[j]) < MAX_SIMILAR for j in chosen)
        ]
        if not fits:
            break
        best = -max(fits)[1]
        chosen.append(best)
        together.update(vectors[best])
    return [lines[i] for i in chosen]
