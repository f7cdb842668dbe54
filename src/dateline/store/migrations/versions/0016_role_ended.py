"""Roles say whether their sentence tells the tenure ending (``ended``): the holder dies,
resigns or is ousted, so the title was held until then. Roles stored before keep false
until their articles are analysed again.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "roles", sa.Column("ended", sa.Boolean, nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.drop_column("roles", "ended")
