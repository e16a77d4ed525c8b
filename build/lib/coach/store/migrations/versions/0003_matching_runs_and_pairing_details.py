"""matching runs and pairing details

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 10:29:51.933278
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "matching_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("solver", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_matching_runs_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_matching_runs_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_runs")),
    )
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_runs_programme_id"), ["programme_id"], unique=False
        )

    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("details", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(sa.Column("run_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_pairings_run_id"), ["run_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_pairings_run_id_matching_runs"),
            "matching_runs",
            ["run_id"],
            ["id"],
            ondelete="SET NULL",
        )

    # "awaiting_second_approval" does not fit the 20 characters of revision 0001.
    with op.batch_alter_table("pairings") as batch_op:
        batch_op.alter_column(
            "status", type_=sa.String(length=32), existing_type=sa.String(length=20)
        )
    with op.batch_alter_table("pairing_events") as batch_op:
        for column, nullable in (("from_status", True), ("to_status", False)):
            batch_op.alter_column(
                column,
                type_=sa.String(length=32),
                existing_type=sa.String(length=20),
                existing_nullable=nullable,
            )


def downgrade() -> None:
    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_pairings_run_id_matching_runs"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_pairings_run_id"))
        batch_op.drop_column("run_id")
        batch_op.drop_column("details")

    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_runs_programme_id"))

    op.drop_table("matching_runs")
