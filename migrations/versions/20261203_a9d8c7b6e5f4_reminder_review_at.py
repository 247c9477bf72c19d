"""reminder review moment: when time alone can next change a candidate's reminders

``candidate.reminder_review_at`` (indexed) is kept on every write and read by the sweep, which
then touches only the candidates whose moment has come. Every candidate with an interview or
an outbound outreach starts due, so the first sweep after the upgrade looks at each once and
stores its real moment.

Revision ID: a9d8c7b6e5f4
Revises: c8f2a1d4e6b9
Create Date: 2026-12-03 12:00:00

"""

from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a9d8c7b6e5f4"
down_revision = "c8f2a1d4e6b9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminder_review_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_candidate_reminder_review_at"), ["reminder_review_at"], unique=False
        )
    now = datetime.now(UTC)
    value = now.replace(tzinfo=None) if op.get_bind().dialect.name == "sqlite" else now
    op.get_bind().execute(
        sa.text(
            "UPDATE candidate SET reminder_review_at = :now WHERE id IN "
            "(SELECT candidate_id FROM interview) OR id IN "
            "(SELECT candidate_id FROM outreach WHERE direction = 'outbound')"
        ),
        {"now": value},
    )


def downgrade():
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_reminder_review_at"))
        batch_op.drop_column("reminder_review_at")
