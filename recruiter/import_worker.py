"""Running queued imports outside the request: the unit of work around
:mod:`recruiter.services.imports.background` (claim, run, record), and who runs it.

Two runners, one function (:func:`run_next`), and the claim makes them safe together:

- **the web process** that took the upload starts one background thread on its first upload
  (:func:`kick`; lazily, so nothing runs in a process that never imports), which drains the
  queue and stops. The upload request itself only stores the file and returns;
- **the scheduler process** (``flask --app app serve`` runs it beside gunicorn) picks up
  queued imports every few seconds (the ``imports`` job in :mod:`recruiter.jobs`): imports
  queued while no web thread ran them (``IMPORTS_RUN_IN_WEB = False``, a worker killed
  mid-queue), and it fails the stale ones.

Under ``flask --app app run`` (development) the web thread alone does the work. With several
gunicorn workers and a scheduler on PostgreSQL, each claims with an ``UPDATE ... WHERE status =
'queued'`` that only one wins. A run whose process dies stays ``running`` only until its beat
is :data:`~recruiter.services.imports.background.STALE_AFTER` old; then the next
:func:`run_next` (any process) fails it with a message. The import's writes are one
transaction, so a failed or dead run wrote nothing.

Progress (phase, rows read and applied) is written on a connection of its own, so other
processes see it while the import's transaction is still open. SQLite has one writer: once the
import's transaction holds the write lock (the ``applying`` phase) the progress is only
written again when the run ends; PostgreSQL shows every step.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from flask import Flask, current_app, has_app_context
from sqlalchemy import update

from recruiter.extensions import db
from recruiter.models import ImportJob
from recruiter.services import planner
from recruiter.services.imports import background
from recruiter.settings import current_of

log = logging.getLogger(__name__)

REPORT_SECONDS = 0.5  # at most two progress writes a second
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_pending = threading.Semaphore(2)  # one drain running, one waiting: enough for any queue


def _utcnow() -> datetime:
    return datetime.now(UTC)


class _Beat:
    """Writes the job's progress (and its beat) on its own connection, at most every
    :data:`REPORT_SECONDS` within a phase."""

    def __init__(self, job_id: int, clock: Callable[[], datetime]) -> None:
        self.job_id, self.clock = job_id, clock
        self.phase: str | None = None
        self.last = 0.0
        self.locked = False
        self.sqlite = db.engine.dialect.name == "sqlite"

    def __call__(self, phase: str, rows_read: int, rows_applied: int, total: int | None) -> None:
        if self.locked:
            return
        if phase == self.phase and time.monotonic() - self.last < REPORT_SECONDS:
            return
        # The call that enters "applying" comes before the import's first write; after it,
        # the import holds SQLite's only write lock until it commits.
        self.locked = self.sqlite and phase in ("applying", "scoring")
        self.phase, self.last = phase, time.monotonic()
        values = {
            "phase": phase,
            "rows_read": rows_read,
            "rows_applied": rows_applied,
            "rows_total": total,
            "beat_at": self.clock(),
        }
        with db.engine.begin() as connection:
            connection.execute(
                update(ImportJob)
                .where(ImportJob.id == self.job_id, ImportJob.status == "running")
                .values(**values)
            )


def run_next(now: datetime | None = None, job_id: int | None = None) -> int | None:
    """Claim one queued import (``job_id``, or the oldest) and run it to its end; returns its
    id, or None when nothing was queued. Fails stale runs and drops expired files first.

    Commits: the claim, then the import with its result (or the rollback and the result)."""
    clock = (lambda: now) if now is not None else _utcnow
    at = clock()
    background.fail_stale(at)
    background.purge_expired(at)
    job = background.claim(at, job_id)
    db.session.commit()
    if job is None:
        return None
    claimed = job.id
    beat = _Beat(claimed, clock)
    try:
        result = background.execute(job, at, beat)
        if result.accepted and not result.dry_run:
            total = result.rows_total
            beat("scoring", total, result.rows_applied, total)
            background.finish(claimed, result, clock())
            db.session.commit()  # settles (scores) the touched candidates first
            _analyze()
        else:
            db.session.rollback()
            background.finish(claimed, result, clock())
            db.session.commit()
    except Exception as exc:  # the run is failed, never left running
        db.session.rollback()
        log.exception("import %s failed", claimed)
        background.crash(claimed, f"{exc.__class__.__name__}: {exc}", clock())
        db.session.commit()
    return claimed


def _analyze() -> None:
    """Fresh planner statistics after a bulk write; on PostgreSQL ``VACUUM (ANALYZE)`` of the
    tables an import fills, so the rows just written are visible to index-only scans (the
    lists' counts, the score distribution) at once, not when autovacuum gets there (which a
    server may have off)."""
    planner.analyze(db.session, vacuum=True, tables=("candidate", "outreach"))
    db.session.commit()


def drain(now: datetime | None = None, limit: int = 100) -> int:
    """Run queued imports until none is left (at most ``limit``); returns how many ran."""
    ran = 0
    while ran < limit and run_next(now) is not None:
        ran += 1
    return ran


def _drain_in(app: Flask) -> None:
    try:
        with app.app_context():
            drain()
    except Exception:  # a thread has no one to tell but the log
        log.exception("background imports stopped")
    finally:
        _pending.release()


def wait_idle() -> None:
    """Wait for this process's background import thread to finish what it was given (a clean
    shutdown, and tests that must not end while it still holds a connection)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def kick(app: Flask | None = None) -> bool:
    """Have this process run the queued imports in its background thread (started on first
    use); the caller returns at once. False when ``IMPORTS_RUN_IN_WEB`` is off (the scheduler
    then runs them) or a drain is already due to start."""
    global _pool
    if app is None:
        assert has_app_context()
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not current_of(app).imports_run_in_web:
        return False
    if not _pending.acquire(blocking=False):
        return False  # a drain is already waiting to start: it will see this import
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reliant-imports")
    _pool.submit(_drain_in, app)
    return True
