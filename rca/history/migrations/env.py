"""Alembic environment for the history store: rca passes an open connection (inside a transaction
that holds the migration lock) as `config.attributes["connection"]`."""

from alembic import context

from rca.history.store import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
