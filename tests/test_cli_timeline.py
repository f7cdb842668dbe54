"""The timeline, key points, faithfulness check and exports through the CLI, on the talks
fixture: every --json line validates, every line is cited, untrusted text is escaped."""

from __future__ import annotations

import csv
import json
import re

import jsonschema
import pytest

from clikit import invoke, schema_for
from conftest import db_of


@pytest.fixture
def db(talks):
    return db_of(talks)


def ok(*args) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_cli_timeline_json_is_dated_cited_and_valid(db):
    entries = [json.loads(line) for line in ok("timeline", "--db", db, "--json").splitlines()]
    assert entries and [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    for entry in entries:
        jsonschema.validate(entry, schema_for("timeline_entry"))
    assert any(e["label"] == "4-5 Feb 2026" and e["sources"] == 2 for e in entries)


@pytest.mark.slow
def test_cli_timeline_top_and_range(db):
    top = ok("timeline", "--db", db, "--json", "--top", "1").splitlines()
    assert len(top) == 1 and json.loads(top[0])["label"] == "4-5 Feb 2026"
    late = ok("timeline", "--db", db, "--json", "--from", "2026-02-05").splitlines()
    assert all(json.loads(line)["end"] >= "2026-02-05" for line in late)
    assert invoke("timeline", "--db", db, "--from", "Feb 5").exit_code == 2


@pytest.mark.slow
def test_cli_timeline_terminal_shows_footnotes(db):
    out = ok("timeline", "Abu Dhabi", "--db", db)
    line = next(line for line in out.splitlines() if "4-5 Feb 2026" in line)
    marks = re.search(r"\[(\d+),(\d+),(\d+)\]$", line).groups()
    sources = dict(re.findall(r"^\[(\d+)\] (.*)$", out, re.M))
    assert {sources[n].split(",")[0] for n in marks} == {"Coastal Times", "The Gazette"}
    assert "The Gazette, “Ukraine, Russia and US meet in Abu Dhabi”, 4 Feb 2026" in out


@pytest.mark.slow
def test_cli_timeline_terminal_shows_the_top_and_counts_the_rest(db, monkeypatch):
    import dateline.cli.stories as stories

    every = ok("timeline", "--db", db, "--json").splitlines()
    monkeypatch.setattr(stories, "DEFAULT_TOP", 2)
    result = invoke("timeline", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.count("\n• ") == 2
    assert f"{len(every) - 2} more entries: --all shows every one" in result.stderr
    shown = invoke("timeline", "--db", db, "--all")
    assert shown.stdout.count("\n• ") == len(every) and "more entries" not in shown.stderr
    assert len(ok("timeline", "--db", db, "--json").splitlines()) == len(every)


@pytest.mark.slow
def test_cli_timeline_markdown_and_html(db):
    md = ok("timeline", "--db", db, "--md")
    assert md.startswith("# ") and "[^1]:" in md and "**4\\-5 Feb 2026**" not in md
    page = ok("timeline", "--db", db, "--html")
    assert page.startswith("<!doctype html>") and 'href="#source-1"' in page


@pytest.mark.slow
def test_cli_timeline_protocol(db):
    lines = ok("timeline", "--db", db, "--json", "--dates", "2", "--per-date", "1").splitlines()
    assert len(lines) == 2
    for line in lines:
        entry = json.loads(line)
        jsonschema.validate(entry, schema_for("timeline_entry"))
        assert entry["date"] == entry["end"] and entry["precision"] == "day"


@pytest.mark.slow
def test_cli_brief_json_points_with_citations(db):
    story = json.loads(ok("stories", "--db", db, "--json").splitlines()[0])["id"]
    points = [json.loads(line) for line in ok("brief", story, "--db", db, "--json").splitlines()]
    assert points and points[0]["kind"] == "latest"
    for point in points:
        jsonschema.validate(point, schema_for("brief_point"))
    assert all(point["verified"] for point in points)
    assert {
        (p["kind"], p["who"] is not None) for p in points if p["kind"] in ("position", "role")
    } <= {
        ("position", True),
        ("role", True),
    }
    shown = [
        json.loads(line)
        for line in ok("brief", story, "--db", db, "--json", "--unverified").splitlines()
    ]
    # --unverified shows the first candidates of each kind, marked; the default shows the
    # first verified ones, so every verified point of the first is a point of the second
    assert {p["text"] for p in shown if p["verified"]} <= {p["text"] for p in points}
    assert any(not p["verified"] for p in shown) or len(shown) == len(points)


@pytest.mark.slow
def test_cli_brief_unknown_story(db):
    result = invoke("brief", "no such story", "--db", db)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


@pytest.mark.slow
def test_cli_check_lists_what_it_cannot_verify_and_exits_1(db):
    result = invoke("check", "--db", db, "--json")
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema_for("check_result"))
    assert report["lines"] == report["cited"] > report["supported"] > 0
    assert result.exit_code == 1
    # a state of affairs is no event: the timeline leaves it out, and check says why
    state = "It was the deadliest strike on the city this year."
    assert any(state[:40] in p and "names a state" in p for p in report["problems"])
    assert state not in ok("timeline", "--db", db)
    assert f"[unverified] {state}" in " ".join(ok("timeline", "--db", db, "--unverified").split())


@pytest.mark.slow
def test_cli_export_json_validates_with_timeline_and_brief(db):
    data = json.loads(ok("export", "--db", db))
    jsonschema.validate(data, schema_for("export"))
    assert {t["story"] for t in data["timeline"]} == {s["id"] for s in data["stories"]}
    assert all(entry["citations"] for t in data["timeline"] for entry in t["entries"])
    assert all(point["citations"] for b in data["brief"] for point in b["points"])


@pytest.mark.slow
def test_cli_export_jsonl_md_csv(db, tmp_path):
    lines = [
        json.loads(line) for line in ok("export", "--db", db, "--format", "jsonl").splitlines()
    ]
    assert lines[0] == {"type": "export", "schema_version": "1"}
    assert {line["type"] for line in lines[1:]} >= {"articles", "events", "timeline", "brief"}
    assert ok("export", "--db", db, "--format", "md").startswith("# ")
    assert invoke("export", "--db", db, "--format", "csv").exit_code == 2
    ok("export", "--db", db, "--format", "csv", "--out", tmp_path / "tables")
    with open(tmp_path / "tables" / "timeline.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(json.loads(row["citations"]) for row in rows)


def test_markdown_and_html_escape_untrusted_text():
    from dateline.model import Citation
    from dateline.views.render import Section, html_page, markdown

    evil = "<script>alert(1)</script> *bold* [link](x)"
    found = [Section("Timeline", [("1 Feb 2026", evil, [Citation("a1", 0, 5, evil, evil, None)])])]
    page = html_page(evil, found)
    assert "<script>" not in page and "&lt;script&gt;" in page
    text = markdown(evil, found)
    assert "<script>" not in text and "\\*bold\\*" in text and "\\[link\\]" in text
