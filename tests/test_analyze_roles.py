"""Titles attached to people, on small hand-written texts parsed with the real English model."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse
from dateline.analyze.roles import find_roles
from dateline.model import Role

pytestmark = pytest.mark.slow

AS_OF = date(2025, 12, 1)


def roles_of(text: str, as_of: date | None = AS_OF) -> list[Role]:
    doc = parse(text)
    return find_roles(doc, find_mentions(doc), as_of)


def pairs(text: str) -> list[tuple[str, str]]:
    return [(role.person, role.title) for role in roles_of(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukraine's defence minister Rustem Umerov said the talks were useful.",
            ("Rustem Umerov", "Ukraine's defence minister"),
        ),
        ("US President Donald Trump spoke on Friday.", ("Donald Trump", "US President")),
        (
            "Russian President Vladimir Putin spoke on Friday.",
            ("Vladimir Putin", "Russian President"),
        ),
        (
            "Kremlin aide Yuri Ushakov said the call lasted 90 minutes.",
            ("Yuri Ushakov", "Kremlin aide"),
        ),
        (
            "US Secretary of State Marco Rubio flew to Geneva.",
            ("Marco Rubio", "US Secretary of State"),
        ),
    ],
)
def test_roles_title_before_name(text, expected):
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Steve Witkoff, the US special envoy, flew to Moscow.",
            ("Steve Witkoff", "US special envoy"),
        ),
        (
            "Jared Kushner, Donald Trump's son-in-law, joined the meeting.",
            ("Jared Kushner", "Donald Trump's son-in-law"),
        ),
        (
            "Boris Johnson, the former prime minister, said Ukraine should fight on.",
            ("Boris Johnson", "former prime minister"),
        ),
        # the small model tags this name ORG; the title still makes it a person
        (
            "The Ukrainian delegation is led by Rustem Umerov, secretary of the national security "
            "council.",
            ("Rustem Umerov", "secretary of the national security council"),
        ),
    ],
)
def test_roles_apposition_after_name(text, expected):
    assert expected in pairs(text)


def test_roles_apposition_before_name():
    assert pairs("The Kremlin spokesperson, Dmitry Peskov, told reporters on Monday.") == [
        ("Dmitry Peskov", "Kremlin spokesperson")
    ]


def test_roles_former_kept():
    assert pairs("Former prime minister Boris Johnson visited Kyiv.") == [
        ("Boris Johnson", "Former prime minister")
    ]


def test_roles_coordinated_titles_resolve_its():
    text = (
        "Rustem Umerov, Ukraine's chief negotiator and the head of its national security "
        "and defence council, arrived in Miami."
    )
    assert pairs(text) == [
        ("Rustem Umerov", "Ukraine's chief negotiator"),
        ("Rustem Umerov", "head of Ukraine's national security and defence council"),
    ]


def test_roles_relative_clause():
    assert pairs("Andriy Yermak, who heads the presidential office, resigned.") == [
        ("Andriy Yermak", "head of the presidential office")
    ]


def test_roles_as_of_carried():
    assert {role.as_of for role in roles_of("US President Donald Trump spoke.")} == {AS_OF}
    assert {role.as_of for role in roles_of("US President Donald Trump spoke.", None)} == {None}


@pytest.mark.parametrize(
    "text",
    [
        "US President Donald Trump met Russian President Vladimir Putin in Alaska.",
        "Jared Kushner, Donald Trump's son-in-law, joined the meeting.",
        "The Kremlin spokesperson, Dmitry Peskov, told reporters on Monday.",
    ],
)
def test_roles_evidence_covers_title_and_name(text):
    for role in roles_of(text):
        evidence = text[role.start : role.end]
        assert role.person in evidence
        assert role.title in evidence


def test_roles_no_duplicates_first_evidence_kept():
    text = (
        "US President Donald Trump spoke on Friday. Later, US President Donald Trump spoke again."
    )
    [role] = roles_of(text)
    assert (role.person, role.title) == ("Donald Trump", "US President")
    assert (role.start, role.end) == (0, len("US President Donald Trump"))


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump met Vladimir Putin in Alaska.",
        "Russia's Vladimir Putin spoke on Friday.",
    ],
)
def test_roles_none_without_title(text):
    assert roles_of(text) == []


def test_roles_title_stops_at_a_line_break():
    text = "Talks resume in Abu Dhabi\n\nUkraine's defence minister Rustem Umerov arrived."
    [role] = roles_of(text)
    assert role.title == "Ukraine's defence minister"
    assert text[role.start : role.end] == "Ukraine's defence minister Rustem Umerov"
