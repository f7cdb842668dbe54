"""Quotes keep their source mention as written (``source_start``/``source_end``: "he",
"the French President") and how it was resolved to the named speaker (``resolved_by``).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("source_start", sa.Integer))
    op.add_column("quotes", sa.Column("source_end", sa.Integer))
    op.add_column("quotes", sa.Column("resolved_by", sa.String(16)))


def downgrade() -> None:
    for column in ("resolved_by", "source_end", "source_start"):
        op.drop_column("quotes", column)
