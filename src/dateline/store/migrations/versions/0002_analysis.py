"""Per-article analysis: sentences, mentions, time expressions, quotes, roles, events.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sentences", sa.JSON, nullable=False),
        sa.Column("analysed_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("analyses.article_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False, index=True),
    )
    op.create_table(
        "timexes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("analyses.article_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("anchor", sa.String(10)),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("analyses.article_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("speaker", sa.Text, index=True),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("medium", sa.Text),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("analyses.article_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("person", sa.Text, nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("as_of", sa.String(10)),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("analyses.article_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("date", sa.Text, index=True),
        sa.Column("date_from", sa.String(9)),
        sa.Column("participants", sa.JSON, nullable=False),
        sa.Column("places", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("event_mentions")
    op.drop_table("roles")
    op.drop_table("quotes")
    op.drop_table("timexes")
    op.drop_table("mentions")
    op.drop_table("analyses")
