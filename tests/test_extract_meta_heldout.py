"""Metadata on pages it was not developed on: the text and HTML extraction fixtures.

``data/meta/heldout.expected.json`` gives, for each of them, what a reader finds on the
page, written from the page alone (see ``data/meta/README.md``).
"""

import functools
import json
from pathlib import Path

import pytest

from dateline.extract import extract
from dateline.extract.meta_text import (
    credit_wire,
    read_bio,
    read_byline,
    read_name_role,
    read_signature,
)
from dateline.model import RawDocument

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "meta" / "heldout.expected.json").read_text(encoding="utf-8"))
# (fixture, field): why the program is allowed to miss it.
MISSES = {
    ("text/holdout_abc_heatwave.txt", "publisher"): (
        "'ABC News' is only the paste's first line, a photo credit and an app plug; a first "
        "line is as often a section or a menu, so no rule reads it"
    ),
}


@functools.cache
def found(name: str) -> dict:
    path = DATA / name
    kind = "html" if path.suffix == ".html" else "text"
    article = extract(RawDocument(str(path), kind, path.read_text(encoding="utf-8")))
    return {
        "publisher": article.publisher,
        "wire": article.wire,
        "dateline": article.dateline,
        "authors": list(article.authors),
        "published": article.published.to_json(),
    }


def cases(field: str) -> list:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=MISSES[name, field]))
        if (name, field) in MISSES
        else name
        for name in EXPECTED
    ]


def test_meta_heldout_covers_every_fixture():
    pages = {
        str(p.relative_to(DATA)) for p in (*DATA.glob("text/*.txt"), *DATA.glob("html/*.html"))
    }
    assert set(EXPECTED) == pages


@pytest.mark.parametrize("name", cases("publisher"))
def test_meta_heldout_publisher(name):
    assert found(name)["publisher"] == EXPECTED[name]["publisher"]


@pytest.mark.parametrize("name", cases("wire"))
def test_meta_heldout_wire(name):
    assert found(name)["wire"] == EXPECTED[name]["wire"]


@pytest.mark.parametrize("name", cases("dateline"))
def test_meta_heldout_dateline(name):
    assert found(name)["dateline"] == EXPECTED[name]["dateline"]


@pytest.mark.parametrize("name", cases("authors"))
def test_meta_heldout_authors(name):
    assert found(name)["authors"] == EXPECTED[name]["authors"]


@pytest.mark.parametrize("name", cases("published"))
def test_meta_heldout_published(name):
    assert found(name)["published"] == EXPECTED[name]["published"]


# The rules these pages called for, on lines they must not read.


@pytest.mark.parametrize(
    "line",
    [
        "by Governor Jane Doe, who said the",  # a wrapped sentence: lower-case "by" needs names only
        "by the time the talks ended",
    ],
)
def test_meta_heldout_lower_case_by_is_not_a_sentence(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(
    "line, following",
    [
        ("Elon Musk Hires Former Fox Editor", ""),  # a Title Case headline
        ("Elon Musk hires former Fox editor", ""),
        ("Budget Crisis", "Finance editor says cuts are coming"),
    ],
)
def test_meta_heldout_name_role_is_not_a_headline(line, following):
    assert read_name_role(line, following) is None


@pytest.mark.parametrize(
    "line",
    [
        "The talks ended, with Russia absent.",
        "Jane Doe contributed reporting.",
        "Staff writer Jane Doe contributed to this report.",
    ],
)
def test_meta_heldout_credit_names_no_outlet(line):
    assert credit_wire(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "A Message From The Editor:",
        "A message from Jane Doe:",
        "A Message from Kyiv:",
        "Photo © 2026 Jane Doe",
    ],
)
def test_meta_heldout_signature_names_no_outlet(line):
    assert read_signature(line) is None


@pytest.mark.parametrize(
    "bio",
    [
        "Doe said she would appeal the ruling at the Supreme Court.",  # a story sentence
        "Jane Doe has written for the Financial Times and Bloomberg.",  # clients, not employer
        "Jane Doe previously worked at the Kyiv Post.",
    ],
)
def test_meta_heldout_bio_names_no_employer(bio):
    assert read_bio(bio, ["Jane Doe"]) is None
