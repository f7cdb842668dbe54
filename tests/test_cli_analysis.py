"""End-to-end tests of analysis through the CLI: on ingest, analyze, show, quotes, entities."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import text

from clikit import invoke, schema_for
from dateline.run.stages import Stage
from dateline.store import Store

pytestmark = pytest.mark.slow


STORY = """Talks resume in Abu Dhabi

Ukraine's defence minister Rustem Umerov arrived in Abu Dhabi on Sunday for a second round of talks with American and Russian officials, his office said.

"We are ready to work as long as it takes," Umerov told reporters after the first session.

The Kremlin spokesperson, Dmitry Peskov, said on Monday that the talks would continue this week.
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text(STORY)
    return path


@pytest.fixture
def filled(story: Path, db_path: Path) -> Path:
    result = invoke("ingest", story, "--db", db_path, "--published", "2026-02-03", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    return db_path


def spans_hold(text: str, analysis: dict) -> None:
    for key in ("mentions", "timexes", "quotes"):
        for item in analysis[key]:
            assert text[item["start"] : item["end"]] == item["text"], (key, item)


def test_cli_analysis_runs_on_ingest(filled):
    with Store.open(str(filled)) as store:
        assert store.queue.waiting(Stage.ANALYZE) == []


def test_cli_analysis_summary_counts_analysed(story, db_path):
    result = invoke("ingest", story, "--db", db_path, "--json")
    assert json.loads(result.stdout)["analysed"] == 1
    assert "analysed 1, skipped 0" in result.stderr


def test_cli_show_json_has_analysis(filled):
    listing = json.loads(invoke("articles", "--db", filled, "--json").stdout)
    data = json.loads(invoke("show", listing["id"], "--db", filled, "--json").stdout)
    jsonschema.validate(data, schema_for("stored_article"))
    spans_hold("\n\n".join(data["body"]), data["analysis"])
    names = {m["name"] for m in data["analysis"]["mentions"]}
    assert {"Rustem Umerov", "Abu Dhabi", "Dmitry Peskov"} <= names


def test_cli_show_plain_lists_analysis(filled):
    listing = json.loads(invoke("articles", "--db", filled, "--json").stdout)
    out = invoke("show", listing["id"], "--db", filled).stdout
    for heading in ("Entities:", "Roles:", "Dates:", "Quotes:"):
        assert heading in out
    assert "Dmitry Peskov" in out


def test_cli_quotes_by_speaker(filled):
    lines = [
        json.loads(line)
        for line in invoke(
            "quotes", "--db", filled, "--json", "--speaker", "Umerov"
        ).stdout.splitlines()
    ]
    assert lines, "the direct quote of Umerov should be found"
    for line in lines:
        jsonschema.validate(line, schema_for("quote_listing"))
        assert line["speaker"] == "Rustem Umerov"
    assert any(line["direct"] and line["text"].startswith("We are ready") for line in lines)


def test_cli_entities_with_roles(filled):
    entities = [
        json.loads(line)
        for line in invoke("entities", "--db", filled, "--json").stdout.splitlines()
    ]
    for entity in entities:
        jsonschema.validate(entity, schema_for("entity_listing"))
    peskov = next(e for e in entities if e["name"] == "Dmitry Peskov")
    assert any("spokesperson" in r["title"] for r in peskov["roles"])
    assert all(r["as_of"] == "2026-02-03" for r in peskov["roles"])


def test_cli_analyze_redo_is_identical(filled):
    listing = json.loads(invoke("articles", "--db", filled, "--json").stdout)
    before = json.loads(invoke("show", listing["id"], "--db", filled, "--json").stdout)
    result = invoke("analyze", "--redo", "--db", filled)
    assert result.exit_code == 0 and "analysed 1, skipped 0" in result.stderr
    after = json.loads(invoke("show", listing["id"], "--db", filled, "--json").stdout)
    assert after["analysis"] == before["analysis"]


def test_cli_analyze_pending_only(filled):
    result = invoke("analyze", "--db", filled)
    assert result.exit_code == 0 and "analysed 0, skipped 0" in result.stderr


def test_cli_analyze_brings_an_older_analysers_work_up_to_date(filled):
    with Store.open(str(filled)) as store, store.db.transaction() as conn:
        conn.execute(text("UPDATE analyses SET version = version - 1"))
    result = invoke("analyze", "--db", filled)
    assert result.exit_code == 0 and "analysed 1, skipped 0" in result.stderr
    assert invoke("analyze", "--db", filled).stderr.count("analysed 0") == 1


def test_cli_analyze_files_json_lines(story):
    result = invoke("analyze", story, "--published", "2026-02-03", "--json", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema_for("analyzed_article"))
    assert data["text"] == "\n\n".join(data["body"])
    spans_hold(data["text"], data)
    sunday = next(t for t in data["timexes"] if t["text"].endswith("Sunday"))
    assert sunday["value"] == "2026-02-01"


def test_cli_analyze_stdin_is_deterministic():
    first = invoke("analyze", "-", "--published", "2026-02-03", "--json", input=STORY.encode())
    second = invoke("analyze", "-", "--published", "2026-02-03", "--json", input=STORY.encode())
    assert first.exit_code == 0 and first.stdout == second.stdout


def _events(db: Path) -> list[tuple]:
    stories = [
        json.loads(line) for line in invoke("stories", "--db", db, "--json").stdout.splitlines()
    ]
    found = []
    for story in stories:
        listed = invoke("events", str(story["id"]), "--db", db, "--json").stdout.splitlines()
        for event in map(json.loads, listed):
            reports = sorted((r["start"], r["end"], r["date"]) for r in event["evidence"])
            found.append((event["start"], event["end"], event["title"], tuple(reports)))
    return sorted(found)


def test_cli_analyze_redo_links_the_articles_events_again(filled):
    linked = _events(filled)
    assert linked
    with Store.open(str(filled)) as store, store.db.transaction() as conn:
        # events as an older analyser left them: another date, a report that is no more
        conn.execute(text("UPDATE event_members SET date = '2020-01-01', date_from = 'timex'"))
        conn.execute(text("UPDATE events SET start = '2020-01-01', \"end\" = '2020-01-01'"))
        conn.execute(
            text(
                'INSERT INTO event_members (article_id, start, "end", event_id, trigger, date,'
                " date_from) SELECT article_id, 0, 5, event_id, 'stale', NULL, NULL"
                " FROM event_members LIMIT 1"
            )
        )
    assert _events(filled) != linked
    for _ in range(2):  # and again: nothing doubles
        result = invoke("analyze", "--redo", "--db", filled)
        assert result.exit_code == 0, result.stderr
        assert _events(filled) == linked
    with Store.open(str(filled)) as store, store.db.read() as conn:
        empty = "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_members)"
        assert conn.execute(text(empty)).scalar() == 0
