"""Actors across articles: their name keys and the articles that mention them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("surname", sa.Text, index=True),
    )
    op.create_table(
        "actor_keys",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), nullable=False, index=True),
    )
    op.create_table(
        "actor_mentions",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("analyses.article_id"), primary_key=True
        ),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), primary_key=True, index=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("mentions", sa.Integer, nullable=False),
    )
    op.create_table(
        "entity_links",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("analyses.article_id"), primary_key=True
        ),
    )


def downgrade() -> None:
    op.drop_table("entity_links")
    op.drop_table("actor_mentions")
    op.drop_table("actor_keys")
    op.drop_table("actors")
