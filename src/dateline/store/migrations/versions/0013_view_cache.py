"""Views as they were last made (``view_cache``): a story's timeline or key points, with
the stamp of what they were made from. A derived table: dropping its rows loses nothing.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "view_cache",
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("view", sa.String(16), primary_key=True),
        sa.Column("params", sa.Text, primary_key=True),
        sa.Column("stamp", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("view_cache")
