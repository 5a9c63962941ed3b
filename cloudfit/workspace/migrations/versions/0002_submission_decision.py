"""A reviewer may reject a submission: who, when and why are kept with it.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.add_column(sa.Column("decided_by", sa.String(length=200), nullable=True))
        table.add_column(sa.Column("decided_at", sa.String(length=32), nullable=True))
        table.add_column(sa.Column("decision_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.drop_column("decision_reason")
        table.drop_column("decided_at")
        table.drop_column("decided_by")
