"""How each article's publisher was known (``articles.publisher_how``): a signature line,
a copyright line, the markup, a newsletter prompt, the user, the URL, ...

Existing rows keep NULL: extraction did not record it when they were stored.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("publisher_how", sa.String(16)))


def downgrade() -> None:
    op.drop_column("articles", "publisher_how")
