"""One actor per real-world entity across articles: name keys, surnames, roles over time."""
from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import jsonschema
import pytest

from dateline.link.entities import link_entities, person_actor, resolve
from dateline.link.names import name_key, state_of, surname_key
from dateline.model import Analysis, Article, Mention, Published, Quote, RawDocument, Role

SCHEMA = json.loads((files("dateline") / "schemas" / "dateline.schema.json").read_text())


@pytest.mark.parametrize("variants", [
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Mr Zelensky", "Zelenskyy’s"],
    ["Dmitry Peskov", "Dmitri Peskov", "Mr. Dmitry Peskov"],
    ["São Paulo", "Sao Paulo"],
    ["the Kremlin", "Kremlin"],
])
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
    article = Article(source=f"{n}.txt", url=None, title=f"Story {n}", publisher=None, wire=None,
                      dateline=None, authors=(), language="en",
                      published=Published(published, "given"), body=(f"Story number {n}.",))
    _, article_id = store.add_article(article, store.add_raw(RawDocument(f"{n}.txt", "text", str(n))))
    store.save_analysis(article_id, Analysis(
        sentences=((0, 10),), mentions=tuple(Mention(0, len(m), m, label, m) for m, label in mentions),
        timexes=(), quotes=(), roles=tuple(roles), event_mentions=()), version=1)
    return article_id


def test_entities_one_actor_with_roles_over_time(store):
    first = add(store, 1, date(2025, 3, 11), [("Rustem Umerov", "PERSON"), ("Kyiv", "GPE")],
                [Role("Rustem Umerov", "defence minister", 0, 20, date(2025, 3, 11))])
    add(store, 2, date(2025, 6, 2), [("Umerov", "ORG")],
        [Role("Umerov", "Defence Minister", 0, 20, date(2025, 6, 2))])
    last = add(store, 3, date(2026, 2, 4), [("Rustem Umerov", "PERSON")],
               [Role("Rustem Umerov", "security council secretary", 0, 30, date(2026, 2, 4))])
    assert link_entities(store) == 3
    assert link_entities(store) == 0  # incremental: nothing left to link
    entities = store.entities(person_key=lambda name: person_actor(store, name))
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
    store.save_analysis(article_id, store.analysis(article_id), version=2)
    assert store.entity_unlinked() == [article_id]
    assert link_entities(store) == 1


def test_entities_speaking_seat_of_government_counts_for_its_state(store):
    article = Article(source="m.txt", url=None, title="Talks", publisher=None, wire=None,
                      dateline=None, authors=(), language="en",
                      published=Published(date(2026, 2, 4), "given"),
                      body=("The Kremlin said talks in Kyiv would go on.",))
    _, article_id = store.add_article(article, store.add_raw(RawDocument("m.txt", "text", "m")))
    store.save_analysis(article_id, Analysis(
        sentences=((0, 44),),
        mentions=(Mention(4, 11, "Kremlin", "ORG", "Kremlin"), Mention(29, 33, "Kyiv", "GPE", "Kyiv")),
        timexes=(), roles=(), event_mentions=(),
        quotes=(Quote(17, 43, "talks in Kyiv would go on", False, "said", 12, 16, "Kremlin", 4, 11),)),
        version=1)
    link_entities(store)
    by_name = {e["name"]: e for e in store.entities()}
    assert by_name["Russia"]["aliases"] == ["Kremlin"]
    assert "Ukraine" not in by_name and by_name["Kyiv"]["label"] == "GPE"  # a place, not acting


def test_names_state_of_seat():
    assert state_of("the Kremlin") == "Russia" and state_of("Kiev") == "Ukraine"
    assert state_of("Kharkiv") is None
