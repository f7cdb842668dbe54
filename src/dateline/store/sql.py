"""SQL helpers the repositories share: upserts that compile once and chunked IN lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

# Items per IN (...) list, well under every database's limit on bound parameters.
CHUNK = 500


def upsert(
    conn: Connection,
    table: Any,
    rows: Sequence[dict[str, Any]],
    column: str | None = None,
    *,
    keep: str = "add",
) -> None:
    """Insert rows; where a row's key is there, add to ``column`` (``keep="add"``, a count)
    or keep its latest value (``keep="latest"``, a date), or leave the row as it is
    (``column`` None). One statement for all rows, so it compiles once."""
    if not rows:
        return
    postgres = conn.dialect.name == "postgresql"
    statement = (postgresql if postgres else sqlite).insert(table)
    keys = [c.name for c in table.primary_key.columns]
    if column is None:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    elif keep == "latest":
        biggest = func.greatest if postgres else func.max
        new, old = statement.excluded[column], table.c[column]
        statement = statement.on_conflict_do_update(
            index_elements=keys,
            set_={column: biggest(func.coalesce(new, old), func.coalesce(old, new))},
        )
    else:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={column: table.c[column] + statement.excluded[column]}
        )
    conn.execute(statement, list(rows))


def chunks(items: Sequence[Any], size: int = CHUNK) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def lookup(conn: Connection, key: Any, value: Any, keys: Sequence[Any]) -> dict[Any, Any]:
    """``value`` by ``key`` for the rows whose ``key`` is one of ``keys`` (chunked IN lists)."""
    found: dict[Any, Any] = {}
    for chunk in chunks(sorted(set(keys))):
        found.update(conn.execute(select(key, value).where(key.in_(chunk))).all())
    return found


def insert_ids(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows into a table keyed by an integer ``id`` the database gives, in one
    statement, and return their ids in the order of ``rows``. SQLite cannot tie the ids
    of a many-row INSERT to its rows (SQLAlchemy would send one INSERT a row), so there
    the ids are the next free ones, which the write transaction's lock keeps free (every
    write transaction on SQLite begins with the lock: ``db._sqlite_begin``)."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        conn.execute(table.insert(), [{"id": i, **row} for i, row in zip(ids, rows)])
        return ids
    returning = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(returning, list(rows)).scalars()]


def insert_id(conn: Connection, statement: Insert) -> int:
    """Run a one-row INSERT and return the primary key the database gave the row."""
    key = conn.execute(statement).inserted_primary_key
    if key is None:
        raise ValueError("not a one-row INSERT")
    return int(key[0])
