"""Alembic environment: runs on the connection that `cloudfit.workspace.db` hands over."""

from __future__ import annotations

from alembic import context

from cloudfit.workspace.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
