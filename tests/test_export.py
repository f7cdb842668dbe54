"""End-to-end tests of ``dateline export`` and ``dateline.export_json`` on the multi-outlet
fixture in tests/data/stories/ (ingested once per module)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dateline
from clikit import SCHEMA, invoke
from dateline.errors import StoryNotFoundError

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data" / "stories"
EXPORT = {**SCHEMA, "$ref": "#/$defs/export"}


@pytest.fixture(scope="module")
def db(stories_db: Path) -> Path:
    return stories_db


@pytest.fixture(scope="module")
def exported(db: Path) -> dict:
    result = invoke("export", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def by_url(data: dict, part: str) -> dict:
    return next(article for article in data["articles"] if part in article["url"])


def text_of(data: dict, article_id: str) -> str:
    return "\n\n".join(next(a for a in data["articles"] if a["id"] == article_id)["body"])


def test_export_matches_schema(exported):
    jsonschema.validate(exported, EXPORT)
    assert exported["schema_version"] == "1"
    assert {
        "schema_version",
        "articles",
        "entities",
        "quotes",
        "events",
        "stories",
    } <= exported.keys()
    assert len(exported["articles"]) == 5 and len(exported["stories"]) == 2


def test_export_articles_have_extract_keys(exported):
    extracted = json.loads(
        invoke("extract", DATA / "articles.jsonl", "--json").stdout.splitlines()[0]
    )
    for article in exported["articles"]:
        assert article.keys() == {*extracted, "id", "duplicate_of"}


def test_export_duplicate_of_names_the_canonical(exported):
    original, copy = (
        by_url(exported, "harbour-gazette.example.com/world"),
        by_url(exported, "coastal-times"),
    )
    assert copy["duplicate_of"] == original["id"]
    assert [a["id"] for a in exported["articles"] if a["duplicate_of"]] == [copy["id"]]


def test_export_ids_cross_reference(exported):
    articles = {a["id"] for a in exported["articles"]}
    entities = {e["id"] for e in exported["entities"]}
    events = {e["id"] for e in exported["events"]}
    for entity in exported["entities"]:
        assert entity["articles"] and set(entity["articles"]) <= articles
        for role in entity["roles"]:
            assert {e["article"] for e in role["evidence"]} <= articles
    for quote in exported["quotes"]:
        assert quote["article"] in articles
        assert quote["speaker"] is None or quote["speaker"] in entities
    for event in exported["events"]:
        assert set(event["participants"]) <= entities
        assert set(event["articles"]) <= articles
        assert {e["article"] for e in event["evidence"]} == set(event["articles"])
    assert sorted(a for story in exported["stories"] for a in story["articles"]) == sorted(articles)
    assert {e for story in exported["stories"] for e in story["events"]} == events


def test_export_offsets_point_into_article_text(exported):
    for quote in exported["quotes"]:
        assert text_of(exported, quote["article"])[quote["start"] : quote["end"]] == quote["text"]
    for event in exported["events"]:
        for evidence in event["evidence"]:
            sentence = text_of(exported, evidence["article"])[evidence["start"] : evidence["end"]]
            assert sentence.strip()
    for entity in exported["entities"]:
        for role in entity["roles"]:
            for evidence in role["evidence"]:
                span = text_of(exported, evidence["article"])[evidence["start"] : evidence["end"]]
                assert role["title"].split()[-1].casefold() in span.casefold()


def test_export_quote_speakers_are_entities(exported):
    names = {e["id"]: e["name"] for e in exported["entities"]}
    ledger = by_url(exported, "northern-ledger")["id"]
    wire = by_url(exported, "capital-wire")["id"]
    said = {(q["article"], names.get(q["speaker"])) for q in exported["quotes"]}
    assert (ledger, "Dmitry Peskov") in said
    # "Peskov said ..." a day later: the surname alone is the same actor
    assert (wire, "Dmitry Peskov") in said
    breakthrough = next(q for q in exported["quotes"] if "breakthrough" in q["text"])
    assert breakthrough["cue"] == "told" and breakthrough["speaker_name"] == "Dmitry Peskov"
    unnamed = [q for q in exported["quotes"] if q["speaker_name"] is None]
    assert unnamed and all(q["speaker"] is None for q in unnamed)


def test_export_talks_story_holds_the_shared_event(exported):
    talks = next(s for s in exported["stories"] if "Abu Dhabi" in s["title"])
    port = next(s for s in exported["stories"] if s is not talks)
    assert (talks["start"], talks["end"]) == ("2026-02-06", "2026-02-07")
    assert len(talks["articles"]) == 4 and port["articles"] == [by_url(exported, "port")["id"]]
    shared = [e for e in exported["events"] if len(e["articles"]) == 4]
    assert len(shared) == 1 and shared[0]["id"] in talks["events"]
    assert not set(talks["events"]) & set(port["events"])


def test_export_one_story(db, exported):
    result = invoke("export", "--story", "valmora", "--db", db)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, EXPORT)
    port = by_url(exported, "port")["id"]
    assert [a["id"] for a in data["articles"]] == [port]
    assert [s["articles"] for s in data["stories"]] == [[port]]
    assert data["events"] and all(e["articles"] == [port] for e in data["events"])
    assert all(q["article"] == port for q in data["quotes"])
    assert data["quotes"]
    names = {e["name"] for e in data["entities"]}
    assert "Elena Ruiz" in names and "Steve Witkoff" not in names
    assert all(e["articles"] == [port] for e in data["entities"])


def test_export_python_api_matches_cli(db, exported):
    with dateline.open(str(db)) as store:
        assert dateline.export_json(store) == exported
        with pytest.raises(StoryNotFoundError):
            dateline.export_json(store, dateline.find_story(store, "999"))


def test_export_to_file_never_overwrites(db, tmp_path, exported):
    out = tmp_path / "story.json"
    result = invoke("export", "--out", out, "--db", db)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text()) == exported
    again = invoke("export", "--out", out, "--db", db)
    assert again.exit_code == 1
    assert (
        again.stderr.strip()
        == f"Error: {out} exists. Pass --force to overwrite it, or choose another --out."
    )
    out.write_text("old")
    assert invoke("export", "--out", out, "--force", "--db", db).exit_code == 0
    assert json.loads(out.read_text()) == exported
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--format", "pdf"],
            2,
            "Error: --format: 'pdf' is not a format dateline exports yet; "
            "use json, jsonl, md, csv.",
        ),
        (
            ["--format", "csv"],
            2,
            "Error: --format csv writes one file per table: give --out FOLDER",
        ),
        (
            ["--story", "budget"],
            1,
            "Error: no story matches 'budget'. List stories with 'dateline stories'.",
        ),
    ],
)
def test_export_errors_are_one_line(db, args, code, message):
    result = invoke("export", *args, "--db", db)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.strip() == message
