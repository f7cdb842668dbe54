"""The queue of pending work per article, and story keys by key and date.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Articles each stage still has to do, in a store made before the queue existed.
_BACKLOG = {
    "analyze": "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analyses)",
    "copies": "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints)",
    "entities": "SELECT article_id AS id FROM analyses"
    " WHERE article_id NOT IN (SELECT article_id FROM entity_links)",
    "stories": "SELECT article_id AS id FROM entity_links"
    " WHERE article_id NOT IN (SELECT article_id FROM story_articles)",
}


def upgrade() -> None:
    op.create_table(
        "pending",
        sa.Column("stage", sa.String(8), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
    )
    for stage, query in _BACKLOG.items():
        op.execute(
            f"INSERT INTO pending (stage, article_id)"
            f" SELECT '{stage}', backlog.id FROM ({query}) AS backlog"
        )
    op.create_index("ix_story_keys_key_last", "story_keys", ["key", "last"])


def downgrade() -> None:
    op.drop_index("ix_story_keys_key_last", "story_keys")
    op.drop_table("pending")
