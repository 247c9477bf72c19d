"""The scheduler's heartbeat and job table, and background import jobs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from recruiter.extensions import db
from recruiter.models.base import Owned, UTCDateTime, _in, actor_column, utcnow


class SchedulerHeartbeat(db.Model):
    """The scheduler's pulse: one row, rewritten every few seconds by the scheduler process.

    The web app reads it (the "scheduler is not running" banner, ``/api/v1/status``); only the
    scheduler writes it. ``stopped_at`` is set by a clean stop and cleared by the next start.
    """

    __tablename__ = "scheduler_heartbeat"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SchedulerJob(db.Model):
    """What the scheduler last did with each periodic job (``recruiter.jobs.JOBS``)."""

    __tablename__ = "scheduler_job"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_ok: Mapped[bool | None] = mapped_column(Boolean)
    last_result: Mapped[str | None] = mapped_column(Text)


IMPORT_STATUSES = ("queued", "running", "done", "failed")


class ImportJob(Owned, db.Model):
    """One import (or its preview, ``dry_run``) run in the background: the uploaded file, where
    it stands (``status``, ``phase``, rows read / applied) and, once finished, its result.

    ``data`` holds the file until the import is applied, discarded or expired; ``beat_at`` is
    the running worker's last sign of life (a run whose beat stops is failed as stale)."""

    __tablename__ = "import_job"
    __table_args__ = (
        CheckConstraint(_in("status", IMPORT_STATUSES), name="status"),
        Index("ix_import_job_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    phase: Mapped[str] = mapped_column(String(20), default="queued")
    kind: Mapped[str] = mapped_column(String(20), default="auto")
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    skip_bad_rows: Mapped[bool] = mapped_column(Boolean, default=False)
    filename: Mapped[str] = mapped_column(String(200))
    owner_profile_url: Mapped[str | None] = mapped_column(String(500))
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    rows_total: Mapped[int | None] = mapped_column(Integer)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_applied: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    # The preview this import applies (the confirmation of a dry run), if any.
    preview_id: Mapped[int | None] = mapped_column(ForeignKey("import_job.id", ondelete="SET NULL"))
    # Who uploaded it: the import acts as them, for their team.
    started_by_id: Mapped[int | None] = actor_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    beat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
