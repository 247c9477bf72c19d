"""reminder email claim: who is sending a digest now, and the last delivery error

A digest claims its reminders (``email_claimed_at``) in a short transaction before talking to
the SMTP server, so two senders never mail the same reminders; ``email_error`` keeps the last
refusal for the operator.

Revision ID: 4e30d2eb8a74
Revises: 5040b3b99ac3
Create Date: 2026-11-22 03:10:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "4e30d2eb8a74"
down_revision = "5040b3b99ac3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_claimed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("email_error", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_column("email_error")
        batch_op.drop_column("email_claimed_at")
