"""team candidate count: the candidate list's total without counting the network

``team.candidate_count`` is the number of the team's candidates, kept by the database itself
(triggers on ``candidate``), so every writer keeps it, bulk inserts of seeds and imports
included. The unfiltered candidate list reads it for its total instead of ``count(*)``, which
reads every candidate of the team (450 ms at 100,000 on PostgreSQL).

- SQLite: a row trigger after each insert and delete.
- PostgreSQL: statement triggers with transition tables, so an import of 10,000 rows updates
  the team row once, not 10,000 times. The team row stays locked until that transaction
  commits: a colleague adding a candidate during a long import waits for it (on SQLite every
  write waits for it anyway).

A candidate never changes team, so updates need no trigger (one on every UPDATE of
``candidate`` would cost each score refresh a team row update).

A later migration that rebuilds ``candidate`` in batch mode on SQLite drops its triggers with
the old table and must make them again (``tests/test_candidate_count.py`` checks the head).

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2026-12-03 14:10:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b8c9d0e1f2a3"
down_revision = "a7b8c9d0e1f2"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate BEGIN "
    "UPDATE team SET candidate_count = candidate_count + 1 WHERE id = new.team_id; END",
    "CREATE TRIGGER candidate_count_delete AFTER DELETE ON candidate BEGIN "
    "UPDATE team SET candidate_count = candidate_count - 1 WHERE id = old.team_id; END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS candidate_count_delete",
    "DROP TRIGGER IF EXISTS candidate_count_insert",
)
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION candidate_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE team SET candidate_count = team.candidate_count - gone.n
        FROM (SELECT team_id, count(*) AS n FROM old_rows GROUP BY team_id) AS gone
        WHERE team.id = gone.team_id;
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE team SET candidate_count = team.candidate_count + came.n
        FROM (SELECT team_id, count(*) AS n FROM new_rows GROUP BY team_id) AS came
        WHERE team.id = came.team_id;
    END IF;
    RETURN NULL;
END
$$
"""
PG_TRIGGERS = (
    "CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION candidate_count_change()",
    "CREATE TRIGGER candidate_count_delete AFTER DELETE ON candidate "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION candidate_count_change()",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS candidate_count_delete ON candidate",
    "DROP TRIGGER IF EXISTS candidate_count_insert ON candidate",
    "DROP FUNCTION IF EXISTS candidate_count_change()",
)


def upgrade():
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("candidate_count", sa.Integer(), server_default="0", nullable=False)
        )
    bind = op.get_bind()
    bind.exec_driver_sql(
        "UPDATE team SET candidate_count = "
        "(SELECT count(*) FROM candidate WHERE candidate.team_id = team.id)"
    )
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(PG_FUNCTION)
        statements = PG_TRIGGERS
    else:
        statements = SQLITE_TRIGGERS
    for statement in statements:
        bind.exec_driver_sql(statement)


def downgrade():
    bind = op.get_bind()
    for statement in PG_DROP if bind.dialect.name == "postgresql" else SQLITE_DROP:
        bind.exec_driver_sql(statement)
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("candidate_count")
