"""The headline-timeline audit's pure parts: gold days, wide ranges, likely duplicates."""

from __future__ import annotations

import sys
from pathlib import Path

from dateline.model import DatedBy, Precision, TimelineEntry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import headline_audit as audit


def entry(start: str, end: str, text: str) -> TimelineEntry:
    return TimelineEntry(start, end, Precision.DAY, DatedBy.TEXT, text, 1, "", (), (), (), 1, 1.0)


def test_headline_audit_counts_gold_days_wide_ranges_and_duplicates() -> None:
    gold = {"2026-02-04"}
    talks = entry("2026-02-04", "2026-02-05", "Delegations held talks in Abu Dhabi on Wednesday.")
    again = entry("2026-02-05", "2026-02-05", "Delegations held talks in Abu Dhabi again.")
    merged = entry("2026-01-20", "2026-02-10", "Officials met in several capitals.")
    assert audit._on(talks, gold) and not audit._on(merged, gold)
    assert audit._wide(merged) and not audit._wide(talks)
    assert audit._duplicates([talks, again, merged]) == 1
