"""The store: SQLAlchemy Core tables, Alembic migrations, and the Store with its
repositories."""

from dateline.store.store import Store

__all__ = ["Store"]
