"""Quotes say whether their cue reports speech (``speech``): a belief, an intention or a
stance ("believes", "plans to", "criticized") is attributed but not said. Quotes stored
before keep true: every cue then was a speech verb.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "quotes", sa.Column("speech", sa.Boolean, nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    op.drop_column("quotes", "speech")
