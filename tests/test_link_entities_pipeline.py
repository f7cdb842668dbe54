"""One actor per real actor, on small hand-written stories run through the real pipeline:
states under their adjectives, capitals that act, offices named without their holder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import dateline.service
from dateline.run.extract import Inputs
from dateline.run.ingest import ingest
from dateline.settings import Settings

pytestmark = pytest.mark.slow

CEASEFIRE = """Ceasefire plan

Russian officials said on Monday that talks in Moscow would resume next week. Republicans in Congress criticised the plan. Washington proposed a ceasefire on Tuesday, and American diplomats flew to Geneva.
"""
BARRAGE = """Drone barrage

Moscow launched dozens of drones at Kharkiv overnight, the regional governor said.
"""
TALKS = """Talks go on

Ukraine's president said on Tuesday that the talks would go on. A Ukrainian minister said the same.
"""


def holder(name: str) -> str:
    return f"""{name} visits the front

Ukrainian President {name} visited troops near Pokrovsk on Monday.
"""


def linked(store, tmp_path: Path, *stories: tuple[str, date]) -> dict[str, dict]:
    """Ingest each story in turn (so each is linked before the next); actors by name."""
    for n, (text, published) in enumerate(stories):
        path = tmp_path / f"{n}.txt"
        path.write_text(text)
        ingest(Inputs([str(path)], published), store, Settings(jobs=1))
    return {
        entity["name"]: entity for entity in [a.to_json() for a in dateline.service.entities(store)]
    }


def test_entities_pipeline_state_adjective_is_the_state(store, tmp_path):
    actors = linked(store, tmp_path, (CEASEFIRE, date(2026, 2, 2)))
    assert actors["Russia"]["aliases"] == ["Russian"]  # "talks in Moscow": Moscow is a place
    assert actors["Moscow"]["label"] == "GPE"
    assert actors["United States"]["aliases"] == ["American", "Washington"]
    assert actors["Republicans"]["label"] == "NORP"


def test_entities_pipeline_acting_capital_is_the_state(store, tmp_path):
    actors = linked(store, tmp_path, (BARRAGE, date(2026, 2, 3)))
    assert actors["Russia"]["aliases"] == ["Moscow"] and actors["Moscow"]["label"] == "GPE"


def test_entities_pipeline_office_is_its_one_holder(store, tmp_path):
    actors = linked(
        store, tmp_path, (holder("Volodymyr Zelensky"), date(2026, 2, 2)), (TALKS, date(2026, 2, 3))
    )
    assert actors["Volodymyr Zelensky"]["aliases"] == ["Ukraine's president", "Volodymyr Zelensky"]
    assert actors["Volodymyr Zelensky"]["articles"] == 2


def test_entities_pipeline_office_of_two_holders_stays_unlinked(store, tmp_path):
    actors = linked(
        store,
        tmp_path,
        (holder("Petro Poroshenko"), date(2019, 3, 4)),
        (holder("Volodymyr Zelensky"), date(2019, 6, 3)),
        (TALKS, date(2019, 7, 2)),
    )
    assert {"Petro Poroshenko", "Volodymyr Zelensky"} <= actors.keys()
    assert all("Ukraine's president" not in actor["aliases"] for actor in actors.values())


# The small model tags "Leogane" a person where it speaks, and a place or a person where
# things happen in it: its labels tie, the events it is the place of decide. It tags "Rustem
# Umerov" an organisation while a title describes him and he speaks.
TOWN_SPEAKS = """Water runs short

Leogane said it needed water on Thursday, two days after the earthquake destroyed its hospital.
"""
TALKS_IN_TOWN = """Donors meet

Donors met for talks in Leogane on Friday. Rescuers reached Leogane on Saturday, and a field hospital opened in Leogane on Sunday.
"""
SECRETARY = """Talks were useful

Rustem Umerov, secretary of Ukraine's security council, said the talks were useful.
"""


def test_entities_pipeline_town_that_hosts_talks_is_a_place(store, tmp_path):
    assert linked(store, tmp_path, (TOWN_SPEAKS, date(2010, 1, 21)))["Leogane"]["label"] == "PERSON"
    actors = linked(store, tmp_path, (TALKS_IN_TOWN, date(2010, 1, 22)))
    assert actors["Leogane"]["label"] == "GPE"
    said = store.actors.evidence([actors["Leogane"]["id"]])[actors["Leogane"]["id"]]
    assert said["PERSON"] == said["GPE"] and said["place"] == 2  # the places decide


def test_entities_pipeline_titled_speaker_tagged_org_is_a_person(store, tmp_path):
    actors = linked(store, tmp_path, (SECRETARY, date(2026, 2, 4)))
    assert actors["Rustem Umerov"]["label"] == "PERSON"
