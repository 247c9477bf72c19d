"""sqlite search index: on SQLite too, a substring search reads a trigram index, not every key

``candidate.search_key`` is searched anywhere inside (``%q%``). PostgreSQL has its ``pg_trgm``
GIN index since ``a7b8c9d0e1f2``; this gives SQLite the same: an FTS5 table
``candidate_search`` with the trigram tokenizer, holding each candidate's key under its id
(``rowid``), kept by three triggers on ``candidate``. Search narrows the rows with ``MATCH``
for a key of three characters or more, then applies the same ``LIKE`` as before, so an answer
never changes (``recruiter.search_index``). Without FTS5 in the SQLite library, nothing is
added and search reads the team's keys as before.

The table keeps its own copy of the keys (not FTS5's "external content" over ``candidate``):
a delete then finds the terms to remove in the index itself, so the index cannot drift from
what it was given. Measured before adding it (2 cores, loaded): an FTS5 trigram table takes
100,000 keys in about 1 s, a single insert into it about 0.3 ms at that size, and a LinkedIn
import of 10,000 connections took 3.1-3.6 s with it against 2.5-3.7 s without, the same into
an empty network as into one of 20,000. A search for one person at 100,000 candidates reads
the index in about 2 ms instead of reading every key (224 ms).

A later migration that rebuilds ``candidate`` in batch mode on SQLite drops its triggers with
the old table: it must make them again (``tests/test_search_index.py`` checks that the head
schema has them).

Revision ID: b8c9d0e1f2a3
Revises: f6a7b8c9d0e1
Create Date: 2026-12-03 17:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b8c9d0e1f2a3"
down_revision = "f6a7b8c9d0e1"
branch_labels = None
depends_on = None

CREATE = (
    "CREATE VIRTUAL TABLE candidate_search USING fts5(search_key, tokenize='trigram')",
    "CREATE TRIGGER candidate_search_insert AFTER INSERT ON candidate BEGIN "
    "INSERT INTO candidate_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER candidate_search_delete AFTER DELETE ON candidate BEGIN "
    "DELETE FROM candidate_search WHERE rowid = old.id; END",
    "CREATE TRIGGER candidate_search_update AFTER UPDATE OF search_key ON candidate "
    "WHEN old.search_key IS NOT new.search_key BEGIN "
    "DELETE FROM candidate_search WHERE rowid = old.id; "
    "INSERT INTO candidate_search(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO candidate_search(rowid, search_key) SELECT id, search_key FROM candidate",
)
DROP = (
    "DROP TRIGGER IF EXISTS candidate_search_update",
    "DROP TRIGGER IF EXISTS candidate_search_delete",
    "DROP TRIGGER IF EXISTS candidate_search_insert",
    "DROP TABLE IF EXISTS candidate_search",
)


def _has_fts5_trigram(bind) -> bool:
    try:
        bind.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x, tokenize='trigram')"
        )
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp._fts5_probe")
    return True


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _has_fts5_trigram(bind):
        return
    for statement in DROP + CREATE:
        bind.exec_driver_sql(statement)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in DROP:
            bind.exec_driver_sql(statement)
