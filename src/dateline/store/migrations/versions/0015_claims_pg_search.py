"""Claims on the queue (``pending.claimed_by`` / ``claimed_until``), so that processes
analysing one store at once never take the same article; and, on PostgreSQL, full-text
search as SQLite has it since 0014: ``article_search`` holds each article's ``tsvector``
(GIN-indexed), kept current by a trigger on ``articles``.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# 'simple': words as written, no stemming, like SQLite's unicode61 tokenizer.
_DOCUMENT = (
    "to_tsvector('simple', coalesce({row}.title, '') || ' ' || "
    "coalesce((SELECT string_agg(value, ' ') FROM json_array_elements_text({row}.body)), ''))"
)


def upgrade() -> None:
    op.add_column("pending", sa.Column("claimed_by", sa.String(96), nullable=True))
    op.add_column("pending", sa.Column("claimed_until", sa.Float, nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE article_search (article_id VARCHAR(16) PRIMARY KEY "
        "REFERENCES articles (id) ON DELETE CASCADE, document TSVECTOR NOT NULL)"
    )
    op.execute(
        "INSERT INTO article_search (article_id, document) "
        f"SELECT id, {_DOCUMENT.format(row='articles')} FROM articles"
    )
    op.execute("CREATE INDEX article_search_document ON article_search USING GIN (document)")
    op.execute(
        "CREATE FUNCTION article_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO article_search (article_id, document) "
        f"VALUES (NEW.id, {_DOCUMENT.format(row='NEW')}) "
        "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document; "
        "RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER article_search_keep AFTER INSERT OR UPDATE OF title, body ON articles "
        "FOR EACH ROW EXECUTE FUNCTION article_search_keep()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER article_search_keep ON articles")
        op.execute("DROP FUNCTION article_search_keep()")
        op.execute("DROP TABLE article_search")
    op.drop_column("pending", "claimed_until")
    op.drop_column("pending", "claimed_by")
