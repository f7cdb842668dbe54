"""Events and stories across articles, with the keys that find their candidates.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "term_counts",
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("precision", sa.String(8)),
        sa.Column("dated_by", sa.String(12)),
        sa.Column("profile", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_keys",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True, index=True),
    )
    op.create_table(
        "event_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False, index=True),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("date", sa.Text),
        sa.Column("date_from", sa.String(9)),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_score", sa.Float, nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("stories.id"), index=True),
    )
    op.create_table(
        "story_keys",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column(
            "story_id", sa.Integer, sa.ForeignKey("stories.id"), primary_key=True, index=True
        ),
        sa.Column("last", sa.String(10)),
    )
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
    )
    op.create_table(
        "story_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("merged", sa.JSON, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("decided_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "story_decisions",
        "story_articles",
        "story_keys",
        "stories",
        "event_members",
        "event_keys",
        "events",
        "term_counts",
    ):
        op.drop_table(table)
