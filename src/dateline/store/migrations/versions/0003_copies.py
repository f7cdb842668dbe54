"""Sightings of each article, MinHash fingerprints with their LSH buckets, near copies.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sightings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("seen_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("article_id", "source", name="uq_sightings_article_source"),
    )
    # Every article stored before this revision was seen once, where it came from.
    op.execute(
        "INSERT INTO sightings (article_id, source, url, publisher, published, seen_at) "
        "SELECT id, source, url, publisher, published, created_at FROM articles"
    )
    op.create_table(
        "fingerprints",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("minhash", sa.JSON, nullable=False),
    )
    op.create_table(
        "lsh_buckets",
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.BigInteger, primary_key=True),
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("fingerprints.article_id"), primary_key=True
        ),
    )
    op.create_table(
        "copies",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column(
            "canonical_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("containment", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("copies")
    op.drop_table("lsh_buckets")
    op.drop_table("fingerprints")
    op.drop_table("sightings")
