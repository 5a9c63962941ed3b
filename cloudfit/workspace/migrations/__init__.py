"""Alembic migrations of the workspace, run by `cloudfit.workspace.db` when a workspace opens."""
