"""The connection every repository shares: one engine, transactions whose database errors
become ``StoreError``, migrations run once when the store opens, and the locks that let
many processes write one store."""

from __future__ import annotations

import fcntl
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from zlib import crc32

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from dateline.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "_dateline_migrations"
# Tries, 50 ms apart, at turning a SQLite file to WAL while another connection holds it.
WAL_ATTEMPTS = 100
# The newest migration: its file name starts with its revision ("0013_view_cache.py").
HEAD = max(path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))
# Seconds a write waits for another process's write before it gives up (SQLite's busy
# timeout, PostgreSQL's lock timeout), unless the settings say otherwise.
BUSY_TIMEOUT = 30.0
# How often a process waiting for one of the store's locks looks again.
LOCK_POLL = 0.1
POSTGRES_EXTRA = "PostgreSQL stores need psycopg: pip install 'dateline[postgres]'"


def db_url(db: str) -> URL:
    """The SQLAlchemy URL of ``db``: a URL (``postgres://`` and ``postgresql://`` go
    through psycopg 3), anything else a SQLite file path.

    Raises:
        StoreError: ``db`` is not a URL SQLAlchemy can read.
    """
    if "://" not in db:
        return URL.create("sqlite", database=str(Path(db).expanduser()) if db else db)
    try:
        url = make_url(db)
    except ArgumentError:
        raise StoreError(f"not a database URL: {shown(db)}") from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def shown(db: str | URL) -> str:
    """``db`` as messages show it: a URL's password masked."""
    if isinstance(db, str):
        if "://" not in db:
            return db
        try:
            url = make_url(db)
        except ArgumentError:
            return f"{db.split('://', 1)[0]}://***"
    else:
        url = db
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


class Database:
    """An engine, the transactions the repositories work in, and the store's locks."""

    def __init__(
        self, engine: Engine, *, read_only: bool = False, busy_timeout: float = BUSY_TIMEOUT
    ):
        self.engine = engine
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        # the connection reads share inside ``reads_together`` (per thread or task)
        self._shared: ContextVar[Connection | None] = ContextVar(
            f"dateline_reads_{id(self)}", default=None
        )

    @classmethod
    def open(cls, db: str, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT) -> Database:
        """Open the database at a path or URL, migrating it if its schema is behind.

        ``create`` False (read commands): a store that does not exist yet, or a database
        that is not a dateline store, is refused rather than made one. A SQLite file this
        process cannot write is opened read-only. A write waits up to ``busy_timeout``
        seconds while another process writes.

        Raises:
            StoreError: the database cannot be opened or migrated, or is refused.
        """
        url = db_url(db)
        path = _sqlite_file(url)
        read_only = path is not None and not _writable(path)
        if not create and path is not None and not path.exists():
            raise StoreError(f"no store at {shown(url)}: 'dateline ingest' makes one")
        try:
            engine = _engine(url, read_only, busy_timeout)
            with _reader(engine) as conn:
                current = _at_head(conn)
                if not current:
                    _refuse_foreign(conn, url, create)
            if not current:
                if read_only:
                    raise StoreError(
                        f"the store {shown(url)} is read-only and older than this dateline: "
                        "open it once where it can be written"
                    )
                migrating = Database(engine).exclusive("migrate", timeout=10 * busy_timeout)
                with migrating, engine.begin() as conn:
                    if not _at_head(conn):  # another process may have done it meanwhile
                        _migrate(conn)
        except NoSuchModuleError as exc:
            raise StoreError(f"cannot open the store {shown(url)}: {first_line(exc)}") from None
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("psycopg"):
                raise StoreError(POSTGRES_EXTRA) from None
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(
                f"cannot open the store {shown(url)}: {plain(exc, busy_timeout)}"
            ) from exc
        return cls(engine, read_only=read_only, busy_timeout=busy_timeout)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Connection]:
        """A connection in a transaction; database errors become a StoreError."""
        if write and self.read_only:
            raise StoreError(f"the store {shown(self.engine.url)} is read-only")
        try:
            with self.engine.begin() if write else _reader(self.engine) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot {'write to' if write else 'read'} the store: "
                f"{plain(exc, self.busy_timeout)}"
            ) from exc

    def read(self) -> AbstractContextManager[Connection]:
        """A read-only connection (``with db.read() as conn``); inside ``reads_together``,
        the one they share."""
        shared = self._shared.get()
        return nullcontext(shared) if shared is not None else self.transaction(write=False)

    @contextmanager
    def reads_together(self) -> Iterator[None]:
        """Let the reads of the block share one connection and one read transaction (one
        snapshot on SQLite): a step that asks many small questions, such as planning how
        one article links, pays for one connection and transaction, not one each (a
        round trip or three each on PostgreSQL). No writes in the block."""
        if self._shared.get() is not None:
            yield
            return
        with self.transaction(write=False) as conn:
            token = self._shared.set(conn)
            try:
                yield
            finally:
                self._shared.reset(token)

    @contextmanager
    def exclusive(self, name: str, timeout: float) -> Iterator[None]:
        """Hold the store-wide lock ``name`` (one holder among all processes), waiting up
        to ``timeout`` seconds for it. The lock goes with the process that holds it,
        whatever way that process ends: an ``flock`` on a file beside a SQLite store
        (``<store>-lock``, like SQLite's own ``-wal``; one for every name, as a process
        never holds two), a session advisory lock on PostgreSQL.

        Raises:
            StoreError: another process held the lock for ``timeout`` seconds.
        """
        path = _sqlite_file(self.engine.url)
        if self.engine.dialect.name == "postgresql":
            with _advisory_lock(self.engine, name, timeout):
                yield
        elif path is not None:
            with _file_lock(path.with_name(f"{path.name}-lock"), timeout, name):
                yield
        else:  # a store in memory has one process
            yield

    def close(self) -> None:
        self.engine.dispose()


def first_line(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{exc.__class__.__name__}: {message}"


def plain(exc: Exception, busy_timeout: float) -> str:
    """What went wrong, in words, for the failures a user can act on; else the error's
    first line."""
    message = str(exc).lower()
    if "database is locked" in message or "lock timeout" in message:
        return (
            f"another program held the store locked for {busy_timeout:g} s; try again when "
            "it has finished"
        )
    if "disk is full" in message or "no space left" in message or "diskfull" in message:
        return "the disk that holds the store is full; free some space and run it again"
    return first_line(exc)


def busy(name: str, timeout: float) -> StoreError:
    return StoreError(
        f"the store is busy: another dateline process has held its {name} lock for "
        f"{timeout:g} s; try again when it has finished"
    )


def _engine(url: URL, read_only: bool, busy_timeout: float) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(
            url,
            connect_args={"options": f"-c lock_timeout={int(busy_timeout * 1000)}"},
            pool_pre_ping=True,
        )
    path = _sqlite_file(url)
    if read_only and path is not None:
        # Read as it is, with no WAL switch; a file with no -wal beside it cannot change
        # under this process, which then needs no -shm either.
        wal = path.with_name(f"{path.name}-wal")
        uri = f"file:{path}?mode=ro" + ("" if wal.exists() else "&immutable=1")
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
        event.listen(engine, "connect", _sqlite_read_only)
        return engine
    engine = create_engine(url)
    event.listen(engine, "connect", functools.partial(_sqlite_pragmas, busy_timeout))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def _reader(engine: Engine) -> Iterator[Connection]:
    """A connection whose transaction only reads (on SQLite, a deferred one)."""
    with engine.connect() as conn:
        conn.execution_options(dateline_reads=True)
        yield conn


def _sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for other databases and for memory."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _writable(path: Path) -> bool:
    """Whether this process can write the SQLite file (or make it) and its -wal beside it."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return True  # creating it fails with its own clear error if the folder is not writable


def _refuse_foreign(conn: Connection, url: URL, create: bool) -> None:
    """Refuse a database that holds another program's tables, and, for reads, one that
    holds nothing yet: dateline makes its tables only in an empty database."""
    if inspect(conn).has_table(VERSION_TABLE):
        return
    if inspect(conn).get_table_names():
        raise StoreError(
            f"{shown(url)} is not a dateline store (it holds other tables); give another --db"
        )
    if not create:
        raise StoreError(f"no store at {shown(url)}: 'dateline ingest' makes one")


def _sqlite_pragmas(busy_timeout: float, dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work during an ingest; NORMAL sync is still crash-safe in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
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
    dbapi_connection.isolation_level = None  # transactions begin in _sqlite_begin


def _sqlite_begin(conn: Connection) -> None:
    """Begin a writing transaction with the write lock taken (``BEGIN IMMEDIATE``), so
    that it waits its turn behind other processes' writes (the busy timeout) instead of
    failing at its first write when another process wrote since it began to read."""
    reads = conn.get_execution_options().get("dateline_reads", False)
    conn.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _at_head(conn: Connection) -> bool:
    """Whether the schema is at ``HEAD`` already."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return False
    current = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return current == [HEAD]


@contextmanager
def _file_lock(path: Path, timeout: float, name: str) -> Iterator[None]:
    """An ``flock`` on ``path`` (made if missing), waited for up to ``timeout`` seconds.
    Not on the database file itself: closing a descriptor of that file would drop the
    POSIX locks SQLite holds on it for this process."""
    with open(path, "ab") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise busy(name, timeout) from None
                time.sleep(LOCK_POLL)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(engine: Engine, name: str, timeout: float) -> Iterator[None]:
    """A PostgreSQL session advisory lock keyed by ``name``, on a connection of its own
    held for as long as the lock; the server drops it if this process dies."""
    key = crc32(f"dateline:{name}".encode())
    with engine.connect() as conn:
        deadline = time.monotonic() + timeout
        while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            conn.rollback()
            if time.monotonic() >= deadline:
                raise busy(name, timeout)
            time.sleep(LOCK_POLL)
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()


def _migrate(conn: Connection) -> None:
    """Bring the schema up to ``HEAD``; Alembic is loaded only here, when there is work."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
