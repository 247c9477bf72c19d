"""read paths: stored interview outcomes and indexes the hot pages read straight off

- ``interview.outcome``: the outcome as the score judges it (``scoring.classify_interview``),
  stored with the score so the dashboard counts outcomes by month in SQL; existing interviews
  are classified here, from their event logs.
- ``ix_interview_owner_scheduled_outcome`` replaces ``ix_interview_owner_scheduled`` (same
  prefix, and it covers the outcome chart).
- ``ix_outreach_owner_direction_sent``: covers the response-time chart and the latest
  unanswered outreach.
- ``ix_candidate_owner_score_sort``: the list's ``score DESC NULLS LAST, full_name, id``
  (SQLite refuses NULLS LAST in an index, and its DESC already puts NULLs last).
- ``ix_candidate_owner_photo_hash``: the fake-profile check reads only candidates with a photo.
- ``ix_interview_event_type_at``: the reminder sweep's recent no-shows.
- ``ix_candidate_owner_connection_status``: the dashboard's count of pending requests.

Revision ID: 7b90c1aec20a
Revises: b5e1c0a9d7f2
Create Date: 2026-12-03 08:00:00

"""

from collections import defaultdict
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7b90c1aec20a"
down_revision = "b5e1c0a9d7f2"
branch_labels = None
depends_on = None

OUTCOMES = "'attended', 'cancelled_with_notice', 'explained_no_show', 'silent_no_show'"
BATCH = 2000


def upgrade():
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=30), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_interview_outcome"), f"outcome IS NULL OR outcome IN ({OUTCOMES})"
        )
        batch_op.drop_index("ix_interview_owner_scheduled")
        batch_op.create_index(
            "ix_interview_owner_scheduled_outcome",
            ["owner_id", "scheduled_at", "outcome"],
            unique=False,
        )
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outreach_owner_direction_sent",
            ["owner_id", "direction", "sent_at", "responded_at"],
            unique=False,
        )
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_owner_photo_hash", ["owner_id", "photo_hash"], unique=False
        )
        batch_op.create_index(
            "ix_candidate_owner_connection_status",
            ["owner_id", "connection_status"],
            unique=False,
        )
    with op.batch_alter_table("interview_event", schema=None) as batch_op:
        batch_op.create_index("ix_interview_event_type_at", ["type", "at"], unique=False)
    nulls = "" if op.get_bind().dialect.name == "sqlite" else " NULLS LAST"
    op.execute(
        "CREATE INDEX ix_candidate_owner_score_sort "
        f"ON candidate (owner_id, score DESC{nulls}, full_name, id)"
    )
    _classify_existing()


def _utc(value):
    """A stored time as aware UTC (SQLite gives naive text, PostgreSQL aware datetimes)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _classify_existing():
    """Every interview's outcome from its live events, as the score judges it now."""
    from recruiter import scoring

    bind = op.get_bind()
    now = datetime.now(UTC)
    last_id = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, original_scheduled_at FROM interview WHERE id > :last "
                "ORDER BY id LIMIT :n"
            ),
            {"last": last_id, "n": BATCH},
        ).all()
        if not rows:
            return
        last_id = rows[-1].id
        events = defaultdict(list)
        for ev in bind.execute(
            sa.text(
                "SELECT e.interview_id, e.type, e.at, e.by, e.new_scheduled_at "
                "FROM interview_event e LEFT JOIN event_retraction r ON r.event_id = e.id "
                "WHERE r.id IS NULL AND e.interview_id >= :lo AND e.interview_id <= :hi "
                "ORDER BY e.interview_id, e.id"
            ),
            {"lo": rows[0].id, "hi": last_id},
        ):
            events[ev.interview_id].append(
                scoring.EventIn(
                    type=ev.type,
                    at=_utc(ev.at),
                    by=ev.by,
                    new_scheduled_at=_utc(ev.new_scheduled_at),
                )
            )
        updates = []
        for row in rows:
            interview = scoring.InterviewIn(
                id=row.id,
                scheduled_at=_utc(row.original_scheduled_at),
                events=tuple(events.get(row.id, ())),
            )
            outcome = scoring.classify_interview(interview, now)
            if outcome is not None:
                updates.append({"id": row.id, "outcome": outcome})
        if updates:
            bind.execute(sa.text("UPDATE interview SET outcome = :outcome WHERE id = :id"), updates)


def downgrade():
    op.execute("DROP INDEX ix_candidate_owner_score_sort")
    with op.batch_alter_table("interview_event", schema=None) as batch_op:
        batch_op.drop_index("ix_interview_event_type_at")
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_owner_connection_status")
        batch_op.drop_index("ix_candidate_owner_photo_hash")
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.drop_index("ix_outreach_owner_direction_sent")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_index("ix_interview_owner_scheduled_outcome")
        batch_op.create_index(
            "ix_interview_owner_scheduled", ["owner_id", "scheduled_at"], unique=False
        )
        batch_op.drop_constraint(op.f("ck_interview_outcome"), type_="check")
        batch_op.drop_column("outcome")
