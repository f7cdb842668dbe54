"""End-to-end tests of the story views through the CLI: stories, events, entities --story,
duplicates, on the multi-outlet fixture in tests/data/stories/ (ingested once per module)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from clikit import invoke, schema_for


def json_lines(*args) -> list[dict]:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def db(stories_db: Path) -> Path:
    return stories_db


@pytest.fixture(scope="module")
def ids(db: Path) -> dict[str, str]:
    """Article id by outlet ("Harbour Gazette" has two: its port story is "port")."""
    found = {}
    for line in json_lines("articles", "--db", db, "--json"):
        name = "port" if "port" in line["url"] else line["publisher"]
        found[name] = line["id"]
    return found


@pytest.mark.slow
def test_cli_stories_json(db, ids):
    stories = json_lines("stories", "--db", db, "--json")
    for story in stories:
        jsonschema.validate(story, schema_for("story_listing"))
    assert len(stories) == 2
    talks, port = stories  # largest first
    assert (talks["start"], talks["end"]) == ("2026-02-06", "2026-02-07")
    assert (talks["articles"], talks["outlets"]) == (4, 4)
    assert "Abu Dhabi" in talks["title"]
    assert (port["articles"], port["outlets"], port["start"]) == (1, 1, "2026-02-07")
    assert "Port" in port["title"]
    assert talks["events"] >= 1 and port["events"] >= 1


@pytest.mark.slow
def test_cli_stories_table(db):
    result = invoke("stories", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "dates", "story", "articles", "outlets", "events"]
    assert "6-7 Feb 2026" in lines[1] and "Abu Dhabi" in lines[1]
    assert "Port of Valmora reopens after storm" in lines[2]


@pytest.mark.slow
def test_cli_events_same_talks_one_event(db, ids):
    events = json_lines("events", "abu dhabi", "--db", db, "--json")
    for event in events:
        jsonschema.validate(event, schema_for("event"))
    talks = [
        event
        for event in events
        if {ids["Harbour Gazette"], ids["Northern Ledger"]} <= set(event["articles"])
    ]
    assert len(talks) == 1, events
    talks = talks[0]
    # the "two-day talks" report a day later and the near copy join the same event
    assert {ids["Capital Wire"], ids["Coastal Times"]} <= set(talks["articles"])
    assert (talks["start"], talks["end"], talks["precision"]) == ("2026-02-06", "2026-02-07", "day")
    assert "Abu Dhabi" in talks["places"]
    assert len(talks["evidence"]) >= 4
    assert {e["article_id"] for e in talks["evidence"]} == set(talks["articles"])
    # no event of the talks story is reported by the unrelated port article
    assert all(ids["port"] not in event["articles"] for event in events)


@pytest.mark.slow
def test_cli_events_story_by_id_or_title(db):
    story_id = json_lines("stories", "--db", db, "--json")[0]["id"]
    by_id = invoke("events", story_id, "--db", db, "--json").stdout
    assert by_id and by_id == invoke("events", "ABU DHABI", "--db", db, "--json").stdout


@pytest.mark.slow
def test_cli_events_table_names_participants(db):
    result = invoke("events", "valmora", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("Port of Valmora reopens after storm")
    assert lines[1].split() == ["dates", "event", "places", "participants", "articles", "sentences"]
    talks = invoke("events", "abu dhabi", "--db", db).stdout
    assert "Steve Witkoff" in talks and "6-7 Feb 2026" in talks


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["events", "budget"],
            "Error: no story matches 'budget'. List stories with 'dateline stories'.",
        ),
        (["events", "999"], "Error: no story matches '999'. List stories with 'dateline stories'."),
        (
            ["events", "o"],
            "Error: 'o' matches 2 story titles (ids 1, 2); give a story id. "
            "List stories with 'dateline stories'.",
        ),
        (
            ["entities", "--story", "budget"],
            "Error: no story matches 'budget'. List stories with 'dateline stories'.",
        ),
    ],
)
@pytest.mark.slow
def test_cli_stories_unknown_story(db, args, message):
    result = invoke(*args, "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == message


@pytest.mark.slow
def test_cli_entities_of_one_story(db):
    port = json_lines("entities", "--story", "valmora", "--db", db, "--json")
    for entity in port:
        jsonschema.validate(entity, schema_for("entity_listing"))
    names = {entity["name"] for entity in port}
    assert "Elena Ruiz" in names
    assert not names & {"Steve Witkoff", "Dmitry Peskov", "Russia", "Ukraine"}
    talks = json_lines("entities", "--story", "abu dhabi", "--db", db, "--json")
    assert "Elena Ruiz" not in {entity["name"] for entity in talks}
    witkoff = next(entity for entity in talks if entity["name"] == "Steve Witkoff")
    assert witkoff["articles"] == 4
    assert [role["title"] for role in witkoff["roles"]] == ["American envoy"]
    out = invoke("entities", "--story", "abu dhabi", "--db", db).stdout
    assert "American envoy  (2026-02-06)" in out


@pytest.mark.slow
def test_cli_entities_story_counts_only_its_articles(db):
    everything = {e["id"]: e for e in json_lines("entities", "--db", db, "--json")}
    talks = json_lines("entities", "--story", "abu dhabi", "--db", db, "--json")
    for entity in talks:
        assert entity["articles"] <= everything[entity["id"]]["articles"]
        assert entity["mentions"] <= everything[entity["id"]]["mentions"]


@pytest.mark.slow
def test_cli_duplicates_still_groups_the_copy(db, ids):
    groups = json_lines("duplicates", "--db", db, "--json")
    for group in groups:
        jsonschema.validate(group, schema_for("copy_group"))
    assert [(g["canonical_id"], [c["article_id"] for c in g["copies"]]) for g in groups] == [
        (ids["Harbour Gazette"], [ids["Coastal Times"]])
    ]


def test_cli_stories_empty_store(store, db_path):
    result = invoke("stories", "--db", db_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "no stories yet: ingest articles first"


@pytest.mark.slow
def test_cli_stories_untrusted_titles_printed_as_text(tmp_path):
    db = tmp_path / "hostile.db"
    record = {
        "url": "https://evil.example.com/x",
        "publisher": "Evil \x1b[2J Daily",
        "published": "2026-03-01",
        "title": "[bold red]Dam[/bold red] \x1b]0;pwned\x07 bursts after floods",
        "text": "A dam on the river Orda burst on Sunday after a week of floods, "
        "officials in the region said.\n\nRescue teams evacuated three "
        "villages below the dam, the regional governor said.",
    }
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(record))
    assert invoke("ingest", source, "--db", db, "--jobs", "1").exit_code == 0
    out = invoke("stories", "--db", db).stdout
    assert "[bold red]Dam[/bold red]" in out
    assert "\x1b" not in out and "\x07" not in out
    out = invoke("events", "1", "--db", db).stdout
    assert "[bold red]Dam[/bold red]" in out and "\x1b" not in out


@pytest.mark.parametrize(
    "start, end, precision, shown",
    [
        ("2026-02-06", "2026-02-06", "day", "6 Feb 2026"),
        ("2026-02-06", "2026-02-07", "day", "6-7 Feb 2026"),
        ("2026-02-02", "2026-02-08", "week", "week of 2 Feb 2026"),
        ("2026-02-01", "2026-02-28", "month", "Feb 2026"),
        ("2026-01-01", "2026-12-31", "year", "2026"),
        (None, None, None, "undated"),
    ],
)
def test_cli_events_dates_at_their_precision(start, end, precision, shown):
    """Listings label dates as the timeline does (one label for every face)."""
    from dateline.model.dates import label

    assert label(start, end, precision) == shown
