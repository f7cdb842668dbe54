"""One actor per real-world entity across articles: name keys, surnames, roles over time."""

from __future__ import annotations

import re
from datetime import date

import jsonschema
import pytest

import dateline.service
from clikit import SCHEMA
from dateline.link.entities import actor_type, link_entities, person_actor, resolve
from dateline.link.names import name_key, state_of, surname_key
from dateline.model import (
    Analysis,
    Article,
    EventMention,
    Mention,
    Published,
    Quote,
    RawDocument,
    Role,
)
from dateline.run.stages import Stage


@pytest.fixture
def store(memory_store):
    """These tests need no file: each gets a fresh in-memory store."""
    return memory_store


@pytest.mark.parametrize(
    "variants",
    [
        ["Zelensky", "Zelenskyy", "Zelenskiy", "Mr Zelensky", "Zelenskyy’s"],
        ["Dmitry Peskov", "Dmitri Peskov", "Mr. Dmitry Peskov"],
        ["São Paulo", "Sao Paulo"],
        ["the Kremlin", "Kremlin"],
    ],
)
def test_names_spellings_share_a_key(variants):
    label = "PERSON" if variants[0][0] in "ZD" else "GPE"
    assert len({name_key(v, label) for v in variants}) == 1


def test_names_short_words_keep_their_ending():
    assert name_key("Mali", "GPE") != name_key("Maly", "GPE")
    assert surname_key(name_key("Volodymyr Zelenskyy", "PERSON")) == "zelensky"
    assert surname_key("zelensky") is None


def test_entities_surname_joins_the_one_full_name(store):
    full = resolve(store, "Volodymyr Zelenskyy", "PERSON")
    assert resolve(store, "Zelensky", "PERSON") == full
    assert resolve(store, "Zelensky", "ORG") == full  # a lone surname mislabelled by the tagger


def test_entities_ambiguous_surname_stays_apart(store):
    ann, john = resolve(store, "Ann Smith", "PERSON"), resolve(store, "John Smith", "PERSON")
    assert resolve(store, "Smith", "PERSON") not in (ann, john)


def test_entities_full_name_adopts_surname_seen_first(store):
    alone = resolve(store, "Umerov", "PERSON")
    assert resolve(store, "Rustem Umerov", "PERSON") == alone
    assert person_actor(store, "Rustem Umerov") == alone


def add(store, n: int, published: date, mentions, roles=()) -> str:
    article = Article(
        source=f"{n}.txt",
        url=None,
        title=f"Story {n}",
        publisher=None,
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(published, "given"),
        body=(f"Story number {n}.",),
    )
    _, article_id = store.articles.add(
        article, store.articles.add_raw(RawDocument(f"{n}.txt", "text", str(n)))
    )
    store.analyses.save(
        article_id,
        Analysis(
            sentences=((0, 10),),
            mentions=tuple(Mention(0, len(m), m, label, m) for m, label in mentions),
            timexes=(),
            quotes=(),
            roles=tuple(roles),
            event_mentions=(),
        ),
        version=1,
    )
    return article_id


def test_entities_one_actor_with_roles_over_time(store):
    first = add(
        store,
        1,
        date(2025, 3, 11),
        [("Rustem Umerov", "PERSON"), ("Kyiv", "GPE")],
        [Role("Rustem Umerov", "defence minister", 0, 20, date(2025, 3, 11))],
    )
    add(
        store,
        2,
        date(2025, 6, 2),
        [("Umerov", "ORG")],
        [Role("Umerov", "Defence Minister", 0, 20, date(2025, 6, 2))],
    )
    last = add(
        store,
        3,
        date(2026, 2, 4),
        [("Rustem Umerov", "PERSON")],
        [Role("Rustem Umerov", "security council secretary", 0, 30, date(2026, 2, 4))],
    )
    assert link_entities(store) == 3
    assert link_entities(store) == 0  # incremental: nothing left to link
    entities = [a.to_json() for a in dateline.service.entities(store)]
    for entity in entities:
        jsonschema.validate(entity, {**SCHEMA, "$ref": "#/$defs/entity_listing"})
    umerov = next(e for e in entities if e["name"] == "Rustem Umerov")
    assert umerov["articles"] == 3 and umerov["aliases"] == ["Rustem Umerov", "Umerov"]
    minister, secretary = umerov["roles"]
    assert (minister["first_seen"], minister["last_seen"]) == ("2025-03-11", "2025-06-02")
    assert minister["evidence"][0]["article_id"] == first and len(minister["evidence"]) == 2
    assert (secretary["first_seen"], secretary["last_seen"]) == ("2026-02-04", "2026-02-04")
    assert secretary["evidence"] == [{"article_id": last, "start": 0, "end": 30}]


def test_entities_relinked_after_reanalysis(store):
    article_id = add(store, 1, date(2026, 1, 1), [("Kyiv", "GPE")])
    link_entities(store)
    store.analyses.save(article_id, store.analyses.get(article_id), version=2)
    assert store.queue.waiting(Stage.ENTITIES) == [article_id]
    assert link_entities(store) == 1


def test_entities_speaking_seat_of_government_counts_for_its_state(store):
    article = Article(
        source="m.txt",
        url=None,
        title="Talks",
        publisher=None,
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(date(2026, 2, 4), "given"),
        body=("The Kremlin said talks in Kyiv would go on.",),
    )
    _, article_id = store.articles.add(
        article, store.articles.add_raw(RawDocument("m.txt", "text", "m"))
    )
    store.analyses.save(
        article_id,
        Analysis(
            sentences=((0, 44),),
            mentions=(
                Mention(4, 11, "Kremlin", "ORG", "Kremlin"),
                Mention(29, 33, "Kyiv", "GPE", "Kyiv"),
            ),
            timexes=(),
            roles=(),
            event_mentions=(),
            quotes=(
                Quote(17, 43, "talks in Kyiv would go on", False, "said", 12, 16, "Kremlin", 4, 11),
            ),
        ),
        version=1,
    )
    link_entities(store)
    by_name = {e["name"]: e for e in [a.to_json() for a in dateline.service.entities(store)]}
    assert by_name["Russia"]["aliases"] == ["Kremlin"]
    assert "Ukraine" not in by_name and by_name["Kyiv"]["label"] == "GPE"  # a place, not acting


def test_names_state_of_seat():
    assert state_of("the Kremlin") == "Russia" and state_of("Kiev") == "Ukraine"
    assert state_of("Kharkiv") is None


def test_entities_state_adjective_is_the_state(store):
    russia = resolve(store, "Russia", "GPE")
    assert resolve(store, "Russian", "NORP") == resolve(store, "Russians", "NORP") == russia
    us = resolve(store, "American", "NORP")
    assert resolve(store, "U.S.", "GPE") == resolve(store, "United States", "GPE") == us
    assert resolve(store, "Republicans", "NORP") not in (russia, us)


def add_text(
    store, n: int, text: str, published: date | None, mentions, roles=(), events=(), quotes=()
) -> str:
    """An article of one paragraph, with a mention wherever each of ``mentions`` is written."""
    article = Article(
        source=f"{n}.txt",
        url=None,
        title=None,
        publisher=None,
        wire=None,
        dateline=None,
        authors=(),
        language="en",
        published=Published(published, "given" if published else None),
        body=(text,),
    )
    _, article_id = store.articles.add(
        article, store.articles.add_raw(RawDocument(f"{n}.txt", "text", text))
    )
    found = sorted(
        (
            Mention(m.start(), m.end(), name, label, name)
            for name, label in mentions
            for m in re.finditer(rf"\b{re.escape(name)}\b", text)
        ),
        key=lambda m: m.start,
    )
    store.analyses.save(
        article_id,
        Analysis(
            sentences=((0, len(text)),),
            mentions=tuple(found),
            timexes=(),
            quotes=tuple(quotes),
            roles=tuple(roles),
            event_mentions=tuple(events),
        ),
        version=1,
    )
    return article_id


def test_entities_acting_seat_counts_for_its_state_once_a_sentence(store):
    text = "Moscow said it launched drones at Kharkiv, and talks in Kyiv stalled."
    add_text(
        store,
        1,
        text,
        date(2026, 2, 4),
        [("Moscow", "GPE"), ("Kharkiv", "GPE"), ("Kyiv", "GPE")],
        events=[
            EventMention(0, len(text), "launched", None, None, ("Moscow",), ("Kharkiv",)),
            EventMention(0, len(text), "talks", None, None, (), ("Kyiv",)),
        ],
        quotes=[
            Quote(12, 41, "it launched drones at Kharkiv", False, "said", 7, 11, "Moscow", 0, 6)
        ],
    )
    link_entities(store)
    by_name = {e["name"]: e for e in [a.to_json() for a in dateline.service.entities(store)]}
    assert by_name["Russia"]["aliases"] == ["Moscow"] and by_name["Russia"]["mentions"] == 1
    assert "Ukraine" not in by_name and by_name["Kyiv"]["label"] == "GPE"  # only a place


def holds(store, n: int, person: str, published: date | None) -> None:
    """Link an article that makes ``person`` Ukrainian President as of ``published``."""
    add_text(
        store,
        n,
        f"Ukrainian President {person} spoke.",
        published,
        [(person, "PERSON")],
        roles=[Role(person, "Ukrainian President", 0, 20 + len(person), published)],
    )
    link_entities(store)


def office_named(store, published: date | None) -> dict[str, dict]:
    """Link an article naming the office without its holder; the store's actors by name."""
    text = (
        "Ukraine's president met the Ukrainian president's aides, a Ukrainian president "
        "and Ukrainian President Petro Poroshenko."
    )
    add_text(
        store,
        99,
        text,
        published,
        [("Ukraine", "GPE"), ("Ukrainian", "NORP"), ("Petro Poroshenko", "PERSON")],
    )
    link_entities(store)
    return {e["name"]: e for e in [a.to_json() for a in dateline.service.entities(store)]}


def test_entities_office_is_its_one_holder(store):
    holds(store, 1, "Volodymyr Zelensky", date(2026, 2, 2))
    zelensky = office_named(store, date(2026, 2, 3))["Volodymyr Zelensky"]
    # "a Ukrainian president" is not the office; "Ukrainian President Petro Poroshenko" a name
    assert zelensky["aliases"] == [
        "Ukraine's president",
        "Ukrainian president",
        "Volodymyr Zelensky",
    ]
    assert (zelensky["articles"], zelensky["mentions"]) == (2, 3)


def test_entities_office_of_two_holders_stays_unlinked(store):
    holds(store, 1, "Volodymyr Zelensky", date(2026, 2, 2))
    holds(store, 2, "Petro Poroshenko", date(2026, 1, 5))
    entities = office_named(store, date(2026, 2, 3))
    assert [e["aliases"] for e in entities.values() if "Ukraine's president" in e["aliases"]] == []


def test_entities_office_holder_of_another_time_does_not_count(store):
    holds(store, 1, "Petro Poroshenko", date(2018, 5, 1))
    holds(store, 2, "Volodymyr Zelensky", date(2025, 11, 2))
    entities = office_named(store, date(2026, 2, 3))  # held the year before: still counts
    assert "Ukraine's president" in entities["Volodymyr Zelensky"]["aliases"]


def test_entities_undated_office_needs_one_holder_ever(store):
    holds(store, 1, "Petro Poroshenko", date(2018, 5, 1))
    holds(store, 2, "Volodymyr Zelensky", date(2025, 11, 2))
    entities = office_named(store, None)
    assert [e["aliases"] for e in entities.values() if "Ukraine's president" in e["aliases"]] == []


def typed(store) -> dict[str, str]:
    """Each actor's type, by name."""
    return {a.name: a.label for a in dateline.service.entities(store)}


def test_entities_capital_tagged_person_that_hosts_talks_is_a_place(store):
    said = "Leogane said it needed water."
    add_text(
        store,
        1,
        said,
        date(2010, 1, 14),
        [("Leogane", "PERSON")],
        quotes=[Quote(14, 28, "it needed water", False, "said", 8, 12, "Leogane", 0, 7)],
    )
    link_entities(store)
    assert typed(store)["Leogane"] == "PERSON"  # all the evidence so far
    for n, who in ((2, "Donors"), (3, "Engineers")):
        text = f"{who} met for talks in Leogane."
        add_text(
            store,
            n,
            text,
            date(2010, 1, 15),
            [("Leogane", "GPE")],
            events=[EventMention(0, len(text), "talks", None, None, (), ("Leogane",))],
        )
        link_entities(store)
    assert typed(store)["Leogane"] == "GPE"
    leogane = person_actor(store, "Leogane")
    assert store.actors.evidence([leogane]) == {
        leogane: {"PERSON": 1, "speaker": 1, "GPE": 2, "place": 2}
    }


def test_entities_person_tagged_org_with_a_title_who_speaks_is_a_person(store):
    text = "Rustem Umerov, the defence minister, said talks were useful."
    add_text(
        store,
        1,
        text,
        date(2025, 6, 2),
        [("Rustem Umerov", "ORG")],
        roles=[Role("Rustem Umerov", "defence minister", 0, 35, date(2025, 6, 2))],
        quotes=[Quote(42, 59, "talks were useful", False, "said", 37, 41, "Rustem Umerov", 0, 13)],
    )
    link_entities(store)
    assert typed(store)["Rustem Umerov"] == "PERSON"
    add_text(store, 2, "Rustem Umerov met Rustem Umerov's staff.", None, [("Rustem Umerov", "ORG")])
    link_entities(store)
    # three ORG tags against a title (worth three) and a quote
    assert typed(store)["Rustem Umerov"] == "PERSON"
    add_text(store, 3, "Rustem Umerov left.", None, [("Rustem Umerov", "ORG")])
    link_entities(store)
    assert typed(store)["Rustem Umerov"] == "ORG"  # the tags outweigh it at last: 4 to 4


def test_entities_organisation_that_speaks_stays_an_organisation(store):
    text = "The Red Cross said supplies ran short."
    add_text(
        store,
        1,
        text,
        date(2010, 1, 16),
        [("Red Cross", "ORG")],
        quotes=[Quote(19, 37, "supplies ran short", False, "said", 14, 18, "Red Cross", 4, 13)],
    )
    link_entities(store)
    assert typed(store)["Red Cross"] == "ORG"  # a quote alone ties, and the tag decides


def test_entities_state_tagged_person_stays_a_state_and_speaking_is_not_personal(store):
    text = "Russia said Russia would respond."
    add_text(
        store,
        1,
        text,
        date(2026, 2, 4),
        [("Russia", "PERSON")],
        quotes=[Quote(12, 32, "Russia would respond", False, "said", 7, 11, "Russia", 0, 6)],
    )
    link_entities(store)
    assert typed(store)["Russia"] == "GPE"
    assert "speaker" not in store.actors.evidence([resolve(store, "Russia", "GPE")])[1]


def test_entities_evidence_of_an_article_linked_again_replaces_what_it_said(store):
    article_id = add(store, 1, date(2026, 1, 1), [("Kyiv", "PERSON")])
    add(store, 2, date(2026, 1, 2), [("Kyiv", "PERSON")])
    link_entities(store)
    kyiv = resolve(store, "Kyiv", "GPE")
    assert store.actors.evidence([kyiv]) == {kyiv: {"PERSON": 2, "capital": 2}}
    assert typed(store)["Kyiv"] == "GPE"  # a capital's name outweighs a tag
    analysis = store.analyses.get(article_id)
    relabelled = tuple(Mention(m.start, m.end, m.text, "GPE", m.name) for m in analysis.mentions)
    store.analyses.save(
        article_id, Analysis(**{**analysis.__dict__, "mentions": relabelled}), version=2
    )
    link_entities(store)
    assert store.actors.evidence([kyiv]) == {kyiv: {"PERSON": 1, "GPE": 1, "capital": 2}}


@pytest.mark.parametrize(
    "evidence,label",
    [
        ({"PERSON": 1, "GPE": 2, "place": 1}, "GPE"),
        ({"ORG": 2, "title": 1, "speaker": 1}, "PERSON"),
        ({"ORG": 3, "speaker": 3}, "ORG"),
        ({"PERSON": 3, "state": 2}, "GPE"),
        ({"PERSON": 1, "place": 2}, "GPE"),
        ({"LOC": 3, "GPE": 1, "place": 1}, "LOC"),
        ({"FAC": 2, "ORG": 1}, "FAC"),
        ({"NORP": 2, "ORG": 1}, "NORP"),
        ({"EVENT": 1}, "EVENT"),
        ({"PERSON": 1, "ORG": 1}, "PERSON"),
    ],
)
def test_entities_actor_type_weighs_labels_and_contexts(evidence, label):
    assert actor_type(evidence) == label
