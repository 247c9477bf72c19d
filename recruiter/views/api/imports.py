"""Import a LinkedIn export (or a candidates CSV) over the API: multipart, all-or-nothing."""

from __future__ import annotations

from flask import g, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from recruiter.extensions import db
from recruiter.services import imports
from recruiter.settings import current as current_settings
from recruiter.views.api import ApiError, route
from recruiter.views.helpers import utcnow

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}


def _flag(form: dict, name: str) -> bool:
    value = str(form.get(name, "")).strip().lower()
    if value in TRUE | FALSE:
        return value in TRUE
    raise ApiError(422, "The request has invalid fields.", {name: ["Use true or false."]})


@route(
    "/imports/linkedin",
    "POST",
    "Import a LinkedIn export or candidates CSV (multipart: file, dry_run, skip_bad_rows, "
    "owner_profile_url); 200 dry run, 201 applied, 422 refused with the problems",
    status=201,
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
    result = imports.run_import(
        g.recruiter,
        upload.read(),
        utcnow(),
        filename=upload.filename,
        owner_profile_url=(form.get("owner_profile_url") or "").strip() or None,
        skip_bad_rows=skip_bad_rows,
        dry_run=dry_run,
    )
    body = result.to_dict() | {"applied": False}
    if result.refused:
        db.session.rollback()
        count = len(result.problems)
        message = (
            f"Import refused: {count} problem{'s' if count != 1 else ''}; nothing was written."
        )
        body["error"] = {"message": message, "problems": body["problems"]}
        return jsonify(body), 422
    if dry_run:
        db.session.rollback()
        return jsonify(body), 200
    db.session.commit()
    body["applied"] = True
    return jsonify(body), 201
