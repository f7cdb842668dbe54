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
    # in place (SQLite 3.35+ drops a column without copying the table, which its foreign
    # keys would forbid inside the migration's transaction)
    op.drop_column("stories", "title_score")


def downgrade() -> None:
    op.add_column("stories", sa.Column("title_score", sa.Float, nullable=False, server_default="0"))
    op.create_table(
        "entity_links",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("analyses.article_id"), primary_key=True
        ),
    )
    # entity-linked: analysed and not waiting for entity linking
    op.execute(
        "INSERT INTO entity_links (article_id) SELECT article_id FROM analyses"
        " WHERE article_id NOT IN"
        " (SELECT article_id FROM pending WHERE stage = 'entities')"
    )
