"""Raw documents, articles and failures.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("hints", sa.JSON, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("raw_id", sa.Integer, sa.ForeignKey("raw_documents.id"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("wire", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("published_how", sa.String(8)),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("captions", sa.JSON, nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("raw_id", sa.Integer, sa.ForeignKey("raw_documents.id")),
        sa.Column("created_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("failures")
    op.drop_table("articles")
    op.drop_table("raw_documents")
