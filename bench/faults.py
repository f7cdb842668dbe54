"""kill -9 campaign: ingests killed at random moments, then run again to the end.

A reference ingest of ``--docs`` Timeline17 input documents (``--jobs`` processes) into a
fresh store gives the row count of every table and the partition of articles into stories.
Each trial ingests the same documents into a fresh store, sends SIGKILL at a moment drawn
uniformly over the reference's wall time (so kills land in reading, extraction, analysis
and linking alike; the phase hit is read from the store's queue afterwards), checks that
the killed process's workers are gone within 5 s (orphans), runs the same ingest again
(its wall time is the recovery time), and compares the result with the reference: a table
with fewer rows lost something, one with more duplicated something; the stories must be
the same.

    python bench/faults.py [--trials 50] [--docs 30] [--jobs 2] [--seed 15]
        [--results bench/RESULTS.md]

With ``DATELINE_TEST_PG_URL`` set (``python tools/with_postgres.py python bench/faults.py``)
the stores are PostgreSQL databases on that server.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from common import eval_kit, write_section
from ingest_ratio import timed
from throughput import prepare_text

SECTION = "## Faults: kill -9 at random moments of ingest (issue #15)"
# Derived rows, made again on the next read: not counted.
DERIVED = {"view_cache"}


def new_store(folder: Path, name: str, postgres: bool | None = None) -> str:
    """A fresh store: a SQLite file, or a new database on $DATELINE_TEST_PG_URL (by
    default whenever it is set)."""
    server = os.environ.get("DATELINE_TEST_PG_URL")
    if not server or postgres is False:
        return str(folder / f"{name}.db")
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def signature(db: str) -> tuple[dict[str, int], frozenset[frozenset[str]]]:
    """Rows per table, and the stories as sets of article ids."""
    from sqlalchemy import func, select

    from dateline.store import Store
    from dateline.store.schema import metadata

    with Store.open(db, create=False) as store, store.db.read() as conn:
        rows = {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
            if table.name not in DERIVED
        }
        stories = frozenset(
            frozenset(store.stories.article_ids(story.id)) for story in store.stories.listing()
        )
    return rows, stories


def phase_hit(db: str, docs: int) -> str:
    """Where the killed ingest was, from what the store holds and what waits."""
    from dateline.run.stages import Stage
    from dateline.store import Store

    try:
        with Store.open(db, create=False) as store:
            if store.articles.counts()["articles"] < docs:
                return "read and extract"
            if store.queue.waiting(Stage.ANALYZE):
                return "analyse"
            if any(store.queue.waiting(stage) for stage in Stage):
                return "link"
            return "finished"
    except Exception:  # killed before or while the store was made
        return "open and migrate"


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def outlived(pids: set[int], seconds: float) -> set[int]:
    """Those of ``pids`` still running ``seconds`` from now (or as soon as none is)."""
    deadline = time.monotonic() + seconds
    while running(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return running(pids)


def ingest(folder: Path, db: str, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dateline",
        "ingest",
        str(folder),
        "--db",
        db,
        "--jobs",
        str(jobs),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir")
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    draw = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        docs = prepare_text(eval_kit(args.eval_dir), work / "docs", args.docs)
        reference = new_store(work, "faults_reference")
        wall = timed(ingest(work / "docs", reference, args.jobs))
        expected = signature(reference)
        trials = []
        for n in range(args.trials):
            db = new_store(work, f"faults_trial_{n}")
            proc = subprocess.Popen(
                ingest(work / "docs", db, args.jobs),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + draw.uniform(0.2, wall)
            workers: set[int] = set()
            while time.monotonic() < deadline and proc.poll() is None:
                workers |= children(proc.pid)
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            hit = phase_hit(db, docs)
            orphans = len(outlived(workers, 5))
            recovery = timed(ingest(work / "docs", db, args.jobs))
            rows, stories = signature(db)
            lost = sorted(t for t, c in expected[0].items() if rows.get(t, 0) < c)
            doubled = sorted(t for t, c in expected[0].items() if rows.get(t, 0) > c)
            trial = {
                "phase": hit,
                "orphans": orphans,
                "recovery": recovery,
                "lost": lost,
                "doubled": doubled,
                "same stories": stories == expected[1],
            }
            trials.append(trial)
            print(n, trial, flush=True)
    report(args, docs, wall, expected[0], trials)


def report(args, docs: int, wall: float, rows: dict[str, int], trials: list[dict]) -> None:
    phases = Counter(t["phase"] for t in trials)
    recovery = [t["recovery"] for t in trials]
    store = "PostgreSQL" if os.environ.get("DATELINE_TEST_PG_URL") else "SQLite"
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python bench/faults.py --trials {args.trials} --docs {args.docs} "
        f"--jobs {args.jobs} --seed {args.seed}`"
        + (" under `tools/with_postgres.py`" if store == "PostgreSQL" else ""),
        "",
        f"Machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, {store}. "
        f"Date: {datetime.now(UTC):%Y-%m-%d}. {docs} Timeline17 documents; the reference "
        f"ingest took {wall:.1f} s and left {sum(rows.values()):,} rows in "
        f"{len(rows)} tables.",
        "",
        "| trials | killed in (phase: trials) | lost rows (trials) | duplicated rows "
        "(trials) | different stories (trials) | orphan workers | recovery s (median / max) |",
        "|---|---|---|---|---|---|---|",
        f"| {len(trials)} | {', '.join(f'{p}: {c}' for p, c in phases.most_common())} "
        f"| {sum(bool(t['lost']) for t in trials)} | {sum(bool(t['doubled']) for t in trials)} "
        f"| {sum(not t['same stories'] for t in trials)} "
        f"| {sum(t['orphans'] for t in trials)} "
        f"| {statistics.median(recovery):.1f} / {max(recovery):.1f} |",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)


if __name__ == "__main__":
    main()
