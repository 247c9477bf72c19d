"""Imports: upload a LinkedIn export or a candidates CSV; its preview and then the import run
in the background (``recruiter.import_worker``) while the import's page shows the progress."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from recruiter import import_worker
from recruiter.extensions import db
from recruiter.forms_imports import ConfirmImportForm, DiscardImportForm, ImportForm
from recruiter.models import ImportJob
from recruiter.services import NotFound, ServiceError
from recruiter.services.imports import background
from recruiter.settings import current as current_settings
from recruiter.views.helpers import utcnow

bp = Blueprint("imports", __name__)
bp.before_request(login_required(lambda: None))

GONE = "That upload has expired or was already imported. Upload the file again."


def _limit_mb() -> str:
    limit = current_settings().max_content_length
    return f"{limit / 2**20:.0f} MB" if limit >= 2**20 else f"{limit / 1024:.0f} KB"


def _upload_page(form: ImportForm, error: str | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    return render_template(
        "imports/linkedin.html", form=form, error=error, limit=_limit_mb()
    ), status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc: RequestEntityTooLarge):  # type: ignore[no-untyped-def]
    message = (
        f"That file is larger than the {_limit_mb()} upload limit, so nothing was read. "
        "Upload only the files Reliant reads (Connections.csv, Invitations.csv, messages.csv), "
        "zipped, or import the unzipped export with the command line: "
        "flask --app app import linkedin PATH."
    )
    return _upload_page(ImportForm(formdata=None), message, 413)


@bp.route("/linkedin", methods=["GET", "POST"])
def linkedin():  # type: ignore[no-untyped-def]
    """Store the upload and queue its preview; the page of the import shows it coming."""
    form = ImportForm()
    if not form.validate_on_submit():
        return _upload_page(form, status=422 if form.errors else 200)
    file = form.file.data
    job = background.queue_import(
        current_user,
        file.read(),
        file.filename or "upload",
        utcnow(),
        dry_run=True,
        skip_bad_rows=bool(form.skip_bad_rows.data),
        owner_profile_url=(form.owner_profile_url.data or "").strip() or None,
    )
    db.session.commit()
    import_worker.kick()
    return redirect(url_for("imports.show", job_id=job.id), 303)


def _job(job_id: str) -> ImportJob:
    return background.get_import(current_user, job_id)


@bp.route("/linkedin/<job_id>", methods=["GET"])
def show(job_id: str):  # type: ignore[no-untyped-def]
    """Where the import stands: progress while queued or running (the page refreshes itself
    through ``static/imports.js``), then the preview or the result."""
    job = _job(job_id)
    info = background.describe(job)
    if job.status in ("queued", "running"):
        return render_template("imports/progress.html", job=job, info=info)
    result = job.result
    if result is None:  # crashed or stale: no counts, only the reason
        return render_template("imports/failed.html", job=job, info=info)
    if job.dry_run:
        return render_template(
            "imports/preview.html",
            job=job,
            result=result,
            can_confirm=background.has_file(job),
            confirm_form=ConfirmImportForm(skip_bad_rows=job.skip_bad_rows),
            discard_form=DiscardImportForm(),
        )
    if job.status == "failed":
        return render_template("imports/failed.html", job=job, info=info, result=result)
    return render_template("imports/result.html", job=job, result=result)


@bp.route("/linkedin/<job_id>/status", methods=["GET"])
def status(job_id: str):  # type: ignore[no-untyped-def]
    """The progress as JSON, for the page's own polling (the API has the same at
    ``/api/v1/imports/<id>``, with a token)."""
    return jsonify(background.describe(_job(job_id)))


@bp.route("/linkedin/<job_id>", methods=["POST"])
def confirm(job_id: str):  # type: ignore[no-untyped-def]
    """Import what the preview showed: queued like the preview, shown on its own page."""
    try:
        preview = _job(job_id)
        form = ConfirmImportForm()
        if not form.validate_on_submit():
            flash("The confirmation was not accepted; please try again.", "danger")
            return redirect(url_for("imports.show", job_id=preview.id))
        job = background.confirm_preview(
            current_user, preview, bool(form.skip_bad_rows.data), utcnow()
        )
    except NotFound:
        db.session.rollback()
        return _upload_page(ImportForm(formdata=None), GONE, 404)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "warning")
        return redirect(url_for("imports.show", job_id=preview.id), 303)
    db.session.commit()
    import_worker.kick()
    return redirect(url_for("imports.show", job_id=job.id), 303)


@bp.route("/linkedin/<job_id>/discard", methods=["POST"])
def discard(job_id: str):  # type: ignore[no-untyped-def]
    job = _job(job_id)  # another's: 404
    if DiscardImportForm().validate_on_submit():
        background.discard_import(job)
        db.session.commit()
        flash("The upload was deleted; nothing was imported.", "info")
    return redirect(url_for("imports.linkedin"))
