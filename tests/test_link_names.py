"""Keys of states and their offices: other names and adjectives, titles that name a state."""

from __future__ import annotations

import pytest

from dateline.link.names import _COUNTRIES, country_of, name_key, office_key, title_key


@pytest.mark.parametrize(
    "name,state",
    [
        ("Russian", "Russia"),
        ("Russians", "Russia"),
        ("the Russian Federation", "Russia"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("United States", "United States"),
        ("British", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Ukrainian", "Ukraine"),
        ("Israelis", "Israel"),
        ("Saudi", "Saudi Arabia"),
        ("Côte d’Ivoire", "Ivory Coast"),
        ("Swiss", "Switzerland"),
        ("Danes", "Denmark"),
    ],
)
def test_names_country_of_names_and_adjectives(name, state):
    assert country_of(name) == state


@pytest.mark.parametrize(
    "name",
    [
        "Republicans",
        "Democrats",
        "Muslims",
        "English",
        "Palestinian",
        "Congolese",
        "Kremlin",
        "Kharkiv",
    ],
)
def test_names_groups_are_no_state(name):
    assert country_of(name) is None


def test_names_every_state_name_keys_to_itself_and_no_two_states_share_a_key():
    assert all(country_of(state) == state for state in _COUNTRIES)
    keys = [
        name_key(name, "GPE") for state, names in _COUNTRIES.items() for name in (state, *names)
    ]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "title",
    [
        "Ukrainian President",
        "Ukraine's president",
        "president of Ukraine",
        "the Ukrainian president",
    ],
)
def test_names_title_key_of_a_state_office(title):
    assert title_key(title) == office_key("Ukraine", "president") == "ukraine's president"


def test_names_title_key_longest_state_name_first():
    assert title_key("Saudi Arabian Foreign Minister") == office_key(
        "Saudi Arabia", "foreign minister"
    )
    assert title_key("US special envoy") == office_key("United States", "special envoy")


@pytest.mark.parametrize(
    "title",
    [
        "President",
        "defence minister",
        "Kremlin spokesperson",
        "Ukrainian Ambassador to the US",
        "former Ukrainian president",
    ],
)
def test_names_title_key_needs_a_state_and_an_office(title):
    assert title_key(title) is None


@pytest.mark.parametrize(
    "spellings",
    [
        ["Zelenskyy", "Zelensky", "Zelenskiy", "Зеленський", "Зеленский"],
        ["Vladimir Putin", "Владимир Путин"],
        ["Tsipras", "Τσίπρας"],  # Greek as unidecode reads it: "Αλέξης" is "Alexes"
        ["Łukasz Kowalski", "Lukasz Kowalski"],
        ["Søren Kierkegaard", "Soren Kierkegaard"],
        ["Kılıçdaroğlu", "Kilicdaroglu"],
        ["Đoković", "Dokovic"],
        ["Straße", "Strasse"],
        ["Ærø", "Aero"],
        ["İstanbul", "Istanbul"],
    ],
)
def test_names_letters_and_scripts_decomposition_misses_share_a_key(spellings):
    assert len({name_key(s, "PERSON") for s in spellings}) == 1
    assert name_key(spellings[-1], "PERSON").isascii()


@pytest.mark.parametrize(
    "first,second", [("Путин", "Пушкин"), ("Łódź", "Lodz Kaliska"), ("Мали", "Малый")]
)
def test_names_transliterated_names_stay_apart(first, second):
    assert name_key(first, "GPE") != name_key(second, "GPE")
