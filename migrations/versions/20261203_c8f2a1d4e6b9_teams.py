"""teams: a team owns every owned row; recruiters join one with a role; who did what

- ``team``; ``recruiter.team_id`` and ``recruiter.role``; ``invitation``.
- Every owned table's ``owner_id`` (a recruiter) becomes ``team_id`` (a team), with its
  foreign key, its index and its unique constraints. ``api_token.owner_id`` stays: a token is
  its recruiter's own.
- Actors: ``candidate.added_by_id``, ``interview.recruiter_id`` (in charge),
  ``outreach.logged_by_id``, ``suggestion.decided_by_id``, ``reminder.assignee_id``,
  ``import_job.started_by_id``.

Every existing recruiter becomes the owner of a one-person team whose id is the recruiter's
id, so every owned row keeps its value and every actor column is filled from the old owner.

Revision ID: c8f2a1d4e6b9
Revises: b4e1c2d3a5f6
Create Date: 2026-12-03 11:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c8f2a1d4e6b9"
down_revision = "b4e1c2d3a5f6"
branch_labels = None
depends_on = None

OWNED = (
    "client",
    "candidate",
    "recommendation",
    "interview",
    "interview_event",
    "event_retraction",
    "outreach",
    "candidate_signal",
    "suggestion",
    "reminder",
    "audit_entry",
    "import_job",
)
# The actor each table gains, filled from the old owner.
ACTORS = {
    "candidate": "added_by_id",
    "interview": "recruiter_id",
    "outreach": "logged_by_id",
    "suggestion": "decided_by_id",
    "reminder": "assignee_id",
    "import_job": "started_by_id",
}
# Indexes and unique constraints that lead with the owner, by table: (name, columns). Their
# names keep "owner" (the team is the owner); the per-column ones follow the convention.
INDEXES = {
    "candidate": [
        ("ix_candidate_owner_score", ["score"]),
        ("ix_candidate_owner_name", ["full_name"]),
        ("ix_candidate_owner_photo_hash", ["photo_hash"]),
        ("ix_candidate_owner_connection_status", ["connection_status"]),
    ],
    "interview": [("ix_interview_owner_scheduled_outcome", ["scheduled_at", "outcome"])],
    "outreach": [
        ("ix_outreach_owner_direction_sent", ["direction", "sent_at", "responded_at"]),
    ],
    "suggestion": [("ix_suggestion_owner_status", ["status"])],
    "reminder": [("ix_reminder_owner_status_due", ["status", "due_at"])],
}
UNIQUES = {
    "client": ["name_key"],
    "candidate": ["profile_url"],
    "outreach": ["source_key"],
}


def _sqlite():
    return op.get_bind().dialect.name == "sqlite"


def _drop_special_indexes():
    """The two candidate indexes batch mode cannot carry across a rebuild: an expression
    (``score DESC``) and a PostgreSQL operator class."""
    op.execute("DROP INDEX ix_candidate_owner_score_sort")
    op.execute("DROP INDEX ix_candidate_owner_search_key")


def _create_special_indexes(owner):
    nulls = "" if _sqlite() else " NULLS LAST"
    op.execute(
        "CREATE INDEX ix_candidate_owner_score_sort "
        f"ON candidate ({owner}, score DESC{nulls}, full_name, id)"
    )
    ops = "" if _sqlite() else " text_pattern_ops"
    op.execute(
        f"CREATE INDEX ix_candidate_owner_search_key ON candidate ({owner}, search_key{ops})"
    )


def _move_owner(table, old, new, old_target, new_target, remap=None):
    """``old`` -> ``new`` on one table, its foreign key pointing at ``new_target``; ``remap``
    (SQL) gives the renamed column its new values before the key is made."""
    for name, columns in INDEXES.get(table, []):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(name)
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_index(f"ix_{table}_{old}")
        if table in UNIQUES:
            batch_op.drop_constraint(f"uq_{table}_{old}_{UNIQUES[table][0]}", type_="unique")
        batch_op.drop_constraint(f"fk_{table}_{old}_{old_target}", type_="foreignkey")
    with op.batch_alter_table(table) as batch_op:
        batch_op.alter_column(
            old, new_column_name=new, existing_type=sa.Integer(), existing_nullable=False
        )
    if remap:
        op.execute(remap.format(table=table))
        op.execute(f"DELETE FROM {table} WHERE {new} IS NULL")
    with op.batch_alter_table(table) as batch_op:
        batch_op.create_foreign_key(
            f"fk_{table}_{new}_{new_target}", new_target, [new], ["id"], ondelete="CASCADE"
        )
        if table in UNIQUES:
            batch_op.create_unique_constraint(
                f"uq_{table}_{new}_{UNIQUES[table][0]}", [new, *UNIQUES[table]]
            )
        batch_op.create_index(f"ix_{table}_{new}", [new], unique=False)
        for name, columns in INDEXES.get(table, []):
            batch_op.create_index(name, [new, *columns], unique=False)


def upgrade():
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
    )
    # One team per recruiter, with the recruiter's id: every owned row keeps its value.
    op.execute("INSERT INTO team (id, name, created_at) SELECT id, name, created_at FROM recruiter")
    if not _sqlite():
        op.execute(
            "SELECT setval(pg_get_serial_sequence('team', 'id'), "
            "COALESCE((SELECT max(id) FROM team), 0) + 1, false)"
        )
    with op.batch_alter_table("recruiter") as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("role", sa.String(length=10), nullable=False, server_default="owner")
        )
    op.execute("UPDATE recruiter SET team_id = id")
    with op.batch_alter_table("recruiter") as batch_op:
        batch_op.alter_column("team_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("role", existing_type=sa.String(length=10), server_default=None)
        batch_op.create_foreign_key(
            op.f("fk_recruiter_team_id_team"), "team", ["team_id"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_check_constraint(op.f("ck_recruiter_role"), "role IN ('owner', 'member')")
        batch_op.create_index(op.f("ix_recruiter_team_id"), ["team_id"], unique=False)

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'member')", name=op.f("ck_invitation_role")),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["recruiter.id"],
            name=op.f("fk_invitation_invited_by_id_recruiter"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_invitation_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["used_by_id"],
            ["recruiter.id"],
            name=op.f("fk_invitation_used_by_id_recruiter"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.create_index(op.f("ix_invitation_team_id"), ["team_id"], unique=False)

    for table, actor in ACTORS.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column(actor, sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET {actor} = owner_id")
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_foreign_key(
                f"fk_{table}_{actor}_recruiter", "recruiter", [actor], ["id"], ondelete="SET NULL"
            )
            batch_op.create_index(f"ix_{table}_{actor}", [actor], unique=False)

    _drop_special_indexes()
    for table in OWNED:
        _move_owner(table, "owner_id", "team_id", "recruiter", "team")
    _create_special_indexes("team_id")


def downgrade():
    # Each team's rows go back to its first owner (for the one-person teams the upgrade made,
    # the same recruiter); the other members' accounts are deleted.
    first_owner = (
        "UPDATE {table} SET owner_id = (SELECT min(r.id) FROM recruiter r "
        "WHERE r.team_id = {table}.owner_id AND r.role = 'owner')"
    )
    _drop_special_indexes()
    for table in OWNED:
        _move_owner(table, "team_id", "owner_id", "team", "recruiter", remap=first_owner)
    _create_special_indexes("owner_id")
    for table, actor in ACTORS.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_{actor}")
            batch_op.drop_constraint(f"fk_{table}_{actor}_recruiter", type_="foreignkey")
            batch_op.drop_column(actor)
    op.drop_table("invitation")
    op.execute(
        "DELETE FROM recruiter WHERE id NOT IN "
        "(SELECT min(id) FROM recruiter WHERE role = 'owner' GROUP BY team_id)"
    )
    with op.batch_alter_table("recruiter") as batch_op:
        batch_op.drop_index(op.f("ix_recruiter_team_id"))
        batch_op.drop_constraint(op.f("ck_recruiter_role"), type_="check")
        batch_op.drop_constraint(op.f("fk_recruiter_team_id_team"), type_="foreignkey")
        batch_op.drop_column("role")
        batch_op.drop_column("team_id")
    op.drop_table("team")
