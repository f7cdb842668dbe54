"""What the checker doubts in a line beyond its words, from what analysis read of each
cited sentence's main clause (``model.Clause``) and the article around it.

The line-making stages trust their own reading; these checks ask again, from other
evidence, the questions a journalist would:

- Does an event line report a happening? Its sentence's main clause is told in the past
  or the perfect (in the present only as progressive), or is a plan with its own date;
  not a state, an opinion, a question, a description in the present, or a sentence with
  a heading, caption, byline or time stamp run into it.
- Which days can a cited sentence give? A time expression of its main clause (not of a
  relative clause, a reported plan, a second clause or a "since ..." phrase), and its
  article's publication day only for news told as news: in the top paragraphs, no other
  day stated, no undated past ("years ago"), no past perfect, not timed by another
  happening, no earlier day set by its paragraph or the lede. The sentence shown states
  no time outside the line's dates. A plan is not dated before the article that tells it.
- Is a speaker the speaker? Not when the quoted words name them, read as a heading, a
  question or a topic, follow a denial, speak as one person for a group, or reach them
  through a pronoun in another sentence or past another person, or come with a
  comment's stamp or a byline.
- Is a title the person's on the line's day? Not when another person's name is inside
  it, when it was held only "then", when furniture runs into its sentence, when the
  part of the sentence that gives it states another day, when the sentence tells a
  state of the past ("He had a brother John"), or when it tells the tenure ending
  ("the ouster of longtime leader X").
- Is a dispute one? Counts far apart, or more than a few, count different things.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date, timedelta

from dateline.model import (
    Citation,
    Cited,
    Clause,
    DateSpan,
    Mention,
    PointKind,
    Quote,
    ResolvedBy,
    Role,
    Tense,
)
from dateline.views.timeline import LEDE_PARAGRAPHS, Articles

# A publication day dates news of this many days before it, told in this many top
# paragraphs.
FRESH_DAYS = 2
NEWS_PARAGRAPHS = 5
# A dispute sets a few estimates of one count against each other; more values, or values
# this far apart, are counts of different things, places or times.
MAX_DISPUTED_VALUES = 3
MAX_COUNT_RATIO = 3.0
COUNT_DISPUTE = "Sources differ on the number"
EVENT_KINDS = frozenset({PointKind.EVENT, PointKind.LATEST})
NEWS_TENSES = frozenset({Tense.PAST, Tense.PERFECT})
_PERSON = "PERSON"
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Quoted words that open a question put to someone or a programme's purpose, not speech.
_NOT_SPEECH_OPENERS = frozenset({"if", "whether", "how", "to", "why", "what"})
_NUMBER = re.compile(r"(\d[\d,.]*)\s*\(")
_WORD = re.compile(r"[\w'’-]+")
# Cues whose words are the opposite of the speaker's position ("denies rumours he ..."),
# and cues whose words are a topic ("describes", "discusses"): no quoted position.
DENIAL_CUES = ("deny", "denie", "denied", "dismiss", "reject", "rebut", "refut")
TOPIC_CUES = ("describ", "discuss", "explor", "examin", "consider", "reflect", "recall")
_GROUPS = frozenset({"ORG", "NORP"})
# A time of day alone. Told as news it is the day's ("landed at 6:40 p.m."); a plan's day
# is given elsewhere, and the reader's guess is not the text's.
_CLOCK_ONLY = re.compile(
    r"(?:(?:at|about|around|by|from|until|after|before)\s+)*"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*(?:[ap]\.?m\.?|o'clock)|\d{4}(?=\s*\w))"
    r"(?:\s*(?:GMT|UTC|[A-Z]{1,2}[SD]T|local time|hours|hrs))?"
    r"|(?:at\s+)?(?:noon|midday|midnight)",
    re.IGNORECASE,
)
# Marks that open a quotation: a sentence that starts with one is someone's words.
_OPENING = frozenset('"“‘«')
_FIRST_PERSON = frozenset({"I", "I'm", "I've", "I'd", "I'll", "me", "my", "mine", "myself"})


def is_event_line(line: Cited) -> bool:
    """Timeline entries and the brief's latest and event points report happenings."""
    return line.kind in EVENT_KINDS


def happening_problems(articles: Articles, line: Cited, dated_by_text: bool) -> list[str]:
    """Why the sentence an event line shows reports no happening (empty when it does).

    ``dated_by_text``: the line's days are stated by time expressions of its main clause
    (a plan with its own date is a happening).
    """
    first = line.citations[0]
    clause = articles.clause_at(first.article, first.start)
    if clause is None:
        return ["the cited sentence has no analysis to check the line against"]
    if clause.glued:
        return ["a heading, a caption or a byline is run into the sentence"]
    if articles[first.article].article.text[clause.start : clause.end].lstrip()[:1] in _OPENING:
        return ["the sentence is someone's quoted words, not the article's report"]
    if clause.question:
        return ["the sentence asks a question"]
    if clause.tense is Tense.FUTURE or clause.reported_tense is Tense.FUTURE:
        if not dated_by_text:
            return ["a plan or a forecast without a day of its own"]
        published = articles.published(first.article)
        last = line.end or line.date
        if clause.tense is Tense.FUTURE and published and last and last < published:
            return ["a plan dated before the article that tells it"]  # the day is another's
        return []
    published = articles.published(first.article)
    if clause.tense in NEWS_TENSES and published and line.date and line.date > published:
        # "agreed to hold a conference in March": March is the plan's, not the agreement's
        return ["a past happening dated after the article that tells it"]
    if clause.tense is Tense.PRESENT and not clause.reports and not clause.stative:
        # "people are fleeing", "a second plane is travelling on Monday"; not "X presents Y"
        return [] if clause.progressive else ["a description in the present"]
    if clause.tense not in NEWS_TENSES | {Tense.PRESENT} or (
        clause.tense is Tense.PRESENT and not clause.reports
    ):
        return [f"the main clause ({clause.tense.value}) reports no happening"]
    if clause.reports:
        reported_news = clause.reported_tense in NEWS_TENSES and not clause.reported_stative
        if clause.tense is Tense.PRESENT and not reported_news:
            return ["a statement in the present of no happening"]
        if clause.reported_tense is Tense.PRESENT and clause.reported_stative:
            return ["what was said is a state or a view, not a happening"]
        return []
    if clause.stative:
        return [f"the main verb {clause.verb!r} names a state"]
    return []


def tells_a_plan(articles: Articles, citation: Citation) -> bool:
    """Whether the cited sentence's main clause, or what it reports, is in the future."""
    clause = articles.clause_at(citation.article, citation.start)
    return clause is not None and Tense.FUTURE in (clause.tense, clause.reported_tense)


def shown_day_problems(articles: Articles, line: Cited) -> list[str]:
    """The sentence an event line shows must not state, in its main clause, a day outside
    the line's dates (an event's other reports may widen the dates, not move them)."""
    if not line.date:
        return []
    end = line.end or line.date
    first = line.citations[0]
    return [
        f"the sentence shown states {span.start} - {span.end}, outside the line's dates"
        for span in stated_days(articles, first)
        if span.end < line.date or end < span.start
    ][:1]


def stated_days(
    articles: Articles, citation: Citation, *, main_clause_only: bool = True
) -> Iterator[DateSpan]:
    """The days time expressions in a cited span give; with ``main_clause_only``, only
    those of their sentence's main clause. A plan's bare clock time gives none."""
    for timex, span in articles.dated_timexes(citation.article, citation.start, citation.end):
        clause = articles.clause_at(citation.article, timex.start)
        if clause and clause.tense is Tense.FUTURE and _CLOCK_ONLY.fullmatch(timex.text):
            continue  # "will air at 8pm EST": an hour of a day the text gives elsewhere
        if main_clause_only and clause and not clause.main_clause_holds(timex.start, timex.end):
            continue
        yield span


def news_told(articles: Articles, citation: Citation, *, happening: bool = True) -> bool:
    """Whether the cited article's publication day may stand in for the day of what the
    cited sentence tells: the sentence is in the article's top paragraphs (with
    ``happening``) and states no other day, and neither its tense (past
    perfect; with ``happening``, anything but past or perfect) nor its paragraph (an
    earlier day set before it) tells it as the past."""
    published = articles.published(citation.article)
    if published is None:
        return False
    day = date.fromisoformat(published)
    fresh = (day - timedelta(days=FRESH_DAYS)).isoformat()
    if happening:
        for span in stated_days(articles, citation):
            if span.end < published:  # it states an earlier day of its own
                return False
    clause = articles.clause_at(citation.article, citation.start)
    if happening and _told_as_past(articles, citation, clause):
        return False
    if clause is not None:
        if clause.tense is Tense.PAST_PERFECT or (happening and clause.anchored):
            return False
        if happening and clause.tense not in NEWS_TENSES:
            told = clause.reported_tense if clause.reports else None
            present = clause.tense is Tense.PRESENT
            if not (present and (told in NEWS_TENSES or clause.progressive)):
                return False
    if happening and not _in_top(articles, citation):
        return False
    if happening and (lede := _lede_setting(articles, citation.article)) and lede < fresh:
        return False
    setting = _paragraph_setting(articles, citation)
    return setting is None or setting.end >= fresh


def _told_as_past(articles: Articles, citation: Citation, clause: Clause | None) -> bool:
    """Whether the cited sentence's main clause (``clause``) sets what it tells in an
    undated past ("moved to Australia years ago", "recently announced")."""
    return any(
        timex.value == "PAST_REF"
        and citation.start <= timex.start < citation.end
        and (clause is None or clause.main_clause_holds(timex.start, timex.end))
        for timex in articles.timexes(citation.article)
    )


def _in_top(articles: Articles, citation: Citation) -> bool:
    """Whether the cited span is in the article's top paragraphs, where a news story tells
    what is new; further down it recounts, explains and looks back."""
    body = articles[citation.article].article.body
    return citation.start < sum(len(p) + 2 for p in body[:NEWS_PARAGRAPHS])


def _lede_setting(articles: Articles, article_id: str) -> str | None:
    """The latest day the article's lede states (None when it states none): an article
    whose lede tells of days well before its publication is a late report or a look back,
    and its publication day dates none of what it tells."""
    body = articles[article_id].article.body
    lede_end = sum(len(p) + 2 for p in body[:LEDE_PARAGRAPHS])
    days = [
        span.end
        for timex, span in articles.dated_timexes(article_id, 0, lede_end)
        if timex.type in ("DATE", "TIME")
    ]
    return max(days, default=None)


def _paragraph_setting(articles: Articles, citation: Citation) -> DateSpan | None:
    """The time the paragraph sets before the cited span: its last dated time expression
    before it (None when it sets none)."""
    text = articles[citation.article].article.text
    paragraph_start = text.rfind("\n\n", 0, citation.start) + 1
    before = articles.dated_timexes(citation.article, paragraph_start, citation.start)
    return before[-1][1] if before else None


def speaker_problems(articles: Articles, line: Cited, quote: Quote, who: str) -> list[str]:
    """Why the cited quote's words may not be ``who``'s own (empty when nothing says so)."""
    text = articles[line.citations[0].article].article.text
    words = " ".join(text[quote.start : quote.end].split())
    said = _WORD.findall(words)
    problems = []
    surname = _WORD.findall(who)[-1:]
    if any(name in said for name in surname):
        problems.append(f"the quoted words name {who!r}: they are about, not by, them")
    if said and said[0].lower() in _NOT_SPEECH_OPENERS:
        problems.append("the quoted words are a question or a topic, not words said")
    capitalised = sum(w[:1].isupper() for w in said)
    if len(said) < 3 or capitalised * 2 > len(said):
        problems.append("the quoted words read as a name or a heading, not speech")
    clause = articles.clause_at(line.citations[0].article, quote.cue_start or quote.start)
    if clause is not None and clause.glued:
        problems.append("a byline, a time stamp or a comment's stamp runs into the sentence")
    cue = (quote.cue or "").lower()
    if cue.startswith(DENIAL_CUES):
        problems.append(f"the words are what {who!r} denies, not what they said")
    if cue.startswith(TOPIC_CUES):
        problems.append("the words are a topic the speaker takes up, not words said")
    article = next(c.article for c in line.citations)
    mentions = articles.mentions(article)
    labels = {m.label for m in mentions if m.start == quote.speaker_start}
    if labels and labels <= _NOT_SPEAKERS:
        problems.append(f"{who!r} is not a person or an organisation")
    organisation = quote.resolved_by is ResolvedBy.ORGANISATION or bool(labels & _GROUPS)
    if organisation and _FIRST_PERSON & set(said):
        problems.append(f"{who!r} is a group, and the words speak as one person")
    if quote.resolved_by is ResolvedBy.PRONOUN:
        problems += _pronoun_problems(text, quote, mentions)
        problems += _apart_problems(articles.sentences(article), quote)
        if labels & _GROUPS and text[quote.source_start or 0 : quote.source_end or 0].lower() in (
            "he",
            "she",
        ):
            problems.append(f"{who!r} is a group, and 'he' or 'she' is a person")
    return problems


def _apart_problems(sentences: tuple[tuple[int, int], ...], quote: Quote) -> list[str]:
    """A pronoun verifies a speaker only when its sentence names them: across sentences,
    "he" was as often someone else (the audit found a third of them right)."""
    if quote.speaker_start is None or quote.source_start is None:
        return []
    starts = [start for start, _ in sentences]
    if bisect.bisect_right(starts, quote.speaker_start) != bisect.bisect_right(
        starts, quote.source_start
    ):
        return ["the speaker is named in another sentence than the pronoun"]
    return []


def _pronoun_problems(text: str, quote: Quote, mentions: tuple[Mention, ...]) -> list[str]:
    """A pronoun resolves to a person only when no other person is named between them."""
    if quote.speaker_end is None or quote.source_start is None:
        return []
    antecedent = text[quote.speaker_start or 0 : quote.speaker_end]
    between = [
        m
        for m in mentions
        if m.label == _PERSON
        and quote.speaker_end <= m.start
        and m.end <= quote.source_start
        and m.name not in antecedent
        and antecedent not in m.name
    ]
    if between:
        return [f"another person ({between[-1].text!r}) is named between the speaker and 'he'"]
    return []


def role_problems(articles: Articles, line: Cited, citation: Citation, role: Role) -> list[str]:
    """Why a title in a cited sentence may not be the person's as of the line's day (empty
    when none)."""
    person, title = role.person, role.title
    problems = _held_when_problems(articles, line, citation, role)
    words = title.split()
    if words and words[0].lower() in ("then", "then-"):
        problems.append(f"{title!r} was held only then")
    if role.ended:
        problems.append(
            f"the sentence tells {person}'s tenure ending: {title!r} was held until then"
        )
    own = set(person.split())
    names = {
        w
        for m in articles.mentions(citation.article)
        if m.label == _PERSON
        and citation.start <= m.start
        and m.end <= citation.end
        and not own & set(m.name.split())
        for w in m.name.split()
    }
    if any(w in names for w in words):  # "Z's Y" is a title the text gives: "Jackson's doctor"
        problems.append(f"the title {title!r} holds another person's name")
    clause = articles.clause_at(citation.article, citation.start)
    if clause is not None and clause.glued:
        problems.append("a heading, a caption or a byline is run into the sentence")
    return problems


def _held_when_problems(
    articles: Articles, line: Cited, citation: Citation, role: Role
) -> list[str]:
    """A title holds at the time of the clause that gives it: a part of the sentence
    with a day of its own ("the revolt that drove President X from office on Friday")
    dates it; a main clause that tells a state in the past ("He had a brother John")
    tells of a time the text does not give, not of the day it was published."""
    clause = articles.clause_at(citation.article, role.start)
    if clause is None or not line.date:
        return []
    end = line.end or line.date
    own = [(a, b) for a, b in clause.subordinate if a <= role.start and role.end <= b]
    if own:
        days = [span for timex, span in articles.dated_timexes(citation.article, *own[-1])]
        if days and not any(d.start <= end and line.date <= d.end for d in days):
            return ["the title is held at the time its own clause states"]
        return []
    told_past = clause.tense in (Tense.PAST, Tense.PAST_PERFECT) and clause.stative
    if (
        told_past
        and line.date == citation.published
        and line.date
        not in {
            day
            for span in stated_days(articles, citation, main_clause_only=False)
            for day in (span.start, span.end)
        }
    ):
        return ["the title is told of a past the text does not date"]
    return []


def dispute_problems(line: Cited) -> list[str]:
    """Counts far apart, or more than a few, are counts of different things."""
    if not line.text.startswith(COUNT_DISPUTE):
        return []
    values = [float(v.replace(",", "")) for v in _NUMBER.findall(line.text) if _numeric(v)]
    if len(values) > MAX_DISPUTED_VALUES:
        return [f"{len(values)} values: counts of different things, places or times"]
    if len(values) >= 2 and min(values) > 0 and max(values) / min(values) > MAX_COUNT_RATIO:
        return ["counts this far apart count different things, places or times"]
    return []


def _numeric(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True
