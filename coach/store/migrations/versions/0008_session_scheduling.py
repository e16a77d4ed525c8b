"""sessions on a calendar: a proposed time, a cancellation reason, a reminder sent

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("proposed_start", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("proposed_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cancel_reason", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("reminder_sent_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("reminder_sent_at")
        batch.drop_column("cancel_reason")
        batch.drop_column("proposed_by")
        batch.drop_column("proposed_start")
