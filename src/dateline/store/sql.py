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


def insert_id(conn: Connection, statement: Insert) -> int:
    """Run a one-row INSERT and return the primary key the database gave the row."""
    key = conn.execute(statement).inserted_primary_key
    if key is None:
        raise ValueError("not a one-row INSERT")
    return int(key[0])
