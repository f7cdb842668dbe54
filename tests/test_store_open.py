"""Opening a store: what read commands refuse, read-only stores, URLs and their
passwords, and the store-wide locks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from clikit import invoke
from conftest import db_of, new_db
from dateline.errors import StoreError
from dateline.store import Store
from dateline.store.db import Database, db_url, shown

READS = [("articles",), ("stories",), ("entities",), ("quotes",), ("failures",)]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", READS)
def test_read_commands_refuse_a_missing_store(tmp_path, command):
    missing = tmp_path / "mistyped.db"
    result = invoke(*command, "--db", missing)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no store at {missing}: 'dateline ingest' makes one"
    assert not missing.exists()


@pytest.mark.sqlite_only
def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path):
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    for command in (("articles",), ("ingest", "-")):
        result = invoke(*command, "--db", foreign, input=b"")
        assert result.exit_code == 1
        assert "is not a dateline store" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(foreign) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"]


def test_an_empty_database_becomes_a_store_for_writers_only(tmp_path):
    empty = new_db(tmp_path, "empty", migrated=False)
    if "://" not in empty:
        Path(empty).touch()  # an empty SQLite file
    refused = invoke("articles", "--db", empty)
    assert refused.exit_code == 1 and "no store at" in refused.stderr
    with Store.open(empty) as store:
        assert store.articles.counts()["articles"] == 0
    assert invoke("articles", "--db", empty).exit_code == 0


@contextmanager
def read_only(folder: Path):
    """``folder`` unwritable by this process: a read-only bind mount for root, who
    writes through permissions, else the permissions."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    mounted = folder.with_name(folder.name + "-ro")
    mounted.mkdir()
    try:
        subprocess.run(["mount", "--bind", folder, mounted], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("root without mount: cannot make a read-only folder")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", mounted], check=True, capture_output=True)
        yield mounted
    finally:
        subprocess.run(["umount", mounted], check=False)


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_read_only_store_is_read(tmp_path, talks):
    folder = tmp_path / "shelf"
    folder.mkdir()
    with (
        sqlite3.connect(talks.db.engine.url.database) as src,
        sqlite3.connect(folder / "talks.db") as dst,
    ):
        src.backup(dst)
    with read_only(folder) as shelf:
        for command in ("stories", "timeline", "entities"):  # views made, not kept
            result = invoke(command, "--db", shelf / "talks.db")
            assert result.exit_code == 0, result.stderr
            assert result.stdout.strip()
        assert sorted(p.name for p in shelf.iterdir()) == ["talks.db"]
        with Store.open(str(shelf / "talks.db")) as store:
            assert store.db.read_only
            with pytest.raises(StoreError, match="read-only"), store.db.transaction():
                pass


def test_postgres_urls_go_through_psycopg_and_hide_their_password():
    url = db_url("postgres://reader:s3cret@db.example:5432/news")
    assert url.drivername == "postgresql+psycopg"
    assert shown(url) == "postgresql+psycopg://reader:***@db.example:5432/news"
    assert "s3cret" not in shown("postgresql://reader:s3cret@[bad")
    assert shown("news.db") == "news.db"


def test_an_unreachable_postgres_server_is_one_line_without_the_password():
    port = _closed_port()
    result = invoke("articles", "--db", f"postgresql://reader:s3cret@127.0.0.1:{port}/news")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "s3cret" not in result.stderr and "reader:***@" in result.stderr


def test_without_psycopg_the_postgres_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"dateline\[postgres\]"):
        Database.open("postgresql://reader@127.0.0.1:1/news")


def test_a_store_lock_is_waited_for_then_refused_in_one_line(store):
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with store.db.exclusive("link", timeout=5):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    other = Database.open(db_of(store))
    with (
        pytest.raises(StoreError, match="busy: another dateline process has held its link"),
        other.exclusive("link", timeout=0.3),
    ):
        pass
    assert 0.3 <= time.monotonic() - started < 3
    release.set()
    thread.join()
    with store.db.exclusive("link", timeout=1):  # free again
        pass


def test_reads_together_share_one_connection_in_their_own_thread_only(store):
    def connection() -> object:
        with store.db.read() as conn:
            return conn

    assert connection() is not connection()
    with store.db.reads_together():
        shared = connection()
        assert connection() is shared
        with store.db.reads_together():  # nested: still the same
            assert connection() is shared
        elsewhere: list[object] = []
        thread = threading.Thread(target=lambda: elsewhere.append(connection()))
        thread.start()
        thread.join()
        assert elsewhere[0] is not shared
    assert connection() is not shared


def _closed_port() -> int:
    from conftest import free_port

    return free_port()
