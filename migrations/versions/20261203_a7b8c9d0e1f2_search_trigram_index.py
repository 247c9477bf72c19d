"""search trigram index: on PostgreSQL a substring search reads an index, not every key

``candidate.search_key`` is searched anywhere inside (``%q%``), which no B-tree can seek, so
until now a search read every key of the team: the cost grew with the network. This adds a
trigram index over the keys:

- PostgreSQL: the ``pg_trgm`` extension and a GIN index ``ix_candidate_search_key_trgm``
  (``gin_trgm_ops``), which the planner uses for ``LIKE '%q%'`` by itself. Where the server
  has no ``pg_trgm`` (it ships with PostgreSQL's contrib package) or the role may not create
  it, nothing is added and the search keeps reading the team's keys.
- SQLite: nothing here; ``b8c9d0e1f2a3`` adds an FTS5 trigram table (it says why it came
  later: a first try at it was measured wrongly).

Revision ID: a7b8c9d0e1f2
Revises: e5f6a7b8c9d0
Create Date: 2026-12-03 14:00:00

"""

import logging

from alembic import op
import sqlalchemy as sa

log = logging.getLogger(__name__)


# revision identifiers, used by Alembic.
revision = "a7b8c9d0e1f2"
down_revision = "e5f6a7b8c9d0"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
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
            log.warning("pg_trgm not created (%s); search reads the team's keys", exc.orig)
            return
        bind.exec_driver_sql(
            "CREATE INDEX ix_candidate_search_key_trgm ON candidate "
            "USING gin (search_key gin_trgm_ops)"
        )


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_candidate_search_key_trgm")
