"""The connection every repository shares: one engine, transactions whose database errors
become ``StoreError``, and migrations run once when the store opens."""

from __future__ import annotations

import fcntl
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from dateline.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "_dateline_migrations"
# Tries, 50 ms apart, at turning a SQLite file to WAL while another connection holds it.
WAL_ATTEMPTS = 100
# The newest migration: its file name starts with its revision ("0013_view_cache.py").
HEAD = max(path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))


def db_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as is, anything else a SQLite file path."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


class Database:
    """An engine and the transactions the repositories work in."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, db: str) -> Database:
        """Open (creating and migrating if needed) the database at a path or URL.

        Raises:
            StoreError: the database cannot be opened or migrated.
        """
        try:
            engine = create_engine(db_url(db))
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            with engine.connect() as conn:
                current = _at_head(conn)
            if not current:
                with _one_migration_at_a_time(engine), engine.begin() as conn:
                    if not _at_head(conn):  # another process may have done it meanwhile
                        _migrate(conn)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the store {db}: {first_line(exc)}") from exc
        return cls(engine)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Connection]:
        """A connection in a transaction; database errors become a StoreError."""
        try:
            with self.engine.begin() if write else self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot {'write to' if write else 'read'} the store: {first_line(exc)}"
            ) from exc

    def read(self) -> AbstractContextManager[Connection]:
        """A read-only connection (``with db.read() as conn``)."""
        return self.transaction(write=False)

    def close(self) -> None:
        self.engine.dispose()


def first_line(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work during an ingest; NORMAL sync is still crash-safe in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    for attempt in range(WAL_ATTEMPTS):  # a new file turns to WAL once, by one connection
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:  # another connection holds the file: no busy wait
            if attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _at_head(conn: Connection) -> bool:
    """Whether the schema is at ``HEAD`` already."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return False
    current = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return current == [HEAD]


@contextmanager
def _one_migration_at_a_time(engine: Engine) -> Iterator[None]:
    """Hold an exclusive lock on a SQLite file while its schema is migrated, so that two
    processes opening a new store do not both create its tables. (SQLite's own locks are
    POSIX locks; this ``flock`` is apart from them.)"""
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:":
        yield
        return
    with open(path, "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(conn: Connection) -> None:
    """Bring the schema up to ``HEAD``; Alembic is loaded only here, when there is work."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
