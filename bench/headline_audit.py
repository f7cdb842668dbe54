"""Headline timelines (issue #13): what a reader sees first, against the gold.

For each Timeline17 topic store that ``bench/tls.py`` built (``<work>/<topic>.db``), the
default top of the main story's timeline (``dateline.timeline_head``, the terminal's view:
verified entries only) is compared with the dates of every gold timeline of the topic:

- on a gold date: the entry's dates, at most ``MAX_SPAN_DAYS`` days, hold a day some gold
  timeline lists (a wider range says too little to count, and is counted apart);
- background: entries the view marks as ended before the story's first article;
- likely duplicates: pairs of entries whose dates overlap and whose sentences share most
  content words (cosine of content terms >= ``SAME_WORDS``): one happening told twice.
  This is a proxy for the hand count the issue asks for, not a replacement.

The demo corpus (ingested here) has no gold: background and duplicates only.

    python bench/headline_audit.py --work <tls work folder> [--topics haiti,mj] [--top 10]
        [--eval-dir DIR] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import importlib.resources
import itertools
import json
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dateline
import tls_data
from common import eval_kit, write_section
from dateline.model import TimelineEntry
from dateline.model.terms import content_terms, cosine

SECTION = "## Headline timelines (issue #13): the default top against the gold"
SAME_WORDS = 0.5
MAX_SPAN_DAYS = 3


@dataclass(frozen=True)
class Audit:
    """What one store's headline timeline holds."""

    name: str
    entries: int
    more: int
    on_gold: int | None  # None: no gold for this store
    wide: int  # entries whose dates span more than MAX_SPAN_DAYS days
    background: int
    duplicates: int
    seconds: float


def audit(db: str, name: str, gold: set[str] | None, top: int) -> Audit:
    """The main story's default top of ``db`` against the gold days."""
    with dateline.open(db) as store:
        story = dateline.find_story(store)
        started = time.perf_counter()
        head = dateline.timeline_head(store, story, top=top)
        seconds = time.perf_counter() - started
    entries = list(head.entries)
    return Audit(
        name,
        len(entries),
        head.more,
        None if gold is None else sum(_on(entry, gold) for entry in entries),
        sum(_wide(entry) for entry in entries),
        sum(entry.background for entry in entries),
        _duplicates(entries),
        seconds,
    )


def _on(entry: TimelineEntry, gold: set[str]) -> bool:
    return not _wide(entry) and any(entry.date <= day <= entry.end for day in gold)


def _wide(entry: TimelineEntry) -> bool:
    days = date.fromisoformat(entry.end) - date.fromisoformat(entry.date)
    return days.days + 1 > MAX_SPAN_DAYS


def _duplicates(entries: list[TimelineEntry]) -> int:
    """Pairs of entries that overlap in time and share most of their words."""
    terms = [content_terms(entry.text) for entry in entries]
    return sum(
        1
        for (i, a), (j, b) in itertools.combinations(enumerate(entries), 2)
        if a.date <= b.end and b.date <= a.end and cosine(terms[i], terms[j]) >= SAME_WORDS
    )


def gold_days(kit: Path, folders: tuple[str, ...]) -> set[str]:
    """Every day any gold timeline of the folders lists."""
    days: set[str] = set()
    for folder in folders:
        path = kit / tls_data.T17 / folder / "timelines.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            days.update(day for day, _ in json.loads(line))
    return days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, help="folder of tls.py's <topic>.db stores")
    parser.add_argument("--topics", help="comma-separated (default: every store in --work)")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--eval-dir")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    kit = eval_kit(args.eval_dir)
    folders = {task.topic: task.folders for task in tls_data.tasks(kit)}
    work = Path(args.work)
    topics = args.topics.split(",") if args.topics else sorted(p.stem for p in work.glob("*.db"))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        demo = str(Path(folder) / "demo.db")
        dateline.ingest([str(importlib.resources.files("dateline") / "demo" / "corpus")], demo)
        rows.append(audit(demo, "demo corpus", None, args.top))
    for topic in topics:
        rows.append(
            audit(str(work / f"{topic}.db"), topic, gold_days(kit, folders[topic]), args.top)
        )
        print(rows[-1], flush=True)
    table = [
        "| store | entries shown | more | on a gold date | wider than "
        f"{MAX_SPAN_DAYS} days | background | likely duplicates | time (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        gold = (
            "–"
            if row.on_gold is None
            else f"{row.on_gold} ({row.on_gold / max(row.entries, 1):.0%})"
        )
        table.append(
            f"| {row.name} | {row.entries} | {row.more} | {gold} | {row.wide} | {row.background} "
            f"| {row.duplicates} | {row.seconds:.1f} |"
        )
    section = (
        f"{SECTION}\n\nCommand: `python bench/headline_audit.py --work <tls work folder> "
        f"--top {args.top}` (stores built by `bench/tls.py`). Machine: 2 cores. Date: "
        f"{date.today().isoformat()}. The main story's default top {args.top} "
        "(`dateline.timeline_head`: verified entries, background last) against every gold "
        "timeline of the topic; goals of issue #13: duplicates 0, background 0. Likely "
        f"duplicates: entries overlapping in time with content-word cosine >= {SAME_WORDS} "
        "(a proxy for the hand count).\n\n" + "\n".join(table) + "\n"
    )
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)


if __name__ == "__main__":
    main()
