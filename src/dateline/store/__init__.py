"""The store: SQLAlchemy Core tables, Alembic migrations and the Store class."""
from dateline.store.store import Store, StoredArticle, db_url

__all__ = ["Store", "StoredArticle", "db_url"]
