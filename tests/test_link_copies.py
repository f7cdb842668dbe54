"""Copies of one story across outlets: sightings, near copies, copy groups, via the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from clikit import SCHEMA, invoke
from dateline.link.copies import link_copies
from dateline.run.stages import Stage
from dateline.store import Store

pytestmark = pytest.mark.slow


WIRE = [
    "GENEVA, March 3 (Reuters) - Negotiators from both sides agreed on Tuesday to extend the "
    "ceasefire around the northern port city for another thirty days, the mediators said, after "
    "two days of talks that ran late into the night at a lakeside hotel.",
    "The extension allows aid convoys to reach about forty thousand people who have been cut off "
    "since the winter, according to the United Nations relief agency, which said its first trucks "
    "could leave within forty-eight hours if the roads were cleared of mines.",
    "Both delegations said prisoner exchanges would be discussed at the next round, which the "
    "mediators hope to hold before the end of the month in the same city.",
    "Fighting has largely stopped along the front line since the first truce took effect in "
    "January, although each side has accused the other of violations near the river crossing.",
]

OTHER = [
    "The city council approved a plan on Monday to replace the old tram depot with three hundred "
    "homes, a school and a park, ending a dispute that had lasted for almost a decade.",
    "Residents who had campaigned against the demolition said they would keep the depot's clock "
    "tower, which the developer has agreed to restore as part of the new square.",
    "Construction is due to start next year and to finish by the end of the decade, officials said.",
]


def write(folder: Path, name: str, title: str, paragraphs: list[str], publisher: str) -> None:
    (folder / f"{name}.jsonl").write_text(
        json.dumps(
            {
                "url": f"https://{publisher.lower().replace(' ', '')}.example/{name}",
                "title": title,
                "text": "\n\n".join(paragraphs),
                "publisher": publisher,
                "published": "2026-03-03",
            }
        )
    )


def outlets(folder: Path) -> Path:
    folder = folder / "in"
    folder.mkdir()
    write(folder, "a", "Ceasefire extended by thirty days", WIRE, "Daily Courier")
    write(folder, "b", "Truce around port city extended", WIRE, "Evening Post")  # same text
    write(folder, "c", "Ceasefire extended", WIRE[:3], "Morning Star")  # truncated
    edited = [WIRE[0], WIRE[1].replace("about forty thousand", "roughly 40,000")]
    write(
        folder,
        "d",
        "Talks extend truce",  # lightly edited, with furniture the cleaner drops
        [
            *edited,
            "Sign up for our daily newsletter here.",
            *WIRE[2:],
            "Reporting by Anna Berg; Editing by Tom Hale",
        ],
        "Harbour News",
    )
    write(folder, "e", "Council approves tram depot homes", OTHER, "Daily Courier")
    return folder


def test_link_copies_group_with_sightings(tmp_path, db_path):
    result = invoke("ingest", outlets(tmp_path), "--db", db_path, "--json", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, {**SCHEMA, "$ref": "#/$defs/ingest_report"})
    assert (report["ingested"], report["duplicate"]) == (4, 1)
    assert len(report["copies"]) == 2
    assert "near copies 2" in result.stderr
    (exact,) = report["exact_copies"]
    assert exact["source"].endswith("b.jsonl#1")
    assert f"same text as {exact['article_id']}: {exact['source']}" in result.stderr
    groups = [
        json.loads(line)
        for line in invoke("duplicates", "--db", db_path, "--json").stdout.splitlines()
    ]
    assert len(groups) == 1
    (group,) = groups
    jsonschema.validate(group, {**SCHEMA, "$ref": "#/$defs/copy_group"})
    assert group["title"] == "Ceasefire extended by thirty days"
    assert {s["publisher"] for s in group["sightings"]} == {"Daily Courier", "Evening Post"}
    assert {c["sightings"][0]["publisher"] for c in group["copies"]} == {
        "Morning Star",
        "Harbour News",
    }


def test_link_copies_reingest_changes_nothing(tmp_path, db_path):
    folder = outlets(tmp_path)
    invoke("ingest", folder, "--db", db_path, "--jobs", "1")
    before = invoke("duplicates", "--db", db_path, "--json").stdout
    again = json.loads(invoke("ingest", folder, "--db", db_path, "--json").stdout)
    assert again["copies"] == [] and again["ingested"] == 0
    assert invoke("duplicates", "--db", db_path, "--json").stdout == before
    with Store.open(str(db_path)) as store:
        assert link_copies(store) == []
        assert store.queue.waiting(Stage.COPIES) == []


def test_link_copies_plain_listing(tmp_path, db_path):
    invoke("ingest", outlets(tmp_path), "--db", db_path, "--jobs", "1")
    out = invoke("duplicates", "--db", db_path).stdout
    assert "Ceasefire extended by thirty days" in out
    assert out.count("near copy") == 2 and out.count("same text") == 2
    assert "tram depot" not in out
