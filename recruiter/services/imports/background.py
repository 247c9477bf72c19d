"""Imports as background jobs: queued by the upload, claimed by one worker, run outside the
request, with progress any process can read (``import_job``).

A job's life: ``queued`` (the upload stored the file) -> ``running`` (a worker claimed it:
an ``UPDATE ... WHERE status = 'queued'`` that only one claimer can win, on SQLite and
PostgreSQL alike) -> ``done`` (a preview that would be accepted, or an applied import) or
``failed`` (refused with its problems, crashed, or stale). The run itself is
:func:`recruiter.services.imports.run_import`: all-or-nothing in one transaction, so a failed
job changed nothing. These functions only flush; the worker (``recruiter.import_worker``)
commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from recruiter.extensions import db
from recruiter.localtime import iso_z
from recruiter.models import ImportJob, Recruiter
from recruiter.services import NotFound, ServiceError
from recruiter.services.imports.result import ImportResult
from recruiter.services.imports.running import run_import
from recruiter.services.scoping import get_owned, owned

# A preview's file is kept this long for its confirmation.
UPLOAD_LIFETIME = timedelta(hours=1)
STILL_READING = "The preview is still being read: import once it shows what it found."
# A running job whose worker has not beaten for this long has died (the beat comes at least
# every few seconds while reading; the apply of the largest upload takes well under a minute).
STALE_AFTER = timedelta(minutes=10)
STALE_MESSAGE = (
    "The import stopped before it finished (its worker ended, e.g. the server restarted); "
    "nothing was written. Upload the file again."
)
PHASE_LABELS = {
    "queued": "Waiting for a worker",
    "reading": "Reading the file",
    "matching": "Matching it against your candidates",
    "applying": "Writing",
    "scoring": "Scoring the candidates it touched",
    "finished": "Finished",
}

Progress = Callable[[str, int, int, int | None], None]  # phase, rows read, applied, total


def queue_import(
    owner: Recruiter,
    data: bytes,
    filename: str,
    now: datetime,
    *,
    dry_run: bool,
    skip_bad_rows: bool = False,
    owner_profile_url: str | None = None,
    kind: str = "auto",
    preview: ImportJob | None = None,
) -> ImportJob:
    """Store the file and queue its import (or preview); a worker runs it."""
    job = ImportJob(
        team_id=owner.team_id,
        started_by_id=owner.id,
        status="queued",
        phase="queued",
        kind=kind,
        dry_run=dry_run,
        skip_bad_rows=skip_bad_rows,
        filename=Path(filename or "upload").name[:200] or "upload",
        owner_profile_url=owner_profile_url,
        data=data,
        size=len(data),
        rows_read=0,
        rows_applied=0,
        preview_id=preview.id if preview is not None else None,
        created_at=now,
    )
    db.session.add(job)
    db.session.flush()
    return job


def get_import(owner: Recruiter, job_id: Any) -> ImportJob:
    """The owner's import; :class:`NotFound` for another recruiter's or an unknown id."""
    return get_owned(ImportJob, owner, job_id)


def has_file(job: ImportJob) -> bool:
    return db.session.scalar(select(ImportJob.data.is_not(None)).where(ImportJob.id == job.id))


def confirm_preview(
    owner: Recruiter, preview: ImportJob, skip_bad_rows: bool, now: datetime
) -> ImportJob:
    """Queue the import a finished preview showed; the preview gives up its file (so it can be
    confirmed once). :class:`NotFound` when it was already confirmed, discarded or expired;
    :class:`ServiceError` while it is still being read."""
    data = db.session.scalar(select(ImportJob.data).where(ImportJob.id == preview.id))
    expired = preview.created_at + UPLOAD_LIFETIME < now
    if not preview.dry_run or data is None or expired:
        raise NotFound("upload")
    if preview.status not in ("done", "failed"):
        raise ServiceError(STILL_READING)
    job = queue_import(
        owner,
        data,
        preview.filename,
        now,
        dry_run=False,
        skip_bad_rows=skip_bad_rows,
        owner_profile_url=preview.owner_profile_url,
        kind=preview.kind,
        preview=preview,
    )
    preview.data = None
    db.session.flush()
    return job


def discard_import(job: ImportJob) -> None:
    """Forget the stored file: nothing more can be imported from it."""
    job.data = None
    db.session.flush()


def claim(now: datetime, job_id: int | None = None) -> ImportJob | None:
    """Take the oldest queued job (or ``job_id`` if queued) for this worker, or None.

    The ``UPDATE ... WHERE status = 'queued'`` is the claim: of several workers racing for the
    same row only one changes it (PostgreSQL re-checks the condition on the locked row; SQLite
    has one writer), the others see no row changed and try the next."""
    query = select(ImportJob.id).where(ImportJob.status == "queued").order_by(ImportJob.id)
    if job_id is not None:
        query = query.where(ImportJob.id == job_id)
    for candidate_id in db.session.scalars(query.limit(5)).all():
        claimed = db.session.execute(
            update(ImportJob)
            .where(ImportJob.id == candidate_id, ImportJob.status == "queued")
            .values(status="running", phase="reading", started_at=now, beat_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            job = db.session.get(ImportJob, candidate_id)
            assert job is not None
            db.session.refresh(job)
            return job
    return None


def fail_stale(now: datetime) -> int:
    """Fail the running jobs whose worker stopped beating (a crash, a killed process)."""
    result = db.session.execute(
        update(ImportJob)
        .where(ImportJob.status == "running", ImportJob.beat_at < now - STALE_AFTER)
        .values(status="failed", phase="finished", error=STALE_MESSAGE, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def execute(job: ImportJob, now: datetime, progress: Progress | None = None) -> ImportResult:
    """Run the claimed job's import in the current transaction (flush only). The caller
    commits when the result is accepted and not a dry run, and rolls back otherwise."""
    data = db.session.scalar(select(ImportJob.data).where(ImportJob.id == job.id))
    owner = db.session.get(Recruiter, job.started_by_id) if job.started_by_id else None
    if owner is None or owner.team_id != job.team_id:
        raise NotFound("the recruiter who started this import (no longer in the team)")
    return run_import(
        owner,
        data or b"",
        now,
        filename=job.filename,
        owner_profile_url=job.owner_profile_url,
        skip_bad_rows=job.skip_bad_rows,
        dry_run=job.dry_run,
        kind=job.kind,
        progress=progress,
    )


def finish(job_id: int, result: ImportResult, now: datetime) -> ImportJob:
    """Record how the job ended: ``done`` when accepted, ``failed`` (refused) otherwise. An
    applied import gives up its file."""
    job = db.session.get(ImportJob, job_id)
    assert job is not None
    applied = result.accepted and not result.dry_run
    job.status = "done" if result.accepted else "failed"
    job.phase = "finished"
    job.result = result.to_dict() | {"applied": applied}
    job.error = None if result.accepted else refusal_message(result)
    job.rows_total = result.rows_total
    job.rows_read = result.rows_total
    job.rows_applied = result.rows_applied
    job.beat_at = job.finished_at = now
    if applied:
        job.data = None
    db.session.flush()
    return job


def crash(job_id: int, error: str, now: datetime) -> None:
    """A run that raised: failed, with the reason; its writes were rolled back."""
    job = db.session.get(ImportJob, job_id)
    if job is None:
        return
    job.status, job.phase, job.finished_at, job.beat_at = "failed", "finished", now, now
    job.error = f"The import failed and nothing was written: {error}"
    db.session.flush()


def refusal_message(result: ImportResult) -> str:
    count = len(result.problems)
    return f"Import refused: {count} problem{'s' if count != 1 else ''}; nothing was written."


def purge_expired(now: datetime) -> int:
    """Drop the files of previews past :data:`UPLOAD_LIFETIME` and of finished imports."""
    result = db.session.execute(
        update(ImportJob)
        .where(
            ImportJob.data.is_not(None),
            ImportJob.status.in_(("done", "failed")),
            ImportJob.created_at < now - UPLOAD_LIFETIME,
        )
        .values(data=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def queued_ids(limit: int = 10) -> list[int]:
    query = select(ImportJob.id).where(ImportJob.status == "queued").order_by(ImportJob.id)
    return list(db.session.scalars(query.limit(limit)))


def recent_imports(owner: Recruiter, limit: int = 10) -> list[ImportJob]:
    query = owned(ImportJob, owner).order_by(ImportJob.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def describe(job: ImportJob) -> dict[str, Any]:
    """What the API and the progress page say about a job."""
    result = job.result or {}
    total = job.rows_total
    percent = None
    if job.status in ("done", "failed") and job.phase == "finished":
        percent = 100
    elif total:
        percent = round(100 * (job.rows_read + job.rows_applied) / (2 * total))
    problems = result.get("problems", [])
    errors = [job.error] if job.error else []
    text = PHASE_LABELS.get(job.phase, job.phase)
    if total:
        text += f": {job.rows_read:,} of {total:,} rows read, {job.rows_applied:,} applied"
    return {
        "id": job.id,
        "status": job.status,
        "phase": job.phase,
        "dry_run": job.dry_run,
        "skip_bad_rows": job.skip_bad_rows,
        "filename": job.filename,
        "rows_total": total,
        "rows_read": job.rows_read,
        "rows_applied": job.rows_applied,
        "percent": percent,
        "text": text + ".",
        "applied": bool(result.get("applied", False)),
        "candidates": result.get("candidates"),
        "messages": result.get("messages"),
        "connection_requests": result.get("connection_requests"),
        "problems": problems,
        "possible_duplicates": result.get("possible_duplicates", []),
        "errors": errors,
        "created_at": iso_z(job.created_at),
        "started_at": iso_z(job.started_at),
        "finished_at": iso_z(job.finished_at),
    }
