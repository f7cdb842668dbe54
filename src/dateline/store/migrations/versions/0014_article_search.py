"""Full-text search over articles' titles and texts (``article_search``, SQLite FTS5),
kept current by triggers on ``articles``; the articles stored before are indexed here.
Other databases search without an index (``ArticleRepository.search``).

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_TEXT = "(SELECT group_concat(value, char(10) || char(10)) FROM json_each({row}.body))"
_ADD = (
    "INSERT INTO article_search (article_id, title, text) "
    "VALUES ({row}.id, coalesce({row}.title, ''), " + _TEXT + ")"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text)")
    op.execute(
        "INSERT INTO article_search (article_id, title, text) "
        "SELECT id, coalesce(title, ''), " + _TEXT.format(row="articles") + " FROM articles"
    )
    op.execute(
        "CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN "
        + _ADD.format(row="new")
        + "; END"
    )
    op.execute(
        "CREATE TRIGGER article_search_update AFTER UPDATE OF title, body ON articles BEGIN "
        "DELETE FROM article_search WHERE article_id = old.id; " + _ADD.format(row="new") + "; END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER article_search_update")
    op.execute("DROP TRIGGER article_search_insert")
    op.execute("DROP TABLE article_search")
