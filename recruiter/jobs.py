"""The periodic jobs, declared as data, and how to run them.

Every job is a function of the database and ``now`` that returns a one-line summary. Jobs are
idempotent: running them twice, or two runs at once, changes nothing the second time (unique
keys in the tables guarantee it, not timing). ``flask --app app jobs run`` runs them all once;
``flask --app app scheduler`` runs them on their triggers in a dedicated process.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import Flask

from recruiter import import_worker
from recruiter.extensions import db
from recruiter.scheduler_lock import SchedulerLock
from recruiter.services import (
    candidate_counts,
    consequences,
    fake_profiles,
    ghosts,
    mail,
    reminders,
    scheduler_status,
)
from recruiter.settings import current as current_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    id: str
    function: Callable[[datetime], str]
    trigger: dict  # APScheduler trigger arguments, e.g. {"trigger": "interval", "minutes": 1}
    description: str


NIGHTLY = {"trigger": "cron", "hour": 2, "minute": 30}  # UTC, the scheduler's zone


def last_nightly(now: datetime) -> datetime:
    """The latest time at or before ``now`` that the nightly trigger fires."""
    fired = now.astimezone(UTC).replace(
        hour=NIGHTLY["hour"], minute=NIGHTLY["minute"], second=0, microsecond=0
    )
    return fired if fired <= now else fired - timedelta(days=1)


def recompute_scores(now: datetime) -> str:
    """Set-based (scores and ghost verdicts); settings from the app's ``GHOST_SETTINGS``.

    The scores written since the nightly time last came (:func:`last_nightly`) are left alone:
    a write, a ``seed-demo`` or a recompute stored them as of later, so the scheduler's
    catch-up run after a start reads the candidate rows once instead of recomputing the network.
    ``scores recompute`` still recomputes everyone."""
    done = consequences.recompute(now, current_settings().ghost, computed_before=last_nightly(now))
    return f"recomputed {done.candidates} candidates ({done.ghosts})"


def ghost_sweep(now: datetime) -> str:
    """Settings come from the app's configuration (``GHOST_SETTINGS``)."""
    return str(ghosts.sweep(now, current_settings().ghost))


def photo_check(now: datetime) -> str:
    """Settings come from the app's configuration (``GHOST_SETTINGS``)."""
    settings = current_settings().ghost
    opened, withdrawn = fake_profiles.sweep(now, settings)
    return f"possible fake profiles: opened {opened}, withdrawn {withdrawn}"


REMINDER_BATCH = 2000  # candidates per transaction when many are due at once


def reminder_sweep(now: datetime) -> str:
    """Cadence from the app's configuration (``REMINDERS``). Committed in batches, so the first
    sweep after an upgrade or a bulk seed (every candidate due once) never holds the database
    for long."""
    settings = current_settings().reminders
    created = closed = reviewed = 0
    while True:
        part = reminders.sweep(now, settings, limit=REMINDER_BATCH)
        db.session.commit()
        created, closed, reviewed = (
            created + part.created,
            closed + part.closed,
            reviewed + part.reviewed,
        )
        if part.reviewed < REMINDER_BATCH:
            break
    return f"{created} created, {closed} closed ({reviewed} candidates reviewed)"


def email_digests(now: datetime) -> str:
    """One digest per recruiter with due, unsent reminders.

    Unlike other jobs this one commits as it goes: the claim before talking to the SMTP
    server, the result right after it answered, so that a later failure (another recruiter's
    server, a crash) cannot undo or repeat a delivery already recorded. What a crash between
    sending and recording means is told in ``recruiter.services.mail``.
    """
    settings = current_settings().mail
    if settings is None:
        return "skipped: MAIL_SERVER is not set"
    sent = failed = 0
    for owner_id in mail.owners_with_mail_due(now, settings):
        digest = mail.claim_digest(owner_id, now, settings)
        db.session.commit()
        if digest is None:
            continue
        error = mail.deliver(digest, settings)
        mail.record_delivery(digest, now, error)
        db.session.commit()
        sent, failed = (sent + 1, failed) if error is None else (sent, failed + 1)
    return f"{sent} digests sent, {failed} failed"


def run_imports(now: datetime) -> str:
    """Queued imports (each commits its claim and its result), and stale runs failed.

    Each import runs as of the moment it starts, not the job's ``now``: an import queued after
    the tick must not be dated before its upload."""
    ran = import_worker.drain()
    return f"{ran} import{'s' if ran != 1 else ''} run"


def fold_candidate_counts(now: datetime) -> str:
    """Each team's candidate count back to one row (PostgreSQL; a no-op on SQLite)."""
    folded = candidate_counts.fold()
    return f"{folded} candidate count row{'s' if folded != 1 else ''} folded"


JOBS: list[Job] = [
    Job(
        "recompute_scores",
        recompute_scores,
        NIGHTLY,
        "Nightly: recompute every reliability score (scores decay with time).",
    ),
    Job(
        "ghost_sweep",
        ghost_sweep,
        {"trigger": "interval", "minutes": 1},
        "Every minute: judge again the interviews whose ghost verdict time alone changes "
        "(silence running out), opening their suggestions; nothing due costs one indexed query.",
    ),
    Job(
        "photo_check",
        photo_check,
        {"trigger": "interval", "minutes": 15},
        "Every 15 minutes: flag the same profile photo under different names, withdraw flags "
        "left without a match.",
    ),
    Job(
        "reminder_sweep",
        reminder_sweep,
        {"trigger": "interval", "minutes": 1},
        "Every minute: make the follow-up reminders now due, close those that no longer apply.",
    ),
    Job(
        "email_digests",
        email_digests,
        {"trigger": "interval", "minutes": 1},
        "Every minute: e-mail each recruiter one digest of their due reminders (MAIL_SERVER).",
    ),
    Job(
        "imports",
        run_imports,
        {"trigger": "interval", "seconds": 5},
        "Every 5 seconds: run the queued imports (uploads the web process did not run) and "
        "fail the runs whose worker died.",
    ),
    Job(
        "fold_candidate_counts",
        fold_candidate_counts,
        {"trigger": "interval", "minutes": 1},
        "Every minute: fold each team's candidate count into one row (PostgreSQL keeps one "
        "row per write, so no writer waits on another); nothing to fold costs one query.",
    ),
]


@dataclass(frozen=True)
class JobResult:
    id: str
    ok: bool
    summary: str


def run_job(job: Job, now: datetime) -> JobResult:
    """One job in its own transaction: commit on success, roll back on failure."""
    try:
        summary = job.function(now)
        db.session.commit()
        return JobResult(job.id, True, summary)
    except Exception as exc:
        db.session.rollback()
        log.exception("job %s failed", job.id)
        return JobResult(job.id, False, f"failed: {exc.__class__.__name__}: {exc}")


def run_all(now: datetime, only: set[str] | None = None) -> list[JobResult]:
    return [run_job(job, now) for job in JOBS if only is None or job.id in only]


# --- the scheduler process ------------------------------------------------------------------

MISFIRE_GRACE_SECONDS = 300


def run_scheduler(app: Flask, lock: SchedulerLock) -> int:
    """Run every job in ``JOBS`` on its trigger until stopped; returns the exit code.

    Only ``flask --app app scheduler`` calls this, after taking ``lock``: the web app never
    imports APScheduler. Every job first runs once (catching up on downtime: a job is a
    function of the database and ``now``, so one run does all the missed work), then on its
    trigger with ``coalesce`` (missed ticks run once, not once each), ``max_instances=1`` and a
    misfire grace. Each run gets its own app context, hence its own session, and is recorded
    (last run, result, next run) in ``scheduler_job``. A heartbeat thread writes
    ``scheduler_heartbeat`` every ``HEARTBEAT_SECONDS`` from the start, catch-up included.
    """
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(
        timezone=UTC,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    lost = threading.Event()
    stopping = threading.Event()

    def lock_lost() -> bool:
        if lock.alive():
            return False
        log.error("scheduler lost its %s; stopping", lock.description)
        lost.set()
        stopping.set()
        if scheduler.running:
            scheduler.shutdown(wait=False)
        return True

    def runner(job: Job) -> Callable[[], None]:
        def run() -> None:
            if lock_lost():
                return
            with app.app_context():
                ran_at = datetime.now(UTC)
                result = run_job(job, ran_at)
                _record_run(scheduler, job.id, ran_at, result)
            (log.info if result.ok else log.error)("%s: %s", result.id, result.summary)

        return run

    def heartbeat() -> None:
        starting = True
        while not stopping.is_set() and not lock_lost():
            with app.app_context():
                _beat(starting)
            starting = False
            stopping.wait(scheduler_status.HEARTBEAT_SECONDS)

    for job in JOBS:
        scheduler.add_job(runner(job), id=job.id, name=job.description, **job.trigger)
    with app.app_context():
        scheduler_status.declare_jobs(job.id for job in JOBS)
        db.session.commit()

    def stop(signum: int, frame: object) -> None:
        log.info("scheduler stopping (signal %s)", signum)
        stopping.set()
        if scheduler.running:
            scheduler.shutdown(wait=False)

    # From the start, catch-up included: a stop during catch-up ends after the running job,
    # and the stop is recorded (finally, below).
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    beating = threading.Thread(target=heartbeat, name="scheduler-heartbeat", daemon=True)
    beating.start()
    try:
        log.info("catching up: running every job once")
        for job in JOBS:
            if stopping.is_set():
                break
            runner(job)()
        if lost.is_set():
            return 1
        if stopping.is_set():
            log.info("scheduler stopped during catch-up")
            return 0
        log.info(
            "scheduler started with %d jobs (%s), holding the %s",
            len(JOBS),
            ", ".join(job.id for job in JOBS),
            lock.description,
        )
        scheduler.start()
        log.info("scheduler stopped")
        return 1 if lost.is_set() else 0
    finally:
        stopping.set()
        beating.join(timeout=10)
        with app.app_context():
            _record_stop()


def _beat(starting: bool) -> None:
    try:
        scheduler_status.beat(datetime.now(UTC), os.getpid(), socket.gethostname(), starting)
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not record the scheduler's heartbeat")


def _record_stop() -> None:
    try:
        scheduler_status.record_stop(datetime.now(UTC), os.getpid())
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not record the scheduler's stop")


def _record_run(scheduler: object, job_id: str, ran_at: datetime, result: JobResult) -> None:
    """Last run, result and next run of ``job_id``; a failure here never fails the job."""
    try:
        scheduler_status.record_run(
            job_id, ran_at, result.ok, result.summary, _next_run(scheduler, job_id)
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not record the run of %s", job_id)


def _next_run(scheduler: object, job_id: str) -> datetime | None:
    """When the job's trigger fires next, as the scheduler computes it."""
    scheduled = scheduler.get_job(job_id)  # type: ignore[attr-defined]
    if scheduled is None:
        return None
    return scheduled.trigger.get_next_fire_time(None, datetime.now(UTC))
