"""The attribution audit's pure parts: drawing the sample, the context shown, the scores."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from dateline.model import BriefPoint, PointKind, Story

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import attribution_audit as audit


def _line(store: str, kind: str, n: int) -> audit.Line:
    point = BriefPoint(f"{kind} {n}", PointKind.EVENT, ())
    return audit.Line(store, Story(1, f"story {n}", None, None, 1, 1, 1), kind, point, True)


def test_audit_choose_takes_brief_kinds_then_timeline_lines_in_turn() -> None:
    lines = [_line("a.db", "role", n) for n in range(5)]
    lines += [_line("a.db", "position", n) for n in range(2)]
    lines += [_line("a.db", "timeline", n) for n in range(10)]
    lines += [_line("b.db", "timeline", n) for n in range(10)]
    chosen = audit.choose(lines, total=10, per_kind=3, rng=random.Random(1))
    assert [line.kind for line in chosen[:5]] == ["position"] * 2 + ["role"] * 3
    timeline = chosen[5:]
    assert len(chosen) == 10 and all(line.kind == "timeline" for line in timeline)
    assert [line.store for line in timeline] == ["a.db", "b.db", "a.db", "b.db", "a.db"]
    again = audit.choose(lines, total=10, per_kind=3, rng=random.Random(1))
    assert [line.text for line in again] == [line.text for line in chosen]


def test_audit_choose_stops_when_the_lines_run_out() -> None:
    lines = [_line("a.db", "timeline", n) for n in range(3)]
    assert len(audit.choose(lines, total=10, per_kind=3, rng=random.Random(1))) == 3


def test_audit_context_is_the_paragraph_before_through_the_span() -> None:
    text = "One.\n\nTwo says.\n\nThree quoted.\n\nFour."
    start = text.index("Three")
    first, last = audit._context(text, start, start + len("Three quoted."))
    assert text[first:last] == "Two says.\n\nThree quoted."
    long = "x" * 2000 + " span " + "y" * 2000
    first, last = audit._context(long, 2001, 2005)
    assert (first, last) == (2001 - audit.BEFORE_CHARS, 2005 + audit.AFTER_CHARS)


def _record(label: str, passes: bool, kind: str = "timeline", shown: bool = True) -> dict:
    return {
        "id": 0,
        "store": "a.db",
        "kind": kind,
        "label": label,
        "check_passes": passes,
        "shown": shown,
    }


def test_audit_scores_count_wrong_lines_and_checker_recall() -> None:
    records = [
        _record("correct", True),
        _record("correct", False),
        _record("wrong speaker", False, "position"),
        _record("wrong date", True),
        _record("furniture", False, shown=False),
    ]
    s = audit.scores(records)
    assert (s.lines, s.shown, s.wrong, s.wrong_shown) == (5, 4, 3, 2)
    assert s.per_class["wrong speaker"] == 1 and s.per_class["furniture"] == 0
    assert s.flagged == 2 and s.recall == pytest.approx(2 / 3)
    assert s.false_alarms == 1 and s.wrong_rate == pytest.approx(0.5)


def test_audit_report_sets_states_side_by_side(tmp_path: Path) -> None:
    before = [_record("correct", True), _record("wrong role-holder", False, "role")]
    after = [_record("correct", True), _record("correct", True)]
    section = audit.report([(tmp_path / "before.jsonl", before), (tmp_path / "after.jsonl", after)])
    assert section.startswith(audit.SECTION)
    assert "| class | before | after |" in section
    assert all(f"| {label} | " in section for label in audit.LABELS)
    assert "| wrong role-holder | 1 (50.0%) | 0 (0.0%) |" in section
    assert "**1 of 2 (50.0%)**" in section and "**1 of 1 (100.0%)**" in section


def test_audit_read_records_refuses_unlabelled_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({**_record("", True), "id": 7}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"\[7\]"):
        audit.read_records(path)


def _labelled(n: int, text: str, label: str = "", start: int = 0) -> dict:
    citation = {"article": "a", "start": start, "end": start + 5}
    return {"id": n, "kind": "timeline", "text": text, "date_label": "4 Feb 2026"} | {
        "citations": [citation],
        "label": label,
        "note": "why" if label not in ("", "correct") else "",
    }


def test_audit_carry_takes_labels_of_the_same_line_only() -> None:
    earlier = [_labelled(1, "Talks began.", "correct"), _labelled(2, "It rained.", "not an event")]
    new = [_labelled(1, "Talks began."), _labelled(2, "It rained.", start=9), _labelled(3, "New.")]
    assert audit.carry_labels(new, [earlier]) == 1
    assert [r["label"] for r in new] == ["correct", "", ""]


def test_audit_recheck_rebuilds_the_line_a_view_made() -> None:
    record = _labelled(1, "Ann Lee, envoy (as of 4 Feb 2026): Ann Lee, the envoy, left.")
    record |= {"kind": "role", "date": "2026-02-04", "end": None}
    record["citations"][0] |= {"outlet": "Post", "title": None, "published": "2026-02-04"}
    line = audit._line_of(record)
    assert (line.kind, line.who, line.title) == (PointKind.ROLE, "Ann Lee", "envoy")
    position = _labelled(2, "Ann Lee: “We will rebuild.”") | {"kind": "position"}
    position |= {"date": None, "end": None}
    position["citations"][0] |= {"outlet": None, "title": None, "published": None}
    assert audit._line_of(position).who == "Ann Lee"


def test_audit_a_line_seen_before_its_reported_label_is_the_same_line() -> None:
    seen = [
        [
            {"kind": "latest", "text": "Latest (4 Feb 2026): Talks began."},
            {"kind": "event", "text": "4 Feb 2026: Talks began."},
        ]
    ]
    drawn = [
        {"kind": "latest", "text": "Latest (reported 4 Feb 2026): Talks began."},
        {"kind": "event", "text": "reported 4 Feb 2026: Talks began."},
        {"kind": "event", "text": "reported 5 Feb 2026: Talks ended."},
    ]
    kept = audit.unseen(drawn, seen, keep=5, first=1)
    assert [r["text"] for r in kept] == ["reported 5 Feb 2026: Talks ended."]
