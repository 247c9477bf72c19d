"""The periodic jobs, declared as data, and how to run them.

Every job is a function of the database and ``now`` that returns a one-line summary. Jobs are
idempotent: running them twice, or two runs at once, changes nothing the second time (unique
keys in the tables guarantee it, not timing). ``flask --app app jobs run`` runs them all once;
``flask --app app scheduler`` runs them on their triggers in a dedicated process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from recruiter.extensions import db
from recruiter.services import reliability

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    id: str
    function: Callable[[datetime], str]
    trigger: dict  # APScheduler trigger arguments, e.g. {"trigger": "interval", "minutes": 1}
    description: str


def recompute_scores(now: datetime) -> str:
    return f"recomputed {reliability.recompute_all(now)} candidates"


JOBS: list[Job] = [
    Job(
        "recompute_scores",
        recompute_scores,
        {"trigger": "cron", "hour": 2, "minute": 30},
        "Nightly: recompute every reliability score (scores decay with time).",
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
