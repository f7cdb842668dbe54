"""Event mentions grouped into events across articles, dated at their true precision."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import dateline
from conftest import TALKS, copy_of
from dateline.link.events import _phrase, describe, trigger_class, without_reports
from dateline.model import DateSpan, EventMention, EventProfile, EventReport


def event_with(store, *words):
    """The one event whose title holds every word."""
    events = [e.to_json() for e in store.events.of_story(None)]
    found = [e for e in events if all(word.casefold() in e["title"].casefold() for word in words)]
    assert len(found) == 1, [e["title"] for e in events]
    return found[0]


def published_of(store, event):
    return sorted(
        store.articles.get(a).article.published.value.isoformat() for a in event["articles"]
    )


@pytest.mark.parametrize(
    "trigger, kind",
    [
        ("talks", "talks"),
        ("met", "talks"),
        ("summit", "talks"),
        ("negotiations", "talks"),
        ("struck", "attack"),
        ("airstrikes", "attack"),
        ("agreed", "agreement"),
        ("truce", "ceasefire"),
        ("quake", "earthquake"),
        ("resigned", "resignation"),
        ("bought", "acquisition"),
        ("unveiled", "launch"),
        ("convicted", "conviction"),
        ("protested", "protest"),
    ],
)
def test_events_trigger_classes(trigger, kind):
    assert trigger_class(trigger) == kind


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-02-04", ["2026-02-04", "2026-02-04", "day"]),
        ("2026-02-04TNI", ["2026-02-04", "2026-02-04", "day"]),
        ("2026-W06", ["2026-02-02", "2026-02-08", "week"]),
        ("2026-02", ["2026-02-01", "2026-02-28", "month"]),
        ("2025", ["2025-01-01", "2025-12-31", "year"]),
    ],
)
def test_events_date_values_keep_their_precision(value, expected):
    assert DateSpan.parse(value, "timex").to_list() == [*expected, "text"]


@pytest.mark.parametrize("value", [None, "PAST_REF", "P2D"])
def test_events_values_off_the_calendar_give_no_date(value):
    assert DateSpan.parse(value, "timex") is None


def test_events_precision_is_the_finest_the_sentences_give():
    profile = EventProfile(
        phrases={"talks": 2},
        places={"Geneva": 1},
        dates=[
            DateSpan.from_list(d)
            for d in [
                ["2026-02-01", "2026-02-28", "month", "text"],
                ["2026-02-04", "2026-02-04", "day", "text"],
                ["2026-02-09", "2026-02-09", "day", "publication"],
            ]
        ],
    )
    title, span = describe(profile)
    assert (title, span.to_list()) == (
        "Talks in Geneva",
        ["2026-02-04", "2026-02-04", "day", "text"],
    )


@pytest.mark.parametrize(
    "sentence, trigger, phrase",
    [
        ("The two-day trilateral talks ended.", "talks", "two-day trilateral talks"),
        ("A strike on the city on Thursday killed 12 people.", "killed", "killed"),
        ("After Tuesday's meeting, officials spoke.", "meeting", "meeting"),
        ("The Kremlin meeting lasted five hours.", "meeting", "Kremlin meeting"),
    ],
)
def test_events_titles_skip_the_words_that_say_when(sentence, trigger, phrase):
    mention = SimpleNamespace(start=0, end=len(sentence), trigger=trigger)
    assert _phrase(sentence, mention) == phrase


@pytest.mark.slow
def test_events_two_outlets_and_next_days_report_are_one_event(talks):
    abu_dhabi = event_with(talks, "talks", "Abu Dhabi")
    assert (abu_dhabi["start"], abu_dhabi["end"], abu_dhabi["precision"]) == (
        "2026-02-04",
        "2026-02-05",
        "day",
    )
    assert published_of(talks, abu_dhabi) == ["2026-02-04", "2026-02-04", "2026-02-05"]
    assert "Abu Dhabi" in abu_dhabi["places"]


@pytest.mark.slow
def test_events_talks_months_apart_stay_apart(talks):
    riyadh, florida = event_with(talks, "Riyadh"), event_with(talks, "Florida")
    assert riyadh["id"] != florida["id"]
    assert riyadh["start"].startswith("2025-03") and florida["start"] == "2025-11-30"


@pytest.mark.slow
def test_events_past_event_in_a_later_article_keeps_its_own_date(talks):
    kremlin = event_with(talks, "Kremlin meeting")
    assert kremlin["start"] == kremlin["end"] == "2025-12-02"
    # reported on the day after, and again in January "the Kremlin meeting on Dec 2"
    assert published_of(talks, kremlin) == ["2025-12-03", "2026-01-10"]
    january = [e for e in kremlin["evidence"] if e["date"] == "2025-12-02"]
    assert len({e["article_id"] for e in january}) == 2


@pytest.mark.slow
def test_events_evidence_spans_are_sentences_that_name_the_event(talks):
    for event in talks.events.of_story(None):
        for evidence in event.evidence:
            text = talks.articles.get(evidence.article_id).article.text
            sentence = text[evidence.start : evidence.end]
            assert sentence.strip() and len(sentence) < 300


@pytest.mark.slow
def test_events_reingest_changes_nothing(talks, tmp_path):
    db = copy_of(talks, tmp_path, "again")
    before = talks.events.of_story(None)
    report = dateline.ingest([str(TALKS)], db)
    assert report.ingested == 0
    with dateline.open(db) as again:
        assert again.events.of_story(None) == before


class NoEvents:
    def filed(self, keys, latest=None):
        return {}


def test_events_words_of_a_direct_quote_are_not_events():
    from dateline.link.events import plan_events, plan_named
    from dateline.model import Analysis, EventMention, Quote

    text = 'Troops shelled Kharkiv on Monday. "We will end this war," Peskov said.'
    quote = Quote(35, 55, "We will end this war", True, "said", 58, 62, "Peskov", 58, 64)
    analysis = Analysis(
        sentences=((0, 33), (34, 71)),
        mentions=(),
        timexes=(),
        quotes=(quote,),
        roles=(),
        event_mentions=(
            EventMention(0, 33, "shelled", "2026-02-02", "timex", (), ("Kharkiv",)),
            EventMention(34, 71, "war", "2026-02-03", "published", ("Peskov",), ()),
        ),
    )
    drafts = plan_events(NoEvents(), text, analysis, {})
    assert [(m.trigger, m.kind) for d in drafts for m in d.members] == [("shelled", "main")]
    # the quoted words join events only as another kind of mention, which views leave out
    drafts = plan_named(NoEvents(), [1], drafts, text, None, analysis, {})
    assert [(m.trigger, m.kind) for d in drafts for m in d.members] == [
        ("shelled", "main"),
        ("war", "other"),
    ]


def test_events_a_day_far_from_every_day_of_an_event_is_another_happening():
    from dateline.link.events import DAY_APART, SAME_DAY, EventDraft, _day_fit
    from dateline.model import DatedBy, Precision

    def stated(day: str) -> DateSpan:
        return DateSpan(day, day, Precision.DAY, DatedBy.TEXT)

    draft = EventDraft(EventProfile(dates=[stated("2026-02-04")]))
    dates, whens = draft.profile.dates, draft.whens
    assert _day_fit(dates, whens, stated("2026-02-04")) == SAME_DAY
    assert _day_fit(dates, whens, stated("2026-02-05")) == -DAY_APART  # a two-day summit
    assert _day_fit(dates, whens, stated("2026-02-11")) == float("-inf")  # a week later
    assert _day_fit(dates, whens, None) == 0.0


class MemoryIndex:
    """Events kept in memory, found by their keys, as the store files them."""

    def __init__(self):
        self.profiles, self.keys = {}, {}
        self.looked: list[list[str]] = []

    def filed(self, keys, latest=None):
        self.looked.append(list(keys))
        return {
            key: {
                i: EventProfile.from_json(self.profiles[i].to_json())
                for i in sorted(ids)[-latest if latest else 0 :]
            }
            for key in keys
            if (ids := self.keys.get(key))
        }

    def link(self, text, analysis, actor_of, title=None, story=1):
        """Link one article in ``story`` (None: a story it starts, which is then 99)."""
        from dateline.link.events import plan_events, plan_named
        from dateline.model import story_kind_key

        drafts = plan_events(self, text, analysis, actor_of)
        in_story = [] if story is None else [story]
        drafts = plan_named(self, in_story, drafts, text, title, analysis, actor_of)
        for draft in drafts:
            update = draft.update()
            event_id = update.id or len(self.profiles) + 1
            draft.id = event_id
            self.profiles[event_id] = update.profile
            kinds = [story_kind_key(story or 99, kind) for kind in update.kinds]
            for key in [*update.keys, *kinds]:
                self.keys.setdefault(key, set()).add(event_id)
        return drafts


def article(text, *mentions, names=()):
    """An analysis of ``text`` holding these event mentions and entity mentions of
    ``names`` (each a PERSON once, at the start)."""
    from dateline.model import Analysis, Mention

    return Analysis(
        sentences=((0, len(text)),),
        mentions=tuple(Mention(0, len(n), n, "PERSON", n) for n in names),
        timexes=(),
        quotes=(),
        roles=(),
        event_mentions=tuple(mentions),
    )


def named(text, word, kind="other", participants=(), date=None, lemma=None):
    """A mention of ``word`` in its sentence of ``text`` (sentences end at ". ")."""
    from dateline.model import EventMention

    at = text.index(word)
    start = text.rfind(". ", 0, at) + 2 if ". " in text[:at] else 0
    end = text.find(". ", at) + 1 or len(text)
    return EventMention(
        start, end, word, date, "timex" if date else None, participants, (), at,
        lemma or word.lower(), kind,
    )  # fmt: skip


def event_of(drafts, word):
    (event_id,) = {d.id for d in drafts for m in d.members if m.trigger == word}
    return event_id


def test_events_other_mentions_join_the_event_of_their_kind_in_the_story():
    index = MemoryIndex()
    first = "Reid checked into the Promises clinic, after the party."
    second = "Her entry into Promises followed a party, her agent said."
    a = index.link(
        first,
        article(first, named(first, "checked", lemma="check into"), named(first, "party")),
        {},
    )
    b = index.link(
        second,
        article(second, named(second, "entry"), named(second, "party"),
                named(second, "said", kind="reporting")),
        {},
    )  # fmt: skip
    # "checked into" and "entry" are one kind (entering); the party is another happening
    assert event_of(a, "checked") == event_of(b, "entry")
    assert event_of(a, "party") == event_of(b, "party") != event_of(b, "entry")


def test_events_same_kind_in_another_story_is_another_happening():
    index = MemoryIndex()
    first, second = "Reid checked into rehab.", "Lohan checked into rehab."
    a = index.link(first, article(first, named(first, "checked")), {}, story=1)
    b = index.link(second, article(second, named(second, "checked")), {}, story=2)
    c = index.link(second, article(second, named(second, "checked")), {}, story=None)
    assert len({event_of(a, "checked"), event_of(b, "checked"), event_of(c, "checked")}) == 3


def test_events_same_kind_days_apart_is_another_happening():
    index = MemoryIndex()
    first, second = "Reid was arrested.", "Reid was arrested again."
    a = index.link(first, article(first, named(first, "arrested", date="2026-02-02")), {})
    b = index.link(second, article(second, named(second, "arrested", date="2026-02-20")), {})
    c = index.link(second, article(second, named(second, "arrested", date="2026-02-03")), {})
    assert event_of(a, "arrested") != event_of(b, "arrested")
    assert event_of(a, "arrested") == event_of(c, "arrested")


def test_events_one_sentence_names_distinct_happenings():
    index = MemoryIndex()
    text = "The blast followed an earlier blast."
    drafts = index.link(
        text,
        article(text, named(text, "blast"), named(text, "earlier blast", lemma="blast"),
                names=("Reid",)),
        {"Reid": 1},
    )  # fmt: skip
    assert len({d.id for d in drafts}) == 2


def test_events_a_statement_joins_only_one_its_speaker_made():
    index, actors = MemoryIndex(), {"Reid": 1, "Lohan": 2}
    first, second, third = "Reid said so.", "Reid said it again.", "Lohan said otherwise."

    def said(text, who):
        return article(
            text, named(text, "said", kind="reporting", participants=(who,)), names=(who,)
        )

    a = index.link(first, said(first, "Reid"), actors)
    b = index.link(second, said(second, "Reid"), actors)
    c = index.link(third, said(third, "Lohan"), actors)
    assert event_of(a, "said") == event_of(b, "said") != event_of(c, "said")


def test_events_other_mentions_leave_the_main_profile_as_it_was():
    index = MemoryIndex()
    text = "Troops shelled Kharkiv. The shelling went on."
    drafts = index.link(
        text,
        article(text, named(text, "shelled", kind="main", date="2026-02-02"),
                named(text, "shelling", date="2026-02-02"), names=("Reid",)),
        {"Reid": 1},
    )  # fmt: skip
    (draft,) = drafts
    profile = draft.profile
    assert profile.triggers == {"attack": 1} and profile.minor.triggers == {"attack": 1}
    assert describe(profile)[0] == "Troops shelled"
    # an event only named takes its title from the mentions that name it
    assert describe(profile.minor)[0] == "Shelling"


def test_events_summary_mentions_read_the_summary():
    from dateline.link.events import plan_events, plan_named

    summary, text = "Reid checks into rehab, her agent says.", "She entered a clinic."
    mention = named(summary, "checks", kind="summary", lemma="check into")
    analysis = article(text, named(text, "entered"), mention, names=("Reid",))
    drafts = plan_events(NoEvents(), text, analysis, {"Reid": 1})
    drafts = plan_named(NoEvents(), [1], drafts, text, None, analysis, {"Reid": 1}, summary)
    assert event_of(drafts, "checks") == event_of(drafts, "entered")
    assert {p for d in drafts for p in d.profile.minor.phrases} == {"Reid checks", "She entered"}


def test_events_headline_mentions_read_the_title():
    index = MemoryIndex()
    title, text = "Reid checks into rehab", "She entered a clinic."
    headline = named(title, "checks", kind="headline", lemma="check into")
    drafts = index.link(
        text, article(text, named(text, "entered"), headline, names=("Reid",)), {"Reid": 1},
        title,
    )  # fmt: skip
    assert event_of(drafts, "checks") == event_of(drafts, "entered")
    assert {p for d in drafts for p in d.profile.minor.phrases} == {"Reid checks", "She entered"}


def test_events_an_undated_mention_finds_a_dated_event_of_its_kind():
    index, actors = MemoryIndex(), {"Reid": 1}
    first, second = "Reid was arrested on Monday.", "Reid's arrest angered fans."
    a = index.link(
        first,
        article(first, named(first, "arrested", date="2026-02-02"), names=("Reid",)),
        actors,
    )
    b = index.link(second, article(second, named(second, "arrest"), names=("Reid",)), actors)
    assert event_of(a, "arrested") == event_of(b, "arrest")


def test_events_a_report_takes_the_event_its_story_only_named():
    index = MemoryIndex()
    first, second = "The arrest angered fans.", "Police arrested Reid on Monday."
    a = index.link(first, article(first, named(first, "arrest")), {})
    b = index.link(second, article(second, named(second, "arrested", kind="main")), {})
    assert event_of(a, "arrest") == event_of(b, "arrested")
    (draft,) = b
    assert draft.profile.triggers == {"arrest": 1} and draft.profile.minor.triggers == {"arrest": 1}
    assert describe(draft.profile)[0] == "Police arrested"  # its main report tells it


def test_events_an_undated_report_and_the_story_event_of_its_kind():
    from dataclasses import replace

    index, actors = MemoryIndex(), {"Reid": 1, "Police": 2}
    first, second = "Reid was killed.", "Police said the killing shocked the town."
    a = index.link(
        first, article(first, named(first, "killed", kind="main"), names=("Reid",)), actors
    )
    published = replace(named(second, "killing", kind="main"), date="2026-02-03", date_from="dc")
    b = index.link(second, article(second, published, names=("Police",)), actors)
    # no key of the second report finds the first (one undated, no actor in common), but
    # with one side undated the story's event of the kind is the likeliest
    assert event_of(a, "killed") == event_of(b, "killing")
    assert b[0].profile.triggers == {"kill": 2}
    third = "Police said another killing followed."
    later = replace(named(third, "killing", kind="main"), date="2026-02-20", date_from="dc")
    c = index.link(third, article(third, later, names=("Police",)), actors)
    # both dated, a publication date standing for the day: only keys join them
    (draft,) = c
    assert draft.profile.dates and event_of(c, "killing") != event_of(b, "killing")


def test_events_an_undated_report_is_the_article_event_of_its_kind():
    index = MemoryIndex()
    text = "Envoys met in Geneva on Monday. The meeting lasted five hours."
    drafts = index.link(
        text,
        article(text, named(text, "met", kind="main", date="2026-02-02"),
                named(text, "meeting", kind="main")),
        {},
    )  # fmt: skip
    assert len(drafts) == 1 and event_of(drafts, "met") == event_of(drafts, "meeting")


def test_events_dated_reports_of_a_kind_on_days_or_years_apart_stay_apart():
    index = MemoryIndex()
    first = "Envoys met in Geneva on Monday. They met again on Wednesday."
    drafts = index.link(
        first,
        article(first, named(first, "met", kind="main", date="2026-02-02"),
                named(first, "met again", kind="main", date="2026-02-04", lemma="meet")),
        {},
    )  # fmt: skip
    assert len(drafts) == 2  # one article that dates them apart tells two meetings
    second = "The 2019 meeting failed."
    b = index.link(second, article(second, named(second, "meeting", kind="main", date="2019")), {})
    assert event_of(b, "meeting") not in {d.id for d in drafts}


def test_an_article_leaving_an_event_takes_away_what_its_reports_added():
    text = "Envoys met in Geneva on Monday."
    profile = EventProfile(
        triggers={"talks": 2},
        terms={"envoy": 2.0, "geneva": 1.0},
        dates=[DateSpan.day("2026-02-02"), DateSpan.day("2026-02-09")],
        phrases={"Envoys met": 2},
    )
    gone = [EventMention(0, len(text), "met", "2026-02-09", "timex", (), ())]
    kept = [EventReport("other", 0, 20, "2026-02-02", "timex")]
    left = without_reports(profile, gone, kept, text)
    assert left is not None
    assert left.dates == [DateSpan.day("2026-02-02")] and not left.undated
    assert left.triggers == {"talks": 1} and left.phrases == {"Envoys met": 1}
    assert left.terms == {"envoy": 1.0}
    assert without_reports(profile, gone, [], text) is None  # its only report: the event goes


class OneEvent:
    """An index that finds one stored event for every look-up, the same object each time."""

    def __init__(self, profile: EventProfile):
        self.profile = profile

    def filed(self, keys, latest=None):
        return {key: {7: self.profile} for key in keys}


def test_joining_a_stored_event_leaves_the_index_copy_as_stored():
    from dateline.link.events import plan_events
    from dateline.model import Analysis

    text = "Envoys met in Geneva on Monday."
    stored = EventProfile(triggers={"talks": 1}, terms={"envoy": 1.0, "geneva": 1.0})
    mention = EventMention(0, 31, "met", "2026-02-02", "timex", (), ("Geneva",))
    analysis = Analysis(
        sentences=((0, 31),),
        mentions=(),
        timexes=(),
        quotes=(),
        roles=(),
        event_mentions=(mention, mention),
    )
    index = OneEvent(stored)
    drafts = plan_events(index, text, analysis, {})
    assert [d.id for d in drafts] == [7]
    assert drafts[0].profile.triggers == {"talks": 3}  # both mentions joined the one event
    assert stored == EventProfile(triggers={"talks": 1}, terms={"envoy": 1.0, "geneva": 1.0})
