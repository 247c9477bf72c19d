"""scheduler heartbeat: is the scheduler alive, and what did each periodic job last do

``scheduler_heartbeat`` is one row the scheduler rewrites every few seconds (the web app shows a
banner when it goes stale); ``scheduler_job`` keeps each job's last run, next run and result
for ``/api/v1/status``.

Revision ID: 7c1d9a42b6e3
Revises: 8d2e3f4a5b6c
Create Date: 2026-12-01 23:13:14

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7c1d9a42b6e3"
down_revision = "8d2e3f4a5b6c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "scheduler_heartbeat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_scheduler_heartbeat_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduler_heartbeat")),
    )
    op.create_table(
        "scheduler_job",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok", sa.Boolean(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduler_job")),
    )


def downgrade():
    op.drop_table("scheduler_job")
    op.drop_table("scheduler_heartbeat")
