"""The store: SQLAlchemy Core tables, Alembic migrations, and the Store with its
repositories."""

from dateline.store.analyses import ANALYSIS_PARTS
from dateline.store.store import Store

__all__ = ["ANALYSIS_PARTS", "Store"]
