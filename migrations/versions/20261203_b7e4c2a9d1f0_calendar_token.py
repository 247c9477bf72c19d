"""calendar token: the secret in each recruiter's calendar feed URL

``recruiter.calendar_token`` is the secret part of ``/calendar/<token>.ics``, the ICS feed that
calendar apps subscribe to without a login. Every existing account gets a random one; rotating
it replaces it (the old URL then answers 404).

Revision ID: b7e4c2a9d1f0
Revises: 3a277d701814
Create Date: 2026-12-03 08:20:00

"""

import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b7e4c2a9d1f0"
down_revision = "3a277d701814"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))

    recruiter = sa.table("recruiter", sa.column("id", sa.Integer), sa.column("calendar_token"))
    bind = op.get_bind()
    for (recruiter_id,) in bind.execute(sa.select(recruiter.c.id)).all():
        bind.execute(
            recruiter.update()
            .where(recruiter.c.id == recruiter_id)
            .values(calendar_token=secrets.token_urlsafe(32))
        )

    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.alter_column("calendar_token", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_recruiter_calendar_token"), ["calendar_token"]
        )


def downgrade():
    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_recruiter_calendar_token"), type_="unique")
        batch_op.drop_column("calendar_token")
