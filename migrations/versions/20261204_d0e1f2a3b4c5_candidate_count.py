"""candidate count: each team's number of candidates, kept by the database itself

The candidate lists showed their total by an exact ``count(*)`` over the team's narrowest
index: the only part of a list page that grew with the network (about 2.4 ms at 100,000
candidates on SQLite, 5 ms on PostgreSQL). ``candidate_count`` holds rows whose sum, per team,
is the team's number of candidates; triggers on ``candidate`` keep it in the writer's own
transaction, so a rolled-back write (a failed import) leaves it as it was, and every path
that adds or removes candidates (a form, the API, an import's Core INSERT, a merge, a team's
deletion) is counted without the application doing anything.

- SQLite has one writer at a time: row triggers on INSERT, DELETE and UPDATE OF team_id keep
  one row per team (made on the team's first candidate).
- PostgreSQL: a counter row updated by every insert would be locked by each writer until it
  commits, so a 10-second import would hold back every other write of the team. Instead each
  INSERT or DELETE statement adds one delta row per team it touched (statement triggers with
  transition tables), and nobody waits for anybody. ``candidate_count_fold(team)`` replaces a
  team's rows by their sum in one statement (``DELETE ... RETURNING`` into an INSERT), taking
  only rows no other transaction holds (``SKIP LOCKED``), so it never waits either. The insert
  and delete triggers fold a team once it has more than 64 rows; the clock folds every team
  each minute (``jobs.fold_candidate_counts``). A team move (no service moves candidates
  today) is a row trigger that fires only when ``team_id`` is set and changes.

A team's deletion cascades to its rows here and to its candidates; the delete trigger then
adds nothing for a team that is gone. Backfilled from the existing candidates after the
triggers exist (on PostgreSQL, creating them locks ``candidate`` against writes until this
migration commits, so no write falls between the two).

A later migration that rebuilds ``candidate`` in batch mode on SQLite drops its triggers with
the old table: it must make them again (``tests/test_candidate_counts.py`` checks that the
head schema has them).

Revision ID: d0e1f2a3b4c5
Revises: c9d0e1f2a3b4
Create Date: 2026-12-04 09:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "d0e1f2a3b4c5"
down_revision = "c9d0e1f2a3b4"
branch_labels = None
depends_on = None

# SQLite: the team's one row, made on its first candidate; ``max(id)`` names it.
SQLITE_CREATE = (
    """
    CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate BEGIN
        INSERT INTO candidate_count (team_id, candidates) SELECT new.team_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM candidate_count WHERE team_id = new.team_id);
        UPDATE candidate_count SET candidates = candidates + 1
        WHERE id = (SELECT max(id) FROM candidate_count WHERE team_id = new.team_id);
    END
    """,
    """
    CREATE TRIGGER candidate_count_delete AFTER DELETE ON candidate BEGIN
        UPDATE candidate_count SET candidates = candidates - 1
        WHERE id = (SELECT max(id) FROM candidate_count WHERE team_id = old.team_id);
    END
    """,
    """
    CREATE TRIGGER candidate_count_move AFTER UPDATE OF team_id ON candidate
    WHEN old.team_id IS NOT new.team_id BEGIN
        INSERT INTO candidate_count (team_id, candidates) SELECT new.team_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM candidate_count WHERE team_id = new.team_id);
        UPDATE candidate_count SET candidates = candidates + 1
        WHERE id = (SELECT max(id) FROM candidate_count WHERE team_id = new.team_id);
        UPDATE candidate_count SET candidates = candidates - 1
        WHERE id = (SELECT max(id) FROM candidate_count WHERE team_id = old.team_id);
    END
    """,
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS candidate_count_move",
    "DROP TRIGGER IF EXISTS candidate_count_delete",
    "DROP TRIGGER IF EXISTS candidate_count_insert",
)

# PostgreSQL. After its delta rows, a statement folds each of its teams that has more than
# 64 rows (counting at most 65 of them).
PG_CREATE = (
    """
    CREATE FUNCTION candidate_count_fold(fold_team integer) RETURNS integer
    LANGUAGE sql AS $$
        WITH gone AS (
            DELETE FROM candidate_count WHERE id IN (
                SELECT id FROM candidate_count WHERE team_id = fold_team
                FOR UPDATE SKIP LOCKED
            )
            RETURNING candidates
        ), folded AS (
            INSERT INTO candidate_count (team_id, candidates)
            SELECT fold_team, sum(candidates) FROM gone HAVING sum(candidates) <> 0
        )
        SELECT count(*)::integer FROM gone
    $$
    """,
    """
    CREATE FUNCTION candidate_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO candidate_count (team_id, candidates)
        SELECT team_id, count(*) FROM candidate_added GROUP BY team_id;
        PERFORM candidate_count_fold(t.team_id)
        FROM (SELECT DISTINCT team_id FROM candidate_added) t
        WHERE (SELECT count(*) FROM (SELECT 1 FROM candidate_count c
               WHERE c.team_id = t.team_id LIMIT 65) s) > 64;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION candidate_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO candidate_count (team_id, candidates)
        SELECT r.team_id, -count(*) FROM candidate_removed r
        WHERE EXISTS (SELECT 1 FROM team WHERE team.id = r.team_id)
        GROUP BY r.team_id;
        PERFORM candidate_count_fold(t.team_id)
        FROM (SELECT DISTINCT team_id FROM candidate_removed) t
        WHERE EXISTS (SELECT 1 FROM team WHERE team.id = t.team_id)
        AND (SELECT count(*) FROM (SELECT 1 FROM candidate_count c
             WHERE c.team_id = t.team_id LIMIT 65) s) > 64;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION candidate_count_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO candidate_count (team_id, candidates)
        VALUES (NEW.team_id, 1), (OLD.team_id, -1);
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate "
    "REFERENCING NEW TABLE AS candidate_added "
    "FOR EACH STATEMENT EXECUTE FUNCTION candidate_count_added()",
    "CREATE TRIGGER candidate_count_delete AFTER DELETE ON candidate "
    "REFERENCING OLD TABLE AS candidate_removed "
    "FOR EACH STATEMENT EXECUTE FUNCTION candidate_count_removed()",
    "CREATE TRIGGER candidate_count_move AFTER UPDATE OF team_id ON candidate "
    "FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) "
    "EXECUTE FUNCTION candidate_count_moved()",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS candidate_count_move ON candidate",
    "DROP TRIGGER IF EXISTS candidate_count_delete ON candidate",
    "DROP TRIGGER IF EXISTS candidate_count_insert ON candidate",
    "DROP FUNCTION IF EXISTS candidate_count_moved()",
    "DROP FUNCTION IF EXISTS candidate_count_removed()",
    "DROP FUNCTION IF EXISTS candidate_count_added()",
    "DROP FUNCTION IF EXISTS candidate_count_fold(integer)",
)
BACKFILL = (
    "INSERT INTO candidate_count (team_id, candidates) "
    "SELECT team_id, count(*) FROM candidate GROUP BY team_id"
)


def upgrade():
    op.create_table(
        "candidate_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_candidate_count_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_count")),
    )
    op.create_index(
        "ix_candidate_count_team_id_candidates",
        "candidate_count",
        ["team_id", "candidates"],
        unique=False,
    )
    bind = op.get_bind()
    for statement in SQLITE_CREATE if bind.dialect.name == "sqlite" else PG_CREATE:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(BACKFILL)


def downgrade():
    bind = op.get_bind()
    for statement in SQLITE_DROP if bind.dialect.name == "sqlite" else PG_DROP:
        bind.exec_driver_sql(statement)
    op.drop_index("ix_candidate_count_team_id_candidates", table_name="candidate_count")
    op.drop_table("candidate_count")
