"""event retraction: a logged event taken back, kept in the log with when and why

Revision ID: 8d2e3f4a5b6c
Revises: 7c1d2e3f4a5b
Create Date: 2026-12-01 23:55:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "8d2e3f4a5b6c"
down_revision = "7c1d2e3f4a5b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_retraction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["interview_event.id"],
            name=op.f("fk_event_retraction_event_id_interview_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["recruiter.id"],
            name=op.f("fk_event_retraction_owner_id_recruiter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["recruiter.id"],
            name=op.f("fk_event_retraction_recorded_by_id_recruiter"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_retraction")),
        sa.UniqueConstraint("event_id", name=op.f("uq_event_retraction_event_id")),
    )
    with op.batch_alter_table("event_retraction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_retraction_owner_id"), ["owner_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("event_retraction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_retraction_owner_id"))
    op.drop_table("event_retraction")
