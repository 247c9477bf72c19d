"""candidate duplicates: the name-and-company key, an (team_id, email) index, profile aliases

``candidate.name_company_key`` is the search key of the name and of the company
(``recruiter.textkey.name_company_key``: case and accents ignored), NULL unless both are given,
indexed with ``(team_id, name_company_key)``: two candidates of one team with the same key
are possible duplicates (``services.duplicates``). Backfilled here, in batches. The same e-mail
is the other sign: ``(team_id, email)`` lets that look-up seek within the team's rows (the
single-column ``email`` index lost to ``team_id``'s on SQLite).

``candidate_alias`` keeps the profile URL of a duplicate merged into a candidate that had its
own, ``UNIQUE (team_id, profile_url)``: that URL stays taken, and a LinkedIn import of it finds
the candidate kept instead of making the duplicate again.

Revision ID: d4e5f6a7b8c9
Revises: a9d8c7b6e5f4
Create Date: 2026-12-03 11:00:00

"""

from alembic import op
import sqlalchemy as sa

from recruiter.textkey import name_company_key


# revision identifiers, used by Alembic.
revision = "d4e5f6a7b8c9"
down_revision = "a9d8c7b6e5f4"
branch_labels = None
depends_on = None

BATCH = 1000
KEY_LENGTH = 801

candidate = sa.table(
    "candidate",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("company", sa.String),
    sa.column("name_company_key", sa.String),
)


def _backfill(bind):
    update = (
        candidate.update()
        .where(candidate.c.id == sa.bindparam("row_id"))
        .values(name_company_key=sa.bindparam("key"))
    )
    query = sa.select(candidate.c.id, candidate.c.full_name, candidate.c.company).where(
        candidate.c.company.is_not(None)
    )
    last = 0
    while True:
        rows = bind.execute(
            query.where(candidate.c.id > last).order_by(candidate.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        params = [
            {"row_id": r.id, "key": key}
            for r in rows
            if (key := name_company_key(r.full_name, r.company, KEY_LENGTH)) is not None
        ]
        if params:
            bind.execute(update, params)
        last = rows[-1].id


def upgrade():
    op.create_table(
        "candidate_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("profile_url", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_alias_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_candidate_alias_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_alias")),
        sa.UniqueConstraint(
            "team_id", "profile_url", name=op.f("uq_candidate_alias_team_id_profile_url")
        ),
    )
    with op.batch_alter_table("candidate_alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidate_alias_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_candidate_alias_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_company_key", sa.String(length=KEY_LENGTH), nullable=True)
        )
    _backfill(op.get_bind())
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_owner_name_company_key", ["team_id", "name_company_key"], unique=False
        )
        batch_op.create_index("ix_candidate_owner_email", ["team_id", "email"], unique=False)


def downgrade():
    with op.batch_alter_table("candidate_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_alias_team_id"))
        batch_op.drop_index(batch_op.f("ix_candidate_alias_candidate_id"))
    op.drop_table("candidate_alias")
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_owner_email")
        batch_op.drop_index("ix_candidate_owner_name_company_key")
        batch_op.drop_column("name_company_key")
