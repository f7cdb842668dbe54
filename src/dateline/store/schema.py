"""The store's tables (SQLAlchemy Core). Migrations under migrations/ build them."""
from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

# Every input document as read, stored before extraction so any stage can run again.
raw_documents = Table(
    "raw_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("url", Text),
    Column("hints", JSON, nullable=False),
    Column("content", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("raw_id", Integer, ForeignKey("raw_documents.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text, unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("wire", Text),
    Column("dateline", Text),
    Column("authors", JSON, nullable=False),
    Column("language", String(8)),
    Column("published", String(10), index=True),
    Column("published_how", String(8)),
    Column("body", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("summary", Text),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# Inputs or documents that a stage could not process, with the reason.
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("raw_id", Integer, ForeignKey("raw_documents.id")),
    Column("created_at", String(32), nullable=False),
)
