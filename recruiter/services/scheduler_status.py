"""Is the scheduler alive, and what did each periodic job last do?

The scheduler process writes (:func:`beat`, :func:`record_run`, :func:`record_stop`); the web
app reads (:func:`last_beat`, :func:`is_running`, :func:`status`) and probes the database
(:func:`probe_database`). Times are passed in as ``now``; nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, text, update
from sqlalchemy.exc import SQLAlchemyError

from recruiter.extensions import db
from recruiter.models import SchedulerHeartbeat, SchedulerJob

HEARTBEAT_ID = 1
# The scheduler beats every HEARTBEAT_SECONDS; a beat older than STALE_AFTER means it is gone.
HEARTBEAT_SECONDS = 30
STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class JobStatus:
    id: str
    last_run_at: datetime | None
    next_run_at: datetime | None
    last_result: str | None


@dataclass(frozen=True)
class SchedulerStatus:
    running: bool
    last_beat_at: datetime | None
    jobs: list[JobStatus]


# --- written by the scheduler ---------------------------------------------------------------


def beat(now: datetime, pid: int, host: str, starting: bool = False) -> None:
    """Record that the scheduler is alive at ``now`` (``starting``: a new process took over)."""
    row = db.session.get(SchedulerHeartbeat, HEARTBEAT_ID)
    if row is None:
        row = SchedulerHeartbeat(id=HEARTBEAT_ID, started_at=now, pid=pid, host=host[:255])
        db.session.add(row)
    if starting:
        row.started_at, row.pid, row.host = now, pid, host[:255]
    row.beat_at = now
    row.stopped_at = None
    db.session.flush()


def record_stop(now: datetime, pid: int) -> None:
    """A clean stop: the banner shows at once instead of after :data:`STALE_AFTER`."""
    row = db.session.get(SchedulerHeartbeat, HEARTBEAT_ID)
    if row is not None and row.pid == pid:
        row.stopped_at = now
        db.session.flush()


def declare_jobs(job_ids: Iterable[str]) -> None:
    """At start: one row per declared job (never run yet: empty), none for jobs since removed."""
    wanted = list(job_ids)
    db.session.execute(delete(SchedulerJob).where(SchedulerJob.id.not_in(wanted)))
    known = set(db.session.scalars(db.select(SchedulerJob.id)))
    db.session.add_all(SchedulerJob(id=job_id) for job_id in wanted if job_id not in known)
    db.session.flush()


def record_run(
    job_id: str, ran_at: datetime, ok: bool, result: str, next_run_at: datetime | None
) -> None:
    row = db.session.get(SchedulerJob, job_id)
    if row is None:
        row = SchedulerJob(id=job_id)
        db.session.add(row)
    row.last_run_at, row.last_ok, row.last_result = ran_at, ok, result
    row.next_run_at = next_run_at
    db.session.flush()


# --- read by the web app --------------------------------------------------------------------


def last_beat() -> datetime | None:
    """The last beat of a scheduler that has not stopped, in one cheap query (or None)."""
    row = db.session.execute(
        db.select(SchedulerHeartbeat.beat_at, SchedulerHeartbeat.stopped_at).where(
            SchedulerHeartbeat.id == HEARTBEAT_ID
        )
    ).first()
    if row is None or row.stopped_at is not None:
        return None
    return row.beat_at


def is_running(beat_at: datetime | None, now: datetime) -> bool:
    return beat_at is not None and now - beat_at <= STALE_AFTER


def status(now: datetime) -> SchedulerStatus:
    """The scheduler and the jobs it declared when it last started, by id."""
    beat_at = last_beat()
    rows = db.session.scalars(db.select(SchedulerJob).order_by(SchedulerJob.id))
    jobs = [JobStatus(r.id, r.last_run_at, r.next_run_at, r.last_result) for r in rows]
    return SchedulerStatus(is_running(beat_at, now), beat_at, jobs)


def probe_database() -> None:
    """Ask the database for a read and a write; the caller commits (or rolls back on error).

    The write is an ``UPDATE`` that changes nothing: it still needs a write transaction, so a
    read-only file or database (or a schema that was never migrated) fails; a full disk fails on
    the commit once the heartbeat row exists.
    """
    db.session.execute(text("SELECT 1"))
    db.session.execute(
        update(SchedulerHeartbeat)
        .where(SchedulerHeartbeat.id == HEARTBEAT_ID)
        .values(beat_at=SchedulerHeartbeat.beat_at)
    )


def describe_failure(exc: SQLAlchemyError) -> str:
    """One line for an operator: the driver's error class and the first line of its message."""
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    detail = f": {lines[0]}" if lines else ""
    return f"database unavailable: {cause.__class__.__name__}{detail}"
