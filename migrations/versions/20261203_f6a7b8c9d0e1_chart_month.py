"""chart month: the dashboard's month rollup per team, time zone and month, kept by the writes

Also an index for the dashboard's latest possible ghosts, (team_id, ghost_state, scheduled_at).

Revision ID: f6a7b8c9d0e1
Revises: a7b8c9d0e1f2
Create Date: 2026-12-03 14:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "f6a7b8c9d0e1"
down_revision = "a7b8c9d0e1f2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "chart_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attended", sa.Integer(), nullable=False),
        sa.Column("cancelled_with_notice", sa.Integer(), nullable=False),
        sa.Column("explained_no_show", sa.Integer(), nullable=False),
        sa.Column("silent_no_show", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("unanswered", sa.Integer(), nullable=False),
        sa.Column("median_hours", sa.Float(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_chart_month_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_month")),
        sa.UniqueConstraint(
            "team_id", "time_zone", "month", name=op.f("uq_chart_month_team_id_time_zone_month")
        ),
    )
    with op.batch_alter_table("chart_month", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chart_month_team_id"), ["team_id"], unique=False)
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interview_owner_ghost_state_scheduled",
            ["team_id", "ghost_state", "scheduled_at"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_index("ix_interview_owner_ghost_state_scheduled")
    with op.batch_alter_table("chart_month", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chart_month_team_id"))
    op.drop_table("chart_month")
