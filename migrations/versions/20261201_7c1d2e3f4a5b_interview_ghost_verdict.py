"""interview ghost verdict: the stored ghost state, what is missing, and when to look again

Every write to a candidate's history stores each interview's ghost verdict (``no``,
``possible``, ``ghosted``) with the moment time alone can next change it; the clock only
touches interviews whose ``next_review_at`` has come. Existing no-shows are due at once, so the
first sweep after the upgrade judges them.

Revision ID: 7c1d2e3f4a5b
Revises: 4e30d2eb8a74
Create Date: 2026-12-01 23:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7c1d2e3f4a5b"
down_revision = "4e30d2eb8a74"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ghost_state", sa.String(length=10), server_default="no", nullable=False)
        )
        batch_op.add_column(
            sa.Column("ghost_missing", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("next_review_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_interview_next_review_at"), ["next_review_at"], unique=False
        )
        batch_op.create_check_constraint(
            op.f("ck_interview_ghost_state"), "ghost_state IN ('no', 'possible', 'ghosted')"
        )
    # Existing no-shows: judged by the first sweep after the upgrade.
    op.execute("UPDATE interview SET next_review_at = scheduled_at WHERE status = 'no_show'")


def downgrade():
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_interview_ghost_state"), type_="check")
        batch_op.drop_index(batch_op.f("ix_interview_next_review_at"))
        batch_op.drop_column("next_review_at")
        batch_op.drop_column("ghost_missing")
        batch_op.drop_column("ghost_state")
