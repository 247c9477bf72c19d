"""search trigram index: a substring search reads an index, not every candidate of the team

``candidate.search_key`` is searched anywhere inside (``%q%``), which no B-tree can seek, so
until now a search read every key of the team: the cost grew with the network. This adds a
trigram index over the keys:

- PostgreSQL: the ``pg_trgm`` extension and a GIN index ``ix_candidate_search_key_trgm``
  (``gin_trgm_ops``), which the planner uses for ``LIKE '%q%'`` by itself. Where the server
  has no ``pg_trgm`` (it ships with PostgreSQL's contrib package) or the role may not create
  it, nothing is added and the search keeps reading the team's keys.
- SQLite: an FTS5 table ``candidate_search`` with the trigram tokenizer over the keys
  (external content: it stores only the index, the text stays in ``candidate``), kept by
  three triggers. Search narrows the rows with ``MATCH`` for a key of three characters or
  more, then applies the same ``LIKE`` as before, so the answer is unchanged. Without FTS5 in
  the SQLite library, nothing is added.

A later migration that rebuilds ``candidate`` in batch mode on SQLite drops its triggers with
the old table: it must call :func:`create_sqlite_search` again (``tests/test_search_index.py``
checks that the head schema has them).

Revision ID: a7b8c9d0e1f2
Revises: e5f6a7b8c9d0
Create Date: 2026-12-03 14:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a7b8c9d0e1f2"
down_revision = "e5f6a7b8c9d0"
branch_labels = None
depends_on = None

SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE candidate_search USING fts5("
    "search_key, content='candidate', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER candidate_search_insert AFTER INSERT ON candidate BEGIN "
    "INSERT INTO candidate_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER candidate_search_delete AFTER DELETE ON candidate BEGIN "
    "INSERT INTO candidate_search(candidate_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER candidate_search_update AFTER UPDATE OF search_key ON candidate BEGIN "
    "INSERT INTO candidate_search(candidate_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO candidate_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO candidate_search(candidate_search) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS candidate_search_update",
    "DROP TRIGGER IF EXISTS candidate_search_delete",
    "DROP TRIGGER IF EXISTS candidate_search_insert",
    "DROP TABLE IF EXISTS candidate_search",
)


def _has_fts5(bind) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x, tokenize='trigram')")
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp._fts5_probe")
    return True


def create_sqlite_search(bind) -> None:
    for statement in SQLITE_DROP + SQLITE_SEARCH:
        bind.exec_driver_sql(statement)


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _has_fts5(bind):
            create_sqlite_search(bind)
        return
    if bind.dialect.name == "postgresql":
        available = bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        ).scalar()
        if not available:
            return
        try:
            with bind.begin_nested():  # a role that may not create extensions: go without
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError as exc:
            print(f"pg_trgm not created ({exc.orig}); search reads the team's keys instead")
            return
        bind.exec_driver_sql(
            "CREATE INDEX ix_candidate_search_key_trgm ON candidate "
            "USING gin (search_key gin_trgm_ops)"
        )


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_candidate_search_key_trgm")
