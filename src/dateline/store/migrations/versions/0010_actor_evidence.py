"""What the articles say about each actor's type (labels of its mentions, titles, quotes,
event places, known states), per article and summed, so an actor is typed by all of it.

A store linked before this revision has no such evidence: each article's actor mentions
are seeded with the actor's stored label, once per mention, so the types stay as they were
until new articles add their evidence (ingest again to type old articles by their own).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_evidence",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), primary_key=True),
        sa.Column("evidence", sa.String(16), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "actor_evidence_totals",
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), primary_key=True),
        sa.Column("evidence", sa.String(16), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO actor_evidence (article_id, actor_id, evidence, count)"
        " SELECT m.article_id, m.actor_id, a.label, SUM(m.mentions)"
        " FROM actor_mentions m JOIN actors a ON a.id = m.actor_id"
        " GROUP BY m.article_id, m.actor_id, a.label"
    )
    op.execute(
        "INSERT INTO actor_evidence_totals (actor_id, evidence, count)"
        " SELECT actor_id, evidence, SUM(count) FROM actor_evidence GROUP BY actor_id, evidence"
    )


def downgrade() -> None:
    op.drop_table("actor_evidence_totals")
    op.drop_table("actor_evidence")
