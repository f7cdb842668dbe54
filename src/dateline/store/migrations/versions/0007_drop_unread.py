"""Drop what was written and never read: the ``entity_links`` marks (the queue says which
articles wait for entity linking) and ``stories.title_score``.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("entity_links")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("title_score")


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("title_score", sa.Float, nullable=False, server_default="0"))
    op.create_table(
        "entity_links",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("analyses.article_id"),
                  primary_key=True),
    )
