"""registration and session-held times, one feedback per author and stage

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_pairing_id_author_id"), ["pairing_id", "author_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_pairing_id_author_id"))
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("held_at")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("created_at")
