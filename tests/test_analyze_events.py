"""Event mentions on small hand-written texts parsed with the real English model.

Time expressions are built by hand, so these tests don't depend on the timex module.
"""

from __future__ import annotations

from datetime import date

import pytest

from dateline.analyze.events import find_event_mentions
from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse
from dateline.model import Article, EventMention, Published, TimeExpression

pytestmark = pytest.mark.slow

PUBLISHED = date(2025, 12, 1)


def timex(text: str, phrase: str, value: str | None, type_: str = "DATE") -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(start, start + len(phrase), phrase, type_, value, "test")


def events_of(
    text: str,
    timexes: tuple[TimeExpression, ...] = (),
    published: date | None = PUBLISHED,
    *,
    every: bool = False,
) -> list[EventMention]:
    """The main mentions (what the sentence reports); with ``every``, all of them."""
    doc = parse(text)
    found = find_event_mentions(doc, find_mentions(doc), timexes, published)
    return found if every else [e for e in found if e.kind == "main"]


def only(text: str, **kwargs) -> EventMention:
    [event] = events_of(text, **kwargs)
    return event


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("US President Donald Trump met Russian President Vladimir Putin in Alaska.", "met"),
        ("Marco Rubio and Mark Rutte held talks in Geneva.", "talks"),
        ("Russia launched a massive drone attack on Kyiv overnight, officials said.", "attack"),
        ("Russian strikes killed three people in the city of Kharkiv.", "killed"),
        ("Russia and Ukraine agreed to a ceasefire.", "ceasefire"),
        ("Kremlin aide Yuri Ushakov said the call lasted 90 minutes.", "call"),
        ("Ukraine's defence minister Rustem Umerov said the talks were useful.", "talks"),
        ("Zelensky said he was ready to meet Putin.", "meet"),
        ("Qantas plans to commence flights to London.", "flights"),
    ],
)
def test_events_trigger(text, trigger):
    assert only(text).trigger == trigger


def test_events_statement_only_when_nothing_else():
    assert only("Dmitry Peskov told reporters about it.").trigger == "told"


def test_events_no_event_in_a_description():
    assert events_of("The winglets are non-vital parts.") == []


def test_events_participants_and_place():
    event = only("US President Donald Trump met Russian President Vladimir Putin in Alaska.")
    assert "Donald Trump" in event.participants
    assert "Vladimir Putin" in event.participants
    assert event.places == ("Alaska",)
    assert "Alaska" not in event.participants


def test_events_place_through_city_of():
    assert only("Russian strikes killed three people in the city of Kharkiv.").places == (
        "Kharkiv",
    )


def test_events_span_is_the_sentence():
    text = "Officials met on Monday. Marco Rubio and Mark Rutte held talks in Geneva."
    event = events_of(text)[-1]
    assert text[event.start : event.end] == "Marco Rubio and Mark Rutte held talks in Geneva."


def test_events_coordinated_predicates_share_the_subject():
    text = "Emmanuel Macron signed the order and visited troops in Germany."
    events = events_of(text)
    assert [event.trigger for event in events] == ["signed", "visited"]
    assert all("Emmanuel Macron" in event.participants for event in events)
    assert events[1].places == ("Germany",)


def test_events_date_from_timex():
    text = "Marco Rubio and Mark Rutte held talks in Geneva on Sunday."
    event = only(text, timexes=(timex(text, "Sunday", "2025-11-30"),))
    assert (event.date, event.date_from) == ("2025-11-30", "timex")


def test_events_date_prefers_timex_in_trigger_clause():
    text = "On Sunday, officials said the talks would resume on Tuesday."
    event = only(
        text, timexes=(timex(text, "Sunday", "2025-11-30"), timex(text, "Tuesday", "2025-12-02"))
    )
    assert event.trigger == "talks"
    assert event.date == "2025-12-02"


def test_events_date_ignores_off_calendar_values():
    text = "Recently, Marco Rubio and Mark Rutte held talks in Geneva for two days on the eve."
    event = only(
        text,
        timexes=(
            timex(text, "two days", "P2D", "DURATION"),
            timex(text, "Recently", "PAST_REF"),
            timex(text, "the eve", None),
        ),
    )
    assert (event.date, event.date_from) == ("2025-12-01", "published")


def test_events_date_falls_back_to_published():
    event = only("Marco Rubio and Mark Rutte held talks in Geneva.")
    assert (event.date, event.date_from) == ("2025-12-01", "published")


def test_events_date_none_without_timex_or_published():
    event = only("Marco Rubio and Mark Rutte held talks in Geneva.", published=None)
    assert (event.date, event.date_from) == (None, None)


def test_events_a_verb_sharing_its_subject_shares_its_time():
    text = "In 2019 a storm flooded the quay and closed the port for a month."
    found = {e.trigger: e for e in events_of(text, (timex(text, "2019", "2019"),))}
    assert found["flooded"].date == found["closed"].date == "2019"
    assert found["closed"].date_from == "timex"


def test_events_every_happening_a_sentence_names_is_a_mention():
    text = "Police arrested the driver after the explosion, officials said."
    found = {(e.trigger, e.kind) for e in events_of(text, every=True)}
    assert {("arrested", "main"), ("explosion", "other"), ("said", "reporting")} <= found
    for event in events_of(text, every=True):
        assert text[event.trigger_start :].startswith(event.trigger)


def test_events_states_and_opinions_are_not_mentions():
    assert events_of("Kyiv remains deeply sceptical.", every=True) == []


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The withdrawal of the bill was far too little, too late.", "withdrawal"),
        ("The strike was the largest in a decade.", "strike"),
        ("The election was a turning point for the country.", "election"),
    ],
)
def test_events_a_judgement_of_a_happening_names_it_and_reports_nothing(text, trigger):
    assert events_of(text) == []
    assert trigger in [e.trigger for e in events_of(text, every=True)]


def test_events_a_copula_that_places_a_happening_still_reports_it():
    assert only("The meeting was on Monday in Geneva.").trigger == "meeting"


def test_events_embedded_past_event_is_dated_on_its_own_date():
    text = "Oil has leaked into the Gulf since the April 20 explosion."
    timexes = (timex(text, "April 20", "2010-04-20"),)
    (explosion,) = [e for e in events_of(text, timexes, every=True) if e.trigger == "explosion"]
    assert (explosion.date, explosion.date_from) == ("2010-04-20", "timex")


def test_events_a_sentence_with_no_main_event_still_names_happenings():
    text = "Kyiv remains sceptical after the shelling of Kharkiv."
    assert [e.kind for e in events_of(text)] == []
    assert [(e.trigger, e.kind) for e in events_of(text, every=True)] == [("shelling", "other")]


@pytest.mark.parametrize(
    "text, trigger, lemma",
    [
        ("The actor passed away on Sunday.", "passed", "pass away"),
        ("The minister stepped down last week.", "stepped", "step down"),
        ("The singer checked into a clinic.", "checked", "check into"),
        ("Gunmen opened fire on the crowd.", "opened", "open fire"),
    ],
)
def test_events_phrasal_verbs_keep_their_particle(text, trigger, lemma):
    (event,) = [e for e in events_of(text, every=True) if e.trigger == trigger]
    assert event.lemma == lemma


def test_events_headline_mentions_are_of_the_title():
    from dateline.analyze.events import find_headline_mentions

    title = "Tara Reid checks into rehab"
    found = find_headline_mentions(parse(title), PUBLISHED, title)
    assert found and {e.kind for e in found} == {"headline"}
    (checks,) = [e for e in found if e.trigger == "checks"]
    assert (checks.start, checks.trigger_start, checks.lemma) == (0, 10, "check into")


def test_events_headline_in_title_case_parses_as_a_sentence():
    from dateline.analyze import analyze

    title = "Tara Reid Finally Checks Into Rehab For Undisclosed Reasons"
    text = "Tara Reid has checked into rehab, her representative said on Friday."
    article = Article(
        "t.txt", None, title, None, None, None, (), "en", Published(PUBLISHED, "given"), (text,)
    )
    found = [e for e in analyze(article).event_mentions if e.kind == "headline"]
    # the trigger as the title writes it, at its offset there, read as the verb it is
    (checks,) = [e for e in found if e.lemma == "check into"]
    assert checks.trigger == "Checks" and title[checks.trigger_start :].startswith("Checks")


def test_events_headline_verbs_misread_as_nouns_are_read_as_verbs():
    from dateline.analyze.events import body_verbs, find_headline_mentions

    title = "Lohan checks into Betty Ford, rehires attorney"
    body = parse("Lindsay Lohan has checked into the Betty Ford Center. She rehired her lawyer.")
    title_doc = parse(title)
    # the parser reads both verbs as nouns: "checks" heads the title, "rehires" a compound
    assert {t.lower_: t.pos_ for t in title_doc}["checks"] == "NOUN"
    found = find_headline_mentions(title_doc, PUBLISHED, title, verbs=body_verbs(body))
    assert {(e.trigger, e.lemma) for e in found} >= {
        ("checks", "check into"),
        ("rehires", "rehire"),
    }
    (checks,) = [e for e in found if e.trigger == "checks"]
    assert checks.participants == ("Lohan", "Betty Ford")
    # without the body's verbs only the noun with a subject of its own is a verb
    alone = {e.trigger for e in find_headline_mentions(title_doc, PUBLISHED, title)}
    assert "checks" in alone and "rehires" not in alone


def test_events_headline_plural_nouns_stay_nouns():
    from dateline.analyze.events import body_verbs, find_headline_mentions

    title = "Officials say results of the inquiry due next week"
    body = parse("The inquiry resulted in new rules, officials said.")
    found = find_headline_mentions(parse(title), PUBLISHED, title, verbs=body_verbs(body))
    assert not {e.trigger for e in found} & {"Officials", "results"}


def test_events_summary_mentions_are_of_the_summary_and_dated_by_it():
    from dataclasses import replace

    from dateline.analyze import analyze

    text = "Lohan's lawyer said she would comply."
    summary = "Lindsay Lohan checked into the Betty Ford Center on Thursday."
    article = Article(
        "t.txt", None, None, None, None, None, (), "en", Published(PUBLISHED, "given"), (text,)
    )
    found = analyze(replace(article, summary=summary)).event_mentions
    (checked,) = [e for e in found if e.kind == "summary"]
    # offsets into the summary, dated by the summary's own "Thursday"
    assert summary[checked.trigger_start :].startswith("checked")
    assert (checked.date, checked.date_from) == ("2025-11-27", "timex")
    assert all(e.kind != "summary" for e in analyze(article).event_mentions)
