"""The faithfulness check: every generated line against the spans it cites.

A line passes when it has at least one citation, every citation is a span of its article,
every number and every capitalised name in the line occurs in the cited text (an outlet's
name may come from the cited article's metadata), and each
date the line gives can be derived from the cited spans (a time expression inside them,
or the publication date of a cited article, which dates what it reports as news). A day
the view writes in its own words ("10 Mar 2026") passes when it can be so derived or is
in the cited text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dateline.model import CheckResult, Citation, Cited, DateSpan
from dateline.model.dates import MONTHS
from dateline.store import Store
from dateline.views.timeline import Articles

# Words the views themselves put around source text.
_OWN_WORDS = frozenset({"Latest", "Sources"})
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")
_QUOTE_MARKS = str.maketrans({"“": " ", "”": " ", "…": " "})
# A day as the views write it: "10 Mar 2026".
_DAY_TEXT = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


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
    derivable = _dates(articles, line.citations)
    problems = []
    for match in _DAY_TEXT.finditer(claim):
        day, month, year = match.groups()
        iso = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
        if iso not in derivable and match.group() not in source:
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
    problems += [
        f"date {day} cannot be derived from the cited text"
        for day in dict.fromkeys(filter(None, (line.date, line.end)))
        if day not in derivable
    ]
    return problems


def _dates(articles: Articles, citations: Sequence[Citation]) -> set[str]:
    """The first and last days of the time expressions in the cited spans, and the cited
    articles' publication dates."""
    found = {c.published for c in citations if c.published}
    for citation in citations:
        for timex in articles.timexes(citation.article):
            span = DateSpan.parse(timex.value, "timex")
            if span and citation.start <= timex.start and timex.end <= citation.end:
                found.update((span.start, span.end))
    return found
