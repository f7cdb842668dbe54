"""Alembic environment: always run on the connection the Store hands over."""

from alembic import context

from dateline.store.schema import mapped, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table="_dateline_migrations",
    render_as_batch=True,  # SQLite cannot ALTER most things in place
    include_name=mapped,
)
with context.begin_transaction():
    context.run_migrations()
