"""Event mentions of every happening a sentence names (issue #13): each mention's trigger
offset, lemma and kind (``main``, what the sentence reports and views show; ``other``; or
``reporting`` or ``headline``), in the analysis and in the events' members. Rows stored before are main
mentions with no trigger offset until their articles are analysed again (the analyser's
version says so).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("event_mentions", "event_members"):
        op.add_column(table, sa.Column("trigger_start", sa.Integer))
        op.add_column(table, sa.Column("lemma", sa.Text))
        op.add_column(table, sa.Column("kind", sa.String(9), nullable=False, server_default="main"))


def downgrade() -> None:
    for table in ("event_members", "event_mentions"):
        for column in ("kind", "lemma", "trigger_start"):
            op.drop_column(table, column)
