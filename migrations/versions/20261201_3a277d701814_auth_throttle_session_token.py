"""auth throttle and session token: failed attempts per key, and a per-account session token

``auth_failure`` holds one row per failed login, setup, password or API-token attempt under a
throttle key (``login:email:...``, ``login:ip:...``), so the limit holds across every worker.
``recruiter.session_token`` is part of Flask-Login's user id: a password change replaces it and
so ends the account's other sessions and remember-me cookies. Existing accounts get a random
token each (their current sessions end once, at the upgrade).

Revision ID: 3a277d701814
Revises: 7c1d9a42b6e3
Create Date: 2026-12-01 23:30:00

"""

import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "3a277d701814"
down_revision = "7c1d9a42b6e3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "auth_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_failure")),
    )
    with op.batch_alter_table("auth_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_failure_failed_at"), ["failed_at"], unique=False)
        batch_op.create_index("ix_auth_failure_key_failed_at", ["key", "failed_at"], unique=False)

    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=32), nullable=True))

    recruiter = sa.table("recruiter", sa.column("id", sa.Integer), sa.column("session_token"))
    bind = op.get_bind()
    for (recruiter_id,) in bind.execute(sa.select(recruiter.c.id)).all():
        bind.execute(
            recruiter.update()
            .where(recruiter.c.id == recruiter_id)
            .values(session_token=secrets.token_hex(16))
        )

    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=32), nullable=False)


def downgrade():
    with op.batch_alter_table("recruiter", schema=None) as batch_op:
        batch_op.drop_column("session_token")

    with op.batch_alter_table("auth_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_auth_failure_key_failed_at")
        batch_op.drop_index(batch_op.f("ix_auth_failure_failed_at"))

    op.drop_table("auth_failure")
