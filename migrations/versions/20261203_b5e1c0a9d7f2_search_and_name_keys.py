"""search and name keys: candidate.search_key for search, client.name_key for uniqueness

Case and accents are ignored in every script by keys computed in Python
(``recruiter.textkey``), not by the database's ``lower()`` (ASCII-only on SQLite):

- ``candidate.search_key``: the search key of the name, e-mail, company and profile address,
  indexed with ``(owner_id, search_key)`` (``text_pattern_ops`` on PostgreSQL);
- ``client.name_key``: the case-folded name; ``UNIQUE (owner_id, name_key)`` replaces
  ``UNIQUE (owner_id, name)``.

Both are backfilled here, in batches. Clients that only the new rule finds to be the same
name (``Émile`` and ``émile``, which SQLite let through) all keep their names; every one but
the first gets its id appended to its key, so the upgrade never fails, and renaming such a
client to the shared name is refused as a duplicate from then on.

Revision ID: b5e1c0a9d7f2
Revises: b7e4c2a9d1f0
Create Date: 2026-12-03 07:45:00

"""

from alembic import op
import sqlalchemy as sa

from recruiter.textkey import case_key, record_search_key


# revision identifiers, used by Alembic.
revision = "b5e1c0a9d7f2"
down_revision = "b7e4c2a9d1f0"
branch_labels = None
depends_on = None

BATCH = 1000
SEARCH_KEY_LENGTH = 2000
NAME_KEY_LENGTH = 400

candidate = sa.table(
    "candidate",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("email", sa.String),
    sa.column("company", sa.String),
    sa.column("profile_url", sa.String),
    sa.column("search_key", sa.String),
)
client = sa.table(
    "client",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("name_key", sa.String),
)


def _batches(bind, query, id_column):
    """Rows of ``query`` a batch at a time, by id (keyset: no offset rescans)."""
    last = 0
    while True:
        rows = bind.execute(query.where(id_column > last).order_by(id_column).limit(BATCH)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _backfill_candidates(bind):
    update = (
        candidate.update()
        .where(candidate.c.id == sa.bindparam("row_id"))
        .values(search_key=sa.bindparam("key"))
    )
    query = sa.select(
        candidate.c.id,
        candidate.c.full_name,
        candidate.c.email,
        candidate.c.company,
        candidate.c.profile_url,
    )
    for rows in _batches(bind, query, candidate.c.id):
        bind.execute(
            update,
            [
                {
                    "row_id": r.id,
                    "key": record_search_key(
                        r.full_name, r.email, r.company, r.profile_url, limit=SEARCH_KEY_LENGTH
                    ),
                }
                for r in rows
            ],
        )


def _backfill_clients(bind):
    update = (
        client.update()
        .where(client.c.id == sa.bindparam("row_id"))
        .values(name_key=sa.bindparam("key"))
    )
    query = sa.select(client.c.id, client.c.owner_id, client.c.name)
    seen = set()
    for rows in _batches(bind, query, client.c.id):
        params = []
        for r in rows:
            key = case_key(r.name)[:NAME_KEY_LENGTH]
            if (r.owner_id, key) in seen:
                key = f"{key[: NAME_KEY_LENGTH - 12]}\n{r.id}"
            seen.add((r.owner_id, key))
            params.append({"row_id": r.id, "key": key})
        bind.execute(update, params)


def upgrade():
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_key", sa.String(length=SEARCH_KEY_LENGTH), nullable=True)
        )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=NAME_KEY_LENGTH), nullable=True))

    bind = op.get_bind()
    _backfill_candidates(bind)
    _backfill_clients(bind)

    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.alter_column(
            "search_key", existing_type=sa.String(length=SEARCH_KEY_LENGTH), nullable=False
        )
        batch_op.create_index(
            "ix_candidate_owner_search_key",
            ["owner_id", "search_key"],
            unique=False,
            postgresql_ops={"search_key": "text_pattern_ops"},
        )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.alter_column(
            "name_key", existing_type=sa.String(length=NAME_KEY_LENGTH), nullable=False
        )
        batch_op.drop_constraint("uq_client_owner_id_name", type_="unique")
        batch_op.create_unique_constraint("uq_client_owner_id_name_key", ["owner_id", "name_key"])


def downgrade():
    # Names equal but for case in a non-ASCII letter may exist now; the old UNIQUE (owner_id,
    # name) holds for them (they differ as stored), so the downgrade cannot fail on them.
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_constraint("uq_client_owner_id_name_key", type_="unique")
        batch_op.create_unique_constraint("uq_client_owner_id_name", ["owner_id", "name"])
        batch_op.drop_column("name_key")

    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_owner_search_key")
        batch_op.drop_column("search_key")
