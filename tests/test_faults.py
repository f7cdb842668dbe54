"""Faults and many writers: ingests killed or stopped mid-way, four ingests into one store
at once, a locked store and a full disk. Each runs ``python -m dateline`` as a process."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from clikit import invoke
from dateline.run.stages import Stage
from dateline.store import Store
from faults import children, outlived


def feed(path: Path, first: int, count: int) -> Path:
    """``count`` short reports as JSON lines, numbered from ``first``."""
    lines = (
        json.dumps(
            {
                "url": f"https://harbour.example.org/{n}",
                "title": f"Harbour count {n}",
                "published": f"2026-03-{1 + n % 28:02d}",
                "text": f"The harbour authority of Porton counted {n} ships on Tuesday, "
                f'director Ann Lee said. "We counted {n} vessels," she said.\n\n'
                f"The next count is due in {n % 12 + 1} weeks, officials said.",
            }
        )
        for n in range(first, first + count)
    )
    path.write_text("\n".join(lines) + "\n")
    return path


def ingest_cmd(inputs: Path, db: Path | str, jobs: int = 2) -> list[str]:
    return [
        sys.executable, "-m", "dateline", "ingest", str(inputs), "--db", str(db),
        "--jobs", str(jobs),
    ]  # fmt: skip


def stored(db: Path | str) -> int:
    try:
        with Store.open(str(db), create=False) as store:
            return store.articles.counts()["articles"]
    except Exception:  # not made yet, or still migrating
        return 0


def wait_for_workers(proc: subprocess.Popen, db: Path | str, at_least: int) -> set[int]:
    """Wait until ``proc`` has stored ``at_least`` articles and runs its worker pool;
    return the workers' pids."""
    deadline = time.monotonic() + 90
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if workers and stored(db) >= at_least:
            return workers
        time.sleep(0.1)
    pytest.fail(f"the ingest ended or stalled first (exit {proc.poll()})")


def assert_complete(db: Path | str, count: int) -> None:
    """Every article once, analysed once, linked once, nothing left waiting."""
    with Store.open(str(db)) as store:
        assert store.articles.counts()["articles"] == count
        assert len({s.article.url for s in store.articles.all()}) == count
        for stage in Stage:
            assert store.queue.waiting(stage) == [], stage
        stories = store.stories.listing()
        members = [a for story in stories for a in store.stories.article_ids(story.id)]
        assert len(members) == len(set(members)) == count


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_kill_9_leaves_no_worker_and_loses_nothing(tmp_path, db_path, seed):
    inputs = feed(tmp_path / "reports.jsonl", 0, 300)
    proc = subprocess.Popen(ingest_cmd(inputs, db_path), stderr=subprocess.DEVNULL)
    workers = wait_for_workers(proc, db_path, at_least=random.Random(seed).randint(1, 250))
    time.sleep(random.Random(seed).uniform(0, 2))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not outlived(workers, 5), "workers outlived their killed parent"
    rerun = subprocess.run(ingest_cmd(inputs, db_path), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(db_path, 300)


@pytest.mark.slow
def test_sigterm_stops_in_one_line_and_the_rerun_goes_on(tmp_path, db_path):
    inputs = feed(tmp_path / "reports.jsonl", 0, 300)
    proc = subprocess.Popen(ingest_cmd(inputs, db_path), stderr=subprocess.PIPE, text=True)
    workers = wait_for_workers(proc, db_path, at_least=50)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("stopped: what was stored is kept")
    assert not outlived(workers, 5)
    rerun = subprocess.run(ingest_cmd(inputs, db_path), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(db_path, 300)


@pytest.mark.slow
def test_four_ingests_at_once_all_finish_with_exact_counts(tmp_path, db_path):
    parts = [feed(tmp_path / f"part{k}.jsonl", 60 * k, 60) for k in range(4)]
    procs = [
        subprocess.Popen(ingest_cmd(part, db_path, jobs=1), stderr=subprocess.PIPE, text=True)
        for part in parts
    ]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], errors
    analysed = [int(err.rsplit("analysed ", 1)[1].split(",")[0]) for err in errors]
    assert sum(analysed) == 240  # each article analysed by one of them, once
    assert_complete(db_path, 240)


@pytest.mark.sqlite_only
def test_a_locked_store_is_one_line(tmp_path, store, db_path):
    inputs = feed(tmp_path / "reports.jsonl", 0, 3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = invoke("ingest", inputs, "--db", db_path, env={"DATELINE_BUSY_TIMEOUT": "0.3"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: cannot write to the store: another program held the store locked for 0.3 s; "
        "try again when it has finished"
    ]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_full_disk_is_one_line(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        inputs = feed(tmp_path / "reports.jsonl", 0, 400)
        # standard input of its own: not whatever descriptor 0 the test runner holds
        run = subprocess.run(
            ingest_cmd(inputs, disk / "full.db"),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert (
        run.stderr.strip()
        .splitlines()[-1]
        .endswith("the disk that holds the store is full; free some space and run it again")
    )


@pytest.mark.slow
def test_a_closed_standard_input_is_no_crash(tmp_path):
    """Run from cron or a daemon, with standard input closed, ingest still works: no file
    it opens takes descriptor 0, and ``sys.stdin`` is there to read "-" from."""
    inputs = feed(tmp_path / "reports.jsonl", 0, 3)
    run = subprocess.run(
        ingest_cmd(inputs, tmp_path / "store.db", jobs=1),
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert stored(tmp_path / "store.db") == 3
