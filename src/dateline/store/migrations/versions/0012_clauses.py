"""Each sentence's main clause as analysis read it (``clauses``): tense, a state or a
happening, reported speech, a heading glued on, and its subordinate parts. Analyses stored
before have none until they are analysed again (the analyser's version says so).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clauses",
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
        sa.Column("verb", sa.Text, nullable=False),
        sa.Column("tense", sa.String(16), nullable=False),
        sa.Column("stative", sa.Boolean, nullable=False),
        sa.Column("reports", sa.Boolean, nullable=False),
        sa.Column("reported_tense", sa.String(16)),
        sa.Column("reported_stative", sa.Boolean, nullable=False),
        sa.Column("glued", sa.Boolean, nullable=False),
        sa.Column("question", sa.Boolean, nullable=False),
        sa.Column("subordinate", sa.JSON, nullable=False),
        sa.Column("progressive", sa.Boolean, nullable=False),
        sa.Column("anchored", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("clauses")
