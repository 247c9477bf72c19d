"""Imports: upload a LinkedIn export or a candidates CSV, preview it, confirm it."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from recruiter.extensions import db
from recruiter.forms_imports import ConfirmImportForm, DiscardImportForm, ImportForm
from recruiter.services import NotFound, imports
from recruiter.settings import current as current_settings
from recruiter.views.helpers import utcnow

bp = Blueprint("imports", __name__)
bp.before_request(login_required(lambda: None))


def _directory() -> Path:
    return Path(current_app.instance_path) / "imports"


def _limit_mb() -> str:
    limit = current_settings().max_content_length
    return f"{limit / 2**20:.0f} MB" if limit >= 2**20 else f"{limit / 1024:.0f} KB"


def _upload_page(form: ImportForm, error: str | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    return render_template(
        "imports/linkedin.html", form=form, error=error, limit=_limit_mb()
    ), status


def _run(upload: imports.Upload, skip_bad_rows: bool, dry_run: bool) -> imports.ImportResult:
    """One run of the import; kept only when applied and accepted."""
    result = imports.run_import(
        current_user,
        upload.path,
        utcnow(),
        filename=upload.filename,
        owner_profile_url=upload.owner_profile_url,
        skip_bad_rows=skip_bad_rows,
        dry_run=dry_run,
    )
    if dry_run or result.refused:
        db.session.rollback()
    else:
        db.session.commit()
    return result


def _preview(upload: imports.Upload, result: imports.ImportResult, status: int = 200):  # type: ignore[no-untyped-def]
    confirm = ConfirmImportForm(skip_bad_rows=result.skip_bad_rows)
    return render_template(
        "imports/preview.html",
        result=result,
        upload=upload,
        confirm_form=confirm,
        discard_form=DiscardImportForm(),
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
    form = ImportForm()
    if not form.validate_on_submit():
        return _upload_page(form, status=422 if form.errors else 200)
    file = form.file.data
    upload = imports.stash_upload(
        _directory(),
        current_user,
        file.read(),
        file.filename or "upload",
        utcnow(),
        owner_profile_url=(form.owner_profile_url.data or "").strip() or None,
    )
    result = _run(upload, bool(form.skip_bad_rows.data), dry_run=True)
    return _preview(upload, result, 422 if result.refused else 200)


@bp.route("/linkedin/<token>", methods=["POST"])
def confirm(token: str):  # type: ignore[no-untyped-def]
    try:
        upload = imports.load_upload(_directory(), current_user, token, utcnow())
    except NotFound:
        message = "That upload has expired or was already imported. Upload the file again."
        return _upload_page(ImportForm(formdata=None), message, 404)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        flash("The confirmation was not accepted; please try again.", "danger")
        return redirect(url_for("imports.linkedin"))
    result = _run(upload, bool(form.skip_bad_rows.data), dry_run=False)
    if result.refused:
        return _preview(upload, result, 422)
    imports.discard_upload(_directory(), token)
    return render_template("imports/result.html", result=result)


@bp.route("/linkedin/<token>/discard", methods=["POST"])
def discard(token: str):  # type: ignore[no-untyped-def]
    imports.load_upload(_directory(), current_user, token, utcnow())  # another's: 404
    if DiscardImportForm().validate_on_submit():
        imports.discard_upload(_directory(), token)
        flash("The upload was deleted; nothing was imported.", "info")
    return redirect(url_for("imports.linkedin"))
