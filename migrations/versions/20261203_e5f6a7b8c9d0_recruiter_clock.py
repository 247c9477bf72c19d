"""recruiter clock: a 24 h or 12 h clock for the times each recruiter reads and types

``recruiter.clock`` is ``24h`` (``14:30``) or ``12h`` (``2:30 PM``); every existing account
keeps the 24 h clock it had.

Revision ID: e5f6a7b8c9d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-03 11:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e5f6a7b8c9d0"
down_revision = "d4e5f6a7b8c9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clock", sa.String(length=3), server_default="24h", nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_recruiter_clock"), "clock IN ('24h', '12h')"
        )


def downgrade():
    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_recruiter_clock"), type_="check")
        batch_op.drop_column("clock")
