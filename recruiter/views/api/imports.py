"""Import a LinkedIn export (or a candidates CSV) over the API: multipart, queued, run in the
background (``recruiter.import_worker``); ``GET /api/v1/imports/<id>`` says where it stands."""

from __future__ import annotations

from typing import Literal

from flask import g, jsonify, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from recruiter import import_worker
from recruiter.extensions import db
from recruiter.services.imports import background
from recruiter.settings import current as current_settings
from recruiter.views.api import ApiError, route
from recruiter.views.api.schemas import Out
from recruiter.views.helpers import utcnow

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}


class CountsOut(Out):
    created: int
    updated: int
    skipped: int


class CandidateCountsOut(CountsOut):
    possible_duplicates: int = 0  # rows in ``possible_duplicates``


class PossibleDuplicateOut(Out):
    """A row that may be a candidate the recruiter already has: created anyway (``created``:
    same name at the same company, or same e-mail), or matched by e-mail to a candidate with
    another profile URL (``matched``). Merge from the candidate page or the API."""

    file: str
    row: int | None
    full_name: str
    profile_url: str | None
    action: Literal["created", "matched"]
    reasons: list[Literal["email", "name_company"]]
    existing_ids: list[int]
    existing_names: list[str]


class ProblemOut(Out):
    file: str
    row: int | None
    message: str


class ImportOut(Out):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    phase: Literal["queued", "reading", "matching", "applying", "scoring", "finished"]
    text: str
    dry_run: bool
    skip_bad_rows: bool
    filename: str
    rows_total: int | None
    rows_read: int
    rows_applied: int
    percent: int | None
    applied: bool
    candidates: CandidateCountsOut | None
    messages: CountsOut | None
    connection_requests: CountsOut | None
    problems: list[ProblemOut]
    possible_duplicates: list[PossibleDuplicateOut]
    errors: list[str]
    created_at: str
    started_at: str | None
    finished_at: str | None


def _flag(form: dict, name: str) -> bool:
    value = str(form.get(name, "")).strip().lower()
    if value in TRUE | FALSE:
        return value in TRUE
    raise ApiError(422, "The request has invalid fields.", {name: ["Use true or false."]})


def _body(job) -> dict:  # type: ignore[no-untyped-def]
    return ImportOut.model_validate(background.describe(job)).model_dump(mode="json")


@route(
    "/imports/linkedin",
    "POST",
    "Queue the import of a LinkedIn export or candidates CSV (multipart: file, dry_run, "
    "skip_bad_rows, owner_profile_url); 202 with the import's id, then follow it at "
    "/api/v1/imports/<id>",
    response=ImportOut,
    status=202,
)
def import_linkedin():  # type: ignore[no-untyped-def]
    try:
        upload = request.files.get("file")
        form = request.form.to_dict()
    except RequestEntityTooLarge:
        limit = current_settings().max_content_length // 2**20
        raise ApiError(
            413, f"The file is larger than the {limit} MB limit; nothing was read."
        ) from None
    if upload is None or not upload.filename:
        message = "Send the file as multipart/form-data in the field 'file'."
        raise ApiError(422, message, {"file": ["A zip or CSV file is required."]})
    dry_run, skip_bad_rows = _flag(form, "dry_run"), _flag(form, "skip_bad_rows")
    job = background.queue_import(
        g.recruiter,
        upload.read(),
        upload.filename,
        utcnow(),
        dry_run=dry_run,
        skip_bad_rows=skip_bad_rows,
        owner_profile_url=(form.get("owner_profile_url") or "").strip() or None,
    )
    db.session.commit()
    import_worker.kick()
    response = jsonify(_body(job))
    response.status_code = 202
    response.headers["Location"] = url_for("api.get_import", job_id=job.id)
    return response


@route(
    "/imports/<int:job_id>",
    "GET",
    "Where an import stands: status (queued, running, done, failed), phase, rows read and "
    "applied, counts and problems once finished",
    response=ImportOut,
)
def get_import(job_id: int):  # type: ignore[no-untyped-def]
    return jsonify(_body(background.get_import(g.recruiter, job_id)))
