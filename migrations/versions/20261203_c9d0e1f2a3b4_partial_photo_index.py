"""partial photo index: the photo-hash index holds only the candidates with a photo

Most candidates have no photo. With every NULL in ``ix_candidate_owner_photo_hash``, the
statistics said one team's photo hashes were as many as its candidates, and SQLite scanned the
table for ``photo_hash IS NOT NULL`` (the photo check, every 15 minutes: 45 ms at 100,000
candidates with no photo at all). The index now holds only the rows with one, on SQLite and
PostgreSQL alike; the query's own condition lets both use it.

Revision ID: c9d0e1f2a3b4
Revises: b8c9d0e1f2a3
Create Date: 2026-12-03 17:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c9d0e1f2a3b4"
down_revision = "b8c9d0e1f2a3"
branch_labels = None
depends_on = None

WITH_PHOTO = sa.text("photo_hash IS NOT NULL")


def upgrade():
    op.drop_index("ix_candidate_owner_photo_hash", table_name="candidate")
    op.create_index(
        "ix_candidate_owner_photo_hash",
        "candidate",
        ["team_id", "photo_hash"],
        sqlite_where=WITH_PHOTO,
        postgresql_where=WITH_PHOTO,
    )


def downgrade():
    op.drop_index("ix_candidate_owner_photo_hash", table_name="candidate")
    op.create_index("ix_candidate_owner_photo_hash", "candidate", ["team_id", "photo_hash"])
