"""SQL helpers the repositories share: many-row inserts and upserts that compile once, and
chunked IN lists."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Insert, Text, bindparam, cast, func, select
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
    (``column`` None). One statement for all rows, so it compiles once; rows with the
    same key are merged first, as one after the other would leave the row."""
    if not rows:
        return
    postgres = conn.dialect.name == "postgresql"
    keys = [c.name for c in table.primary_key.columns]
    statement, params = _many(conn, table, _merged(rows, keys, column, keep))
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
    conn.execute(statement, params)


def insert_rows(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, all with the same columns (one statement on PostgreSQL: ``_many``)."""
    if rows:
        conn.execute(*_many(conn, table, rows))


def _many(
    conn: Connection, table: Any, rows: Sequence[dict[str, Any]]
) -> tuple[postgresql.Insert | sqlite.Insert, Any]:
    """An INSERT of ``rows`` (all with the same columns) and the parameters to run it with.

    On PostgreSQL the rows come from ``unnest`` over one array a column: one statement,
    parsed and planned once, however many rows (executemany would have the server run a
    statement a row, several times slower); JSON values travel as text and are cast. On
    SQLite, the table's INSERT for executemany, which runs it a row at a time in C."""
    if conn.dialect.name != "postgresql":
        return sqlite.insert(table), list(rows)
    names = list(rows[0])
    json_names = {name for name in names if isinstance(table.c[name].type, JSON)}
    arrays = [
        bindparam(
            f"rows_{name}",
            type_=postgresql.ARRAY(Text if name in json_names else table.c[name].type),
        )
        for name in names
    ]
    unnested = func.unnest(*arrays).table_valued(*names).render_derived()
    values = select(
        *(
            cast(unnested.c[name], JSON) if name in json_names else unnested.c[name]
            for name in names
        )
    )
    params = {
        f"rows_{name}": [json.dumps(row[name]) if name in json_names else row[name] for row in rows]
        for name in names
    }
    return postgresql.insert(table).from_select(names, values), params


def _merged(
    rows: Sequence[dict[str, Any]], keys: list[str], column: str | None, keep: str
) -> Sequence[dict[str, Any]]:
    """``rows`` with those of one key made one, as upserting them in turn would leave it:
    counts added, the latest value kept, or the first row. A single statement may not
    touch one row twice on PostgreSQL."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        kept = merged.get(key)
        if kept is None:
            merged[key] = dict(row)
        elif column is not None and keep == "add":
            kept[column] += row[column]
        elif column is not None:
            kept[column] = max(
                (v for v in (kept[column], row[column]) if v is not None), default=None
            )
    return list(merged.values()) if len(merged) < len(rows) else rows


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
